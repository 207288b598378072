package normalize

import (
	"cmp"
	"slices"
	"strings"
)

// Canonical legal-form classes. Legal forms written in any language and
// script are replaced by one of these tokens on both sides of a comparison.
const (
	FormLLC  = "llc"  // limited liability: LLC, Ltd, GmbH, OOO, SARL, S.R.L., 有限公司 ...
	FormJSC  = "jsc"  // joint-stock: JSC, AO, PAO, AG, S.A., PLC, 股份有限公司 ...
	FormCorp = "corp" // corporation, incorporated, company, Co.
	FormLP   = "lp"   // partnerships
)

// legalForms maps folded word sequences to a legal-form class. Longer
// phrases are tried first.
var legalForms = map[string]string{
	// limited liability
	"llc": FormLLC, "l l c": FormLLC, "ltd": FormLLC, "limited": FormLLC, "co ltd": FormLLC, "company limited": FormLLC,
	"limited liability company": FormLLC, "limited company": FormLLC, "ooo": FormLLC, "too": FormLLC, "tov": FormLLC,
	"gmbh": FormLLC, "mbh": FormLLC, "gesellschaft mit beschrankter haftung": FormLLC, "sarl": FormLLC, "srl": FormLLC,
	"sro": FormLLC, "s r o": FormLLC, "spzoo": FormLLC, "sp z oo": FormLLC, "sp z o o": FormLLC, "bv": FormLLC, "kft": FormLLC,
	"sp zoo": FormLLC, "pvt": FormLLC, "fz llc": FormLLC, "fz co": FormLLC, "pte limited": FormLLC, "pty limited": FormLLC,
	"limited liability partnership": FormLP, "company ltd": FormLLC, "doo": FormLLC, "d o o": FormLLC, "pty ltd": FormLLC,
	"pvt ltd": FormLLC, "private limited": FormLLC, "pte ltd": FormLLC,
	"sdn bhd": FormLLC, "fzco": FormLLC, "fze": FormLLC, "fzc": FormLLC, "fzllc": FormLLC, "lllp": FormLP, "llp": FormLP,
	"obshchestvo s ogranichennoy otvetstvennostyu": FormLLC, "obshchestvo s ogranichennoi otvetstvennostiu": FormLLC,
	"obshestvo s ogranichennoy otvetstvennostyu": FormLLC, "tovarystvo z obmezhenoyu vidpovidalnistyu": FormLLC,
	"societatea cu raspundere limitata": FormLLC, "sociedad de responsabilidad limitada": FormLLC,
	"societa a responsabilita limitata": FormLLC, "societe a responsabilite limitee": FormLLC, "you xian gong si": FormLLC,
	"youxian gongsi": FormLLC, "yugen kaisha": FormLLC, "yuhan hoesa": FormLLC, "mchj": FormLLC, "ltda": FormLLC,
	"sa de cv": FormJSC, "s a de c v": FormJSC, "sociedad anonima de capital variable": FormJSC, "limitada": FormLLC,
	"free zone establishment": FormLLC, "free zone company": FormLLC, "free zone limited liability company": FormLLC,
	"sas": FormJSC, "s a s": FormJSC, "compania anonima": FormJSC, "ca": FormJSC, "c a": FormJSC, "p l c": FormJSC,
	"private ltd": FormLLC, "pvt limited": FormLLC, "sociedad por acciones simplificada": FormJSC,
	// joint stock
	"jsc": FormJSC, "ojsc": FormJSC, "cjsc": FormJSC, "pjsc": FormJSC, "pjs": FormJSC, "p j s": FormJSC, "ao": FormJSC, "zao": FormJSC, "oao": FormJSC,
	"pao": FormJSC, "ag": FormJSC, "aktiengesellschaft": FormJSC, "joint stock company": FormJSC, "jointstock company": FormJSC,
	"open joint stock company": FormJSC, "closed joint stock company": FormJSC, "public joint stock company": FormJSC,
	"joint stock commercial bank": FormJSC, "aktsionernoe obshchestvo": FormJSC, "aktsionernoye obshchestvo": FormJSC,
	"otkrytoe aktsionernoe obshchestvo": FormJSC, "zakrytoe aktsionernoe obshchestvo": FormJSC,
	"publichnoe aktsionernoe obshchestvo": FormJSC, "publichnoye aktsionernoye obshchestvo": FormJSC,
	"aktsionerne tovarystvo": FormJSC, "pat": FormJSC, "sa": FormJSC, "s a": FormJSC, "spa": FormJSC, "s p a": FormJSC,
	"nv": FormJSC, "n v": FormJSC, "plc": FormJSC, "public limited company": FormJSC, "public company limited": FormJSC,
	"pcl": FormJSC, "ab": FormJSC, "asa": FormJSC, "oyj": FormJSC, "kabushiki kaisha": FormJSC, "kk": FormJSC,
	"jusik hoesa": FormJSC, "chusik hoesa": FormJSC, "gu fen you xian gong si": FormJSC, "sociedad anonima": FormJSC,
	"societe anonyme": FormJSC, "societa per azioni": FormJSC, "sociedade anonima": FormJSC, "tbk": FormJSC, "as": FormJSC,
	// corporation / company
	"corp": FormCorp, "corporation": FormCorp, "inc": FormCorp, "incorporated": FormCorp, "co": FormCorp,
	"company": FormCorp, "gong si": FormCorp, "gongsi": FormCorp, "cia": FormCorp, "compania": FormCorp,
	// partnerships
	"lp": FormLP, "l p": FormLP, "limited partnership": FormLP, "kg": FormLP, "gmbh co kg": FormLP, "gmbh and co kg": FormLP,
}

