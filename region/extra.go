package region

// extraAliases are names of places that are not divisions themselves but
// stand for one: venues (人民大会堂 is in 北京市), the one-character
// abbreviations in their fixed phrases (在京召开 = held in 北京, 来沪 = come
// to 上海), and compounds naming several divisions at once (京津冀). They
// count as full names: these phrases do not occur in other senses.
// Central-government bodies (国务院, 外交部) are deliberately absent: an
// article about national policy is not about 北京.
var extraAliases = map[string][]string{
	"首都":     {"北京市"},
	"人民大会堂":  {"北京市"},
	"钓鱼台国宾馆": {"北京市"},
	"中南海":    {"北京市"},
	"天安门":    {"北京市"},
	"京城":     {"北京市"},
	"在京":     {"北京市"},
	"来京":     {"北京市"},
	"进京":     {"北京市"},
	"抵京":     {"北京市"},
	"离京":     {"北京市"},
	"赴京":     {"北京市"},
	"返京":     {"北京市"},
	"京津冀":    {"北京市", "天津市", "河北省"},
	"在沪":     {"上海市"},
	"来沪":     {"上海市"},
	"赴沪":     {"上海市"},
	"抵沪":     {"上海市"},
	"返沪":     {"上海市"},
	"沪上":     {"上海市"},
	"来汉":     {"湖北省/武汉市"},
	"在汉":     {"湖北省/武汉市"},
	"离汉":     {"湖北省/武汉市"},
	"援汉":     {"湖北省/武汉市"},
	"粤港澳":    {"广东省"},
}
