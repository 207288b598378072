package normalize

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Tokens analyses a name into comparable tokens: Fold, Arabic "abd" names
// joined, name variants mapped to their canonical form, and (unless the name
// is a person's) legal forms replaced by their class token.
func Tokens(name string, person bool) []string {
	toks, _ := Analyse(name, person)
	return toks
}

// Analyse returns Tokens(name, person) and the tokens written without
// spaces, for comparing names whose words were split differently ("Xi Jin
// Ping" / "Xi Jinping").
func Analyse(name string, person bool) ([]string, string) {
	toks, joined, _ := analyse(name, person, true)
	return toks, joined
}

// AnalyseWadeGiles is Analyse and, when it read the name as Wade-Giles
// romanisation ("Hsueh" as "xue"), the name's tokens and joined form as
// written, else nil and "". Indexed beside Analyse's tokens, they let a
// misspelt Wade-Giles name that no longer reads as one ("Hseuh") meet its
// listing.
func AnalyseWadeGiles(name string, person bool) (toks []string, joined string, written []string, writtenJoined string) {
	toks, joined, converted := analyse(name, person, true)
	if converted {
		written, writtenJoined, _ = analyse(name, person, false)
	}
	return toks, joined, written, writtenJoined
}

// analyse is Analyse, reading Wade-Giles names as pinyin if wadeGiles; it
// reports whether that changed a word.
func analyse(name string, person, wadeGiles bool) (_ []string, _ string, converted bool) {
	if !person && strings.IndexByte(name, '(') >= 0 {
		name = countryNotes(name)
	}
	if !person {
		name = stateOf(name)
	}
	f := fold(name, !person && isHanCompany(name))
	if f == "" {
		return nil, "", false
	}
	// "PAO, Yu Liang": a single word before a comma is a surname, whatever
	// else it could be.
	before, after, comma := strings.Cut(name, ",")
	var foldedAfter string
	if comma {
		foldedAfter = Fold(after)
	}
	surnameFirst := foldedAfter != "" && len(strings.Fields(Fold(before))) == 1
	if comma && !strings.Contains(after, ",") && endsInAbd(foldedAfter) {
		// "JABBAR, Abdul" is Abdul Jabbar: a given name that ends in
		// "Abdul" ("servant of") is completed by the surname before the
		// comma, as compoundAbd joins it.
		f = Fold(after + " " + before)
		surnameFirst = false
	}
	toks := strings.Fields(f)
	for i, t := range toks {
		toks[i] = unLeet(t)
	}
	if person && !IsAbjad(name) {
		// Arabic and Hebrew script write no short vowels: "فضل" is "fdl".
		toks = splitInitials(toks)
	}
	if !person {
		toks = joinLetters(toks)
	}
	if wadeGiles {
		wg := fromWadeGilesName(toks)
		converted = !slices.Equal(wg, toks)
		toks = wg
	}
	if !person {
		toks = orgWordsIn(toks)
	}
	toks = compoundAbd(joinAllah(toks))
	// The joined form keeps the words as written, so that "Jan Daniel" and
	// "JanDaniel" still meet after "jan" is read as "john"; legal forms are
	// still written as their class.
	var joined string
	var forms []string // legalFormsIn of the words as written
	if person {
		joined = strings.Join(toks, "")
	} else {
		forms = legalFormsIn(slices.Clone(toks), person, surnameFirst)
		joined = strings.Join(forms, "")
	}
	changed := false
	for i, t := range toks {
		if c := Canonical(t); c != t {
			toks[i], changed = c, true
		}
	}
	if forms != nil && !changed {
		// The canonical words are the words as written: their legal
		// forms are the ones just found.
		toks = forms
	} else {
		toks = legalFormsIn(toks, person, surnameFirst)
	}
	return dedupAdjacent(toks), joined, converted
}

// joinLetters writes the letters of an organisation's initials spelt out
// with spaces as one word, as Fold writes them when they have dots: "A W A
// Engineering" and "A.W.A. Engineering" both read "awa engineering", "S A
// de C V" reads "sa de cv". Two letters are initials of an organisation
// only in a name that then has a legal form or a word of organisations'
// names ("J K Rowling" keeps its initials); three or more always are
// ("Inmobiliaria U M V").
func joinLetters(toks []string) []string {
	single := func(t string) bool { return len(t) == 1 && isLetter(t[0]) }
	var out []string
	longest := 0
	for i := 0; i < len(toks); i++ {
		j := i
		for j < len(toks) && single(toks[j]) {
			j++
		}
		if j-i < 2 {
			out = append(out, toks[i])
			continue
		}
		out = append(out, strings.Join(toks[i:j], ""))
		longest = max(longest, j-i)
		i = j - 1
	}
	if len(out) == len(toks) || longest < 3 && !LooksLikeOrganisation(legalFormsIn(slices.Clone(out), false, false)) {
		return toks
	}
	return out
}

