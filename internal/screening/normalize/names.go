package normalize

import (
	"slices"
	"strings"
)

// nameGroups lists spellings of one name that screening treats as the same
// name: Arabic romanisation variants, Korean surname spellings, Slavic and
// Western forms, common nicknames. The first word of a group is its canonical
// form. A token is in at most one group.
var nameGroups = []string{
	// Arabic romanisation variants.
	"muhammad mohammed mohammad mohamed mohamad muhammed mohammod muhamad mohd mehmet mehmed muhamed mohamud mahomed muhammet",
	"ahmad ahmed ahmet achmed",
	"mahmud mahmoud mahmood mehmood",
	"husayn hussein husein hussain husain hossein hosein huseyn hussien",
	"hasan hassan hasen hassen",
	"hamid hameed hamed",
	"abdallah abdullah abdulla abdollah abdellah abdalla abdula",
	"umar omar omer",
	"uthman usman othman osman othmane",
	"usama osama oussama ousama",
	"yusuf yousef yusef youssef yousuf yusif joseph josef",
	"ibrahim ebrahim ibraheem abraham",
	"ismail ismael ismail esmail",
	"khalid khaled",
	"mustafa mostafa moustafa mustapha",
	"said saeed saied sayed sayyid sayid syed",
	"salih saleh salah",
	"jafar jaafar jafer",
	"ali aly",
	"abu abou abo",
	"bin ben ibn bint",
	"abd abdel abdul abdal abdoul abdol abdil abdur abdour abdus abdar",
	"rahman rehman rahmane",
	"qasim qassem kasim kassem qasem",
	"yahya yahia yehia",
	"faysal faisal feisal",
	"nasir nasser naser nassir",
	"mansur mansour mansoor",
	"karim kareem",
	"rashid rasheed rachid",
	"adil adel aadil",
	"aziz azeez",
	"laden ladin",
	"qaida qaeda qaida",
	"tariq tarik tarek tareq",
	"hafiz hafez",
	"zakariya zakaria zakariyya",
	"sulayman suleiman sulaiman soleiman solomon",
	"muhsin mohsen mohsin",
	"jamal gamal",
	"mahdi mehdi",
	"rida reza",
	"abbas abass",
	// Korean surname and syllable spellings.
	"kim gim",
	"lee yi i ri rhee rhie",
	"park bak pak",
	"jeong jong chong chung jung",
	"choi choe",
	"kang gang",
	"cho jo",
	"yun yoon",
	"seong sung song",
	"eun un",
	"hyun hyeon",
	// Slavic / Western given-name equivalents.
	"john juan jean johann johannes giovanni ivan ioannis jan joao sean",
	"alexander aleksandr alexandr alexandre alessandro aleksander oleksandr aliaksandr alyaksandr alexandros aleksandros sasha",
	"michael mikhail mykhailo michel miguel michele mihail misha",
	"sergey sergei serguei serhiy serge sergio sergejs",
	"dmitry dmitri dmitriy dmytro dima",
	"vladimir volodymyr wladimir uladzimir uladimir wolodymyr volodya vova",
	"yevgeny evgeny evgeni yevgeniy eugene yevhen zhenya",
	"peter pyotr petr piotr pietro pedro pierre",
	"nicholas nikolai nikolay mykola nicolas nikolaos nicola kolya",
	"andrew andrey andrei andriy andreas andre",
	"paul pavel pavlo paolo pablo",
	"george georgy georgiy yuri yury yuriy jorge giorgi",
	"theodore ted fyodor fedor teodor",
	"william bill billy",
	"robert bob bobby",
	"james jim jimmy",
	"richard rick dick",
	"edward ed eddie",
	"joseph joe",
	"anatoly anatoliy anatolii",
	"alexey aleksey alexei oleksiy",
	"grigory grigoriy hryhoriy gregory",
	"igor ihor",
	"oleg oleh",
	// Well-known hypocorisms written in place of the full given name.
	"benjamin bibi",
	"barack barry",
	// Arabic romanisation variants of well-known listed names.
	"muammar moammar moamar muamar",
	"qaddafi gaddafi gadhafi qadhafi kadhafi qadafi gadafi kaddafi",
	"jinping jin ping",
}

// canon maps a token to the canonical form of its group.
var canon = func() map[string]string {
	m := map[string]string{}
	for _, g := range nameGroups {
		f := strings.Fields(g)
		for _, w := range f {
			if _, dup := m[w]; !dup {
				m[w] = f[0]
			}
		}
	}
	delete(m, "jinping") // the last line only documents a join
	delete(m, "jin")
	delete(m, "ping")
	return m
}()

