package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cyrillic is a BGN/PCGN-style romanisation covering Russian, Ukrainian,
// Belarusian, Serbian, Macedonian, Kazakh and Mongolian letters.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ө': "o", 'ү': "u",
	'һ': "h", 'ә': "a", 'қ': "k", 'ң': "ng", 'ғ': "gh", 'ұ': "u", 'ј': "j", 'љ': "lj",
	'њ': "nj", 'ћ': "c", 'ђ': "dj", 'џ': "dz", 'ѕ': "dz", 'ќ': "k", 'ѓ': "g", 'ӣ': "i",
	'ӯ': "u", 'ҷ': "j", 'ҳ': "h", 'ӑ': "a", 'ӗ': "e", 'ҫ': "s", 'ӳ': "u",
}

// greek is an ELOT 743-style romanisation; digraphs are handled in greekRun.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
	'ω': "o",
}

// armenian follows the ISO 9985 / BGN style.
var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h",
	'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o",
	'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

// georgian follows the national system of 2002.
var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t",
	'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh",
	'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q",
	'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j",
	'ჰ': "h",
}

// hebrew is consonantal, like the script; vowel points are dropped as marks.
var hebrew = map[rune]string{
	'א': "", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z", 'ח': "kh",
	'ט': "t", 'י': "y", 'כ': "k", 'ך': "kh", 'ל': "l", 'מ': "m", 'ם': "m", 'נ': "n",
	'ן': "n", 'ס': "s", 'ע': "", 'פ': "p", 'ף': "f", 'צ': "ts", 'ץ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t",
}

// arabic covers Arabic, Persian and Urdu letters. The script writes no short
// vowels, so the result is compared by consonant skeleton (see Skeleton).
var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ء': "", 'ؤ': "", 'ئ': "",
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n",
	'ه': "h", 'و': "w", 'ي': "y", 'ى': "a", 'ة': "a", 'پ': "p", 'چ': "ch", 'ژ': "zh",
	'گ': "g", 'ک': "k", 'ی': "y", 'ے': "e", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n",
	'ھ': "h", 'ۃ': "a", 'ە': "e",
}

// arabicWords gives the usual romanisation of frequent name words, which the
// consonant-only letters cannot recover.
var arabicWords = map[string]string{
	"محمد": "muhammad", "أحمد": "ahmad", "احمد": "ahmad", "علي": "ali", "على": "ali",
	"حسن": "hasan", "حسين": "husayn", "حسین": "husayn", "خالد": "khalid", "محمود": "mahmud",
	"عمر": "umar", "عثمان": "uthman", "يوسف": "yusuf", "یوسف": "yusuf", "إبراهيم": "ibrahim",
	"ابراهيم": "ibrahim", "عبد": "abd", "الله": "allah", "عبدالله": "abdallah",
	"مصطفى": "mustafa", "سعيد": "said", "صالح": "salih", "جعفر": "jafar", "عيسى": "isa",
	"موسى": "musa", "بن": "bin", "ابن": "ibn", "أبو": "abu", "ابو": "abu", "بنت": "bint",
	"عبدالرحمن": "abd al rahman", "الرحمن": "al rahman", "عبيد": "ubayd", "سليمان": "sulayman",
	"فاطمة": "fatima", "مريم": "maryam", "عائشة": "aisha", "زينب": "zaynab", "نور": "nur",
	"أسامة": "usama", "اسامة": "usama", "لادن": "ladin", "صدام": "saddam", "حافظ": "hafiz",
	"بشار": "bashar", "الأسد": "al asad", "الاسد": "al asad", "رضا": "rida", "مهدي": "mahdi",
	"جمال": "jamal", "كمال": "kamal", "رشيد": "rashid", "عادل": "adil", "ناصر": "nasir",
	"طارق": "tariq", "قاسم": "qasim", "حمزة": "hamza", "يحيى": "yahya", "زكريا": "zakariya",
	"إسماعيل": "ismail", "اسماعيل": "ismail", "عباس": "abbas", "جواد": "jawad", "كريم": "karim",
	"رحيم": "rahim", "عزيز": "aziz", "منصور": "mansur", "نصر": "nasr", "فيصل": "faysal",
	"سلمان": "salman", "سلطان": "sultan", "حامد": "hamid", "حميد": "hamid", "شريف": "sharif",
}

