package screening

import (
	"math"
	"slices"
	"unicode"

	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// Tuning constants of the name score. They were set on the nomenklatura
// name-bench pairs and the yente UN positives (see accuracy_test.go).
const (
	minTokenSim     = 0.72 // token pairs below this are not a match
	extraListWeight = 0.5  // weight of list-name tokens the query does not have
	asideWeight     = 0.35 // weight of a title or a branch's region that one name has and the other lacks
	weakAliasFactor = 0.85 // a weak alias (low-quality a.k.a.) counts less
	maxQueryTokens  = 24
	contradiction   = 0.9 // factor per query word that meets a different list word
)

// qtoken is one analysed query token.
type qtoken struct {
	key  normalize.Key
	text string
	// dskel is, for a word romanised from Arabic script, its skeleton
	// read without the vowel put between t and h (see
	// normalize.DigraphSkeleton), or "".
	dskel  string
	id     int32 // vocabulary id, -1 when the token is on no list
	weight float32
	flags  tokFlags
}

// analyseName turns a query name into weighted tokens using the index's
// rarity weights.
func (ix *index) analyseName(name string, person bool) ([]qtoken, string) {
	toks, joined := normalize.Analyse(name, person)
	toks = ix.mergeSplit(toks)
	if len(toks) > maxQueryTokens {
		toks = toks[:maxQueryTokens]
	}
	if !person {
		ix.correctWords(toks)
	}
	abjad, syllabic := normalize.Scripts(name)
	out := make([]qtoken, len(toks))
	for i, t := range toks {
		id, listed := ix.lookup(t)
		q := qtoken{text: t, id: -1, flags: tokenFlags(t, abjad)}
		if listed {
			q.key = ix.key(id) // as normalize.NewKey made it for the index
		} else {
			q.key = normalize.NewKey(t)
		}
		if abjad {
			q.dskel = normalize.DigraphSkeleton(t)
		}
		if syllabic {
			// "bin", "i" or "an" romanised from Hangul or Han are syllables
			// of a name, not particles or initials.
			q.flags = q.flags&^(flagParticle|flagTitle|flagInitial) | flagSyllable
		}
		if listed && ix.toks[id].flags&flagJoined == 0 {
			q.id = int32(id)
			q.weight = ix.toks[id].weight
		} else {
			q.weight = ix.unknownW * lowWeight(q.flags)
			q.flags |= flagUnknown
		}
		out[i] = q
	}
	return out, joined
}

// correctWords reads the words of an organisation's name that are on no
// list but one edit from a legal form or an ordinal as that form or
// ordinal. Legal forms where they stand: ending the name ("Viajes Mercurio
// Ltsa", "Ihag Trading Gmhb": after the first word, followed by legal forms
// only) or beginning it, the forms written there ("Pjcs Mostotrest": four
// letters or more, before a name; see normalize.MisspeltForm); ordinals
// anywhere ("Seccond Academy").
func (ix *index) correctWords(toks []string) {
	unlisted := func(i int) bool {
		_, listed := ix.lookup(toks[i])
		return !listed
	}
	form := func(i int) bool {
		c, ok := normalize.MisspeltForm(toks[i], i == 0)
		if ok && unlisted(i) {
			toks[i] = c
			return true
		}
		return false
	}
	last := len(toks) - 1 // the last word that is not a legal form
	for ; last > 0 && (normalize.IsLegalForm(toks[last]) || form(last)); last-- {
	}
	if last > 0 && len(toks[0]) >= 4 {
		form(0)
	}
	for i, t := range toks {
		if n, ok := normalize.MisspeltOrdinal(t); ok && unlisted(i) {
			toks[i] = n
		}
	}
}

// mergeSplit joins two adjacent words that are one listed word split by a
// stray space ("Patr ushev" → "patrushev"), when at least one half is no
// listed word itself.
func (ix *index) mergeSplit(toks []string) []string {
	listed := func(id uint32, ok bool) bool { return ok && ix.toks[id].flags&flagJoined == 0 }
	for i := 0; i+1 < len(toks); i++ {
		if listed(ix.lookup(toks[i])) && listed(ix.lookup(toks[i+1])) {
			continue
		}
		if id, ok := ix.lookupJoined(toks[i], toks[i+1]); listed(id, ok) {
			out := append(toks[:i:i], ix.text(id))
			return ix.mergeSplit(append(out, toks[i+2:]...))
		}
	}
	return toks
}

// alignment is the result of comparing two token lists.
type alignment struct {
	score float64
	pairs [][3]float64 // query token index, list token index, similarity
}

// Tuning of the alignment beyond the constants above. A pair of words less
// similar than minTokenSim still counts, as a likely typo, when it is the
// only inexact pair of a name whose other words match exactly ("Angela
// Merkur" / "Angela Merkel"). They were set on the nomenklatura name-bench
// pairs under the constraint that the yente synthetic negatives stay under
// a false-positive rate of 0.5 % (see accuracy_test.go).
const (
	nearFloor     = 0.55 // least similarity of such a near miss
	fuzzyExponent = 1.5  // a fuzzy pair counts as its similarity to this power
	binSwap       = 0.6  // factor for "X bin Y" against "Y bin X": father and son

	knownContradiction = 0.8 // factor per pair of different dictionary names

	numberMismatch    = 0.7 // factor when a number in one name contradicts one in the other
	orgExtra          = 0.8 // factor per extra distinctive word of an organisation's name
	patronymicWeight  = 0.3 // weight of a list patronymic the query leaves out
	formContradiction = 0.8 // factor for two different legal forms (joint-stock / limited liability / partnership)

	numberPairCredit    = 0.65 // credit of two different numbers in a vessel's or company's name
	thingNumberMismatch = 0.9  // and their factor instead of numberMismatch
)

// alignBuf is alignNames' working memory, kept by the caller so that it is
// not cleared on every call: alignNames reads only what it wrote.
type alignBuf struct {
	cand     [128]tokPair
	ps       [64]tokPair
	unQ, unL [64]float32
}

type tokPair struct {
	i, j int
	s    float64
}

// alignNames scores a query name against a list name. sim(i, j) gives the
// similarity of query token i and list token j; qw and lw are the token
// weights and lflags/qflags their flags. Tokens are aligned one to one, in
// any order, best pairs first. The score is the similarity-weighted share of
// all token weight: unmatched query tokens count fully, unmatched list
// tokens count extraListWeight unless they contradict an unmatched query token.
// kind is the list party's kind: organisations' extra words, and numbers and
// single typos in the names of organisations, vessels and aircraft, are
// weighed differently from persons' (see the constants above).
func alignNames(buf *alignBuf, nq, nl int, sim func(i, j int) float64, qw, lw []float32, qflags, lflags []tokFlags, kind Kind, pairs bool) alignment {
	org := kind == Organisation
	thing := org || kind == Vessel || kind == Aircraft // not a person's name
	var usedQ, usedL uint64
	var num, den float64
	var a alignment
	ps := buf.ps[:0]
	nExact, nFuzzy, nNear := 0, 0, 0
	var heaviest float32 // the heaviest list word the names share
	// Full words of one name met only by an initial of the other.
	qByInitial, lByInitial := 0, 0
	// Every pair above the floor, best first (ties in query, then list
	// order), then assigned greedily one to one.
	cand := buf.cand[:0]
	for i := 0; i < nq; i++ {
		for j := 0; j < nl; j++ {
			// Two regions are alike only when they are the same
			// ("Nanjing" is not a misspelt "Beijing").
			if s := sim(i, j); s > nearFloor && (s >= 0.95 || qflags[i]&flagSyllable == 0 && qflags[i]&lflags[j]&flagRegion == 0) {
				cand = append(cand, tokPair{i, j, s})
			}
		}
	}
	for k := 1; k < len(cand); k++ {
		for m := k; m > 0 && cand[m].s > cand[m-1].s; m-- {
			cand[m], cand[m-1] = cand[m-1], cand[m]
		}
	}
	for _, c := range cand {
		if usedQ&(1<<c.i) != 0 || usedL&(1<<c.j) != 0 {
			continue
		}
		usedQ |= 1 << c.i
		usedL |= 1 << c.j
		ps = append(ps, c)
		switch {
		case c.s >= 0.95:
			nExact++
		case c.s >= minTokenSim:
			nFuzzy++
		default:
			nNear++
		}
	}
	// A near miss counts only as the one near miss of a name whose other
	// words match, exactly or, one of them, fuzzily (a misspelling in each
	// of two words: "Heao Montoya, Lrena"); otherwise its words are
	// unmatched.
	nearOK := nNear == 1 && nExact >= 1 && nFuzzy <= 1
	// A single inexact word in the name of an organisation, vessel or
	// aircraft is a typo more often than another party; in persons' names
	// it is as often another person of the same family.
	linear := thing && nFuzzy+nNear == 1 && (nExact >= 1 || nq == 1)
	for _, p := range ps {
		bi, bj, best := p.i, p.j, p.s
		if best < minTokenSim && !nearOK {
			usedQ &^= 1 << bi
			usedL &^= 1 << bj
			continue
		}
		heaviest = max(heaviest, lw[bj])
		w := float64(qw[bi] + lw[bj])
		if qflags[bi]&flagUnknown != 0 && best < 0.9 {
			// A query word on no list that resembles a list word is most
			// likely that word misspelt: it weighs what the list word does.
			w = 2 * float64(lw[bj])
		}
		if (qflags[bi]|lflags[bj])&flagInitial != 0 {
			// An initial stands for a name only weakly: the full name's
			// weight beyond the initial's counts as unmatched.
			m := 2 * float64(min(qw[bi], lw[bj]))
			den += (w - m) / 2
			w = m
			switch {
			case lflags[bj]&flagInitial != 0 && qflags[bi]&flagInitial == 0:
				qByInitial++
			case qflags[bi]&flagInitial != 0 && lflags[bj]&flagInitial == 0:
				lByInitial++
			}
		}
		// A fuzzy pair counts as its similarity to the power fuzzyExponent:
		// two names made only of near misses ("Paul Davis" / "David Powell")
		// must not score like a name with one typo. The single typo of a
		// company's name counts as its similarity.
		c := math.Pow(best, fuzzyExponent)
		if linear {
			c = best
		}
		num += c * w
		den += w
		if pairs {
			a.pairs = append(a.pairs, [3]float64{float64(bi), float64(bj), best})
		}
	}
	// The region of a branch ("Faberlic Europe", "GAZPROMBANK (SWITZERLAND)
	// LTD") or of a Chinese company's registration ("Zhejiang Dahua
	// Technology") counts as an extra word only when the other name has
	// another region; a Chinese place also when the names share no word as
	// telling as it ("Beijing Institute of Technology" is not any
	// "Institute of Technology").
	var regionQ, regionL, formQ, formL bool
	for i := 0; i < nq; i++ {
		regionQ = regionQ || usedQ&(1<<i) == 0 && qflags[i]&flagRegion != 0
		formQ = formQ || usedQ&(1<<i) == 0 && qflags[i]&flagStrictForm != 0
	}
	for j := 0; j < nl; j++ {
		regionL = regionL || usedL&(1<<j) == 0 && lflags[j]&flagRegion != 0
		formL = formL || usedL&(1<<j) == 0 && lflags[j]&flagStrictForm != 0
	}
	branch := org && !(regionQ && regionL)
	// Unmatched tokens.
	uq, ul := unmatched{w: buf.unQ[:0]}, unmatched{w: buf.unL[:0]}
	for i := 0; i < nq; i++ {
		switch {
		case usedQ&(1<<i) != 0:
		case qflags[i]&flagTitle != 0 || branch && qflags[i]&flagRegion != 0 && (qflags[i]&flagPlace == 0 || qw[i] <= heaviest):
			// A title the list does not write, or the region of a branch.
			den += float64(qw[i]) * asideWeight
		default:
			uq.add(qw[i], qflags[i])
		}
	}
	for j := 0; j < nl; j++ {
		switch {
		case usedL&(1<<j) != 0:
		case branch && lflags[j]&flagRegion != 0 && (lflags[j]&flagPlace == 0 || lw[j] <= heaviest):
			den += float64(lw[j]) * asideWeight
		case !thing && lflags[j]&flagPatronymic != 0 && len(uq.w) == 0:
			// A patronymic the query leaves out, as most Latin-script
			// documents do ("Vladimir Putin").
			den += float64(lw[j]) * patronymicWeight
		default:
			ul.add(lw[j], lflags[j])
		}
	}
	// The heaviest unmatched tokens of each side, as many as the other side
	// has, contradict each other and count fully; the rest are extra names.
	slices.Sort(uq.w)
	slices.Reverse(uq.w)
	slices.Sort(ul.w)
	slices.Reverse(ul.w)
	contra := min(len(uq.w), len(ul.w))
	// A full word met only by an initial also stands against a full word
	// the other name has beside it ("Tom Davis" is not "MICHIELSEN, Tom
	// R.D." because "D." could be Davis): the two count as contradicting.
	listByInitial := min(qByInitial, max(0, len(ul.w)-len(uq.w)))
	byInitial := listByInitial + min(lByInitial, max(0, len(uq.w)-len(ul.w)))
	for _, w := range uq.w {
		den += float64(w) // a query word the list does not have counts fully
	}
	for k, w := range ul.w {
		if k < contra+listByInitial {
			den += float64(w)
		} else {
			den += float64(w) * extraListWeight
		}
	}
	if den == 0 {
		return a
	}
	numberPair := uq.num > 0 && ul.num > 0
	if numberPair && thing && uq.num == 1 && ul.num == 1 {
		// "Fund III" / "Fund IV", "Trust 2004-1" / "Trust 2004-2": a
		// numbered series of one name, half way to the same party.
		num += numberPairCredit * (uq.numW + ul.numW)
	}
	a.score = num / den
	// Two different dictionary names ("Mohamed" / "Ahmed") contradict each
	// other more surely than two unknown words, which may be spellings.
	knownContra := min(uq.known, ul.known)
	for range byInitial {
		a.score *= contradiction
	}
	for k := 0; k < contra; k++ {
		if k == 0 && numberPair && uq.num == 1 && ul.num == 1 {
			continue // the number mismatch has its own factor
		}
		if k < knownContra {
			a.score *= knownContradiction
			continue
		}
		a.score *= contradiction
	}
	switch {
	case numberPair && thing:
		a.score *= thingNumberMismatch
	case numberPair:
		a.score *= numberMismatch
	case org && uq.num+ul.num == 1 && !uq.first && !ul.first && (len(uq.w) == 0 || len(ul.w) == 0):
		// "Solutions" / "Solutions II": one name of a numbered series,
		// but "Fund" is often "Fund I".
		a.score *= thingNumberMismatch
	}
	if org && formQ && formL {
		// "Deutsche Bank AG" / "Deutsche Bank GmbH": two legal persons.
		a.score *= formContradiction
	}
	if org {
		// An organisation's extra distinctive word usually names another
		// organisation: a subsidiary, a branch, a fund or a country office.
		for k := contra; k < max(uq.extra, ul.extra); k++ {
			a.score *= orgExtra
		}
	}
	return a
}

// unmatched tallies the words of one name that found no partner.
type unmatched struct {
	w     []float32 // their weights
	num   int       // how many are numbers
	numW  float64   // the numbers' weight
	first bool      // one of the numbers is 1
	extra int       // distinctive words (no legal form, particle, initial or generic word)
	known int       // given names of the name dictionary
}

func (u *unmatched) add(w float32, f tokFlags) {
	u.w = append(u.w, w)
	if f&flagNumber != 0 {
		u.num++
		u.numW += float64(w)
		u.first = u.first || f&flagFirst != 0
	}
	if f&(flagLegalForm|flagParticle|flagInitial|flagGeneric) == 0 {
		u.extra++
	}
	if f&flagKnown != 0 {
		u.known++
	}
}

// joinedScore compares the names written without spaces, for names whose
// words were split differently ("Xi Jinping" vs "Xi Jin Ping"). It counts
// only when the token counts differ and the strings are nearly equal.
func joinedScore(q, l string, nq, nl int) float64 {
	if nq == nl || len(q) < 6 || len(l) < 6 || float64(absDiff(len(q), len(l))) > 0.1*float64(max(len(q), len(l))) {
		return 0
	}
	if !sameDigits(q, l) {
		return 0 // "Solutions" / "Solutions II": a number is a word, not a split
	}
	d := normalize.Distance(q, l)
	r := 1 - float64(d)/float64(max(len(q), len(l)))
	if r < 0.9 {
		return 0
	}
	return r
}

// CompareNames scores two names against each other with the engine's name
// metric: 1 for the same name, about 0.7 for the default threshold's
// borderline. kind is the kind of party both names belong to (Unknown when
// not known). The rarity weights come from the engine's current lists.
func (e *Engine) CompareNames(a, b string, kind Kind) float64 {
	best := 0.0
	for _, x := range normalize.Alternatives(a) {
		for _, y := range normalize.Alternatives(b) {
			best = max(best, e.compareNames(x, y, kind))
		}
	}
	return best
}

func (e *Engine) compareNames(a, b string, kind Kind) float64 {
	ix := e.ix.Load()
	if kind == Unknown && (normalize.LooksLikeOrganisation(normalize.Tokens(a, false)) || normalize.LooksLikeOrganisation(normalize.Tokens(b, false))) {
		kind = Organisation // as the index does for list entities of no kind
	}
	qa, ja := ix.analyseName(a, kind == Person)
	qb, jb := ix.analyseName(b, kind == Person)
	if len(qa) == 0 || len(qb) == 0 {
		return 0
	}
	abjad := normalize.IsAbjad(a) || normalize.IsAbjad(b)
	qw, qf := weightsOf(qa)
	lw, lf := weightsOf(qb)
	sim := func(i, j int) float64 { return normalize.KeySimilarity(&qa[i].key, &qb[j].key, abjad, minTokenSim) }
	s := alignNames(new(alignBuf), len(qa), len(qb), sim, qw, lw, qf, lf, kind, false).score
	if r, ok := sameSyllabicScript(a, b); ok {
		s = min(s, r)
	}
	if swappedAroundBin(len(qa), len(qb), func(i int) string { return qa[i].text }, func(j int) string { return qb[j].text }) {
		s *= binSwap
	}
	return max(s, joinedScore(ja, jb, len(qa), len(qb)))
}

// sameSyllabicScript compares two names both written in Hangul, or both in
// Han, character by character: their romanisations merge syllables that
// the script keeps apart (김종은 / 김정은 both read "Kim Jong Un", 高石 /
// 高市 both "Gao Shi"). It returns the share of equal characters and true,
// or false when the names are not both in one such script.
func sameSyllabicScript(a, b string) (float64, bool) {
	if !normalize.IsSyllabic(a) || normalize.Script(a) != normalize.Script(b) {
		return 0, false
	}
	ra, rb, ok := letterCodes(a, b)
	if !ok || len(ra) == 0 || len(rb) == 0 {
		return 0, false
	}
	return 1 - float64(normalize.Distance(ra, rb))/float64(max(len(ra), len(rb))), true
}

// letterCodes writes the letters of a and b one byte each, the same byte
// for the same letter, so that normalize.Distance counts characters. ok is
// false when the two names use more than 256 letters.
func letterCodes(a, b string) (string, string, bool) {
	code := map[rune]byte{}
	enc := func(s string) (string, bool) {
		var out []byte
		for _, r := range s {
			if !unicode.IsLetter(r) {
				continue
			}
			c, seen := code[r]
			if !seen {
				if len(code) == 256 {
					return "", false
				}
				c = byte(len(code))
				code[r] = c
			}
			out = append(out, c)
		}
		return string(out), true
	}
	ea, okA := enc(a)
	eb, okB := enc(b)
	return ea, eb, okA && okB
}

// swappedAroundBin reports whether one name reads "X bin Y" where the other
// reads "Y bin X": the son of one is the father of the other.
func swappedAroundBin(nq, nl int, qt, lt func(int) string) bool {
	for i := 1; i+1 < nq; i++ {
		if qt(i) != "bin" {
			continue
		}
		x, y := qt(i-1), qt(i+1)
		if x == y {
			continue
		}
		for j := 1; j+1 < nl; j++ {
			if lt(j) == "bin" && lt(j-1) == y && lt(j+1) == x {
				return true
			}
		}
	}
	return false
}

// sameDigits reports whether a and b hold the same digits in the same order.
func sameDigits(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] < '0' || a[i] > '9') {
			i++
		}
		for j < len(b) && (b[j] < '0' || b[j] > '9') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

func weightsOf(q []qtoken) ([]float32, []tokFlags) {
	w := make([]float32, len(q))
	f := make([]tokFlags, len(q))
	for i, t := range q {
		w[i], f[i] = t.weight, t.flags
	}
	return w, f
}
