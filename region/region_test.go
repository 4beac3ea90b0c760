package region

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/baosou/baosou/article"
)

// defaultG loads the embedded gazetteer once for all tests; it is
// immutable, so sharing it is safe.
var defaultG = sync.OnceValues(Default)

func gaz(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := defaultG()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return g
}

func TestResolve(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		in, want string
		amb      []string // non-nil: want an *AmbiguousError with these
		unknown  bool
	}{
		{in: "长春", want: "吉林省/长春市"},
		{in: "长春市", want: "吉林省/长春市"},
		{in: " 长春市 ", want: "吉林省/长春市"},
		{in: "吉林省", want: "吉林省"},
		{in: "吉林", want: "吉林省"},
		{in: "吉林市", want: "吉林省/吉林市"},
		{in: "吉林省长春市", want: "吉林省/长春市"},
		{in: "吉林长春", want: "吉林省/长春市"},
		{in: "吉林省吉林市", want: "吉林省/吉林市"},
		{in: "吉林省/长春市", want: "吉林省/长春市"},
		{in: "宽城区", want: "吉林省/长春市/宽城区"},
		{in: "长春市宽城区", want: "吉林省/长春市/宽城区"},
		{in: "双阳", want: "吉林省/长春市/双阳区"},
		{in: "北京", want: "北京市"},
		{in: "北京市", want: "北京市"},
		{in: "北京市朝阳区", want: "北京市/朝阳区"},
		{in: "长春朝阳区", want: "吉林省/长春市/朝阳区"},
		{in: "重庆市忠县", want: "重庆市/忠县"},
		{in: "济源", want: "河南省/济源市"},
		{in: "东莞", want: "广东省/东莞市"},
		{in: "延边", want: "吉林省/延边朝鲜族自治州"},
		{in: "内蒙古", want: "内蒙古自治区"},
		{in: "海南", want: "海南省"},
		{in: "和平", amb: []string{"天津市/和平区", "辽宁省/沈阳市/和平区", "广东省/河源市/和平县"}},
		{in: "朝阳区", amb: []string{"北京市/朝阳区", "吉林省/长春市/朝阳区"}},
		{in: "纽约", unknown: true},
		{in: "中国", unknown: true},
		{in: "", unknown: true},
		{in: "长春省", unknown: true},
		{in: "吉林省北京市", unknown: true},
	}
	for _, tt := range tests {
		got, err := g.Resolve(tt.in)
		switch {
		case tt.amb != nil:
			var ae *AmbiguousError
			if !errors.As(err, &ae) {
				t.Errorf("Resolve(%q) = %q, %v; want AmbiguousError", tt.in, got, err)
				continue
			}
			if !reflect.DeepEqual(ae.Candidates, tt.amb) {
				t.Errorf("Resolve(%q) candidates = %q, want %q", tt.in, ae.Candidates, tt.amb)
			}
		case tt.unknown:
			if !errors.Is(err, ErrUnknown) {
				t.Errorf("Resolve(%q) = %q, %v; want ErrUnknown", tt.in, got, err)
			}
		case err != nil || got != tt.want:
			t.Errorf("Resolve(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestSeedPage(t *testing.T) {
	body, err := os.ReadFile("testdata/seed-body.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := &article.Article{
		Newspaper: "中国妇女报",
		Date:      "2017-09-15",
		Kicker:    "长春持续提升专兼职妇联干部专业水平",
		Title:     "“娘家人”的服务越来越靠谱儿",
		Body:      strings.Split(strings.TrimSpace(string(body)), "\n"),
	}
	got := gaz(t).Tag(a)
	want := []string{"吉林省", "吉林省/长春市", "吉林省/长春市/宽城区", "吉林省/长春市/双阳区"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seed page tags = %q, want %q", got, want)
	}
}
