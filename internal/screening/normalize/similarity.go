package normalize

import "strings"

// Key is a token prepared for repeated comparison: its text, phonetic
// skeleton and whether it is a known name (the head of a name group).
type Key struct {
	Text  string
	Skel  string
	Var   string // the spelling with romanisation variants merged (see Variant)
	Known bool
	// Number says that Text is all digits.
	Number bool
}

// NewKey prepares a token for KeySimilarity.
func NewKey(tok string) Key {
	_, known := groupHead[tok]
	return Key{Text: tok, Skel: Skeleton(tok), Var: Variant(tok), Known: known, Number: IsNumber(tok)}
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
	if a.Number || b.Number {
		return 0
	}
	if a.Known && b.Known {
		return 0 // two different known names
	}
	if inflected(a.Text, b.Text) {
		return 0.9
	}
	if a.Var == b.Var && len(a.Var) >= 4 {
		return 0.9 // romanisation variants: Soulayman / Sulayman, Sivakoff / Sivakov
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
		sa, sb, cut := stems(a.Text, b.Text)
		if cut {
			return max(ratio(sa, sb), 0.9*ratio(Skeleton(sa), Skeleton(sb)))
		}
		return max(ratio(a.Text, b.Text), 0.9*ratio(a.Skel, b.Skel))
	}
	r := latinSimilarity(a, b, sameSkel, floor)
	// A misspelt dictionary name ("Rezaa", "Mohammmad", "Josehp") is
	// compared with every spelling of the name, not only its canonical form
	// ("rida", "muhammad", "yusuf").
	if a.Known != b.Known {
		known, other := b, a
		if a.Known {
			known, other = a, b
		}
		sp := spellings[known.Text]
		for i := range sp {
			k := &sp[i]
			r = max(r, latinSimilarity(other, k, other.Skel == k.Skel && len(k.Skel) >= 2, floor))
		}
	}
	return r
}

// DigraphSkeleton returns the skeleton of a word romanised from Arabic
// script read without the vowel that writeArabic puts between a t, s, k,
// d, z, g or c and an h, or "" when it put none: فتحي, written "ftahy",
// is also "Fathi", whose "th" is ت and ح, not ث.
func DigraphSkeleton(tok string) string {
	var b []byte
	for j := 0; j < len(tok); j++ {
		if j > 0 && j+1 < len(tok) && tok[j] == 'a' && tok[j+1] == 'h' && strings.IndexByte("sktdzgc", tok[j-1]) >= 0 {
			if b == nil {
				b = append(make([]byte, 0, len(tok)), tok[:j]...)
			}
			continue
		}
		if b != nil {
			b = append(b, tok[j])
		}
	}
	if b == nil {
		return ""
	}
	return Skeleton(string(b))
}

// sharedSuffixes are name endings that say little about which name it is:
// patronymic, filial and family-name suffixes, and the second half of
// Arabic compound names. Longer ones come first.
var sharedSuffixes = []string{
	"sdottir", "dottir", "shvili", "iyevich", "yevich", "ievich", "ovich", "evich", "ullah", "allah", "uddin",
	"addin", "eddin", "ovna", "evna", "enko", "skiy", "ogly", "oglu", "zadeh", "zada", "ski", "sky", "dze", "son",
	"sen", "ova", "eva", "ian", "yan",
}

// stems returns a and b without an affix they share ("abd-", "-ullah",
// "-ovich", "-dottir" ...), so that similarity is measured on the part that
// tells the names apart: "Hamidullah" and "Waliullah", "Magomedovich" and
// "Salimovich" are different names however alike their endings. cut says
// whether an affix was removed.
func stems(a, b string) (string, string, bool) {
	cut := false
	if len(a) > 5 && len(b) > 5 && a[:3] == "abd" && b[:3] == "abd" {
		a, b, cut = a[3:], b[3:], true
	}
	if len(a) == 0 || len(b) == 0 || a[len(a)-1] != b[len(b)-1] {
		return a, b, cut // no shared ending (most pairs of words)
	}
	for _, suf := range suffixesByLast[a[len(a)-1]] {
		if len(a) >= len(suf)+3 && len(b) >= len(suf)+3 && a[len(a)-len(suf):] == suf && b[len(b)-len(suf):] == suf {
			return a[:len(a)-len(suf)], b[:len(b)-len(suf)], true
		}
	}
	return a, b, cut
}

