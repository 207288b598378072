package screening

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// candidateSim is the least similarity of a list word that a query word
// looks up in full; a near miss one edit away (down to nearFloor) is looked
// up at nearEvidence, as it makes a name score only when the name's other
// words match exactly.
const candidateSim = minTokenSim

// candidateNames is how many best-accumulating names are scored in full.
const candidateNames = 40

// scratch is per-goroutine working memory bound to one index.
type scratch struct {
	ent       Entity   // a candidate's entity, decoded for its qualifiers
	align     alignBuf // for alignNames
	qname     string   // the query's name as written
	qsyllabic bool     // and whether it is in Hangul or Han (see sameSyllabicScript)
	qfold     string   // the name folded, once a tie needs it (see literal)
	qfolded   bool
	ix        *index
	// Per sig (the names with one sig have the same words): the
	// accumulated evidence and which query tokens already counted, side by
	// side so that a posting costs one cache line.
	acc     []nameAcc
	accMax  float32 // the largest acc of this query (acc only grows)
	touched []uint32
	// Similarities of query tokens and vocabulary tokens met so far: the
	// row of vocabulary token t is tokSlot[t] (-1 when none), and row k
	// holds one similarity per query token (-1 when not computed) at
	// dense[k*nq:]. One row per list word keeps them close in memory.
	tokSlot  []int32
	slotToks []uint32
	dense    []float32
	nq       int
	exp      [][]expansion
	hashes   []uint64
	slot     []int32  // per cluster: index into best, -1 when not seen
	best     []scored // per seen cluster: its best entity
	order    []uint32
	cand     []candAcc
	heavy    []heavyExp
	// Name scores of this query by nameRec.sig, in a small open-addressing
	// table (it stays in the first-level cache, as a table over all sigs
	// would not); memoUsed lists the slots filled.
	memo     []sigScore
	memoUsed []uint32
	// expCache keeps the expansions of the words recently screened.
	expCache map[string][]expansion
}

// skelCap is how many tokens of one phonetic skeleton are tried per query word.
const skelCap = 200

// expCacheSize bounds the words whose expansions a scratch keeps.
const expCacheSize = 1 << 14

// heavyPostings is the posting count above which a word is looked up only
// in the names rarer words found (see candidates), and heavyBound the
// margin below the threshold that a name made only of such words must
// stay under.
const (
	heavyPostings = 1024
	heavyBound    = 0.85
)

type nameAcc struct {
	acc  float32
	mask uint32
}

type heavyExp struct {
	i   int
	exp expansion
}

type expansion struct {
	tok uint32
	sim float32
}

// nearEvidence is the share of its similarity that a near miss (an
// expansion below candidateSim) adds to a name's evidence: it ranks the
// name above those that lack the word altogether, not above those that
// have it.
const nearEvidence = 0.5

// ev is the evidence an expansion adds per unit of query word weight.
func (x expansion) ev() float32 {
	if x.sim < candidateSim {
		return x.sim * nearEvidence
	}
	return x.sim
}

func newScratch(ix *index) *scratch {
	s := &scratch{
		ix:   ix,
		acc:  make([]nameAcc, ix.sigNames.len()),
		slot: make([]int32, ix.members.len()),

		tokSlot:  make([]int32, len(ix.toks)),
		memo:     make([]sigScore, 256),
		expCache: map[string][]expansion{},
	}
	for i := range s.slot {
		s.slot[i] = -1
	}
	for i := range s.tokSlot {
		s.tokSlot[i] = -1
	}
	return s
}

func (s *scratch) reset() {
	for _, n := range s.touched {
		s.acc[n] = nameAcc{}
	}
	s.accMax = 0
	s.touched = s.touched[:0]
	for _, t := range s.slotToks {
		s.tokSlot[t] = -1
	}
	s.slotToks = s.slotToks[:0]
	s.dense = s.dense[:0]
	for _, k := range s.memoUsed {
		s.memo[k] = sigScore{}
	}
	s.memoUsed = s.memoUsed[:0]
}

func (s *scratch) prepare(n int) {
	s.nq = n
	for len(s.exp) < n {
		s.exp = append(s.exp, nil)
	}
	for i := 0; i < n; i++ {
		s.exp[i] = s.exp[i][:0]
	}
}

// tokSim returns the cached similarity of query token i and vocabulary token t.
// The value is the float32 one the cache keeps whether it is computed now or
// was computed before: a query's result then does not depend on which words
// earlier queries left in expCache (a first computation used to return
// more bits than the cached copies, which flipped ties between listings).
func (s *scratch) tokSim(q []qtoken, i int, t uint32) float64 {
	return s.simAt(q, i, t, s.row(t))
}

