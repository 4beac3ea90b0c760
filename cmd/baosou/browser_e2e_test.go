package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive the pages of the real `baosou serve` in headless
// Chromium: the suggestions under the box, facets, sort, paging, an
// article, its issue and the next page of the paper, at desktop and phone
// width, with no console error and no CSP violation. They skip only when
// no Chromium binary is found (CI installs Debian's chromium).

var screenshots = flag.Bool("screenshots", false, "write screenshots of the pages to docs/screenshots")

// screenshotDir is where -screenshots writes, from cmd/baosou.
const screenshotDir = "../../docs/screenshots"

// BAOSOU_BROWSER_ADDR=host:port walks a server already running on the
// sample instead of starting one.

// chromium finds a Chromium binary: $BAOSOU_CHROMIUM or one on PATH.
func chromium() string {
	if p := os.Getenv("BAOSOU_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// consoleWatch keeps what the page writes to the console: errors,
// exceptions and the browser log's errors, where CSP violations and
// failed loads appear.
type consoleWatch struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

func watchConsole(ctx context.Context) *consoleWatch {
	w := &consoleWatch{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			bad := m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException ||
				strings.Contains(m.Text, "Content Security Policy")
			if bad {
				w.mu.Lock()
				w.msgs = append(w.msgs, m)
				w.mu.Unlock()
			}
		}
	}()
	return w
}

func (w *consoleWatch) take() []chromedp.ConsoleMessage {
	w.mu.Lock()
	defer w.mu.Unlock()
	m := w.msgs
	w.msgs = nil
	return m
}

// browser is one tab on the served archive.
type browser struct {
	ctx     context.Context
	base    string
	console *consoleWatch
}

// stepTimeout bounds one step: generous for a loaded CI machine, and what
// a step waiting for something that never shows costs.
const stepTimeout = 45 * time.Second

// step runs one part of the walk as a subtest with its own deadline, and
// fails it on any console error it caused.
func (b *browser) step(t *testing.T, name string, f func(t *testing.T, ctx context.Context)) {
	t.Run(name, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
		defer cancel()
		b.console.take()
		f(t, ctx)
		for _, m := range b.console.take() {
			t.Errorf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1)
		}
	})
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Location())
		t.Fatalf("%s: %v (at %s)", what, err, loc)
	}
}

func runT[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// texts are the trimmed texts of the elements sel selects.
func texts(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	q, _ := json.Marshal(sel)
	return runT(t, ctx, "texts of "+sel, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll(%s), e => e.textContent.trim().replace(/\s+/g, ' '))`, q)))
}

func attrs(t *testing.T, ctx context.Context, sel, name string) []string {
	t.Helper()
	q, _ := json.Marshal(sel)
	n, _ := json.Marshal(name)
	return runT(t, ctx, "attributes of "+sel, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll(%s), e => e.getAttribute(%s))`, q, n)))
}