// generations are the suffixes that tell a son from his father.
var generations = map[string]bool{"jr": true, "sr": true}

// joinAllah writes a name ending in "Allah" as one word, as most lists do
// ("Nasr Allah" → "nasrallah", "Hizb Allah" → "hizballah"). "Abd Allah" is
// left to compoundAbd.
func joinAllah(toks []string) []string {
	for i := 1; i < len(toks); i++ {
		if toks[i] == "allah" && canon[toks[i-1]] != "abd" && toks[i-1] != "abd" {
			out := append(toks[:i-1:i-1], toks[i-1]+"allah")
			return joinAllah(append(out, toks[i+1:]...))
		}
	}
	return toks
}

// splitInitials writes a person's initials run together ("JC Juncker",
// "JFK") as one initial per letter: a word of two or three consonants is
// no name, nor a title ("Dr", "Mr") or generation ("Jr", "Sr").
func splitInitials(toks []string) []string {
	for i, t := range toks {
		if len(t) < 2 || len(t) > 3 || strings.ContainsAny(t, "aeiouy0123456789") || IsKnownName(t) || canon[t] != "" || titles[t] || generations[t] {
			continue
		}
		out := append(toks[:i:i], strings.Split(t, "")...)
		return append(out, splitInitials(toks[i+1:])...)
	}
	return toks
}

// Alternatives splits a name that lists several names with slashes
// ("Al-Qa'ida/Islamic Army") into the whole and each part. Slashes inside
// abbreviations ("A/S", "d/b/a") do not split.
func Alternatives(name string) []string {
	out := []string{name}
	rest := name
	for {
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			break
		}
		if wordBefore(strings.TrimRight(rest[:i], " ")) >= 3 && wordAfter(strings.TrimLeft(rest[i+1:], " ")) >= 3 {
			out = append(out, strings.TrimSpace(rest[:i]))
			rest = rest[i+1:]
			continue
		}
		break
	}
	if len(out) > 1 {
		out = append(out, strings.TrimSpace(rest))
	}
	return out
}

// wordBefore and wordAfter count the letters of the word that ends s and of
// the word that starts s.
func wordBefore(s string) int {
	n := 0
	for _, r := range reverse(s) {
		if !unicode.IsLetter(r) && r != '\'' {
			break
		}
		n++
	}
	return n
}

func wordAfter(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			break
		}
		n++
	}
	return n
}

func reverse(s string) []rune {
	r := []rune(s)
	slices.Reverse(r)
	return r
}

// dedupAdjacent drops a long word written twice in a row ("Shoigu Shoigu
// Sergey"): a duplication, not a second name. Short words and dictionary
// names repeat in real names ("Chang Chang Ha", "Mohamed Mohamed").
func dedupAdjacent(toks []string) []string {
	for i := 1; i < len(toks); i++ {
		if toks[i] == toks[i-1] && len(toks[i]) >= 6 && !IsNumber(toks[i]) && !IsKnownName(toks[i]) {
			out := append(toks[:i:i], toks[i+1:]...)
			return dedupAdjacent(out)
		}
	}
	return toks
}

// unLeet reads digits written inside a word for the letters they look like
// ("ig0r" → "igor", "sech1n" → "sechin"). Only digits between two letters
// are read, so numbers and codes such as "ahl1" or "b737" stay as they are.
func unLeet(t string) string {
	var b []byte
	for i := 1; i+1 < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' || !isLetter(t[i-1]) || !isLetter(t[i+1]) {
			continue
		}
		l := leet[c-'0']
		if l == 0 {
			continue
		}
		if b == nil {
			b = []byte(t)
		}
		b[i] = l
	}
	if b == nil {
		return t
	}
	return string(b)
}

var leet = [10]byte{'o', 'i', 0, 'e', 'a', 's', 0, 't', 0, 'g'}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// IsNumber reports whether tok is all digits.
func IsNumber(tok string) bool {
	if tok == "" {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return false
		}
	}
	return true
}

// IdentifierKey normalises an identifier value for exact comparison:
// upper-case letters and digits only ("IMO 9187629" → "9187629" for IMO
// numbers is the caller's business; this only strips punctuation).
func IdentifierKey(v string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(v) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// numberWords are English number words and ordinals written as digits in
// organisations' names ("Brigade Forty-Four" / "Brigade 44", "First
// International Bank" / "1st International Bank").
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
	"9th": 9, "10th": 10,
	// Roman numerals of numbered funds, trusts and vessels; "i", "v" and
	// "x" alone are read as initials.
	"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12, "xiii": 13,
	"xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20,
}