// spellings maps the canonical form of every name group to the keys of all
// its spellings (text and skeleton only).
var spellings = func() map[string][]Key {
	m := map[string][]Key{}
	for w, c := range canon {
		m[c] = append(m[c], Key{Text: w, Skel: Skeleton(w)})
	}
	for _, ks := range m {
		slices.SortFunc(ks, func(a, b Key) int { return strings.Compare(a.Text, b.Text) })
	}
	return m
}()

// nicknames are pairs whose short form belongs to another group too
// ("ben" is also Arabic "son of").
var nicknames = map[[2]string]bool{{"ben", "benjamin"}: true, {"benjamin", "ben"}: true, {"bin", "benjamin"}: true, {"benjamin", "bin"}: true}

// Equivalent reports whether two canonical tokens are spellings of one name.
func Equivalent(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) == 0 || len(b) == 0 || len(a) > 3 && len(b) > 3 || a[0] != 'b' || b[0] != 'b' {
		return false // every nickname pair is "ben"/"bin" and "benjamin"
	}
	return nicknames[[2]string{a, b}]
}

// Canonical returns the canonical spelling of a name token, or the token.
func Canonical(tok string) string {
	if c, ok := canon[tok]; ok {
		return c
	}
	return tok
}

// particles are name words that carry little identity: Arabic articles and
// kinship words, Romance and Germanic nobiliary particles, honorifics.
var particles = map[string]bool{
	"al": true, "el": true, "ul": true, "ur": true, "ud": true, "ad": true, "ash": true, "as": true,
	"az": true, "an": true, "ar": true, "at": true, "bin": true, "abu": true, "de": true,
	"da": true, "di": true, "del": true, "della": true, "der": true, "van": true, "von": true, "la": true,
	"le": true, "du": true, "dos": true, "das": true, "y": true, "and": true, "of": true, "the": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "haji": true, "hajji": true, "mullah": true,
	"mullawi": true, "maulavi": true, "mawlawi": true, "qari": true, "sheikh": true, "shaykh": true,
	"sheik": true, "general": true, "colonel": true, "prof": true, "sir": true,
	"president": true, "presidente": true, "prasident": true, "prezident": true, "presiden": true,
	"predsjednik": true, "presedintele": true, "elnok": true, "prezydent": true,
}

// titles are honorifics and offices written before names; a query may carry
// one that the list does not.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "haji": true, "hajji": true, "mullah": true,
	"mullawi": true, "maulavi": true, "mawlawi": true, "qari": true, "sheikh": true, "shaykh": true,
	"sheik": true, "general": true, "colonel": true, "prof": true, "sir": true,
	"president": true, "presidente": true, "prasident": true, "prezident": true, "presiden": true,
	"predsjednik": true, "presedintele": true, "elnok": true, "prezydent": true,
}

// IsTitle reports whether tok is an honorific or office ("dr", "sheikh",
// "president").
func IsTitle(tok string) bool { return titles[tok] }

// orgWords are words that mark an organisation's name.
var orgWords = map[string]bool{
	"technology": true, "technologies": true, "institute": true, "university": true, "bank": true, "group": true,
	"industries": true, "industry": true, "industrial": true, "trading": true, "international": true, "electronics": true,
	"engineering": true, "research": true, "academy": true, "laboratory": true, "center": true, "centre": true,
	"factory": true, "plant": true, "enterprise": true, "enterprises": true, "holding": true, "holdings": true,
	"shipping": true, "logistics": true, "import": true, "export": true, "development": true, "equipment": true,
	"systems": true, "services": true, "solutions": true, "bureau": true, "ministry": true, "department": true,
	"aviation": true, "airlines": true, "petroleum": true, "oil": true, "gas": true, "energy": true, "chemical": true,
	"science": true, "sciences": true, "machinery": true, "manufacturing": true, "corporation": true, "foundation": true,
	"properties": true, "investment": true, "investments": true, "association": true, "agency": true, "establishment": true,
	"exchange": true, "insurance": true, "construction": true, "transport": true, "mining": true, "commercial": true,
}

// LooksLikeOrganisation reports whether analysed name tokens contain a legal
// form or a word that only organisations' names have.
func LooksLikeOrganisation(toks []string) bool {
	for _, t := range toks {
		if IsLegalForm(t) || orgWords[t] {
			return true
		}
	}
	return false
}

// IsKnownName reports whether tok is the canonical form of a name in the
// name-equivalence dictionary ("muhammad", "ahmad", "vladimir").
func IsKnownName(tok string) bool {
	_, ok := groupHead[tok]
	return ok
}

