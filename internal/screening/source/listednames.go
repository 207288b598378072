package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// The lists write more than a name in a name field, the US government's
// (the BIS Entity List, the Denied Persons List, the State Department's
// lists in the Consolidated Screening List) most of all:
//
//	Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei Marine Networks Co., Ltd.
//	Far East Trading Company, Inc. (a.k.a. FETCO, Inc.)
//	Gazprom Telekom, OOO (f.k.a. Zakrytoe Aktsionernoe Obshchestvo Gaztelekom)
//	Avin Electronics Technology Co., Ltd. (AETC)
//	Chengdu Huawei Technologies Co., Ltd., Chengdu, Sichuan
//	Ningbo Vet Energy Technology Co., Ltd. and any successor, subunit, or subsidiary thereof
//	Igor Aleksandrovich Michurin (Russian individual)
//	FOREIGN TRADE BANK (FTB)   (OFAC, the UN)
//
// Screened as one name, "Avin Electronics Technology Co., Ltd." met its
// own listing at 0.72, under the threshold. derivedNames reads the names
// such a field holds; every loader keeps the field as written and adds these
// (see finish).
var (
	reAffiliated = regexp.MustCompile(`(?i)\.?\s*Affiliated Entit(?:y|ies)\s*:\s*`)
	reSuccessors = regexp.MustCompile(`(?i),?\s+and\s+(?:any|its|all)\s+(?:successors?|sub-?units?|subsidiar(?:y|ies))\b.*$`)
	reAKA        = regexp.MustCompile(`(?i)^(?:a\.?k\.?a\.?|also known as)[,:]?\s+`)
	reFKA        = regexp.MustCompile(`(?i)^(?:f\.?k\.?a\.?|formerly(?: known as)?)[,:]?\s+`)
	reInlineAKA  = regexp.MustCompile(`(?i),\s+(?:a\.k\.a\.|also known as)\s+`)
	reNote       = regexp.MustCompile(`(?i)^(?:parent organi[sz]ation\b.*|.*\bindividual|.*\bnational)$`)
	reShortName  = regexp.MustCompile(`^[\pL\pN][\pL\pN&.'-]*$`)
)

// orgWords mark a comma-separated tail as part of the name ("Huawei
// Technologies Co., Ltd., Beijing Research Institute") rather than the place
// it is in ("..., Chengdu, Sichuan").
var orgWords = map[string]bool{
	"institute": true, "research": true, "laboratory": true, "lab": true, "center": true, "centre": true,
	"academy": true, "branch": true, "department": true, "division": true, "factory": true, "plant": true,
	"office": true, "bureau": true, "university": true, "school": true, "college": true, "hospital": true,
	"group": true, "bank": true, "works": true, "representative": true, "subsidiary": true, "unit": true,
}