// simAt is tokSim for a token t whose row in dense starts at k.
func (s *scratch) simAt(q []qtoken, i int, t uint32, k int) float64 {
	if v := s.dense[k+i]; v >= 0 {
		return float64(v)
	}
	var v float64
	if q[i].id == int32(t) {
		v = 1
	} else if key := s.ix.key(t); sameCountry(q[i].text, key.Text) {
		v = 1 // "Malaysia" and "(Malaysia)"
	} else {
		abjad := (q[i].flags|s.ix.toks[t].flags)&flagAbjad != 0
		if abjad && q[i].flags&flagAbjad == 0 {
			// The list word is romanised from Arabic or Hebrew script in
			// some name, but the query is not: as a Latin spelling it may
			// be nearer ("Juab" is "Juan" mistyped, not a skeleton of it).
			// Its skeletons count only for a Latin word of three letters or
			// more ("Oz" is no "عیسی", "aysy"), the plain one only if the
			// two are alike.
			v = normalize.KeySimilarity(&q[i].key, &key, false, minTokenSim)
			if len(q[i].text) >= 3 {
				if normalize.AbjadComparable(&q[i].key, &key) {
					v = max(v, normalize.KeySimilarity(&q[i].key, &key, true, minTokenSim))
				}
				if v < 0.9 && len(q[i].key.Skel) >= 2 && normalize.DigraphSkeleton(key.Text) == q[i].key.Skel {
					v = 0.9 // "Fathi" is فتحي, "ftahy", too
				}
			}
		} else {
			v = normalize.KeySimilarity(&q[i].key, &key, abjad, minTokenSim)
			if q[i].dskel == key.Skel && v < 0.9 && len(key.Skel) >= 2 {
				v = 0.9 // فتحي, "ftahy", is also "Fathi": one skeleton
			}
		}
	}
	s.dense[k+i] = float32(v)
	return float64(float32(v))
}

// sameCountry reports whether one word is a country's name and the other
// the token of the same country's parenthesised note.
func sameCountry(a, b string) bool {
	return normalize.IsNote(b) && normalize.CountryNote(a) == b || normalize.IsNote(a) && normalize.CountryNote(b) == a
}

// row returns the offset in dense of vocabulary token t's row, adding the
// row when t is met for the first time in this query.
func (s *scratch) row(t uint32) int {
	if k := s.tokSlot[t]; k >= 0 {
		return int(k) * s.nq
	}
	k := len(s.slotToks)
	s.tokSlot[t] = int32(k)
	s.slotToks = append(s.slotToks, t)
	for range s.nq {
		s.dense = append(s.dense, -1)
	}
	return k * s.nq
}

// cached returns the similarity of query token i and vocabulary token t if
// it was computed, and -1 otherwise.
func (s *scratch) cached(i int, t uint32) float32 {
	if k := s.tokSlot[t]; k >= 0 {
		return s.dense[int(k)*s.nq+i]
	}
	return -1
}

// expand finds the vocabulary tokens similar to query token i: the token
// itself, tokens with the same phonetic skeleton, and tokens one insertion,
// deletion, substitution or transposition away.
func (ix *index) expand(s *scratch, q []qtoken, i int) {
	t := q[i]
	// floor is the least similarity of an expansion: candidateSim, and
	// nearFloor for the words one edit away, which the score counts as the
	// one near miss of a name whose other words match ("Oran Sahel" is
	// "Omran Sahel" with a letter left out).
	floor := candidateSim
	try := func(id uint32) {
		if s.cached(i, id) >= 0 {
			return
		}
		if v := s.tokSim(q, i, id); v >= floor {
			s.exp[i] = append(s.exp[i], expansion{id, float32(v)})
		}
	}
	// The expansions depend only on the word and its script: a batch asks
	// for the same given names again and again.
	key := t.text
	if t.flags&flagAbjad != 0 {
		key += "\x01"
	}
	if c, ok := s.expCache[key]; ok {
		for _, x := range c {
			s.dense[s.row(x.tok)+i] = x.sim
		}
		s.exp[i] = append(s.exp[i][:0], c...)
		return
	}
	defer func() {
		if len(s.expCache) >= expCacheSize {
			clear(s.expCache)
		}
		s.expCache[strings.Clone(key)] = slices.Clone(s.exp[i])
	}()
	if t.id >= 0 {
		try(uint32(t.id))
	}
	if t.flags&(flagNumber|flagInitial) != 0 {
		return
	}
	if note := normalize.CountryNote(t.text); note != "" {
		if id, ok := ix.lookup(note); ok {
			try(id) // "Malaysia" finds "(Malaysia)"
		}
	}
	trySkel := func(skel string) {
		sk := spanOf(ix, ix.skel, ix.byKey, skel)
		for _, id := range sk[:min(len(sk), skelCap)] {
			try(id)
		}
	}
	trySkel(t.key.Skel)
	if t.dskel != "" {
		trySkel(t.dskel) // فتحي, "ftahy", is also "Fathi"
	}
	for _, id := range spanOf(ix, ix.variant, ix.byKey, t.key.Var) {
		try(id)
	}
	if id, ok := ix.lookup(t.key.Var); ok {
		try(id)
	}
	// The words one edit away from the word as written and from its
	// variant key ("majmoud" is one letter from "mahmud" as "majmud").
	neighbours := func(w string) {
		s.hashes = ix.deletionHashes(w, s.hashes[:0])
		s.hashes = append(s.hashes, maphashString(ix, w))
		for _, h := range s.hashes {
			if sp, ok := ix.deletes[h]; ok {
				for _, id := range ix.delToks[sp.from:sp.to] {
					try(id)
				}
			}
		}
		// The word less one letter may itself be a list word.
		for _, h := range s.hashes[:len(s.hashes)-1] {
			if id, ok := ix.vocab[h]; ok {
				try(id)
			}
		}
	}
	if len(t.text) >= 3 {
		floor = math.Nextafter(nearFloor, 1)
		neighbours(t.text)
		if v := t.key.Var; v != t.text && len(v) >= 3 {
			neighbours(v)
		}
	}
	slices.SortFunc(s.exp[i], func(a, b expansion) int { return cmp.Compare(b.sim, a.sim) })
}