// IsParticle reports whether the (folded, canonical) token is a low-identity
// particle such as "al", "bin", "von" or a title.
func IsParticle(tok string) bool { return particles[tok] }

// abdPrefixes start Arabic theophoric names written as one word:
// "abdulrahman", "abdelkader".
var abdPrefixes = []string{"abdul", "abdel", "abdal", "abdoul", "abdol", "abdur", "abdus", "abdar", "abdu", "abd"}

var articles = map[string]bool{"al": true, "el": true, "ul": true, "ur": true, "ar": true, "as": true, "ash": true, "ad": true, "an": true, "az": true, "at": true, "ol": true}

// compoundAbd joins the parts of Arabic "servant of" names to one token:
// "abd al rahman", "abdul rahman", "abdel-rahman", "abdurrahman" all become
// "abdrahman".
func compoundAbd(toks []string) []string {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if (canon[t] == "abd" || abdTypo(t)) && i+1 < len(toks) && !strings.HasPrefix(toks[i+1], "abd") {
			// Not before another "abd" name: "'ABDU, Abdallah" is Abdallah
			// Abdu (Abduh), not a servant of Abdallah.
			j := i + 1
			if articles[toks[j]] && j+1 < len(toks) {
				j++
			}
			out = append(out, "abd"+stripDouble(Canonical(toks[j])))
			i = j
			continue
		}
		if canon[t] == "" && abdallahTypo(t) {
			t = "abdallah" // "abdullahh", "abdallha", "abdulpah"
		}
		if canon[t] == "" || canon[t] == t {
			for _, p := range abdPrefixes {
				if rest, ok := strings.CutPrefix(t, p); ok && len(rest) >= 3 && t != "abdallah" {
					// A doubled or extra letter may leave the article on
					// the name: "abduulmalik" is "abdu" "ulmalik".
					if a, ok := cutArticle(rest); ok {
						rest = a
					} else if c := p[len(p)-1]; (c == 'r' || c == 's') && len(p) == 5 && rest[0] != c {
						// The article assimilated, its letter written once:
						// "abdurahman", "abdusalam".
						rest = string(c) + rest
					}
					out = append(out, "abd"+stripDouble(Canonical(rest)))
					t = ""
					break
				}
			}
			if t == "" {
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// cutArticle returns rest without an Arabic article it starts with ("ul",
// "el", "al") when three letters or more remain.
func cutArticle(rest string) (string, bool) {
	for _, a := range []string{"al", "el", "ul"} {
		if r, ok := strings.CutPrefix(rest, a); ok && len(r) >= 3 {
			return r, true
		}
	}
	return rest, false
}

// abdallahTypo reports whether t, no dictionary spelling, is one edit from
// a spelling of Abdallah: split as "abd" and a name it would meet nothing.
func abdallahTypo(t string) bool {
	if len(t) < 6 || len(t) > 9 || !strings.HasPrefix(t, "abd") || strings.Contains(t, "ilah") || strings.Contains(t, "elah") {
		return false // Abd al-Ilah is another name
	}
	for _, w := range []string{"abdallah", "abdullah", "abdulla", "abdalla", "abdellah"} {
		if DistanceAtMost(t, w, 1) <= 1 {
			return true
		}
	}
	return false
}

// abdTypo reports whether t is "abdul", "abdel" or "abdur" with one letter wrong,
// missing, extra or swapped ("abbdul", "adbul", "abdyr", "badur"; an a
// first or second); a name of the dictionary ("adel") or "abel" is not.
func abdTypo(t string) bool {
	if len(t) < 4 || len(t) > 6 || t[0] != 'a' && t[1] != 'a' || canon[t] != "" || t == "abel" {
		return false
	}
	for _, w := range []string{"abdul", "abdel", "abdur"} {
		if DistanceAtMost(t, w, 1) <= 1 {
			return true
		}
	}
	return false
}

// stripDouble removes an assimilated article consonant doubling at the start
// ("rrahman" → "rahman").
func stripDouble(s string) string {
	if len(s) > 2 && s[0] == s[1] {
		return s[1:]
	}
	return s
}

// patronymicEndings end East Slavic and Turkic patronymics.
var patronymicEndings = []string{"ovich", "evich", "ovna", "evna", "ichna", "ogly", "oglu", "kyzy", "qizi"}

// IsPatronymic reports whether the folded token is a patronymic
// ("vladimirovich", "ivanovna", "aliyev ogly").
func IsPatronymic(tok string) bool {
	if len(tok) < 7 {
		return false
	}
	for _, e := range patronymicEndings {
		if strings.HasSuffix(tok, e) {
			return true
		}
	}
	return false
}
