package normalize

import "strings"

// Chinese names appear on lists and in documents in pinyin ("Xi Jinping",
// "Mao Zedong") and in the older Wade-Giles romanisation, usually without
// its apostrophes ("Hsi Chin-ping", "Mao Tse-tung"). A name whose words are
// all romanised Chinese syllables, some of them only Wade-Giles, is rewritten
// in pinyin, the same way on both sides of a comparison.

// pinyinInitials and pinyinFinals spell pinyin syllables; isPinyin checks
// the combinations Mandarin allows closely enough to tell the Wade-Giles
// spellings apart ("chin", "hsi", "tse", "tung" are not pinyin).
var (
	pinyinInitials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", ""}
	pinyinFinals   = map[string]bool{}
)

func init() {
	for _, f := range strings.Fields("a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu ian in iang ing iong ua uo uai ui uan un uang ue") {
		pinyinFinals[f] = true
	}
}

// isPinyin reports whether s is one pinyin syllable (without tone).
func isPinyin(s string) bool {
	for _, in := range pinyinInitials {
		f, ok := strings.CutPrefix(s, in)
		if !ok || !pinyinFinals[f] {
			continue
		}
		palatal := strings.HasPrefix(f, "i") || f == "v" || f == "ue"
		switch in {
		case "j", "q", "x":
			if palatal || f == "u" || f == "uan" || f == "un" {
				return true
			}
		case "zh", "ch", "sh", "z", "c", "s", "r", "g", "k", "h":
			if !palatal || f == "i" && in != "g" && in != "k" && in != "h" {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// wadeGilesInitials map Wade-Giles initials (aspiration marks dropped, the
// unaspirated reading taken) to pinyin, longest first.
var wadeGilesInitials = [][2]string{
	{"tz", "z"}, {"ts", "z"}, {"ss", "s"}, {"sz", "s"}, {"hs", "x"}, {"ch", "zh"}, {"sh", "sh"},
	{"k", "g"}, {"t", "d"}, {"p", "b"}, {"j", "r"},
}

// wadeGilesFinals map Wade-Giles finals to pinyin.
var wadeGilesFinals = map[string]string{
	"ung": "ong", "iung": "iong", "ieh": "ie", "ien": "ian", "ih": "i", "ueh": "ue", "uei": "ui", "u": "u",
}

// fromWadeGiles returns the pinyin of a Wade-Giles syllable, or "" when s
// is not one.
func fromWadeGiles(s string) string {
	in, f := "", s
	for _, p := range wadeGilesInitials {
		if rest, ok := strings.CutPrefix(s, p[0]); ok {
			in, f = p[1], rest
			break
		}
	}
	if x, ok := wadeGilesFinals[f]; ok {
		f = x
	}
	switch {
	case in == "zh" && (strings.HasPrefix(f, "i") && f != "i" || strings.HasPrefix(f, "u") && (in == "x")):
		in = "j" // ch before i is a palatal: chin → jin, chiang → jiang
	case (in == "z" || in == "s") && f == "u" && (strings.HasPrefix(s, "tz") || strings.HasPrefix(s, "ss") || strings.HasPrefix(s, "sz")):
		f = "i" // tzu → zi, ssu → si
	}
	if p := in + f; isPinyin(p) {
		return p
	}
	return ""
}

// fromWadeGilesName rewrites a name's words in pinyin when every word is a
// Chinese syllable in pinyin or Wade-Giles and at least one is Wade-Giles
// only. Otherwise toks comes back unchanged.
func fromWadeGilesName(toks []string) []string {
	if len(toks) < 2 || len(toks) > 4 {
		return toks
	}
	var out []string
	for i, t := range toks {
		if isPinyin(t) {
			continue
		}
		p := fromWadeGiles(t)
		if p == "" {
			return toks
		}
		if out == nil {
			out = append([]string(nil), toks...)
		}
		out[i] = p
	}
	if out == nil {
		return toks
	}
	return out
}