// suffixesByLast holds sharedSuffixes by their last letter, in their order.
var suffixesByLast = func() (m [256][]string) {
	for _, suf := range sharedSuffixes {
		m[suf[len(suf)-1]] = append(m[suf[len(suf)-1]], suf)
	}
	return m
}()

// skelLenDiff is the largest length difference of two words that sound
// alike ("Husayn" / "Hussein") and still count as one name: "Roche" and
// "RTS", "Tesla" and "Tawasul" share a skeleton but are different words.
const skelLenDiff = 2

// soundAlikeRatio is the least spelling ratio of two words that share a
// skeleton for them to count as one name: "Husayn" / "Hussein" (0.57) and
// "Qasim" / "Kassem" (0.5) are, "Cloud" / "Khalid" (0.17) and "Shell" /
// "Salih" (0.2) are not.
const soundAlikeRatio = 0.5

// AbjadComparable reports whether a Latin-script query word is compared with
// a list word romanised from Arabic or Hebrew script by consonant skeleton
// too: when the romanised word writes no vowel, or one in four letters or
// more (it was transliterated letter by letter: "mhmd", "khald"), or the
// two are spelt alike. A list word in a name dictionary's spelling
// ("khalid") is otherwise compared by its Latin spelling alone: "Cloud" is
// no spelling of it.
func AbjadComparable(latin, romanised *Key) bool {
	vowels := 0
	for i := 0; i < len(romanised.Text); i++ {
		if isVowel(romanised.Text[i]) {
			vowels++
		}
	}
	if vowels == 0 || vowels == 1 && len(romanised.Text) >= 4 {
		return true
	}
	return ratio(latin.Text, romanised.Text) >= soundAlikeRatio
}

// latinSimilarity compares two romanised tokens of the same length class
// by spelling, and by sound when sameSkel.
func latinSimilarity(a, b *Key, sameSkel bool, floor float64) float64 {
	la, lb := len(a.Text), len(b.Text)
	bound := 1 - float64(absDiff(la, lb))/float64(max(la, lb))
	// Words that sound alike share a skeleton; two letters with no vowel
	// share it with any word of their consonants ("SN" is not "Sony"),
	// being letters one spells, not a word ("Njm" is a misspelt "Najm").
	if sameSkel && absDiff(la, lb) <= skelLenDiff && !letters(a.Text) && !letters(b.Text) {
		if r := typingRatio(a.Text, b.Text); r >= soundAlikeRatio {
			return max(0.85, r)
		}
	}
	if bound < floor || ratioBound(a.Text, b.Text) < ratioFloor {
		return 0
	}
	sa, sb, _ := stems(a.Text, b.Text)
	r := typingRatio(sa, sb)
	if min(la, lb) <= 4 {
		r -= 0.1 // one letter in a short name is a different name: Chen / Cheng
	}
	return r
}

// ratioBound is an upper bound of typingRatio(a, b), and so of the ratio
// of a and b less a shared affix, from the letters they share: the bag
// distance, max(len) less the letters in common, is at most their edit
// distance, and typing errors count at least half an edit each (only
// within typoEdits). It costs a pass over each word, against a dynamic
// programme, and rules out most pairs of unrelated names.
func ratioBound(a, b string) float64 {
	var count [32]int8 // by byte & 31: letters apart; a collision only loosens the bound
	for i := 0; i < len(a); i++ {
		count[a[i]&31]++
	}
	common := 0
	for i := 0; i < len(b); i++ {
		if c := &count[b[i]&31]; *c > 0 {
			*c--
			common++
		}
	}
	n := max(len(a), len(b))
	d := float64(n - common)
	if d > typoEdits {
		return 1 - d/float64(n)
	}
	return 1 - d/2/float64(n)
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
// 0.85 when both sound alike (equal Skeleton) and are spelt alike (ratio at
// least soundAlikeRatio), and 0 for two different known
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

// ratio is 1 - DamerauLevenshtein(a, b) / max(len(a), len(b)). Ratios below
// ratioFloor are not computed exactly: some value below it is returned.
func ratio(a, b string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	k := int((1 - ratioFloor) * float64(n))
	return 1 - float64(DistanceAtMost(a, b, k))/float64(n)
}

// ratioFloor is the least ratio any caller tells apart from no match.
const ratioFloor = 0.5

// Distance is the optimal-string-alignment Damerau-Levenshtein distance of
// two byte strings (tokens are ASCII after Fold).
func Distance(a, b string) int { return DistanceAtMost(a, b, 1<<30) }

// DistanceAtMost is Distance, but stops once the distance is sure to exceed
// k and then returns some value greater than k.
func DistanceAtMost(a, b string, k int) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	if len(b) <= 64 {
		return osaBits(a, b)
	}
	return osaTable(a, b, k)
}

