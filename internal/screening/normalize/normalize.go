// Package normalize turns names written in any script into comparable
// lower-case ASCII tokens: Unicode normalisation, case folding, diacritics,
// in-process transliteration (Cyrillic, Greek, Arabic and Persian, Hebrew,
// Armenian, Georgian, Hangul, Han, Kana), legal forms canonicalised, name
// variants mapped to one form, and phonetic keys. It is pure: no I/O and no
// mutable state.
package normalize

import (
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type script uint8

const (
	scNone script = iota
	scLatin
	scCyrillic
	scGreek
	scArabic
	scHebrew
	scArmenian
	scGeorgian
	scHangul
	scHan
	scKana
	scOther
)

var scriptNames = [...]string{"", "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Armenian", "Georgian", "Hangul", "Han", "Kana", "Other"}

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		return asciiScript(r)
	case r < 0x10000:
		pg := &scriptPages[r>>8]
		p := pg.Load()
		if p == nil {
			p = new([256]script)
			for i := range p {
				p[i] = scriptOfTables(r&^0xff | rune(i))
			}
			pg.Store(p) // a page made twice at once is made alike
		}
		return p[r&0xff]
	}
	return scriptOfTables(r)
}

// scriptPages holds scriptOfTables for the Basic Multilingual Plane, a
// page of 256 runes at a time, each made the first time one of its runes
// is read (about 15 µs): a rune of a name is looked up, not searched for
// in up to a dozen Unicode tables, and no page is made before it is needed.
var scriptPages [256]atomic.Pointer[[256]script]

func asciiScript(r rune) script {
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return scLatin
	}
	return scNone
}

// scriptOfTables is scriptOf from the Unicode tables.
func scriptOfTables(r rune) script {
	switch {
	case r < 0x80:
		return asciiScript(r)
	case unicode.Is(unicode.Latin, r):
		return scLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scCyrillic
	case unicode.Is(unicode.Greek, r):
		return scGreek
	case unicode.Is(unicode.Arabic, r):
		return scArabic
	case unicode.Is(unicode.Hebrew, r):
		return scHebrew
	case unicode.Is(unicode.Armenian, r):
		return scArmenian
	case unicode.Is(unicode.Georgian, r):
		return scGeorgian
	case unicode.Is(unicode.Hangul, r):
		return scHangul
	case unicode.Is(unicode.Han, r):
		return scHan
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
		return scKana
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return scOther
	}
	return scNone
}

// Script returns the name of the dominant script of s ("Latin", "Cyrillic",
// "Arabic", ...), or "" when s has no letters.
func Script(s string) string {
	var counts [len(scriptNames)]int
	for _, r := range s {
		if unicode.IsDigit(r) {
			continue
		}
		counts[scriptOf(r)]++
	}
	best := scNone
	for i := 1; i < len(counts); i++ {
		if counts[i] > counts[best] {
			best = script(i)
		}
	}
	return scriptNames[best]
}

// Scripts reports IsAbjad(s) and IsSyllabic(s), reading s once.
func Scripts(s string) (abjad, syllabic bool) {
	if isASCII(s) {
		return false, false
	}
	sc := Script(s)
	return sc == "Arabic" || sc == "Hebrew", sc == "Hangul" || sc == "Han"
}

// IsAbjad reports whether s is written mostly in a script without vowels
// (Arabic, Hebrew), whose romanisation must be compared by consonants.
func IsAbjad(s string) bool {
	abjad, _ := Scripts(s)
	return abjad
}

// IsSyllabic reports whether s is written mostly in Hangul or Han, whose
// romanised syllables are each a distinct morpheme: two syllables that
// differ by a letter are different names, not spellings of one.
func IsSyllabic(s string) bool {
	_, syllabic := Scripts(s)
	return syllabic
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '`', '´', 'ʿ', 'ʾ', '′':
		return true
	}
	return false
}

// Fold returns s folded to lower-case ASCII words separated by single
// spaces: NFKC, case folding, diacritics removed, non-Latin scripts
// romanised, apostrophes dropped, "&" spelt "and", other punctuation made a
// space. Dots inside initialisms are joined ("L.L.C." → "llc").
func Fold(s string) string { return fold(s, false) }