func location(t *testing.T, ctx context.Context) *url.URL {
	t.Helper()
	u, err := url.Parse(runT(t, ctx, "location", chromedp.Location()))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

var countRE = regexp.MustCompile(`^找到 (\d+) 篇`)

// shownCount reads "找到 N 篇".
func shownCount(t *testing.T, ctx context.Context) uint64 {
	t.Helper()
	c := runT(t, ctx, "count", chromedp.Text(chromedp.CSS("#count")))
	m := countRE.FindStringSubmatch(strings.TrimSpace(c))
	if m == nil {
		t.Fatalf("count line %q", c)
	}
	n, _ := strconv.ParseUint(m[1], 10, 64)
	return n
}

var dateRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

func hitDates(t *testing.T, ctx context.Context) []string {
	var out []string
	for _, m := range texts(t, ctx, ".hit .meta") {
		out = append(out, dateRE.FindString(m))
	}
	return out
}

// noSideScroll says the page fits the viewport's width.
func noSideScroll(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	w := runT(t, ctx, "widths", chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
	if w[0] > w[1] {
		t.Errorf("%s: the page is %d px wide in a %d px viewport", what, w[0], w[1])
	}
}

func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	png := runT(t, ctx, "screenshot", chromedp.FullScreenshot(100))
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(screenshotDir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func getArticle(t *testing.T, s *liveServer, id string) article.Article {
	t.Helper()
	resp, err := http.Get(s.url("/api/articles/" + url.PathEscape(id)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a article.Article
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("article %s: %s", id, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium binary found (chromium, chromium-browser, google-chrome on PATH, or $BAOSOU_CHROMIUM): install Debian's chromium to run the browser tests")
	}
	var s *liveServer
	if addr := os.Getenv("BAOSOU_BROWSER_ADDR"); addr != "" {
		// A server of your own on the sample, to try the walk against.
		s = &liveServer{t: t, info: serveInfo{Addr: addr}}
	} else {
		data := t.TempDir()
		mustRun(t, data, "ingest", "../../testdata/sample")
		s = startServe(t, data)
	}
	base := s.url("")

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first call starts the browser and binds it to its context: this
	// one, without a deadline; each step has its own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	b := &browser{ctx: ctx, base: base, console: watchConsole(ctx)}
	q := "长春"
	resultsURL := base + "/search?q=" + url.QueryEscape(q)
	want, err := s.search(q)
	if err != nil || want.Total <= 10 {
		t.Fatalf("the sample has %v results for %s (%v); the walk wants two pages", want, q, err)
	}

	b.step(t, "home page", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "open /", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
		if got := runT(t, ctx, "details", chromedp.Text(chromedp.CSS("details.help summary"))); got != "搜索语法" {
			t.Errorf("help summary %q", got)
		}
		shoot(t, ctx, "home-1280")
	})

	// Steps fail at once, not at their deadline, when what they need is
	// missing from the server.
	needSuggest := func(t *testing.T) {
		t.Helper()
		resp, err := http.Get(s.url("/api/suggest?size=8&q=" + url.QueryEscape("长")))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("/api/suggest answers %s: no suggestions can show", resp.Status)
		}
	}

	b.step(t, "suggestions: arrow and Enter", func(t *testing.T, ctx context.Context) {
		needSuggest(t)
		do(t, ctx, "type 长", chromedp.Navigate(base+"/"), chromedp.SendKeys(chromedp.CSS("#q"), "长"),
			chromedp.WaitVisible(chromedp.CSS("#suggest li")))
		sugs := texts(t, ctx, "#suggest li .t")
		if len(sugs) == 0 || len(sugs) > 8 {
			t.Fatalf("suggestions %v", sugs)
		}
		shoot(t, ctx, "suggest-1280")
		do(t, ctx, "pick the first", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(chromedp.CSS("#count")))
		if got := location(t, ctx).Query().Get("q"); got != sugs[0] {
			t.Errorf("searched %q, picked %q", got, sugs[0])
		}
		shownCount(t, ctx)
	})

	b.step(t, "suggestions: infix and click", func(t *testing.T, ctx context.Context) {
		needSuggest(t)
		do(t, ctx, "type 春", chromedp.Navigate(base+"/"), chromedp.SendKeys(chromedp.CSS("#q"), "春"),
			chromedp.WaitVisible(chromedp.CSS("#suggest li")))
		sugs := texts(t, ctx, "#suggest li .t")
		i := slices.Index(sugs, "长春")
		if i < 0 {
			t.Fatalf("春 does not suggest 长春: %v", sugs)
		}
		do(t, ctx, "click 长春", chromedp.Click(chromedp.CSS(fmt.Sprintf("#suggest li:nth-child(%d)", i+1))),
			chromedp.WaitVisible(chromedp.CSS("#count")))
		if got := location(t, ctx).Query().Get("q"); got != "长春" {
			t.Errorf("searched %q after clicking 长春", got)
		}
	})

	b.step(t, "results", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "search", chromedp.Navigate(base+"/"), chromedp.SendKeys(chromedp.CSS("#q"), q+kb.Enter),
			chromedp.WaitVisible(chromedp.CSS("#count")))
		if n := shownCount(t, ctx); n != want.Total {
			t.Errorf("shows %d results, the API %d", n, want.Total)
		}
		titles := texts(t, ctx, ".hit h2")
		if len(titles) != 10 || titles[0] != strings.NewReplacer("<mark>", "", "</mark>", "").Replace(want.Hits[0].Highlights.Title) {
			t.Errorf("titles %v, first hit %q", titles, want.Hits[0].Title)
		}
		if marks := texts(t, ctx, ".hit mark"); len(marks) == 0 || marks[0] != q {
			t.Errorf("highlights %v", marks)
		}
		shoot(t, ctx, "search-1280")
	})

	b.step(t, "facet narrows", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "results", chromedp.Navigate(resultsURL), chromedp.WaitVisible(chromedp.CSS(".hit")))
		if len(texts(t, ctx, ".facets .facet li a")) == 0 {
			t.Fatal("the results page shows no facets")
		}
		before := shownCount(t, ctx)
		name := texts(t, ctx, ".facets .facet li a")[0]
		n, _ := strconv.ParseUint(texts(t, ctx, ".facets .facet li .n")[0], 10, 64)
		do(t, ctx, "click facet "+name, chromedp.Click(chromedp.CSS(".facets .facet li a")), chromedp.WaitVisible(chromedp.CSS("a.chip")))
		chips := texts(t, ctx, "a.chip")
		if len(chips) != 1 || !strings.Contains(chips[0], name) {
			t.Errorf("chips %v after picking %s", chips, name)
		}
		if after := shownCount(t, ctx); after != n || after > before {
			t.Errorf("%s: %d results, the facet said %d, before %d", name, after, n, before)
		}
		do(t, ctx, "remove the chip", chromedp.Click(chromedp.CSS("a.chip")), chromedp.WaitNotPresent(chromedp.CSS("a.chip")))
		if again := shownCount(t, ctx); again != before {
			t.Errorf("without the chip: %d, want %d", again, before)
		}
	})

	b.step(t, "sort by date", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "results", chromedp.Navigate(resultsURL), chromedp.WaitVisible(chromedp.CSS(".sorts")))
		do(t, ctx, "最新", chromedp.Click(chromedp.CSS(`.sorts a[href*="sort=-date"]`)),
			chromedp.WaitVisible(`//strong[contains(@class,"on") and text()="最新"]`))
		d := hitDates(t, ctx)
		if len(d) == 0 || !slices.IsSortedFunc(d, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("最新: dates %v", d)
		}
		do(t, ctx, "最早", chromedp.Click(chromedp.CSS(`.sorts a[href*="sort=date"]`)),
			chromedp.WaitVisible(`//strong[contains(@class,"on") and text()="最早"]`))
		if d := hitDates(t, ctx); len(d) == 0 || !slices.IsSorted(d) {
			t.Errorf("最早: dates %v", d)
		}
	})

	b.step(t, "page 2", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "results", chromedp.Navigate(resultsURL), chromedp.WaitVisible(chromedp.CSS(".pager")))
		first := attrs(t, ctx, ".hit h2 a", "href")
		do(t, ctx, "下一页", chromedp.Click(chromedp.CSS(`.pager a[rel="next"]`)),
			chromedp.WaitVisible(`//nav[@class="pager"]/strong[text()="2"]`))
		second := attrs(t, ctx, ".hit h2 a", "href")
		if len(second) == 0 || slices.ContainsFunc(second, func(h string) bool { return slices.Contains(first, h) }) {
			t.Errorf("page 2 %v repeats page 1 %v", second, first)
		}
		if got := location(t, ctx).Query().Get("page"); got != "2" {
			t.Errorf("page=%q", got)
		}
	})

	var articleURL, issueHash string
	b.step(t, "article", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "results", chromedp.Navigate(resultsURL), chromedp.WaitVisible(chromedp.CSS(".hit h2 a")))
		do(t, ctx, "open the first hit", chromedp.Click(chromedp.CSS(".hit h2 a")), chromedp.WaitVisible(chromedp.CSS("article.full .body p")))
		u := location(t, ctx)
		articleURL = u.String()
		id, _ := url.PathUnescape(strings.TrimPrefix(u.Path, "/articles/"))
		a := getArticle(t, s, id)
		if h1 := runT(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1"))); h1 != a.Title {
			t.Errorf("h1 %q, want %q", h1, a.Title)
		}
		var body []string
		for _, p := range a.Body {
			body = append(body, strings.Join(strings.Fields(p), " ")) // as texts reads the page
		}
		if got := texts(t, ctx, "article.full .body p"); !slices.Equal(got, body) {
			t.Errorf("body\n got %q\nwant %q", got, body)
		}
		if a.Page != "" {
			issueHash = "#page-" + a.Page
		}
		shoot(t, ctx, "article-1280")
	})

	var issueURL string
	b.step(t, "its issue", func(t *testing.T, ctx context.Context) {
		if articleURL == "" {
			t.Fatal("no article was opened to start from")
		}
		do(t, ctx, "article", chromedp.Navigate(articleURL), chromedp.WaitVisible(chromedp.CSS("article.full h1")))
		if len(attrs(t, ctx, "#issue-link", "href")) == 0 {
			t.Fatal("the article page has no link to its issue: the server has no Browser")
		}
		do(t, ctx, "open the issue", chromedp.Click(chromedp.CSS("#issue-link")), chromedp.WaitVisible(chromedp.CSS("section.paper-page")))
		u := location(t, ctx)
		if u.Fragment == "" || "#"+u.Fragment != issueHash {
			t.Errorf("issue URL %s, want the anchor %s", u, issueHash)
		}
		target := runT(t, ctx, ":target", chromedp.Evaluate[string](`(document.querySelector(':target') || {}).id || ''`))
		if "#"+target != issueHash {
			t.Errorf(":target %q, want %s", target, issueHash)
		}
		links := attrs(t, ctx, issueHash+" a", "href")
		art, _ := url.Parse(articleURL)
		if !slices.Contains(links, art.Path) {
			t.Errorf("the page %s does not list the article %s: %v", issueHash, art.Path, links)
		}
		u.Fragment = ""
		issueURL = u.String()
		shoot(t, ctx, "issue-1280")
	})

	b.step(t, "next page of the paper", func(t *testing.T, ctx context.Context) {
		if issueURL == "" {
			t.Fatal("no issue was opened to start from")
		}
		do(t, ctx, "issue", chromedp.Navigate(issueURL), chromedp.WaitVisible(chromedp.CSS("section.paper-page")))
		ids := attrs(t, ctx, "section.paper-page", "id")
		if len(ids) < 2 {
			t.Skipf("the issue has %d page(s)", len(ids))
		}
		do(t, ctx, "下一版", chromedp.Click(chromedp.CSS("#"+ids[0]+" a.nextpage")))
		runT(t, ctx, "the next page's anchor", chromedp.Poll[bool](fmt.Sprintf(`location.hash === %q`, "#"+ids[1])))
		if target := runT(t, ctx, ":target", chromedp.Evaluate[string](`document.querySelector(':target').id`)); target != ids[1] {
			t.Errorf(":target %q, want %s", target, ids[1])
		}
		// The paper's next issue, when it has one, and the month.
		if next := attrs(t, ctx, `.issues a[rel="next"]`, "href"); len(next) == 1 {
			do(t, ctx, "下一期", chromedp.Click(chromedp.CSS(`.issues a[rel="next"]`)),
				chromedp.WaitVisible(chromedp.CSS("section.paper-page")))
			if nu, _ := url.Parse(next[0]); location(t, ctx).Path != nu.Path {
				got := location(t, ctx).Path
				t.Errorf("下一期 went to %s, want %s", got, nu.Path)
			}
		}
		do(t, ctx, "the month", chromedp.Click(chromedp.CSS(".crumbs a:nth-of-type(2)")), chromedp.WaitVisible(chromedp.CSS("table.cal td.has a")))
		shoot(t, ctx, "calendar-1280")
	})

	b.step(t, "phone width", func(t *testing.T, ctx context.Context) {
		do(t, ctx, "375 px", chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile), chromedp.Navigate(resultsURL), chromedp.WaitVisible(chromedp.CSS(".hit")))
		defer chromedp.Do(context.WithoutCancel(ctx), chromedp.EmulateViewport(1280, 900))
		noSideScroll(t, ctx, "results")
		shoot(t, ctx, "search-375")
		for _, u := range []string{articleURL, issueURL} {
			if u == "" {
				continue
			}
			do(t, ctx, "open "+u, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("h1")))
			noSideScroll(t, ctx, u)
		}
		if articleURL != "" {
			shoot(t, ctx, "article-375")
		}
	})

	b.step(t, "errors are pages", func(t *testing.T, ctx context.Context) {
		resp := runT(t, ctx, "bad date", chromedp.NavigateResponse(base+"/search?q=x&from=2019-13"))
		if resp.Status != http.StatusBadRequest {
			t.Errorf("bad date: %d", resp.Status)
		}
		if e := texts(t, ctx, "p.error"); len(e) != 1 || !strings.Contains(e[0], "日期") {
			t.Errorf("bad date message %v", e)
		}
		b.console.take() // the 400 itself is logged as a failed load
	})
}