// candidates accumulates rarity-weighted evidence per list name from the
// postings of the expanded query tokens and returns the names worth scoring.
func (ix *index) candidates(s *scratch, q []qtoken, threshold float64, person bool) []uint32 {
	onlyLow := true
	for _, t := range q {
		if t.flags&(flagLegalForm|flagParticle|flagInitial) == 0 {
			onlyLow = false
		}
	}
	add := func(tok uint32, bits uint32, w float32) { s.add(ix.postings.get(tok), bits, w) }
	// A word the query repeats ("Muhammad al-Muhammad", "Said Said") counts
	// a second time only for the names that have it twice (addRepeated):
	// its postings would credit every name that has it once with both.
	var repeats [maxQueryTokens]int8
	// qW is the weight of the query words looked up, which the evidence
	// of a name is set against; skipForms says that the query's legal
	// forms are not looked up, so that a name's are left out of its weight.
	var qW float32
	skipForms := false
	// Words found in very many names ("muhammad", "ali") are looked up last,
	// and only in the names the rarer words found, when a name with none of
	// the rarer words cannot reach the threshold anyway.
	s.heavy = s.heavy[:0]
	var heavyW, lightW float64
	for i, t := range q {
		ix.expand(s, q, i)
		repeats[i] = -1
		if !onlyLow && t.flags&(flagLegalForm|flagParticle) != 0 {
			skipForms = skipForms || t.flags&flagLegalForm != 0
			continue
		}
		qW += t.weight
		for j := range i {
			if q[j].text == t.text {
				repeats[i] = int8(j)
				break
			}
		}
		isHeavy, maxLW := false, float32(0)
		for _, x := range s.exp[i] {
			if ix.df[x.tok] > heavyPostings {
				isHeavy = true
				maxLW = max(maxLW, ix.toks[x.tok].weight)
			}
		}
		if isHeavy {
			heavyW += float64(t.weight + maxLW)
		} else if t.flags&flagTitle == 0 {
			lightW += float64(t.weight)
		}
		if repeats[i] >= 0 {
			continue
		}
		for _, x := range s.exp[i] {
			if ix.df[x.tok] > heavyPostings {
				s.heavy = append(s.heavy, heavyExp{i: i, exp: x})
				continue
			}
			add(x.tok, 1<<i, t.weight*x.ev())
		}
	}
	// Adjacent query words written as one on a list ("jin ping" → "jinping").
	for i := 0; i+1 < len(q); i++ {
		if id, ok := ix.lookupJoined(q[i].text, q[i+1].text); ok {
			add(id, 1<<i|1<<(i+1), q[i].weight+q[i+1].weight)
		}
	}
	// The bound holds for persons' names, whose single near misses count
	// squared; for other names every word is looked up in full.
	full := !person || len(s.touched) == 0 || heavyW/(heavyW+lightW) >= heavyBound*threshold
	switch {
	case len(s.heavy) == 0:
	case full && len(s.touched) <= candidateNames:
		for _, h := range s.heavy {
			add(h.exp.tok, 1<<h.i, q[h.i].weight*h.exp.ev())
		}
	default:
		// The names the rarer words found get their share first. In full,
		// the names only the frequent words find (often thousands) are
		// added only if some could be a candidate.
		for _, h := range s.heavy {
			s.addToTouched(ix.postings.get(h.exp.tok), 1<<h.i, q[h.i].weight*h.exp.ev())
		}
		if full && !s.heavyOnlyBelowCut(q, repeats[:len(q)]) {
			for _, h := range s.heavy {
				// The names not marked touchedMark: after addToTouched over
				// the same postings in the same order, this leaves acc,
				// touched and accMax as add alone would have.
				s.addSkipping(ix.postings.get(h.exp.tok), 1<<h.i, touchedMark|1<<h.i, q[h.i].weight*h.exp.ev())
			}
		}
	}
	for i, j := range repeats[:len(q)] {
		if j >= 0 {
			ix.addRepeated(s, q, i, int(j))
		}
	}
	c := s.order[:0]
	if len(s.touched) > candidateNames {
		// Keep the sigs of the best candidateNames names by their evidence
		// set against what the name adds beyond it, as the score does:
		// "Muhammad Ali" and "Said Said" find "'ALI, Muhammad" and "SA'ID,
		// Sa'id" before the hundreds of longer names that have their words.
		// A cut-off from a histogram, then a sort of the few above it. The
		// evidence is copied out of acc (and acc cleared for the next query)
		// in one pass, and the rest works on the copies in order.
		if cap(s.cand) < len(s.touched) {
			s.cand = make([]candAcc, 0, 2*len(s.touched))
		}
		cs := s.cand[:len(s.touched)]
		var hi float32
		for i, sig := range s.touched {
			a, w := s.acc[sig].acc, ix.sigW[sig].words
			if !skipForms {
				w += ix.sigW[sig].forms
			}
			e := a / (qW + extraListWeight*max(0, w-a))
			cs[i] = candAcc{sig, e}
			hi = max(hi, e)
			s.acc[sig] = nameAcc{}
		}
		s.touched = s.touched[:0]
		cut := ix.nthLargest(cs, hi, candidateNames)
		k, names := 0, 0
		for _, x := range cs {
			if x.acc >= cut {
				cs[k] = x
				k++
				names += ix.sigSize(x.sig)
			}
		}
		cs = cs[:k]
		if names > candidateNames {
			slices.SortFunc(cs, func(a, b candAcc) int { return cmp.Compare(b.acc, a.acc) })
			names = 0
			for k, x := range cs {
				if names >= candidateNames {
					cs = cs[:k]
					break
				}
				names += ix.sigSize(x.sig)
			}
		}
		s.cand = cs
		for _, x := range cs {
			c = append(c, ix.sigNames.get(x.sig)...)
		}
	} else {
		for _, sig := range s.touched {
			c = append(c, ix.sigNames.get(sig)...)
		}
	}
	s.order = c
	return c
}