// fold is Fold, writing the pinyin syllables of a run of Han characters
// as one word if joinHan, as a company's name is romanised ("大华" →
// "dahua"); other names keep them apart ("习近平" → "xi jin ping", as "Xi
// Jinping" folds to "xi jinping" and meets it syllable by syllable).
func fold(s string, joinHan bool) string {
	if !isASCII(s) {
		s = norm.NFKC.String(s) // ASCII is already in NFKC
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lang, langDone := russianLang, false
	space := func() {
		if b.Len() > 0 {
			if c := b.String()[b.Len()-1]; c != ' ' {
				b.WriteByte(' ')
			}
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		sc := scriptOf(r)
		switch sc {
		case scArabic, scHebrew, scGreek, scCyrillic:
			// Whole-word handlers: these need context.
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if sc2 := scriptOf(r2); sc2 != sc && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n2
			}
			word := s[i:j]
			switch sc {
			case scArabic:
				b.WriteString(arabicWord(word))
			case scHebrew:
				writeMapped(&b, word, hebrew)
			case scGreek:
				b.WriteString(greekWord(word))
			case scCyrillic:
				if !langDone {
					lang, langDone = cyrillicLang(s), true
				}
				cyrillicWord(&b, word, lang)
			}
			i = j
			continue
		case scHangul:
			if r >= 0xAC00 && r <= 0xD7A3 {
				space()
				b.WriteString(hangulSyllable(r))
				b.WriteByte(' ')
			}
		case scHan:
			if w, n := hanWord(s[i:]); n > 0 {
				space()
				b.WriteString(w)
				b.WriteByte(' ')
				i += n
				continue
			}
			if prev, _ := utf8.DecodeLastRuneInString(s[:i]); !joinHan || scriptOf(prev) != scHan {
				space()
			}
			if p, ok := hanPinyin[r]; ok {
				b.WriteString(p)
			} else {
				b.WriteRune(r)
			}
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); !joinHan || scriptOf(next) != scHan || hanWordAt(s[i+size:]) {
				b.WriteByte(' ')
			}
		case scKana:
			if p, ok := kana[r]; ok {
				b.WriteString(p)
			}
		case scArmenian:
			writeMapped(&b, string(unicode.ToLower(r)), armenian)
		case scGeorgian:
			writeMapped(&b, string(r), georgian)
		case scLatin:
			if r < 0x80 {
				if r >= 'A' && r <= 'Z' {
					r += 32
				}
				b.WriteByte(byte(r))
			} else if t, ok := latinFold[r]; ok {
				b.WriteString(t)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case scOther:
			b.WriteRune(unicode.ToLower(r))
		default:
			switch {
			case isApostrophe(r), r >= 0x80 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r)): // no ASCII character is Mn or Cf
				// dropped: "Qa'ida" → "qaida"
			case r == '&':
				space()
				b.WriteString("and ")
			case r == '.':
				b.WriteByte('.')
			default:
				space()
			}
		}
		i += size
	}
	return joinDots(strings.TrimSpace(b.String()))
}

func writeMapped(b *strings.Builder, word string, table map[rune]string) {
	for _, r := range word {
		if t, ok := table[r]; ok {
			b.WriteString(t)
		}
	}
}

// joinDots resolves the dots kept by Fold: "l.l.c." → "llc", "co.ltd" →
// "co ltd", "a.b.c" → "abc".
func joinDots(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		if !strings.Contains(w, ".") {
			continue
		}
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '.' })
		short := true
		for _, p := range parts {
			if len(p) > 1 {
				short = false
			}
		}
		if short {
			words[i] = strings.Join(parts, "")
		} else {
			words[i] = strings.Join(parts, " ")
		}
	}
	return strings.Join(strings.Fields(strings.Join(words, " ")), " ")
}

func greekWord(word string) string {
	rs := []rune(strings.ToLower(norm.NFD.String(word)))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		next := rune(0)
		for j := i + 1; j < len(rs); j++ {
			if !unicode.Is(unicode.Mn, rs[j]) {
				next = rs[j]
				break
			}
		}
		switch {
		case r == 'ο' && next == 'υ':
			b.WriteString("ou")
			i++
			continue
		case (r == 'α' || r == 'ε') && next == 'υ':
			b.WriteString(greek[r] + "v")
			i++
			continue
		case r == 'μ' && next == 'π' && i == 0:
			b.WriteString("b")
			i++
			continue
		case r == 'γ' && (next == 'γ' || next == 'κ'):
			b.WriteString("n")
			continue
		}
		b.WriteString(greek[r])
	}
	return b.String()
}

func arabicWord(word string) string {
	var clean strings.Builder
	for _, r := range word {
		if !unicode.Is(unicode.Mn, r) && r != 'ـ' {
			clean.WriteRune(r)
		}
	}
	w := clean.String()
	if t, ok := arabicWords[w]; ok {
		return t
	}
	if rest, ok := strings.CutPrefix(w, "عبد"); ok && utf8.RuneCountInString(rest) >= 3 {
		return "abd " + arabicWord(rest) // "عبدالرحمن" is "عبد الرحمن" written as one word
	}
	prefix := ""
	if rest, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
		prefix, w = "al ", rest
		if t, ok := arabicWords[w]; ok {
			return prefix + t
		}
	}
	var b strings.Builder
	b.WriteString(prefix)
	if rest, ok := strings.CutPrefix(w, "ع"); ok {
		// A word-initial ʿayn carries the first vowel: عمار Ammar, عتيبي
		// Otaibi, عراقي Iraqi.
		b.WriteString("a")
		w = rest
	}
	if rest, ok := strings.CutSuffix(w, "ه"); ok && utf8.RuneCountInString(rest) >= 2 {
		// A final ha is the feminine ending or a Persian final vowel
		// (حمزه Hamza, زاده Zadeh).
		writeArabic(&b, rest)
		b.WriteString("ah")
		return b.String()
	}
	writeArabic(&b, w)
	return b.String()
}

// writeArabic writes the letters of an Arabic-script word. An "h" (ha or
// hha) after a letter written s, k, t, d, z, g or c gets a vowel before it,
// as it has in speech: written together they would read as one sound, sh,
// kh, th... (سهيل is Suhayl, "sahyl", not "shyl", which sounds like شيل).
func writeArabic(b *strings.Builder, word string) {
	var last byte
	for _, r := range word {
		t, ok := arabic[r]
		if !ok || t == "" {
			continue
		}
		if t[0] == 'h' && strings.IndexByte("sktdzgc", last) >= 0 {
			b.WriteByte('a')
		}
		b.WriteString(t)
		last = t[len(t)-1]
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
