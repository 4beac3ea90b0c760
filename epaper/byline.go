package epaper

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Byline patterns. All are RE2 (linear time); none is applied to more than
// one line at a time.
var (
	// roleRe is a reporter role with its modifiers, so that "本报通讯员" in
	// "本报记者 张三 本报通讯员 李四" is a role and not a name.
	roleRe = regexp.MustCompile(`(?:本报|本刊|新华社|中新社)?(?:特约|特派|见习|实习|首席|驻\p{Han}{1,4}?)?(?:摄影记者|记者|通讯员|实习生|撰稿人|撰稿|撰文|摄影)`)
	// leadRoleRe: one-character roles (文, 图) only count at the start of a
	// byline and followed by a separator: "文/图 刘玺东 易赛楠", "文 张三".
	leadRoleRe = regexp.MustCompile(`^(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文图|文|图)(?:[\s:：/／]+)`)
	// parenRe finds parenthesised groups: （记者杜一菲）, (文/图 刘玺东 易赛楠).
	parenRe = regexp.MustCompile(`[（(]([^（）()]{1,80})[）)]`)
	// tailPhotoRe finds a photo credit ending a caption line:
	// "…景区。 本报记者  贺  勇摄".
	tailPhotoRe = regexp.MustCompile(`(?:^|[\s。！？；）)])([\p{Han}·]{0,12}(?:记者|通讯员)[\s\p{Han}、]{2,30}?(?:摄影报道|摄影|摄))\s*$`)
	// tailBarePhotoRe: "… 严贵旺摄影报道" after whitespace.
	tailBarePhotoRe = regexp.MustCompile(`\s(\p{Han}{2,4}\s*(?:摄影报道|摄影|摄))\s*$`)
)

// bylineMarkers are the bullets e-papers put before bylines (□ 李亚辉).
const bylineMarkers = "□■◆◇●○▲△★☆▪▫◎"

// creditSuffixes end a byline; the photo ones make a bare name a credit.
var creditSuffixes = []struct {
	s     string
	photo bool
}{
	{"摄影报道", true}, {"摄影", true}, {"摄", true}, {"供图", true},
	{"采访整理", false}, {"整理", false}, {"报道", false}, {"供稿", false},
}

// notNames are words that follow 记者 in headings (记者手记) and must not be
// read as names.
var notNames = map[string]bool{
	"手记": true, "点评": true, "观察": true, "调查": true, "札记": true, "来信": true,
	"日记": true, "笔记": true, "随笔": true, "探访": true, "获悉": true, "了解": true,
	"发现": true, "采访": true, "专访": true, "连线": true, "述评": true, "评论": true,
	"视点": true, "感言": true, "走访": true, "手札": true, "见闻": true, "聚焦": true,
	"实录": true, "体验": true, "追踪": true, "现场": true, "一线": true, "近日": true,
	"日前": true, "昨天": true, "今天": true, "记者": true, "本报": true, "通讯员": true,
	"注意到": true, "看到": true, "获知": true, "从中": true,
}

// Bylines pulls author names out of byline lines and returns the lines that
// are not bylines. A line that is wholly a byline (□ 中国妇女报·中国女网记者
// 徐旭, □ 李亚辉, 本报记者 张三 通讯员 李四, （记者杜一菲）, 严贵旺摄影报道,
// 本报记者  贺  勇摄) is dropped from rest; a byline inside a longer line
// (本报北京1月31日电 （记者杜一菲）国家主席…, …(文/图 刘玺东 易赛楠)) gives
// its authors and the line is kept. Outlet names (中国妇女报·中国女网, 本报,
// 新华社) and roles are never authors. Only clear patterns count, so it is
// safe on arbitrary body text; authors come out once each, in order.
func Bylines(lines []string) (authors []string, rest []string) {
	seen := map[string]bool{}
	add := func(names []string) {
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				authors = append(authors, n)
			}
		}
	}
	for _, line := range lines {
		if names, ok := bylineLine(line); ok {
			add(names)
			continue
		}
		add(inlineBylines(line))
		rest = append(rest, line)
	}
	return authors, rest
}