// hangul romanises precomposed syllables algorithmically (Revised
// Romanisation); name-form variants (Kim/Gim, Park/Bak) live in the name
// dictionary.
var (
	hangulInitial = []string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulMedial  = []string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulFinal   = []string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

func hangulSyllable(r rune) string {
	i := int(r - 0xAC00)
	return hangulInitial[i/588] + hangulMedial[(i%588)/28] + hangulFinal[i%28]
}

// kana romanises Hiragana and Katakana (Hepburn), so that kana names at least
// compare with their Latin spelling by sound.
var kana = func() map[rune]string {
	rows := []string{
		"a i u e o", "ka ki ku ke ko", "ga gi gu ge go", "sa shi su se so", "za ji zu ze zo",
		"ta chi tsu te to", "da ji zu de do", "na ni nu ne no", "ha hi fu he ho", "ba bi bu be bo",
		"pa pi pu pe po", "ma mi mu me mo", "ya yu yo", "ra ri ru re ro", "wa wo n",
	}
	hira := "あいうえおかきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでどなにぬねのはひふへほばびぶべぼぱぴぷぺぽまみむめもやゆよらりるれろわをん"
	m := map[rune]string{}
	var syl []string
	for _, r := range rows {
		syl = append(syl, strings.Fields(r)...)
	}
	for i, r := range []rune(hira) {
		m[r] = syl[i]
		m[r+0x60] = syl[i] // katakana block is hiragana + 0x60
	}
	for r, s := range map[rune]string{'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo", 'っ': "", 'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o"} {
		m[r], m[r+0x60] = s, s
	}
	m['ー'] = ""
	m['ヴ'] = "vu"
	return m
}()

// latinFold maps a Latin letter with diacritics to ASCII. Built once from the
// Unicode decompositions plus the letters that do not decompose.
var latinFold = func() map[rune]string {
	m := map[rune]string{
		'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'ł': "l", 'đ': "d", 'ı': "i", 'þ': "th",
		'ð': "d", 'ŋ': "ng", 'ħ': "h", 'ĸ': "k", 'ŀ': "l", 'ſ': "s", 'ƒ': "f", 'ɨ': "i",
		'ʻ': "", 'ʼ': "", 'ʿ': "", 'ʾ': "",
	}
	for _, rng := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := rng[0]; r <= rng[1]; r++ {
			if _, ok := m[r]; ok || !unicode.IsLetter(r) {
				continue
			}
			lr := unicode.ToLower(r)
			if s, ok := m[lr]; ok {
				m[r] = s
				continue
			}
			var b strings.Builder
			for _, d := range norm.NFD.String(string(lr)) {
				if d < 0x80 {
					b.WriteRune(d)
				}
			}
			if b.Len() > 0 {
				m[r] = b.String()
			}
		}
	}
	return m
}()

// eastSlavic tells which Cyrillic orthography a name is written in.
type eastSlavic uint8

const (
	russianLang eastSlavic = iota
	ukrainianLang
	belarusianLang
)

// cyrillicLang recognises a Ukrainian or Belarusian name by its letters: і,
// ї, є, ґ and ў do not occur in Russian; Belarusian has і and ў but no и.
func cyrillicLang(s string) eastSlavic {
	var hasI, hasY, hasUk, hasBe bool
	for _, r := range s {
		switch unicode.ToLower(r) {
		case 'і':
			hasI = true
		case 'и':
			hasY = true
		case 'ї', 'є', 'ґ':
			hasUk = true
		case 'ў':
			hasBe = true
		}
	}
	// "-ський", "-цький" are Ukrainian spellings of Russian "-ский", "-цкий".
	if !hasUk && !hasI && !hasBe {
		l := strings.ToLower(s)
		hasUk = strings.Contains(l, "ськ") || strings.Contains(l, "цьк")
	}
	switch {
	case hasUk || hasI && hasY:
		return ukrainianLang
	case hasBe || hasI:
		return belarusianLang
	}
	return russianLang
}

// cyrillicWord romanises one Cyrillic word. In Ukrainian and Belarusian
// names г is h and, in Ukrainian, и is y. Belarusian writes the soft т and д
// of Russian as ц and дз (Пуцін, Уладзімір): before a soft vowel or soft sign
// they are romanised as t and d, so that Belarusian spellings meet the
// Russian-based romanisations lists use (Уладзімір Пуцін → uladimir putin).
func cyrillicWord(b *strings.Builder, word string, lang eastSlavic) {
	rs := []rune(strings.ToLower(word))
	ukrainian, belarusian := lang == ukrainianLang, lang == belarusianLang
	soft := func(k int) bool {
		if k >= len(rs) {
			return false
		}
		switch rs[k] {
		case 'і', 'е', 'ё', 'ю', 'я', 'ь':
			return true
		}
		return false
	}
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		switch {
		case (ukrainian || belarusian) && r == 'г':
			b.WriteByte('h')
			continue
		case ukrainian && r == 'и':
			b.WriteByte('y')
			continue
		case ukrainian && r == 'ї' && k > 0:
			b.WriteByte('i')
			continue
		case ukrainian && r == 'є' && k > 0:
			b.WriteString("ie")
			continue
		case belarusian && r == 'ц' && soft(k+1):
			b.WriteByte('t')
			continue
		case belarusian && r == 'д' && k+1 < len(rs) && rs[k+1] == 'з' && soft(k+2):
			b.WriteByte('d')
			k++
			continue
		}
		if t, ok := cyrillic[r]; ok {
			b.WriteString(t)
		}
	}
}
