package controllist

import (
	"regexp"
	"sort"
	"strings"
)

// codePattern matches a normalised control-list code: category digit, group
// letter, three digits, then dotted sub-item labels ("5A001", "5D002.c.3.b",
// "1C350.66"). National lists may use their own prefixes (see National).
var codePattern = regexp.MustCompile(`^[0-9][A-E][0-9]{3}(\.[a-z0-9]{1,3})*$`)

// queryCodePattern recognises a query that is just a code, in any case and
// with an optional trailing dot.
var queryCodePattern = regexp.MustCompile(`^(?i)\s*[0-9][a-e][0-9]{3}(\.[a-z0-9]{1,3})*\.?\s*$`)

// NormalizeCode returns code in the list's canonical form: trimmed, without
// trailing dots, group letter upper case and sub-item labels lower case
// ("5a001.J." → "5A001.j").
func NormalizeCode(code string) string {
	c := strings.TrimSpace(code)
	c = strings.TrimRight(c, ".")
	if len(c) < 5 || c[0] < '0' || c[0] > '9' {
		return c // national list codes keep their own form
	}
	return strings.ToUpper(c[:5]) + strings.ToLower(c[5:])
}

// IsCode reports whether s looks like an Annex I code (it need not exist).
func IsCode(s string) bool { return queryCodePattern.MatchString(s) }

// Covers reports whether the code "outer" covers "inner": they are equal or
// inner is a sub-item of outer ("5A001" covers "5A001.j.1").
func Covers(outer, inner string) bool {
	outer, inner = NormalizeCode(outer), NormalizeCode(inner)
	return inner == outer || strings.HasPrefix(inner, outer+".")
}

// cyberSurveillanceCodes are the listed cyber-surveillance items named in
// Commission Recommendation (EU) 2024/2659 (domain.md §3.1). Sub-items of a
// listed code are cyber-surveillance items too.
var cyberSurveillanceCodes = []string{
	"4A005", "4D004", "4E001.a", "4E001.c",
	"5A001.f", "5A001.j", "5D001.e",
	"5A004.a", "5A004.b", "5D002.a.3.b", "5D002.c.3.b",
}

// CyberSurveillanceCodes returns the listed cyber-surveillance entry codes.
func CyberSurveillanceCodes() []string {
	return append([]string(nil), cyberSurveillanceCodes...)
}

// IsCyberSurveillance reports whether code is, or is a sub-item of, a listed
// cyber-surveillance entry (Recommendation (EU) 2024/2659; domain.md §3.1).
// 4E001.a is listed there for its part on technology for 4A005 and 4D004.
func IsCyberSurveillance(code string) bool {
	for _, c := range cyberSurveillanceCodes {
		if Covers(c, code) {
			return true
		}
	}
	return false
}

// Closest returns up to n codes of the list nearest to code: those sharing the
// longest prefix first, then by edit distance.
func (l *List) Closest(code string, n int) []string {
	code = NormalizeCode(code)
	type cand struct {
		code   string
		prefix int
		dist   int
	}
	cands := make([]cand, 0, len(l.Entries))
	for _, e := range l.Entries {
		if e.NotUsed {
			continue
		}
		cands = append(cands, cand{e.Code, commonPrefix(code, e.Code), editDistance(code, e.Code)})
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.prefix != b.prefix {
			return a.prefix > b.prefix
		}
		return a.code < b.code
	})
	out := make([]string, 0, n)
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, c.code)
	}
	return out
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the Levenshtein distance between two ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