// bylineLine reports whether line is wholly a byline and which names it gives.
func bylineLine(line string) ([]string, bool) {
	l := cleanSpace(line)
	if l == "" || utf8.RuneCountInString(l) > 80 {
		return nil, false
	}
	marked := strings.ContainsRune(bylineMarkers, firstRune(l))
	l = strings.TrimLeft(l, bylineMarkers+" ")
	if inner, ok := enclosed(l); ok {
		names := parenNames(inner)
		return names, len(names) > 0
	}
	// "翟慧勇摄（影像中国）": a credit followed by the agency in brackets.
	if strings.HasSuffix(l, "）") || strings.HasSuffix(l, ")") {
		if i := strings.LastIndexAny(l, "（("); i > 0 {
			if b, ok := parseSegment(strings.TrimSpace(l[:i])); ok && b.photo {
				return b.names, true
			}
		}
	}
	var names []string
	for _, seg := range splitSegments(l) {
		b, ok := parseSegment(seg)
		if !ok {
			return nil, false
		}
		// Without a bullet, a bare role must be set off from the name
		// (本报记者 张三) or carry an outlet (本报记者张三), so headings
		// like 记者点评 stay text.
		if !marked && !b.photo && (b.bare || (b.prefix == "" && !b.spaced)) {
			return nil, false
		}
		names = append(names, b.names...)
	}
	return names, len(names) > 0
}

// inlineBylines finds bylines inside a longer line.
// Every paragraph of every article passes here; the checks before each
// expression skip it, exactly, where it cannot match (most paragraphs:
// the expressions were 1.5% of an ingest's CPU).
func inlineBylines(line string) []string {
	var names []string
	if strings.ContainsAny(line, "（(") {
		names = parenBylines(line)
	}
	if l := strings.TrimSpace(line); endsInPhotoCredit(l) {
		names = append(names, tailCredit(l)...)
	}
	return names
}

// parenBylines reads the bylines in brackets inside line.
func parenBylines(line string) []string {
	var names []string
	for _, m := range parenRe.FindAllStringSubmatch(line, 16) {
		names = append(names, parenNames(m[1])...)
	}
	return names
}

// tailCredit reads a photo credit ending the trimmed line l.
func tailCredit(l string) []string {
	if m := tailPhotoRe.FindStringSubmatch(l); m != nil {
		if b, ok := parseSegment(m[1]); ok {
			return b.names
		}
	} else if m := tailBarePhotoRe.FindStringSubmatch(l); m != nil {
		if b, ok := parseSegment(m[1]); ok && b.photo {
			return b.names
		}
	}
	return nil
}

// endsInPhotoCredit says whether a trimmed line ends as tailPhotoRe and
// tailBarePhotoRe require (their \s*$ can only match the empty string at
// the end of a line strings.TrimSpace trimmed).
func endsInPhotoCredit(l string) bool {
	return strings.HasSuffix(l, "摄") || strings.HasSuffix(l, "摄影") || strings.HasSuffix(l, "摄影报道")
}

// parenNames reads the inside of brackets: "记者杜一菲", "见上图，新华社记者金立旺摄",
// "本报记者汪晓东、付文，健康时报记者赵安平". Segments that are not bylines
// (作者为…) are skipped; bare names count only as photo credits.
func parenNames(inner string) []string {
	var names []string
	for _, seg := range splitSegments(inner) {
		if b, ok := parseSegment(seg); ok && (!b.bare || b.photo) {
			names = append(names, b.names...)
		}
	}
	return names
}

type byline struct {
	names  []string
	prefix string // outlet before the first role (本报, 中国妇女报·中国女网)
	spaced bool   // whitespace between the first role and the names
	photo  bool   // ends in a photo credit (摄, 摄影报道)
	bare   bool   // names without any role
}

