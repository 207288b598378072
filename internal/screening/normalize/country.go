package normalize

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryAliases are names used on sanctions lists that differ from the CLDR
// English names.
var countryAliases = map[string]string{
	"russian federation": "RU", "russia": "RU", "iran islamic republic of": "IR", "iran": "IR",
	"syrian arab republic": "SY", "syria": "SY", "democratic peoples republic of korea": "KP", "north korea": "KP",
	"korea north": "KP", "dprk": "KP", "republic of korea": "KR", "south korea": "KR", "korea south": "KR",
	"united kingdom of great britain and northern ireland": "GB", "united kingdom": "GB", "uk": "GB",
	"great britain": "GB", "united states of america": "US", "united states": "US", "usa": "US",
	"palestinian": "PS", "palestine": "PS", "state of palestine": "PS", "west bank": "PS", "gaza": "PS",
	"occupied palestinian territory": "PS", "venezuela bolivarian republic of": "VE", "bolivia plurinational state of": "BO",
	"tanzania united republic of": "TZ", "united republic of tanzania": "TZ", "lao peoples democratic republic": "LA",
	"laos": "LA", "viet nam": "VN", "vietnam": "VN", "burma": "MM", "myanmar": "MM", "congo democratic republic of the": "CD",
	"democratic republic of the congo": "CD", "congo": "CG", "republic of the congo": "CG", "cote divoire": "CI",
	"ivory coast": "CI", "moldova republic of": "MD", "republic of moldova": "MD", "macedonia": "MK", "north macedonia": "MK",
	"the former yugoslav republic of macedonia": "MK", "turkey": "TR", "turkiye": "TR", "czech republic": "CZ",
	"czechia": "CZ", "swaziland": "SZ", "eswatini": "SZ", "cape verde": "CV", "cabo verde": "CV", "micronesia": "FM",
	"bosnia and herzegovina": "BA", "bosnia herzegovina": "BA", "hong kong": "HK", "macau": "MO", "macao": "MO",
	"taiwan": "TW", "kosovo": "XK", "crimea": "UA", "sudan": "SD", "south sudan": "SS", "yemen": "YE", "libya": "LY",
	"belarus": "BY", "kyrgyzstan": "KG", "the gambia": "GM", "gambia": "GM", "the bahamas": "BS", "holy see": "VA",
	"brunei darussalam": "BN", "timor leste": "TL", "east timor": "TL", "netherlands": "NL", "the netherlands": "NL",
	"saint kitts and nevis": "KN", "st kitts and nevis": "KN", "saint vincent and the grenadines": "VC",
	"saint lucia": "LC", "st lucia": "LC", "uae": "AE", "united arab emirates": "AE", "china": "CN",
	"peoples republic of china": "CN", "iraq": "IQ", "afghanistan": "AF", "pakistan": "PK", "somalia": "SO",
	"soviet union": "SU", "ussr": "SU", "yugoslavia": "YU", "serbia and montenegro": "CS",
}

// countries maps folded English country names (CLDR, via x/text) and the
// aliases above to ISO 3166 alpha-2 codes.
var countries = func() map[string]string {
	m := map[string]string{}
	namer := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code {
				continue
			}
			if n := namer.Name(r); n != "" {
				m[Fold(n)] = code
			}
		}
	}
	for k, v := range countryAliases {
		m[k] = v
	}
	return m
}()

// Country returns the ISO 3166 alpha-2 code of a country written as a code
// (alpha-2 or alpha-3) or an English name, or "" when it is not recognised.
// Parenthesised notes are ignored ("Russia (as of 2014)").
func Country(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if s == "" {
		return ""
	}
	if len(s) == 2 || len(s) == 3 {
		up := strings.ToUpper(s)
		if len(s) == 2 && up == s || len(s) == 2 && strings.ToLower(s) == s {
			if r, err := language.ParseRegion(up); err == nil && r.IsCountry() {
				return r.String()
			}
		}
		if len(s) == 3 && up == s {
			if r, err := language.ParseRegion(up); err == nil && r.IsCountry() {
				return r.String()
			}
		}
	}
	f := Fold(s)
	if c, ok := countries[f]; ok {
		return c
	}
	if c, ok := countries[strings.TrimPrefix(f, "the ")]; ok {
		return c
	}
	return ""
}

// regions are continents and world regions: in an organisation's name they
// mark a branch of the same name ("Faberlic Europe").
var regions = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields("europe europa european asia asian africa afrika african america americas amerika latinoamerica eurasia oceania australasia scandinavia nordic nordics benelux balkans caucasus levant maghreb emea apac mena asean") {
		m[r] = true
	}
	return m
}()

// chinesePlaces are the provinces, the municipalities and the cities that
// most often begin a Chinese company's name: companies are registered under
// them, and lists often leave them out ("Zhejiang Dahua Technology Co.,
// Ltd." is listed as "Dahua Technology").
var chinesePlaces = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields(`anhui fujian gansu guangdong guizhou hainan hebei heilongjiang henan hubei hunan
		jiangsu jiangxi jilin liaoning qinghai shaanxi shandong shanxi sichuan yunnan zhejiang guangxi ningxia
		xinjiang xizang beijing tianjin shanghai chongqing shenzhen guangzhou hangzhou nanjing wuhan chengdu
		xian suzhou dongguan qingdao xiamen ningbo dalian shenyang harbin changsha zhengzhou hefei kunming jinan
		fuzhou wuxi changzhou foshan zhuhai nanchang taiyuan shijiazhuang lanzhou guiyang nanning changchun`) {
		m[r] = true
	}
	return m
}()

// IsChinesePlace reports whether the folded token is a Chinese province or
// a city that often begins a company's name.
func IsChinesePlace(tok string) bool { return chinesePlaces[tok] }