// sigSize returns the number of names with sig.
func (ix *index) sigSize(sig uint32) int { return int(ix.sigNames.at[sig+1] - ix.sigNames.at[sig]) }

// addRepeated adds query token i, a repeat of token j, to the sigs whose
// names have two words among j's expansions: the second best of them counts.
// Only names j found can have them (a name only the frequent words would
// find is below the cut-off with i's share, see heavyOnlyBelowCut).
func (ix *index) addRepeated(s *scratch, q []qtoken, i, j int) {
	if len(s.exp[j]) == 0 {
		return
	}
	floor := s.exp[j][len(s.exp[j])-1].sim // expansions are sorted
	for _, sig := range s.touched {
		a := &s.acc[sig]
		if a.mask&(1<<j) == 0 || a.mask&(1<<i) != 0 {
			continue
		}
		var best, second float32
		for _, t := range ix.nameTokens(&ix.names[ix.sigNames.get(sig)[0]]) {
			v := s.cached(j, t)
			if v < floor {
				continue
			}
			ev := expansion{t, v}.ev()
			if ev > best {
				best, second = ev, best
			} else if ev > second {
				second = ev
			}
		}
		if second > 0 {
			a.mask |= 1 << i
			a.acc += q[i].weight * second
			s.accMax = max(s.accMax, a.acc)
		}
	}
}

// candAcc is a candidate sig and its evidence.
type candAcc struct {
	sig uint32
	acc float32
}

// add adds w to the evidence of the names in postings that have none of
// the query tokens bits yet.
func (s *scratch) add(postings []uint32, bits uint32, w float32) {
	s.addSkipping(postings, bits, bits, w)
}

// addSkipping is add for the names whose mask has none of skip.
func (s *scratch) addSkipping(postings []uint32, bits, skip uint32, w float32) {
	acc, hi, touched := s.acc, s.accMax, s.touched
	for _, n := range postings {
		a := &acc[n]
		if a.mask&skip != 0 {
			continue
		}
		if a.mask == 0 {
			touched = append(touched, n)
		}
		a.mask |= bits
		a.acc += w
		if a.acc > hi {
			hi = a.acc
		}
	}
	s.accMax, s.touched = hi, touched
}

