package normalize

// Key is a token prepared for repeated comparison: its text, phonetic
// skeleton and whether it is a known name (the head of a name group).
type Key struct {
	Text  string
	Skel  string
	Known bool
	// Variants are the other spellings of a known name's group.
	Variants []string
}

// NewKey prepares a token for KeySimilarity.
func NewKey(tok string) Key {
	_, known := groupHead[tok]
	k := Key{Text: tok, Skel: Skeleton(tok), Known: known}
	if known {
		k.Variants = variants[tok]
	}
	return k
}

// KeySimilarity is TokenSimilarity on prepared keys, returning 0 early for
// pairs that cannot reach floor.
func KeySimilarity(a, b *Key, abjad bool, floor float64) float64 {
	if a.Text == b.Text {
		return 1
	}
	if Equivalent(a.Text, b.Text) {
		return 0.95
	}
	la, lb := len(a.Text), len(b.Text)
	if la == 0 || lb == 0 {
		return 0
	}
	if la == 1 || lb == 1 {
		if a.Text[0] == b.Text[0] {
			return 0.9 // an initial; it carries only the initial's weight
		}
		return 0
	}
	if IsNumber(a.Text) || IsNumber(b.Text) {
		return 0
	}
	if a.Known && b.Known {
		return 0 // two different known names
	}
	if inflected(a.Text, b.Text) {
		return 0.9
	}
	sameSkel := a.Skel == b.Skel && len(a.Skel) >= 2
	if abjad {
		if sameSkel {
			return max(0.9, ratio(a.Text, b.Text))
		}
		ls, lt := len(a.Skel), len(b.Skel)
		if 1-float64(absDiff(ls, lt))/float64(max(ls, lt, 1)) < floor/0.9 && 1-float64(absDiff(la, lb))/float64(max(la, lb)) < floor {
			return 0
		}
		return max(ratio(a.Text, b.Text), 0.9*ratio(a.Skel, b.Skel))
	}
	r := latinSimilarity(a, b, sameSkel, floor)
	// A misspelt name is compared with every spelling of its group:
	// "serei" is one letter from "sergei", two from the canonical "sergey".
	if a.Known != b.Known && r < 0.95 {
		k, o := a, b
		if b.Known {
			k, o = b, a
		}
		for _, v := range k.Variants {
			vk := Key{Text: v}
			r = max(r, latinSimilarity(&vk, o, false, floor))
		}
	}
	return r
}

func latinSimilarity(a, b *Key, sameSkel bool, floor float64) float64 {
	la, lb := len(a.Text), len(b.Text)
	bound := 1 - float64(absDiff(la, lb))/float64(max(la, lb))
	if sameSkel {
		if bound <= 0.85 {
			return 0.85
		}
		return max(0.85, ratio(a.Text, b.Text))
	}
	if bound < floor {
		return 0
	}
	r := ratio(a.Text, b.Text)
	if min(la, lb) <= 4 {
		r -= 0.1 // one letter in a short name is a different name: Chen / Cheng
	}
	return r
}

// inflected reports whether one token is the other plus a short ending, as
// in inflected or gendered forms: Putin / Putinas, Ivanov / Ivanova.
func inflected(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 5 && len(b)-len(a) <= 2 && b[:len(a)] == a
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// TokenSimilarity compares two analysed tokens and returns a similarity in
// [0, 1]: 1 for equal tokens, 0.95 for spellings of one name, 0.9 for an
// inflected form (Putin / Putinas) or an initial, a Damerau-Levenshtein
// ratio otherwise (less 0.1 for names of four letters or fewer), at least
// 0.85 when both sound alike (equal Skeleton), and 0 for two different known
// names. abjad says that one side was romanised from Arabic or Hebrew script,
// which writes no short vowels: such tokens are also compared by consonant
// skeleton. Numbers match only exactly.
func TokenSimilarity(a, b string, abjad bool) float64 {
	ka, kb := NewKey(a), NewKey(b)
	return KeySimilarity(&ka, &kb, abjad, 0)
}

// groupHead holds the canonical form of every name group.
var groupHead = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, c := range canon {
		m[c] = struct{}{}
	}
	return m
}()

// ratio is 1 - DamerauLevenshtein(a, b) / max(len(a), len(b)).
func ratio(a, b string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(Distance(a, b))/float64(n)
}

// Distance is the optimal-string-alignment Damerau-Levenshtein distance of
// two byte strings (tokens are ASCII after Fold).
func Distance(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	if len(b) > 62 {
		b = b[:62]
	}
	if len(a) > 4000 {
		a = a[:4000]
	}
	var b0, b1, b2 [64]uint16
	prev2, prev, cur := b0[:len(b)+1], b1[:len(b)+1], b2[:len(b)+1]
	for j := range prev {
		prev[j] = uint16(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint16(i)
		ai := a[i-1]
		for j := 1; j <= len(b); j++ {
			v := prev[j-1]
			if ai != b[j-1] {
				v = min(v, prev[j], cur[j-1]) + 1
				if i > 1 && j > 1 && ai == b[j-2] && a[i-2] == b[j-1] {
					v = min(v, prev2[j-2]+1)
				}
			} else {
				v = min(v, prev[j]+1, cur[j-1]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)])
}