// IsRegion reports whether the folded token names a continent, a world
// region or a Chinese province or city, or stands for a parenthesised
// country note (see countryNotes).
func IsRegion(tok string) bool {
	return regions[tok] || chinesePlaces[tok] || IsNote(tok)
}

// IsNote reports whether the token stands for a parenthesised country note
// (see countryNotes).
func IsNote(tok string) bool { return len(tok) == 4 && strings.HasPrefix(tok, noteMark) }

// countryNameLanguages are the languages whose country names are recognised
// in the parenthesised notes of organisations' names.
var countryNameLanguages = []string{"de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "cs", "ru", "tr"}

// foreignCountries maps folded country names in countryNameLanguages to ISO
// 3166 alpha-2 codes. It is built when a name first has a parenthesised
// note, not at every start of the program.
var foreignCountries = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, l := range countryNameLanguages {
		namer := display.Regions(language.MustParse(l))
		for a := 'A'; a <= 'Z'; a++ {
			for b := 'A'; b <= 'Z'; b++ {
				r, err := language.ParseRegion(string([]rune{a, b}))
				if err != nil || !r.IsCountry() {
					continue
				}
				if n := Fold(namer.Name(r)); len(n) >= 4 {
					m[n] = r.String()
				}
			}
		}
	}
	return m
})

// noteMark starts the token that stands for a parenthesised country note
// ("(Schweiz)" → "zzch"); no name word starts with it.
const noteMark = "zz"

// CountryNote returns the token countryNotes writes for the country that
// the folded word tok names in English ("malaysia" → "zzmy"), or "" when
// tok is no country's one-word name of four letters or more. A name that
// writes the country without parentheses ("Noor Energy Malaysia Ltd")
// meets one that writes it as a note ("Noor Energy (Malaysia) Ltd.").
func CountryNote(tok string) string {
	if len(tok) < 4 {
		return ""
	}
	if c := countries[tok]; c != "" {
		return noteMark + strings.ToLower(c)
	}
	return ""
}

// countryNotes rewrites the parenthesised country names of an
// organisation's name as one token per country, the same in every
// language: "Deutsche Bank (Schweiz) AG" and "Deutsche Bank (Switzerland)
// AG" both read "deutsche bank zzch ag". IsRegion counts them as a branch's
// region, which the name without the note still matches.
func countryNotes(name string) string {
	out := name
	for from := 0; ; {
		i := strings.IndexByte(out[from:], '(')
		if i < 0 {
			return out
		}
		i += from
		j := strings.IndexByte(out[i:], ')')
		if j < 0 {
			return out
		}
		note := out[i+1 : i+j]
		code := Country(note)
		if code == "" {
			code = foreignCountries()[Fold(note)]
		}
		if code == "" {
			from = i + j
			continue
		}
		tok := " " + noteMark + strings.ToLower(code) + " "
		out = out[:i] + tok + out[i+j+1:]
		from = i + len(tok)
	}
}

// stateOf writes the country that ends a state body's name as a country
// note, as countryNotes does a parenthesised one: "Federal Security Service
// of the Russian Federation" reads "federal security service zzru" and meets
// "Federal Security Service" as a branch meets its company, and "... of the
// Republic of Belarus" is another country's. It takes three words before the
// country: in "Bank of China" or "Central Bank of Iran" the country is the
// name. The country may be misspelt as any word of a name may ("... OF
// IRAAN"), and a legal form may follow it ("... OF KOREA S.A.").
func stateOf(name string) string {
	for i := range len(name) {
		if !ofAt(name, i) {
			continue
		}
		head := name[:i]
		// "... of the Islamic Republic of Iran": the country's formal name
		// goes with it, misspelt or not.
		if n := len(head) - len("republic"); n > 0 && strings.EqualFold(head[n:], "republic") {
			for j := n - 4; j > 0; j-- {
				if ofAt(head, j) {
					head = head[:j]
					break
				}
			}
		}
		if len(strings.Fields(head)) < 3 {
			continue
		}
		tail := Fold(name[i+4:])
		tail = strings.TrimPrefix(tail, "the ")
		for _, p := range []string{"islamic republic of ", "republic of "} {
			tail = strings.TrimPrefix(tail, p)
		}
		form := ""
		if k := strings.LastIndexByte(tail, ' '); k > 0 && legalFormWord(tail[k+1:]) {
			tail, form = tail[:k], " "+tail[k+1:]
		}
		if code := nearCountry(tail); code != "" {
			return head + " " + noteMark + strings.ToLower(code) + form
		}
	}
	return name
}

// ofAt reports whether s has " of ", in any case, at byte i. (Indices
// into strings.ToLower(s) are not indices into s: some letters change
// their length in UTF-8 with their case.)
func ofAt(s string, i int) bool { return i+4 <= len(s) && strings.EqualFold(s[i:i+4], " of ") }

// legalFormWord reports whether the folded word is a legal form on its own
// ("sa", "ltd", "llc").
func legalFormWord(w string) bool {
	_, ok := legalForms[w]
	return ok
}

// nearCountry returns the code of the country the folded text names,
// written as it is or with an edit or two (one in names of six letters or
// fewer: "grain" is not "Spain"), when one country is nearest; else "".
func nearCountry(text string) string {
	if c := Country(text); c != "" {
		return c
	}
	if len(text) < 4 {
		return ""
	}
	k := 1
	if len(text) > 6 {
		k = 2
	}
	best, bestD, tie := "", k+1, false
	for name, code := range countries {
		if absDiff(len(name), len(text)) > k {
			continue
		}
		switch d := DistanceAtMost(text, name, k); {
		case d < bestD:
			best, bestD, tie = code, d, false
		case d == bestD && code != best:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}