// touchedMark marks in nameAcc.mask the names touched before the frequent
// words were added (query token bits are below maxQueryTokens).
const touchedMark = 1 << 31

// addToTouched is add for the names already touched only.
func (s *scratch) addToTouched(postings []uint32, bits uint32, w float32) {
	acc, hi := s.acc, s.accMax
	for _, n := range postings {
		a := &acc[n]
		if a.mask == 0 || a.mask&bits != 0 {
			continue
		}
		a.mask |= bits
		a.acc += w
		if a.acc > hi {
			hi = a.acc
		}
	}
	s.accMax = hi
}

// heavyOnlyBelowCut reports whether the sigs that only the frequent words
// (s.heavy) find need not be added: their evidence is at most U, the sum
// over query words (repeated ones too) of their best frequent expansion,
// and if the names of the touched sigs alone reach the cut-off of
// candidates two histogram buckets above U, adding them (at the end of
// touched) changes neither the cut-off nor the names above it. Otherwise
// it marks the touched sigs touchedMark for addSkipping.
func (s *scratch) heavyOnlyBelowCut(q []qtoken, repeats []int8) bool {
	var best [maxQueryTokens]float32
	for _, h := range s.heavy {
		best[h.i] = max(best[h.i], q[h.i].weight*h.exp.ev())
	}
	for i, j := range repeats {
		if j >= 0 {
			best[i] = best[j] // addRepeated may add as much
		}
	}
	var u float64
	for _, b := range best {
		u += float64(b)
	}
	hi := s.accMax
	var hist [64]int
	for _, sig := range s.touched {
		a := &s.acc[sig]
		hist[int(a.acc/hi*63)] += s.ix.sigSize(sig) // as nthLargest
		a.mask |= touchedMark
	}
	if u >= float64(hi) {
		return false
	}
	bu := int(u / float64(hi) * 63)
	sum := 0
	for b := 63; b >= bu+2; b-- {
		if sum += hist[b]; sum >= candidateNames {
			return true
		}
	}
	return false
}

// nthLargest returns the value v such that the sigs of cs that are >= v
// have about n names; hi is the largest of them.
func (ix *index) nthLargest(cs []candAcc, hi float32, n int) float32 {
	var hist [64]int
	if hi == 0 {
		return 0
	}
	for _, x := range cs {
		b := int(x.acc / hi * 63)
		hist[b] += ix.sigSize(x.sig)
	}
	sum := 0
	for b := 63; b >= 0; b-- {
		sum += hist[b]
		if sum >= n {
			return float32(b) / 63 * hi
		}
	}
	return 0
}

// sigScore is an entry of scratch.memo: key is the sig plus one (0: empty).
type sigScore struct {
	key   uint32
	score float64
}

// memoSlot returns the slot of sig in memo: its entry, or the empty slot
// where it goes.
func (s *scratch) memoSlot(sig uint32) uint32 {
	mask := uint32(len(s.memo) - 1)
	k := (sig * 0x9E3779B1) >> 16 & mask
	for s.memo[k].key != 0 && s.memo[k].key != sig+1 {
		k = (k + 1) & mask
	}
	return k
}

// growMemo doubles memo, keeping its entries.
func (s *scratch) growMemo() {
	old := s.memo
	s.memo = make([]sigScore, 2*len(old))
	s.memoUsed = s.memoUsed[:0]
	for _, e := range old {
		if e.key != 0 {
			k := s.memoSlot(e.key - 1)
			s.memo[k] = e
			s.memoUsed = append(s.memoUsed, k)
		}
	}
}

// nameScore is scoreName(...).score, computed once per query for all the
// names of one sig.
func (ix *index) nameScore(s *scratch, q []qtoken, qjoined string, n *nameRec) float64 {
	k := s.memoSlot(n.sig)
	if e := &s.memo[k]; e.key != 0 {
		return e.score
	}
	v := ix.scoreName(s, q, qjoined, n, false).score
	s.memo[k] = sigScore{key: n.sig + 1, score: v}
	s.memoUsed = append(s.memoUsed, k)
	if 2*len(s.memoUsed) > len(s.memo) {
		s.growMemo()
	}
	return v
}

