package normalize

import "strings"

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
	f := Fold(name)
	if f == "" {
		return nil, ""
	}
	toks := strings.Fields(f)
	for i, t := range toks {
		toks[i] = unLeet(t)
	}
	toks = compoundAbd(toks)
	for i, t := range toks {
		toks[i] = Canonical(t)
	}
	toks = legalFormsIn(toks, person)
	return toks, strings.Join(toks, "")
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