// osaBits is the bit-parallel optimal-string-alignment distance of Hyyrö
// (2001): Myers' algorithm with transpositions, one machine word per
// column, for patterns b of at most 64 bytes.
func osaBits(a, b string) int {
	if lettersOnly(a) && lettersOnly(b) {
		// The usual case: a small table is cheaper to clear.
		var peq [26]uint64
		for i := 0; i < len(b); i++ {
			peq[b[i]-'a'] |= 1 << i
		}
		return osaRun(a, len(b), peq[:], 'a')
	}
	var peq [256]uint64
	for i := 0; i < len(b); i++ {
		peq[b[i]] |= 1 << i
	}
	return osaRun(a, len(b), peq[:], 0)
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// osaRun runs the bit-parallel recurrence over a for a pattern of m bytes
// whose match masks are peq[c-base] for a byte c of a.
func osaRun(a string, m int, peq []uint64, base byte) int {
	vp, vn := ^uint64(0), uint64(0)
	d0, pmPrev := uint64(0), uint64(0)
	last := uint64(1) << (m - 1)
	score := m
	for i := 0; i < len(a); i++ {
		pm := peq[a[i]-base]
		tr := (((^d0) & pm) << 1) & pmPrev
		d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr
		hp := vn | ^(d0 | vp)
		hn := vp & d0
		if hp&last != 0 {
			score++
		} else if hn&last != 0 {
			score--
		}
		hp = hp<<1 | 1
		hn <<= 1
		vp = hn | ^(d0 | hp)
		vn = hp & d0
		pmPrev = pm
	}
	return score
}

// osaTable is the optimal-string-alignment distance by dynamic
// programming, for long strings.
func osaTable(a, b string, k int) int {
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
	prevMin := 0
	for i := 1; i <= len(a); i++ {
		cur[0] = uint16(i)
		rowMin := i
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
			rowMin = min(rowMin, int(v))
		}
		// A cell depends on the two rows above it only: once both exceed
		// k, every later one does.
		if rowMin > k && prevMin > k {
			return k + 1
		}
		prevMin = rowMin
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)])
}

// typingRatio is ratio, with typing errors counted as typingDistance does
// when a and b are at most typoEdits apart.
func typingRatio(a, b string) float64 {
	r := ratio(a, b)
	if n := float64(max(len(a), len(b))); r < 1 && (1-r)*n <= typoEdits+0.01 {
		r = max(r, 1-typingDistance(a, b)/n)
	}
	return r
}

// typoEdits is the most edits two words may be apart to be compared as
// typing errors of one another: a typist slips once or twice in a word,
// while different names ("Castillo" / "Castro") are further apart.
const typoEdits = 2

// Costs of the typing errors that typingDistance counts at less than a
// whole edit.
const (
	typoSwap   = 0.5 // two neighbouring letters swapped: Jeilsic / Jelisic
	typoDouble = 0.5 // a letter doubled or undoubled: Seccond / Second
	typoKey    = 0.6 // a letter for its neighbour on the keyboard: Juab / Juan
)