// scoreName scores query tokens against one indexed name.
func (ix *index) scoreName(s *scratch, q []qtoken, qjoined string, n *nameRec, pairs bool) alignment {
	var qw [maxQueryTokens]float32
	var qf [maxQueryTokens]tokFlags
	var lf [64]tokFlags
	var lwBig [64]float32
	toks := ix.nameTokens(n)
	nl := min(len(toks), 64)
	for i, t := range q {
		qw[i], qf[i] = t.weight, t.flags
	}
	for j, wf := range ix.nameWF[n.toks.from : n.toks.from+uint32(nl)] {
		lwBig[j], lf[j] = wf.weight, wf.flags
	}
	var rows [64]int // each list word's row of similarities, looked up once
	for j := range nl {
		rows[j] = s.row(toks[j])
	}
	sim := func(i, j int) float64 { return s.simAt(q, i, toks[j], rows[j]) }
	a := alignNames(&s.align, len(q), nl, sim, qw[:len(q)], lwBig[:nl], qf[:len(q)], lf[:nl], ix.kinds[n.kind], pairs)
	if swappedAroundBin(len(q), nl, func(i int) string { return q[i].text }, func(j int) string { return ix.text(toks[j]) }) {
		a.score *= binSwap
	}
	if js := joinedScore(qjoined, ix.nameJoined(n), len(q), nl); js > a.score {
		a.score = js
		a.pairs = nil
	}
	if n.syllabic && s.qsyllabic {
		if r, ok := sameSyllabicScript(s.qname, ix.store.name(n.entity, n.name)); ok {
			a.score = min(a.score, r)
		}
	}
	return a
}

// queryFacts are the parsed qualifiers of a query.
type queryFacts struct {
	dob       date
	countries []string
	ids       map[string]bool
}

type scored struct {
	entity uint32
	name   uint32 // index into ix.names
	name0  float64
	score  float64
	lit    float64 // literal closeness of the name, -1 until a tie needs it
}

// litOf returns b's literal closeness, computing it once.
func (ix *index) litOf(s *scratch, b *scored) float64 {
	if b.lit < 0 {
		b.lit = ix.literal(s, b.name)
	}
	return b.lit
}

// screen screens a validated query. qt and qj are its analysed name when
// the caller has them (from validate), else nil.
func (ix *index) screen(s *scratch, q *Query, qt []qtoken, qj string) []Hit {
	if len(ix.names) == 0 {
		return nil
	}
	threshold := q.Threshold
	if threshold == 0 {
		threshold = DefaultThreshold
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	if qt == nil {
		qt, qj = ix.analyseName(q.Name, q.Kind == Person)
	}
	s.prepare(len(qt))
	defer s.reset()
	s.qname, s.qsyllabic, s.qfolded = q.Name, len(qt) > 0 && qt[0].flags&flagSyllable != 0, false
	facts := parseFacts(q)

	defer func() {
		for _, b := range s.best {
			s.slot[ix.cluster[b.entity]] = -1
		}
		s.best = s.best[:0]
	}()
	consider := func(nid uint32) {
		n := &ix.names[nid]
		if nk := ix.kinds[n.kind]; q.Kind != Unknown && q.Kind != "" && nk != Unknown && nk != q.Kind {
			return
		}
		var ns float64
		if len(qt) > 0 {
			ns = ix.nameScore(s, qt, qj, n)
		}
		if n.weak {
			ns *= weakAliasFactor
		}
		if ns+maxQualifierGain < threshold && len(facts.ids) == 0 {
			return // no birth date or country can lift it to the threshold
		}
		total := ns
		if facts.any() {
			ix.store.decode(n.entity, &s.ent)
			total, _ = qualify(&s.ent, ix.dobs.get(n.entity), &facts, ns, nil)
		} else {
			total = min(max(total, 0), 1)
		}
		c := ix.cluster[n.entity]
		sc := scored{entity: n.entity, name: nid, name0: ns, score: total, lit: -1}
		switch k := s.slot[c]; {
		case k < 0:
			s.slot[c] = int32(len(s.best))
			s.best = append(s.best, sc)
		case total > s.best[k].score, total == s.best[k].score && ix.litOf(s, &sc) > ix.litOf(s, &s.best[k]):
			s.best[k] = sc
		}
	}
	switch {
	case len(qt) > 0 && q.Exhaustive:
		for i := 0; i < len(ix.names); i++ {
			consider(uint32(i))
		}
	case len(qt) > 0:
		for _, nid := range ix.candidates(s, qt, threshold, q.Kind == Person) {
			consider(nid)
		}
	}
	for k := range facts.ids {
		for _, ei := range spanOf(ix, ix.ids, ix.idEnts, k) {
			for nid := ix.nameAt[ei]; nid < ix.nameAt[ei+1]; nid++ {
				consider(nid)
			}
		}
	}
	var top []scored
	for _, b := range s.best {
		if b.score >= threshold {
			top = append(top, b)
		}
	}
	slices.SortFunc(top, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.entity, b.entity)
	})
	ix.orderTies(s, top, limit)
	if len(top) > limit {
		top = top[:limit]
	}
	hits := make([]Hit, 0, len(top))
	for _, b := range top {
		hits = append(hits, ix.hit(s, q, qt, qj, &facts, b))
	}
	return hits
}

