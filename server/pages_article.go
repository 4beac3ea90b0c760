package server

import (
	"net/http"
	"net/url"

	"github.com/baosou/baosou/article"
	"github.com/gin-gonic/gin"
)

// relatedSize is how many related articles an article page lists.
const relatedSize = 5

type articleView struct {
	chrome
	A            *article.Article
	Pages        []link // the pages it was printed on, in its issue when browsable
	IssueURL     string // the day's paper, when browsable
	NewspaperURL string
	SectionURL   string
	Authors      []link
	Regions      []link
	Related      []hitView
}

func searchURL(param, value string) string {
	return "/search?" + url.Values{param: {value}}.Encode()
}

// articlePage serves one article in full.
func (h *handlers) articlePage(c *gin.Context) error {
	a, err := h.getArticle(c)
	if err != nil {
		return err
	}
	v := articleView{chrome: h.chrome(a.Title, ""), A: a, NewspaperURL: searchURL("newspaper", a.Newspaper)}
	if a.Section != "" {
		v.SectionURL = searchURL("section", a.Section)
	}
	pages := a.Pages
	if len(pages) == 0 && a.Page != "" {
		pages = []string{a.Page}
	}
	if h.cfg.Browser != nil {
		v.IssueURL = issueURL(a.Newspaper, a.Date)
	}
	for _, p := range pages {
		l := link{Text: p}
		if v.IssueURL != "" {
			l.URL = v.IssueURL + "#page-" + p
		}
		v.Pages = append(v.Pages, l)
	}
	for _, au := range a.Authors {
		v.Authors = append(v.Authors, link{Text: au, URL: searchURL("author", au)})
	}
	for _, r := range a.Regions {
		v.Regions = append(v.Regions, link{Text: regionName(r), URL: searchURL("region", r)})
	}
	if h.cfg.Relater != nil {
		// Related articles are a courtesy: the article is served without
		// them when they fail.
		res, err := h.cfg.Relater.Related(c.Request.Context(), a.ID, relatedSize)
		if err != nil {
			h.cfg.Log.Warn("related articles", "id", a.ID, "err", err)
		} else if res != nil {
			for _, hit := range res.Hits {
				v.Related = append(v.Related, newHitView(hit))
			}
		}
	}
	return h.render(c, http.StatusOK, "article", v)
}