// keyRows are the rows of a QWERTY keyboard, for keyNeighbours.
var keyRows = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// keyNeighbours reports whether x and y are neighbouring letter keys on a
// QWERTY keyboard, in one row or in two (a row is offset by half a key
// from the one above it).
var keyNeighbours = func() (nb [128][128]bool) {
	pos := map[byte][2]int{}
	for r, row := range keyRows {
		for c := range len(row) {
			pos[row[c]] = [2]int{r, 2*c + r}
		}
	}
	for x, px := range pos {
		for y, py := range pos {
			dr, dc := px[0]-py[0], px[1]-py[1]
			if x != y && (dr == 0 && (dc == 2 || dc == -2) || (dr == 1 || dr == -1) && (dc == 1 || dc == -1)) {
				nb[x][y] = true
			}
		}
	}
	return nb
}()

// oneEdit is typingDistance for two words one typing error apart, without
// the table: a letter for another (a neighbouring key or not), two
// neighbours swapped, or one letter more (a doubling if it repeats a
// neighbour). Any other path through the table costs two errors, at
// least 1, so the one error is the distance. ok is false for other pairs.
func oneEdit(a, b string) (float64, bool) {
	if len(a) < len(b) {
		a, b = b, a
	}
	p := 0 // the common prefix
	for p < len(b) && a[p] == b[p] {
		p++
	}
	q := 0 // the common suffix, after the prefix
	for q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	ma, mb := a[p:len(a)-q], b[p:len(b)-q]
	switch {
	case len(ma) == 1 && len(mb) == 1:
		if x, y := ma[0], mb[0]; x < 128 && y < 128 && keyNeighbours[x][y] {
			return typoKey, true
		}
		return 1, true
	case len(ma) == 2 && len(mb) == 2 && ma[0] == mb[1] && ma[1] == mb[0]:
		return typoSwap, true
	case len(ma) == 1 && len(mb) == 0:
		// The extra letter at p; deleting any letter of its run is the same.
		if p > 0 && a[p-1] == a[p] || p+1 < len(a) && a[p+1] == a[p] {
			return typoDouble, true
		}
		return 1, true
	}
	return 0, false
}

// typingDistance is the optimal-string-alignment distance of a and b with
// the edits a typist makes by slip of the finger counted at less than a
// whole edit (see the costs above): a word and its mistyping are nearer
// than two different names one letter apart. Words longer than 31 bytes
// get their plain distance.
func typingDistance(a, b string) float64 {
	if len(a) > 31 || len(b) > 31 {
		return float64(Distance(a, b))
	}
	if d, ok := oneEdit(a, b); ok {
		return d
	}
	return typingTable(a, b)
}

// typingTable is typingDistance by dynamic programming, for words of at
// most 31 letters.
func typingTable(a, b string) float64 {
	// The cost of inserting or deleting the k-th letter (from 1) of a and
	// of b. Only the second letter of a pair is the doubling: dropping both
	// letters of "ll" is more than one slip.
	var ca, cb [32]float64
	costs := func(s string, c *[32]float64) {
		for k := 1; k <= len(s); k++ {
			c[k] = 1
			if k > 1 && s[k-1] == s[k-2] {
				c[k] = typoDouble
			}
		}
	}
	costs(a, &ca)
	costs(b, &cb)
	// Three rows of the table: i-2, i-1 and i.
	var rows [3][32]float64
	for j := 1; j <= len(b); j++ {
		rows[0][j] = rows[0][j-1] + cb[j]
	}
	for i := 1; i <= len(a); i++ {
		pp, p, d := &rows[(i+1)%3], &rows[(i+2)%3], &rows[i%3]
		d[0] = p[0] + ca[i]
		for j := 1; j <= len(b); j++ {
			sub := 0.0
			switch x, y := a[i-1], b[j-1]; {
			case x == y:
			case x < 128 && y < 128 && keyNeighbours[x][y]:
				sub = typoKey
			default:
				sub = 1
			}
			v := min(p[j]+ca[i], d[j-1]+cb[j], p[j-1]+sub)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				v = min(v, pp[j-2]+typoSwap)
			}
			d[j] = v
		}
	}
	return rows[len(a)%3][len(b)]
}

// letters reports whether the folded word is two letters with no vowel
// (y counts as one): an abbreviation.
func letters(w string) bool { return len(w) <= 2 && !strings.ContainsAny(w, "aeiouy") }