// hit builds the reported hit for a cluster's best match, with its
// explanation and every listing of the party.
func (ix *index) hit(s *scratch, q *Query, qt []qtoken, qj string, f *queryFacts, b scored) Hit {
	n := &ix.names[b.name]
	e := ix.store.entity(b.entity)
	nm := e.Names[n.name]
	var feats []Feature
	ex := Explanation{QueryName: q.Name, ListName: nm.Value, NameType: nm.Type, ListVersion: e.Version}
	if len(qt) > 0 {
		a := ix.scoreName(s, qt, qj, n, true)
		for _, p := range a.pairs {
			ex.Tokens = append(ex.Tokens, TokenMatch{Query: qt[int(p[0])].text, List: ix.text(ix.nameTokens(n)[int(p[1])]), Similarity: round3(p[2])})
		}
		feats = append(feats, Feature{Name: "name", Contribution: round3(a.score), Detail: fmt.Sprintf("%q ~ %q", q.Name, nm.Value)})
		if nm.Type == NameWeak {
			feats = append(feats, Feature{Name: "weak_alias", Contribution: round3(b.name0 - a.score), Detail: "low-quality alias counts less"})
		}
	}
	_, feats = qualify(e, ix.dobs.get(b.entity), f, b.name0, feats)
	ex.Features = feats
	h := Hit{Source: e.Source, SourceID: e.SourceID, Name: e.PrimaryName(), Kind: e.Kind, Score: round3(b.score), Explanation: ex, Entity: e}
	for _, m := range ix.members.get(ix.cluster[b.entity]) {
		me := e
		if m != b.entity {
			// The scratch's entity: a SourceRef keeps only its strings,
			// which are slices of the store's data.
			ix.store.decode(m, &s.ent)
			me = &s.ent
		}
		sc := b.score
		if m != b.entity {
			sc = 0
			for nid := ix.nameAt[m]; nid < ix.nameAt[m+1]; nid++ {
				if len(qt) == 0 {
					break
				}
				ns := ix.nameScore(s, qt, qj, &ix.names[nid])
				if me.Names[ix.names[nid].name].Type == NameWeak {
					ns *= weakAliasFactor
				}
				t, _ := qualify(me, ix.dobs.get(m), f, ns, nil)
				sc = max(sc, t)
			}
		}
		h.Sources = append(h.Sources, SourceRef{Source: me.Source, SourceID: me.SourceID, SubList: me.SubList, Name: me.PrimaryName(), ListVersion: me.Version, Score: round3(sc)})
	}
	slices.SortStableFunc(h.Sources, func(a, b SourceRef) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		rep := func(r SourceRef) int { // the listing that scored first
			if r.Source == e.Source && r.SourceID == e.SourceID {
				return 1
			}
			return 0
		}
		return cmp.Compare(rep(b), rep(a))
	})
	return h
}

// literal says how closely list name nid is written like the query, word
// order included: 1 for the same folded text, a little more for the very
// same text (letter case and punctuation too), and a little more again for
// a primary name than for an alias ("YAS AIR" is the UN's YAS AIR before
// it is an alias of OFAC's POUYA AIR). A list's "SURNAME, Given" is
// also read in the order "Given SURNAME", just after the text as written.
// Of two listings that score the same, the one whose words the query copies
// is the better answer: screening "THOMAS LUBANGA" names the UN listing
// "THOMAS LUBANGA" first and OFAC's "LUBANGA, Thomas" second, and
// "KANG RYONG" the UN's "KANG RYONG" before OFAC's "KANG, Ryong".
func (ix *index) literal(s *scratch, nid uint32) float64 {
	if !s.qfolded {
		s.qfold, s.qfolded = normalize.Fold(s.qname), true
	}
	n := &ix.names[nid]
	listed := ix.store.name(n.entity, n.name)
	r := closeness(s.qfold, normalize.Fold(listed))
	if last, given, ok := strings.Cut(listed, ","); ok {
		r = max(r, 0.99*closeness(s.qfold, normalize.Fold(given+" "+last))) // "ALI, Muhammad" is Muhammad Ali
	}
	q := strings.TrimSpace(s.qname)
	switch {
	case q == listed:
		r += 0.002
	case strings.EqualFold(q, listed):
		r += 0.001
	}
	if n.primary {
		r += 0.0005
	}
	// Written alike, the way of the list a name was copied from: the comma
	// of "SURNAME, Given", the capitals.
	if strings.Contains(q, ",") == strings.Contains(listed, ",") {
		r += 0.0002
	}
	if hasLower(q) == hasLower(listed) {
		r += 0.0001
	}
	return r
}

// hasLower reports whether s has a lower-case letter.
func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }

// closeness is 1 less the edit distance of a and b over the longer length.
func closeness(a, b string) float64 {
	return 1 - float64(normalize.Distance(a, b))/float64(max(len(a), len(b), 1))
}