// ordinals are the ordinal words that a misspelling is read as.
var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}

// MisspeltOrdinal returns as digits the ordinal word that tok is one edit
// away from ("seccond" → "2", "fist" → "1"; the first letter as written).
// The caller asks only for a word that is on no list, in an organisation's
// name.
func MisspeltOrdinal(tok string) (string, bool) {
	if len(tok) < 4 {
		return "", false
	}
	for _, w := range ordinals {
		if w[0] == tok[0] && absDiff(len(w), len(tok)) <= 1 && DistanceAtMost(tok, w, 1) <= 1 {
			return strconv.Itoa(numberWords[w]), true
		}
	}
	return "", false
}

// orgAbbreviations are abbreviations written out in organisations' names.
var orgAbbreviations = map[string]string{
	"intl": "international", "natl": "national", "dept": "department", "univ": "university",
	"assn": "association", "mfg": "manufacturing", "bros": "brothers", "tech": "technology",
}

// countryPhrases are country names that organisations' names write both in
// full and as initials ("U.S. Department of State").
var countryPhrases = []struct {
	words []string
	short string
}{
	{[]string{"united", "states", "of", "america"}, "us"},
	{[]string{"united", "states"}, "us"},
	{[]string{"usa"}, "us"},
	{[]string{"united", "kingdom"}, "uk"},
	{[]string{"united", "arab", "emirates"}, "uae"},
}

// countryShort returns the initials of the country name that toks starts
// with, and its word count (0 when toks starts with none).
func countryShort(toks []string) (string, int) {
	for _, p := range countryPhrases {
		if len(toks) >= len(p.words) && slices.Equal(toks[:len(p.words)], p.words) {
			return p.short, len(p.words)
		}
	}
	return "", 0
}

// orgWordsIn writes number words as digits ("forty four" → "44"), country
// names as initials and expands common abbreviations in an organisation's
// name.
func orgWordsIn(toks []string) []string {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if n, ok := numberWords[t]; ok {
			// A tens word and a unit make one number: "forty four", "forty 4".
			if n >= 20 && n < 100 && n%10 == 0 && i+1 < len(toks) {
				if u, ok := unitValue(toks[i+1]); ok {
					n += u
					i++
				}
			}
			out = append(out, strconv.Itoa(n))
			continue
		}
		if x, n := countryShort(toks[i:]); n > 0 {
			out = append(out, x)
			i += n - 1
			continue
		}
		if x, ok := orgAbbreviations[t]; ok {
			t = x
		}
		if n, ok := romanLetters[t]; ok && i > 0 && seriesWords[toks[i-1]] && lastWord(toks, i) {
			t = n // "Trust I", "Fund X L.P.": the numeral closes a series name
		}
		out = append(out, t)
	}
	return out
}

// romanLetters are the one-letter Roman numerals, read as numbers only at
// the end of an organisation's name (elsewhere they are initials).
var romanLetters = map[string]string{"i": "1", "v": "5", "x": "10"}

// seriesWords name a series of funds or vehicles whose members are numbered.
var seriesWords = map[string]bool{
	"fund": true, "funds": true, "trust": true, "partners": true, "investors": true, "capital": true, "holdings": true,
	"ventures": true, "opportunities": true, "series": true, "program": true, "programme": true, "portfolio": true,
	"securities": true, "finance": true, "investments": true, "associates": true, "offshore": true,
}

// lastWord reports whether toks[i] is the last word of the name but for
// legal forms.
func lastWord(toks []string, i int) bool {
	if i == len(toks)-1 {
		return true
	}
	_, ok := legalForms[strings.Join(toks[i+1:], " ")]
	return ok
}

func unitValue(t string) (int, bool) {
	if len(t) == 1 && t[0] >= '1' && t[0] <= '9' {
		return int(t[0] - '0'), true
	}
	if n, ok := numberWords[t]; ok && n >= 1 && n <= 9 && !strings.HasSuffix(t, "th") && t != "first" && t != "second" && t != "third" {
		return n, true
	}
	return 0, false
}

// endsInAbd reports whether the folded words end in "abd" or a spelling of
// it ("abdul", "abdel", "abdoul").
func endsInAbd(f string) bool {
	i := strings.LastIndexByte(f, ' ')
	last := f[i+1:]
	return last != "" && (canon[last] == "abd" || abdTypo(last))
}
