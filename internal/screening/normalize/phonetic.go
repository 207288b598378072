package normalize

import "strings"

// Skeleton returns a phonetic key of a folded token: its first letter (any
// vowel written "a"), then its consonants with look-alike spellings merged
// (ph→f, kh→k, q/c→k, x→ks, z→s, sh/ch→s, th→t, dh→d, w/v at the start→v)
// and repeats collapsed. Vowels, "y" and "w" after the first letter are
// dropped. "Husayn", "Hussein" and the romanised Arabic "hsyn" share "hsn";
// "Mohamed" and "mhmd" share "mhmd".
func Skeleton(tok string) string {
	if tok == "" {
		return ""
	}
	s := tok
	if strings.ContainsAny(s, "hcxqzdtgjw") {
		s = skeletonReplacer.Replace(s)
	}
	var b [32]byte
	out := b[:0]
	var last byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			out = append(out, c)
			last = c
			continue
		}
		vowel := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w'
		if i == 0 {
			if vowel && c != 'w' {
				c = 'a'
			} else if c == 'w' {
				c = 'v'
			}
			out = append(out, c)
			last = c
			continue
		}
		if vowel {
			last = 0
			continue
		}
		if c == 'h' && (last == 'j' || last == 'r' || i == len(s)-1) {
			continue // "johnson", "rhee", final "-ah"; kept in "mhmd"
		}
		if c == last {
			continue
		}
		out = append(out, c)
		last = c
	}
	return string(out)
}

var skeletonReplacer = strings.NewReplacer(
	"tch", "s", "sch", "s", "ch", "s", "sh", "s", "zh", "j", "dzh", "j", "dj", "j", "ph", "f", "kh", "k",
	"gh", "g", "th", "t", "dh", "d", "ck", "k", "q", "k", "c", "k", "x", "ks", "z", "s", "ts", "s", "tz", "s",
)

// Variant returns a token's spelling with the usual romanisation variants
// merged, vowels kept: ou/oo → u, ee → i, ay/ey/oy → ai/ei/oi, kh → h,
// ph → f, x → ks, q → k, w → v, a final -iy/-ii/-yi → -i, a leading ye → e,
// Russian -off/-eff → -ov/-ev, -iyevich/-ievich/-yevich → -evich, and double
// letters single. "Soulayman" and "Sulaiman", "Sivakoff" and "Sivakov",
// "Mihail" and "Mikhail" share one variant.
func Variant(tok string) string {
	if len(tok) < 3 {
		return tok
	}
	s := variantReplacer.Replace(tok)
	if strings.HasPrefix(s, "ye") {
		s = s[1:]
	}
	for _, suf := range [...][2]string{{"iy", "i"}, {"ii", "i"}, {"yi", "i"}, {"off", "ov"}, {"eff", "ev"}} {
		if t, ok := strings.CutSuffix(s, suf[0]); ok && len(t) >= 2 {
			s = t + suf[1]
			break
		}
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		c := s[i]
		if c == 'y' && i > 0 && i+1 < len(s) && !isVowel(s[i-1]) && !isVowel(s[i+1]) {
			c = 'i' // a vowel between consonants: "Sayd" / "Said"
		}
		b = append(b, c)
	}
	return string(b)
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

var variantReplacer = strings.NewReplacer(
	"iyevich", "evich", "ievich", "evich", "yevich", "evich", "ou", "u", "oo", "u", "ee", "i",
	"ay", "ai", "ey", "ei", "oy", "oi", "kh", "h", "ph", "f", "x", "ks", "q", "k", "w", "v",
)