// orderTies puts the runs of equal score in the score-sorted all that
// begin among its first n in order of literal closeness to the query.
func (ix *index) orderTies(s *scratch, all []scored, n int) {
	for i := 0; i < min(n, len(all)); {
		j := i + 1
		for j < len(all) && all[j].score == all[i].score {
			j++
		}
		if j-i > 1 {
			run := all[i:j]
			for k := range run {
				ix.litOf(s, &run[k])
			}
			slices.SortStableFunc(run, func(a, b scored) int { return cmp.Compare(b.lit, a.lit) })
		}
		i = j
	}
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func parseFacts(q *Query) queryFacts {
	var f queryFacts
	f.dob, _ = parseDate(q.BirthDate)
	for _, c := range q.Countries {
		if iso := normalize.Country(c); iso != "" {
			f.countries = append(f.countries, iso)
		}
	}
	for _, id := range q.Identifiers {
		if k := normalize.IdentifierKey(id.Value); len(k) >= 5 {
			if f.ids == nil {
				f.ids = map[string]bool{}
			}
			f.ids[k] = true
		}
	}
	return f
}

func (f *queryFacts) any() bool { return f.dob.y != 0 || len(f.countries) > 0 || len(f.ids) > 0 }

// Qualifier weights: what a birth date, a country and an identifier add to
// or take from the name score.
const (
	dobExact     = 0.05
	dobYear      = 0.02
	dobNearYear  = -0.05
	dobOtherDay  = -0.10
	dobDisjoint  = -0.20
	countryMatch = 0.02
	countryOther = -0.05
	idMatchFloor = 0.95

	// maxQualifierGain is the most a birth date and a country add.
	maxQualifierGain = dobExact + countryMatch
)

// qualify applies the query's birth date, country and identifiers to a name
// score and returns the final score, appending the features when feats is
// not nil.
func qualify(e *Entity, dobs []date, f *queryFacts, nameScore float64, feats []Feature) (float64, []Feature) {
	score := nameScore
	explain := feats != nil
	if f.dob.y != 0 && len(dobs) > 0 {
		rel := dobDisjoint
		for _, d := range dobs {
			rel = max(rel, compareDates(f.dob, d))
		}
		score += rel
		if explain {
			feats = append(feats, Feature{Name: "birth_date", Contribution: rel, Detail: "query " + f.dob.String() + ", list " + strings.Join(e.BirthDates, ", ")})
		}
	}
	if len(f.countries) > 0 && len(e.Countries) > 0 {
		c := countryOther
		for _, qc := range f.countries {
			if slices.Contains(e.Countries, qc) {
				c = countryMatch
			}
		}
		score += c
		if explain {
			feats = append(feats, Feature{Name: "country", Contribution: c, Detail: "query " + strings.Join(f.countries, ", ") + ", list " + strings.Join(e.Countries, ", ")})
		}
	}
	if len(f.ids) > 0 {
		for _, id := range e.Identifiers {
			if f.ids[normalize.IdentifierKey(id.Value)] {
				ns := idMatchFloor + (1-idMatchFloor)*nameScore
				if ns > score {
					if explain {
						feats = append(feats, Feature{Name: "identifier", Contribution: round3(ns - score), Detail: id.Type + " " + id.Value})
					}
					score = ns
				}
				break
			}
		}
	}
	return min(max(score, 0), 1), feats
}

// date is a possibly partial calendar date; zero parts are unknown.
type date struct{ y, m, d int }

func (d date) String() string {
	switch {
	case d.d != 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
	case d.m != 0:
		return fmt.Sprintf("%04d-%02d", d.y, d.m)
	}
	return fmt.Sprintf("%04d", d.y)
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func parseDate(s string) (date, bool) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return date{}, false
	}
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return date{}, false
		}
		v[i] = n
	}
	if v[0] < 1000 || v[1] > 12 || v[2] > 31 {
		return date{}, false
	}
	return date{v[0], v[1], v[2]}, true
}

// compareDates returns the qualifier for a query birth date against one list
// birth date.
func compareDates(q, l date) float64 {
	switch {
	case q.y == l.y && q.d != 0 && l.d != 0:
		if q.m == l.m && q.d == l.d {
			return dobExact
		}
		if q.m == l.d && q.d == l.m {
			return dobYear // day and month swapped
		}
		return dobOtherDay
	case q.y == l.y:
		if q.m != 0 && l.m != 0 && q.m != l.m {
			return dobOtherDay
		}
		return dobYear
	case q.y-l.y == 1 || l.y-q.y == 1:
		return dobNearYear
	}
	return dobDisjoint
}

// maphashString hashes s with the index's seed: the key of its hash-keyed maps.
func maphashString(ix *index, s string) uint64 { return maphash.String(ix.seed, s) }