// leadingWords are short forms that, as a name's first word, are read as words.
var leadingWords = map[string]bool{"ca": true, "as": true, "sa": true, "ab": true, "co": true, "kk": true, "nv": true, "ag": true, "lp": true, "bv": true, "too": true, "pat": true, "limited": true, "company": true}

// maxFormWords is the word count of the longest phrase in legalForms.
var maxFormWords = func() int {
	n := 0
	for k := range legalForms {
		n = max(n, len(strings.Fields(k)))
	}
	return n
}()

// IsLegalForm reports whether tok is one of the canonical legal-form classes.
func IsLegalForm(tok string) bool {
	return tok == FormLLC || tok == FormJSC || tok == FormCorp || tok == FormLP
}

// legalFormsIn replaces legal-form phrases by their class token. Short
// ambiguous forms ("as", "sa", "ab", "co", "ao", "kk") count only when the
// name has other words, so a person called "Sa" keeps the name.
func legalFormsIn(toks []string, person, surnameFirst bool) []string {
	if person || len(toks) < 2 {
		return toks
	}
	out := toks[:0:0]
	corr := correctFormWords(toks)
	for i := 0; i < len(toks); {
		matched := false
		// Phrases as written first, then with misspelt form words corrected.
		for pass, words := range [2][]string{toks, corr} {
			if pass == 1 && &corr[0] == &toks[0] {
				break
			}
			for n := min(maxFormWords, len(toks)-i); n >= 1; n-- {
				if f, ok := legalForms[strings.Join(words[i:i+n], " ")]; ok {
					if n == 1 && pass == 1 && words[i] != toks[i] && min(len(toks[i]), len(words[i])) < 5 {
						break // a short word corrected counts only in a phrase: "Joint Stok Company", not "Corn" or "Corps"
					}
					if n == 1 && i == 0 && (leadingWords[toks[i]] || surnameFirst) {
						break // a leading "as"/"sa" is more likely a word than a form, "Pao," a surname
					}
					if n == 1 && len(toks[i]) <= 3 && i > 0 && i+1 < len(toks) && nameWordAfter(words, i+1) && !IsLegalForm(out[len(out)-1]) {
						break // a short form between two name words is a name word: "Iyad ag Ghali", "Hsiang Pao Yu"
					}
					out = append(out, f)
					i += n
					matched = true
					break
				}
			}
			if matched {
				break
			}
		}
		if !matched {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

// formsByLength are the one-word legal forms of four letters or more
// ("ltda", "gmbh", "sarl"), by length.
var formsByLength = func() map[int][]string {
	m := map[int][]string{}
	for k := range legalForms {
		if len(k) >= 4 && !strings.Contains(k, " ") {
			m[len(k)] = append(m[len(k)], k)
		}
	}
	for _, ws := range m {
		slices.Sort(ws)
	}
	return m
}()

// leadingForms are the one-word legal forms of four letters or more that
// stand before a company's name ("PJSC Mostotrest"); the others follow it.
var leadingForms = map[string]bool{"pjsc": true, "ojsc": true, "cjsc": true}

// MisspeltForm returns the class of the one-word legal form of four letters
// or more that tok is one edit away from ("ltxa", "ldta", "lda" are "ltda",
// "gmhb" is "gmbh"; the first letter as written), and false when there is
// none or tok is as near to forms of two classes. The caller asks only for
// a word that is on no list and stands where a legal form does, at an end
// of an organisation's name: alone, such a short word could be any word.
// With leading, tok begins the name, and only the forms written before a
// name count ("Pjcs Mostotrest", but "Cori Bush" is no "Corp Bush").
func MisspeltForm(tok string, leading bool) (string, bool) {
	if len(tok) < 3 {
		return "", false
	}
	class := ""
	for n := len(tok) - 1; n <= len(tok)+1; n++ {
		for _, w := range formsByLength[n] {
			if w[0] != tok[0] || leading && !leadingForms[w] || DistanceAtMost(tok, w, 1) > 1 {
				continue
			}
			c := legalForms[w]
			if class != "" && c != class {
				return "", false
			}
			class = c
		}
	}
	return class, class != ""
}

// nameWordAfter reports whether words[i], the word after a short legal
// form, is a word of a name: not the beginning of another form ("GmbH & Co.
// KG") nor a country or region, which follow a company's form ("Siemens AG
// Austria").
func nameWordAfter(words []string, i int) bool {
	w := words[i]
	if IsRegion(w) || len(w) > 3 && Country(w) != "" {
		return false
	}
	for n := min(maxFormWords, len(words)-i); n >= 1; n-- {
		if _, ok := legalForms[strings.Join(words[i:i+n], " ")]; ok {
			return false
		}
	}
	return true
}

// formWords are the words of four letters or more of legal-form phrases,
// by first letter.
var formWords = func() map[byte][]string {
	m := map[byte][]string{}
	seen := map[string]bool{}
	for k := range legalForms {
		for _, w := range strings.Fields(k) {
			if len(w) >= 4 && !seen[w] {
				seen[w] = true
				m[w[0]] = append(m[w[0]], w)
			}
		}
	}
	// Shortest first, so that a cut-off word is completed to the shortest
	// form word it begins ("compan" → "company", not "compania").
	for _, ws := range m {
		slices.SortFunc(ws, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	}
	return m
}()

// correctFormWords returns toks with misspelt or cut-off legal-form words
// written correctly ("Aktiengeselschaft", "Joynt Stock Compan"), or toks
// itself when there are none. Only the legal-form lookup uses the result;
// words outside a legal-form phrase keep their spelling.
func correctFormWords(toks []string) []string {
	out := toks
	for i, t := range toks {
		if len(t) < 4 {
			continue
		}
		for _, w := range formWords[t[0]] {
			if w == t {
				break
			}
			k := 1
			if len(w) > 8 {
				k = 2
			}
			cut := i == len(toks)-1 && len(t) < len(w) && strings.HasPrefix(w, t)
			if cut || absDiff(len(t), len(w)) <= k && DistanceAtMost(t, w, k) <= k {
				if &out[0] == &toks[0] {
					out = append([]string(nil), toks...)
				}
				out[i] = w
				break
			}
		}
	}
	return out
}