// derivedNames returns the names that the list field value holds besides
// itself (none when it holds just one name): the entity's name without notes,
// acronyms, qualifiers and its place as an alias; "a.k.a." names as aliases,
// "f.k.a." names as former names; a parenthesised one-word short name
// ("(AETC)", "(Huawei)") as a weak alias. For an affiliate listed under its
// parent ("Parent (P).  Affiliated Entity: Affiliate") the names are the
// affiliate's. A person's name loses only notes and "a.k.a." names: a word in
// brackets there is another spelling ("SANTOS, Ahmad (Ahmed)").
func derivedNames(value string, person bool) []screening.Name {
	if !strings.ContainsAny(value, "([,:") && !strings.Contains(value, " and ") && !strings.Contains(value, " AND ") {
		return nil
	}
	s := strings.TrimSpace(value)
	if loc := reAffiliated.FindStringIndex(s); loc != nil && strings.TrimSpace(s[loc[1]:]) != "" {
		s = strings.TrimSpace(s[loc[1]:])
	}
	s = strings.TrimSpace(reSuccessors.ReplaceAllString(s, ""))
	var found []screening.Name
	add := func(v string, t screening.NameType) {
		found = append(found, screening.Name{Value: v, Type: t})
	}
	// "X, a.k.a. Y": Y is read like X, for its own notes and acronym.
	if loc := reInlineAKA.FindStringIndex(s); loc != nil {
		aka := s[loc[1]:]
		add(aka, screening.NameAlias)
		found = append(found, derivedNames(aka, person)...)
		s = strings.TrimSpace(s[:loc[0]])
	}
	// Bracketed groups, outermost only.
	var main strings.Builder
	for {
		i := strings.IndexAny(s, "([")
		if i < 0 {
			main.WriteString(s)
			break
		}
		j := closing(s, i)
		if j < 0 {
			main.WriteString(s)
			break
		}
		group := strings.TrimSpace(s[i+1 : j])
		rest := strings.TrimSpace(s[j+1:])
		trailing := strings.Trim(rest, " .,") == ""
		switch {
		case reAKA.MatchString(group):
			for _, a := range splitNames(reAKA.ReplaceAllString(group, "")) {
				add(a, screening.NameAlias)
			}
		case reFKA.MatchString(group):
			for _, a := range splitNames(reFKA.ReplaceAllString(group, "")) {
				add(a, screening.NameFormer)
			}
		case reNote.MatchString(group):
		case person:
			main.WriteString(s[:j+1])
			s = s[j+1:]
			continue
		case trailing && reShortName.MatchString(group) && isShortName(group, s[:i]):
			if len(group) >= 3 { // "(IG)", "(LJ)" leave the name, but are no name
				add(group, screening.NameWeak)
			}
		case trailing && strings.ContainsRune(group, ' ') && !isFormOrCountry(group):
			// A longer trailing note ("(LEBANON BRANCH)"): the name
			// without it is added, the note is not a name.
		default:
			main.WriteString(s[:j+1])
			s = s[j+1:]
			continue
		}
		main.WriteString(strings.TrimRight(s[:i], " "))
		if rest != "" && !strings.HasPrefix(rest, ",") && !strings.HasPrefix(rest, ".") {
			main.WriteByte(' ')
		}
		s = rest
	}
	name := strings.Join(strings.Fields(main.String()), " ")
	if !person {
		name = withoutPlace(name)
	}
	found = append([]screening.Name{{Value: name, Type: screening.NameAlias}}, found...)
	var out []screening.Name
	seen := map[string]bool{strings.Join(strings.Fields(value), " "): true}
	for _, n := range found {
		n.Value = strings.TrimSpace(strings.Trim(strings.Join(strings.Fields(n.Value), " "), ",;"))
		if seen[n.Value] || normalize.Fold(n.Value) == "" {
			continue
		}
		seen[n.Value] = true
		n.Script = normalize.Script(n.Value)
		n.Derived = true
		out = append(out, n)
	}
	return out
}

// isShortName reports whether the parenthesised word group after name is
// the organisation's short name: one of its words ("Huawei Technologies Co.,
// Ltd. (Huawei)"), or an acronym in capitals after a name that is not
// ("Avin Electronics Technology Co., Ltd. (AETC)"). After a name written in
// capitals a word in capitals may as well be a place or a status ("PJSC VTB
// BANK (KIEV)", "GOLDEN FISH S.A.L. (OFFSHORE)"): there it must be made of
// the name's initials.
func isShortName(group, name string) bool {
	if isFormOrCountry(group) {
		return false
	}
	if strings.Contains(name, ":") {
		// "Department of Atomic Energy entity: Nuclear reactors ... not
		// under International Atomic Energy Agency (IAEA)" describes.
		return false
	}
	g := normalize.Fold(group)
	for _, w := range strings.Fields(normalize.Fold(name)) {
		if w == g {
			return true
		}
	}
	if group != strings.ToUpper(group) {
		return false
	}
	return name != strings.ToUpper(name) || initials(g, name)
}