// parseSegment reads one byline segment: [outlet] role names [role names …]
// [suffix], or bare names.
func parseSegment(seg string) (byline, bool) {
	var b byline
	seg = strings.Trim(cleanSpace(seg), bylineMarkers+" :：")
	for _, sfx := range creditSuffixes {
		if strings.HasSuffix(seg, sfx.s) {
			seg = strings.TrimSpace(strings.TrimSuffix(seg, sfx.s))
			b.photo = sfx.photo
			break
		}
	}
	if seg == "" || utf8.RuneCountInString(seg) > 60 {
		return b, false
	}
	if m := leadRoleRe.FindStringIndex(seg); m != nil {
		names, ok := parseNames(seg[m[1]:])
		b.names, b.spaced = names, true
		return b, ok
	}
	locs := roleRe.FindAllStringIndex(seg, 8)
	if len(locs) == 0 {
		names, ok := parseNames(seg)
		b.names, b.bare = names, true
		return b, ok
	}
	b.prefix = strings.TrimSpace(seg[:locs[0][0]])
	if role := seg[locs[0][0]:locs[0][1]]; b.prefix == "" && role != strings.TrimLeft(role, "本报刊新华社中") {
		b.prefix = "本报" // the outlet is part of the role: 本报记者潘俊强
	}
	if utf8.RuneCountInString(b.prefix) > 24 || strings.ContainsAny(b.prefix, "。！？；!?;“”\"") {
		return b, false
	}
	for j, loc := range locs {
		end := len(seg)
		if j+1 < len(locs) {
			end = locs[j+1][0]
		}
		text := seg[loc[1]:end]
		if j == 0 {
			b.spaced = strings.TrimLeft(text, " ") != text
		}
		names, ok := parseNames(text)
		if !ok {
			return b, false
		}
		b.names = append(b.names, names...)
	}
	return b, len(b.names) > 0
}

// parseNames splits "徐旭", "贺广华、田豆豆", "刘玺东 易赛楠" or the padded
// "贺  勇" into names. Every token must look like a Chinese name (2–4 Han
// characters, or Han parts joined by ·), else the whole text is not names.
func parseNames(s string) ([]string, bool) {
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("、，,/／；;:：", r)
	})
	if len(toks) == 0 || len(toks) > 24 {
		return nil, false
	}
	var names []string
	for i := 0; i < len(toks); {
		t := toks[i]
		// Print pads two-character names to three columns: "贺  勇".
		if utf8.RuneCountInString(t) == 1 {
			j := i
			var b strings.Builder
			for j < len(toks) && utf8.RuneCountInString(toks[j]) == 1 && j-i < 3 {
				b.WriteString(toks[j])
				j++
			}
			if j-i < 2 {
				return nil, false
			}
			t, i = b.String(), j
		} else {
			i++
		}
		if !isName(t) {
			return nil, false
		}
		names = append(names, t)
	}
	return names, true
}

func isName(t string) bool {
	if notNames[t] {
		return false
	}
	n := utf8.RuneCountInString(t)
	if strings.ContainsAny(t, "·•") {
		if n > 20 {
			return false
		}
		for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == '·' || r == '•' }) {
			if !allHan(part) {
				return false
			}
		}
		return !strings.HasPrefix(t, "·") && !strings.HasSuffix(t, "·")
	}
	return n >= 2 && n <= 4 && allHan(t)
}

func allHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// splitSegments splits a byline on commas: "本报记者 张三，通讯员 李四".
func splitSegments(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '，' || r == ',' })
}

// enclosed returns the inside of s when s is wholly one bracketed group.
func enclosed(s string) (string, bool) {
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}, {"（", ")"}, {"(", "）"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.ContainsAny(inner, "（）()") {
				return inner, true
			}
		}
	}
	return "", false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// cleanSpace trims s and turns every run of white space (including the
// ideographic space and no-break space) into one ASCII space.
func cleanSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\ufeff' || r == '\u200b' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
