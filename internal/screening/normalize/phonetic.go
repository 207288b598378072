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