// initials reports whether the letters of the acronym are the first
// letters of words of name, in order, starting with its first ("FTB":
// "FOREIGN TRADE BANK", "GTI": "GLOBAL TECHNOLOGY IMPORT & EXPORT, S.A."),
// an acronym of four letters or more but for its last ("AOPC": "ATLAS OCEAN
// AND PETROCHEMICAL", of a company).
// Any other word in capitals after a name in capitals may be a place or a
// status ("KIEV", "OFFSHORE").
func initials(acronym, name string) bool {
	words := strings.Fields(normalize.Fold(name))
	if len(acronym) < 2 || len(words) == 0 || words[0][0] != acronym[0] {
		return false
	}
	k := 0
	for _, w := range words {
		if k < len(acronym) && w[0] == acronym[k] {
			k++
		}
	}
	return k == len(acronym) || len(acronym) >= 4 && k == len(acronym)-1
}

// closing returns the index of the bracket that closes the one at s[i], or -1.
func closing(s string, i int) int {
	open, shut := s[i], byte(')')
	if open == '[' {
		shut = ']'
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case open:
			depth++
		case shut:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// splitNames splits a list of names at semicolons, and at commas where the
// part after the comma is not a legal form ("FETCO, Inc." is one name;
// "Astronautics Systems Research Center, Aerospace Research Institute" two).
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		parts := strings.Split(p, ",")
		cur := parts[0]
		for _, q := range parts[1:] {
			if isFormOrCountry(q) || strings.TrimSpace(q) == "" {
				cur += "," + q
				continue
			}
			out = append(out, cur)
			cur = q
		}
		out = append(out, cur)
	}
	return out
}

// isFormOrCountry reports whether s is a legal form ("Inc.", "LLC",
// "(Private) Limited") or a country ("HK", "Switzerland"), which stay part
// of a name.
func isFormOrCountry(s string) bool {
	s = strings.TrimSpace(s)
	if normalize.Country(s) != "" {
		return true
	}
	toks := normalize.Tokens("x "+s, false)
	if len(toks) < 2 {
		return false
	}
	for _, t := range toks[1:] {
		if !normalize.IsLegalForm(t) {
			return false
		}
	}
	return true
}

// withoutPlace drops the place written after a company's legal form
// ("Chengdu Huawei Technologies Co., Ltd., Chengdu, Sichuan", "Huawei
// Technologies Switzerland AG, Liebefeld"): one to three capitalised words
// after a limited-liability or joint-stock form. After "Corporation" or
// "Company" the tail is as often a unit of it ("Tactical Missile
// Corporation, NPO Lightning"), and a tail that names one ("..., Beijing
// Research Institute"), is itself a legal form ("Gazprom Telekom, OOO") or
// goes on ("..., and Sense Time") stays.
func withoutPlace(name string) string {
	parts := strings.Split(name, ",")
	for k := len(parts) - 2; k >= 0; k-- {
		head := strings.Join(parts[:k+1], ",")
		toks := normalize.Tokens(head, false)
		if len(toks) < 2 {
			continue
		}
		switch toks[len(toks)-1] {
		case normalize.FormLLC, normalize.FormJSC:
		case normalize.FormCorp, normalize.FormLP:
			return name
		default:
			continue
		}
		for _, tail := range parts[k+1:] {
			if isFormOrCountry(tail) && normalize.Country(tail) == "" {
				return name
			}
			words := strings.Fields(tail)
			if len(words) == 0 || len(words) > 3 {
				return name
			}
			for _, w := range words {
				if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) || orgWords[normalize.Fold(w)] {
					return name
				}
			}
		}
		return strings.TrimSpace(head)
	}
	return name
}

// withDerivedNames appends to names the derivedNames of each that the list
// does not already have. A name derived from a weak alias or a former name
// is one too.
func withDerivedNames(names []screening.Name, person bool) []screening.Name {
	var have map[string]bool
	for _, n := range names {
		for _, d := range derivedNames(n.Value, person) {
			if have == nil {
				have = make(map[string]bool, len(names))
				for _, n := range names {
					have[n.Value] = true
				}
			}
			if have[d.Value] {
				continue
			}
			have[d.Value] = true
			if n.Type == screening.NameWeak || n.Type == screening.NameFormer && d.Type != screening.NameWeak {
				d.Type = n.Type
			}
			names = append(names, d)
		}
	}
	return names
}
