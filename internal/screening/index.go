package screening

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// tokFlags says what sort of word a token is.
type tokFlags uint16

// Token flags.
const (
	flagLegalForm tokFlags = 1 << iota
	flagParticle
	flagNumber
	flagInitial
	flagAbjad
	flagJoined // an index-only key: two adjacent name tokens written as one
	flagTitle
	flagKnown      // a name of the name-equivalence dictionary
	flagRegion     // a continent or world region (see normalize.IsRegion)
	flagFirst      // the number 1, which the first of a series often leaves out
	flagUnknown    // a query token that is on no list
	flagSyllable   // a query token romanised from Hangul or Han (see normalize.IsSyllabic)
	flagStrictForm // a legal form that excludes the others (llc, jsc, lp; not the generic corp)
	flagPatronymic // a patronymic ("Vladimirovich"), often left out
	flagGeneric    // a word that describes a company rather than names it ("Group", "Technologies")
	flagPlace      // a Chinese province or city (see normalize.IsChinesePlace), also a region
)

// genericWords describe what a company is or does; a name that has one more
// or one less of them ("NSO Group Technologies" / "NSO Group", "SenseTime" /
// "SENSETIME GROUP LIMITED") is still the same company's name more often than
// another's.
var genericWords = map[string]bool{
	"group": true, "holding": true, "holdings": true, "technology": true, "technologies": true, "tech": true,
	"international": true, "industries": true, "trading": true, "systems": true, "solutions": true,
	"services": true, "enterprises": true, "information": true, "electronics": true, "electronic": true,
	"communication": true, "communications": true, "software": true, "digital": true, "network": true,
	"networks": true, "engineering": true, "development": true, "science": true, "sciences": true,
	"industrial": true, "industry": true, "manufacturing": true, "equipment": true, "products": true,
}

// tokenInfo is one token of the index: its normalize.Key as spans of
// index.keys (see index.key), so that the tokens hold no pointers.
type tokenInfo struct {
	text, skel, vari span
	known, number    bool
	weight           float32
	flags            tokFlags
}

// span is a range [from, to) of a flat array.
type span struct{ from, to uint32 }

// nameRec is one indexed name of one entity. It holds no pointers (its
// tokens and joined form are spans of flat arrays), so that the garbage
// collector need not scan the names.
type nameRec struct {
	entity uint32
	// sig numbers the distinct (toks, joined, kind): names with one sig
	// score alike against any query (the same name on several lists).
	sig    uint32
	toks   span   // the name's tokens, in index.nameToks
	joined span   // the analysed tokens without spaces, in index.joined
	name   uint16 // index into Entity.Names
	kind   uint8  // the entity's kind, as an index into index.kinds
	weak   bool   // the name is a weak alias
	// primary says that the name is the entity's primary name.
	primary bool
	// syllabic says that the name is written in Hangul or Han.
	syllabic bool
}

// tokWF is the weight and flags of a token, packed for the scoring loop:
// index.nameWF holds them per name token, so that scoring a name reads
// them next to each other rather than from one token record each.
type tokWF struct {
	weight float32
	flags  tokFlags
}

// index is an immutable search structure over a set of lists. It is built
// completely before it is published, and never changed after.
type index struct {
	versions []ListVersion // of the lists indexed
	store    *entityStore  // the entities, encoded
	names    []nameRec
	nameToks []uint32          // the tokens of every name, one after the other
	joined   string            // the joined form of every name, one after the other
	kinds    []Kind            // nameRec.kind → Kind
	nameAt   []uint32          // entity → its first name in names; nameAt[len(entities)] = len(names)
	vocab    map[uint64]uint32 // hash of a token (maphashString) → the token; see lookup
	keys     string            // every token's text, skeleton and variant, one after the other
	toks     []tokenInfo
	nameWF   []tokWF         // the weight and flags of each token of nameToks, beside it
	postings flat[uint32]    // token → the sigs of the names that have it (see nameRec.sig)
	df       []uint32        // token → the number of names that have it
	sigNames flat[uint32]    // sig → its names
	deletes  map[uint64]span // hash of a one-letter deletion → tokens, in delToks
	delToks  []uint32
	skel     map[uint64]span // hash of a phonetic skeleton → tokens, in byKey
	sigW     []sigWeight     // sig → the weight of its words (see candidates)
	variant  map[uint64]span // hash of a romanisation variant (normalize.Variant) → tokens where it differs from the token, in byKey
	byKey    []uint32        // the token lists of skel and variant
	ids      map[uint64]span // hash of an identifier key → entities, in idEnts
	idEnts   []uint32        // the entity lists of ids
	// The maps above are keyed by hashes and hold spans of flat arrays, so
	// that they hold no pointers for the garbage collector to follow.
	dobs     flat[date]   // entity → parsed birth dates
	cluster  []uint32     // entity → cluster
	members  flat[uint32] // cluster → entities
	unknownW float32      // weight of a token that is on no list
	// listsJSON is the lists' versions in JSON, made on first use.
	listsOnce sync.Once
	listsJSON []byte
	// refs finds entities by list and record id (source + "\x00" +
	// source id), in refEnts; made on first use (see Engine.Listing).
	refsOnce sync.Once
	refs     map[uint64]span
	refEnts  []uint32
	seed     maphash.Seed
}

func tokenFlags(t string, abjad bool) tokFlags {
	var f tokFlags
	switch {
	case normalize.IsLegalForm(t):
		f |= flagLegalForm
		if t != normalize.FormCorp {
			f |= flagStrictForm
		}
	case normalize.IsTitle(t):
		f |= flagParticle | flagTitle
	case normalize.IsParticle(t):
		f |= flagParticle
	case t == "1":
		f |= flagNumber | flagFirst
	case normalize.IsNumber(t):
		f |= flagNumber
	case len(t) == 1:
		f |= flagInitial
	}
	if abjad {
		f |= flagAbjad
	}
	if normalize.IsKnownName(t) {
		f |= flagKnown
	}
	if normalize.IsPatronymic(t) {
		f |= flagPatronymic
	}
	if normalize.IsRegion(t) {
		f |= flagRegion
		if normalize.IsChinesePlace(t) {
			f |= flagPlace
		}
	}
	if genericWords[t] {
		f |= flagGeneric
	}
	return f
}

// lowWeight scales the weight of tokens that carry little identity.
func lowWeight(flags tokFlags) float32 {
	switch {
	case flags&flagLegalForm != 0:
		return 0.25
	case flags&flagParticle != 0, flags&flagInitial != 0:
		return 0.3
	}
	return 1
}

func buildIndex(lists []*List) *index {
	ix := &index{seed: maphash.MakeSeed()}
	// Built with strings, then packed into the pointer-free forms.
	vocab := map[string]uint32{}
	ids := map[string][]uint32{}
	var ents []*Entity
	var postings [][]uint32 // flattened into ix.postings once built
	for _, l := range lists {
		ix.versions = append(ix.versions, l.Version)
		ents = append(ents, l.Entities...)
	}
	// A token's key and flags are made for all tokens at once, on every
	// core, once the names are indexed; meanwhile its flags gather what
	// the names say of it (abjad, joined).
	var texts []string
	tokenID := func(t string, abjad bool) uint32 {
		id, ok := vocab[t]
		if !ok {
			id = uint32(len(ix.toks))
			vocab[t] = id
			texts = append(texts, t)
			ix.toks = append(ix.toks, tokenInfo{})
			postings = append(postings, nil)
		}
		if abjad {
			ix.toks[id].flags |= flagAbjad
		}
		return id
	}
	var pair []byte // two adjacent words joined
	sigs := map[string]uint32{}
	var sigKey []byte
	kindCode := map[Kind]uint8{}
	var joinedAll strings.Builder
	ix.nameAt = make([]uint32, len(ents)+1)
	dobs := make([][]date, len(ents))
	an := analyseEntities(ents)
	// The entities are encoded on another core while this one indexes
	// their names.
	stored := make(chan *entityStore, 1)
	go func() { stored <- newEntityStore(ents) }()
	for ei, e := range ents {
		for _, d := range e.BirthDates {
			if pd, ok := parseDate(d); ok {
				dobs[ei] = append(dobs[ei], pd)
			}
		}
		ix.nameAt[ei] = uint32(len(ix.names))
		for k, a := range an[ei].names {
			ni, n := a.ni, e.Names[a.ni]
			toks, joined, abjad := a.toks, a.joined, a.abjad
			if len(toks) == 0 || slices.ContainsFunc(an[ei].names[:k], func(b analysedName) bool { return slices.Equal(b.toks, toks) }) {
				continue // no words, or the same name twice after analysis
			}
			kc, ok := kindCode[e.Kind]
			if !ok {
				kc = uint8(len(ix.kinds))
				kindCode[e.Kind] = kc
				ix.kinds = append(ix.kinds, e.Kind)
			}
			rec := nameRec{entity: uint32(ei), name: uint16(min(ni, math.MaxUint16)), weak: n.Type == NameWeak, primary: n.Type == NamePrimary, kind: kc}
			rec.joined.from = uint32(joinedAll.Len())
			joinedAll.WriteString(joined)
			rec.joined.to = uint32(joinedAll.Len())
			nid := uint32(len(ix.names))
			rec.toks.from = uint32(len(ix.nameToks))
			for _, t := range toks {
				id := tokenID(t, abjad)
				ix.toks[id].flags &^= flagJoined // a name's own word, whatever joins also made it
				ix.nameToks = append(ix.nameToks, id)
				if p := postings[id]; len(p) == 0 || p[len(p)-1] != nid {
					postings[id] = append(p, nid)
				}
			}
			rec.toks.to = uint32(len(ix.nameToks))
			for i := 0; i+1 < len(toks); i++ {
				if len(toks[i]) <= 6 && len(toks[i+1]) <= 6 {
					pair = append(append(pair[:0], toks[i]...), toks[i+1]...)
					id, word := vocab[string(pair)]
					if !word {
						id = tokenID(string(pair), abjad)
						ix.toks[id].flags |= flagJoined // a key only joins have made so far
					} else if abjad {
						ix.toks[id].flags |= flagAbjad
					}
					if p := postings[id]; len(p) == 0 || p[len(p)-1] != nid {
						postings[id] = append(p, nid)
					}
				}
			}
			sigKey = append(append(sigKey[:0], e.Kind...), 0)
			sigKey = append(append(sigKey, joined...), 0)
			for _, t := range ix.nameToks[rec.toks.from:rec.toks.to] {
				sigKey = binary.LittleEndian.AppendUint32(sigKey, t)
			}
			if a.syllabic {
				// Compared character by character with queries in its
				// script (see sameSyllabicScript): its own text is part of
				// what it scores alike with.
				sigKey = append(append(sigKey, 0), n.Value...)
				rec.syllabic = true
			}
			sig, ok := sigs[string(sigKey)]
			if !ok {
				sig = uint32(len(sigs))
				sigs[string(sigKey)] = sig
			}
			rec.sig = sig
			ix.names = append(ix.names, rec)
		}
		for _, id := range e.Identifiers {
			if k := normalize.IdentifierKey(id.Value); len(k) >= 5 {
				if p := ids[k]; len(p) == 0 || p[len(p)-1] != uint32(ei) {
					ids[k] = append(p, uint32(ei))
				}
			}
		}
	}
	ix.nameAt[len(ents)] = uint32(len(ix.names))
	keys := make([]normalize.Key, len(texts))
	onAllCores(len(texts), func(from, to int) {
		for id := from; id < to; id++ {
			keys[id] = normalize.NewKey(texts[id])
			ix.toks[id].flags |= tokenFlags(texts[id], false)
		}
	})
	ix.postings, ix.df, ix.sigNames = ix.sigPostings(postings, len(sigs))
	ix.dobs = flatten(dobs)
	ix.joined = joinedAll.String()
	ix.nameToks = slices.Clip(ix.nameToks)
	n := float64(len(ix.names) + 1)
	ix.unknownW = float32(math.Log(n))
	ix.packKeys(keys)
	ix.ids, ix.idEnts = hashedSpans(ix, ids, nil)
	skel, variant := map[string][]uint32{}, map[string][]uint32{}
	for id := range ix.toks {
		t := &ix.toks[id]
		t.weight = float32(math.Log(n/float64(ix.df[id]+1))+1) * lowWeight(t.flags)
		if t.flags&(flagNumber|flagInitial) != 0 {
			continue
		}
		k := &keys[id]
		skel[k.Skel] = append(skel[k.Skel], uint32(id))
		if k.Var != k.Text {
			variant[k.Var] = append(variant[k.Var], uint32(id))
		}
	}
	deleted := make(chan struct{})
	go func() { ix.buildDeletes(keys); close(deleted) }()
	ix.skel, ix.byKey = hashedSpans(ix, skel, nil)
	ix.variant, ix.byKey = hashedSpans(ix, variant, ix.byKey)
	ix.nameWF = make([]tokWF, len(ix.nameToks))
	for k, t := range ix.nameToks {
		ix.nameWF[k] = tokWF{ix.toks[t].weight, ix.toks[t].flags}
	}
	ix.sigW = make([]sigWeight, ix.sigNames.len())
	for sig := range ix.sigW {
		w := &ix.sigW[sig]
		for _, id := range ix.nameTokens(&ix.names[ix.sigNames.get(uint32(sig))[0]]) {
			switch f := ix.toks[id].flags; {
			case f&flagParticle != 0:
			case f&flagLegalForm != 0:
				w.forms += ix.toks[id].weight
			default:
				w.words += ix.toks[id].weight
			}
		}
	}
	ix.store = <-stored
	ix.buildClusters(ents, an)
	<-deleted
	return ix
}

// buildDeletes indexes the list words of four letters or more by the
// hashes of their one-letter deletions (see deletionHashes): one flat
// array grouped by hash, and a map that holds no pointers, so that the
// garbage collector need not scan it.
func (ix *index) buildDeletes(keys []normalize.Key) {
	type delPair struct {
		h  uint64
		id uint32
	}
	dels := make([]delPair, 0, len(ix.toks)*8)
	var hs []uint64
	for id := range ix.toks {
		if ix.toks[id].flags&(flagNumber|flagInitial) != 0 || len(keys[id].Text) < 4 {
			continue
		}
		hs = ix.deletionHashes(keys[id].Text, hs[:0])
		for _, h := range hs {
			dels = append(dels, delPair{h, uint32(id)})
		}
	}
	slices.SortFunc(dels, func(a, b delPair) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	ix.delToks = make([]uint32, len(dels))
	ix.deletes = make(map[uint64]span, len(dels)/2)
	for k := 0; k < len(dels); {
		from := k
		for k < len(dels) && dels[k].h == dels[from].h {
			ix.delToks[k] = dels[k].id
			k++
		}
		ix.deletes[dels[from].h] = span{uint32(from), uint32(k)}
	}
}

// analysedName is one name of an entity after normalize.Analyse.
type analysedName struct {
	ni       int // index into Entity.Names
	toks     []string
	joined   string
	abjad    bool
	syllabic bool // written in Hangul or Han (see normalize.IsSyllabic)
}

// analysedEntity holds the analysed names of one entity and the sorted
// tokens of its primary name (the clustering key).
type analysedEntity struct {
	names   []analysedName
	primary []string
}

// analyseEntities analyses every name of every entity on all cores: the
// analysis is pure and most of an index build. It also gives a kind to the
// entities that have none but whose name is an organisation's (e.g. the
// Entity List rows of the CSL).
func analyseEntities(ents []*Entity) []analysedEntity {
	out := make([]analysedEntity, len(ents))
	onAllCores(len(ents), func(from, to int) {
		for ei := from; ei < to; ei++ {
			e := ents[ei]
			if e.Kind == Unknown && normalize.LooksLikeOrganisation(normalize.Tokens(e.PrimaryName(), false)) {
				e.Kind = Organisation
			}
			person := e.Kind == Person
			a := &out[ei]
			a.names = make([]analysedName, 0, len(e.Names))
			pi := e.primaryIndex()
			for ni, n := range e.Names {
				// A name that lists alternatives ("Al-Qa'ida/Islamic
				// Army") is indexed whole and as each alternative.
				for k, v := range normalize.Alternatives(n.Value) {
					// A Wade-Giles name also as written ("Hsueh" beside
					// "xue"), for the misspellings no longer read as pinyin.
					toks, joined, written, writtenJoined := normalize.AnalyseWadeGiles(v, person)
					abjad, syllabic := normalize.Scripts(v)
					a.names = append(a.names, analysedName{ni: ni, toks: toks, joined: joined, abjad: abjad, syllabic: syllabic})
					if written != nil && person && !syllabic {
						a.names = append(a.names, analysedName{ni: ni, toks: written, joined: writtenJoined, abjad: abjad})
					}
					if ni == pi && k == 0 {
						a.primary = slices.Sorted(slices.Values(toks)) // the whole primary name
					}
				}
			}
		}
	})
	return out
}

// onAllCores calls f on consecutive chunks of [0, n), on every core.
func onAllCores(n int, f func(from, to int)) {
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				from := int(next.Add(chunk)) - chunk
				if from >= n {
					return
				}
				f(from, min(from+chunk, n))
			}
		})
	}
	wg.Wait()
}

// deletionHashes returns the hashes of s with each one letter removed.
func (ix *index) deletionHashes(s string, dst []uint64) []uint64 {
	var buf [64]byte
	for i := 0; i < len(s) && i < 64; i++ {
		b := append(append(buf[:0], s[:i]...), s[i+1:]...)
		h := maphash.Bytes(ix.seed, b)
		if len(dst) == 0 || dst[len(dst)-1] != h {
			dst = append(dst, h)
		}
	}
	return dst
}

// buildClusters joins entities that are the same party on several lists:
// the repeats of a record on one list, links the lists state themselves
// (UN reference numbers, CSL copies of SDN rows), shared identifiers, equal
// names with an equal birth year or, spelt apart, an equal birth date
// (persons), and equal names (organisations, vessels, aircraft). Keys are
// 64-bit hashes, as in the vocabulary: two unrelated keys collide at 2⁻⁶⁴
// odds.
func (ix *index) buildClusters(ents []*Entity, an []analysedEntity) {
	parent := make([]uint32, len(ents))
	for i := range parent {
		parent[i] = uint32(i)
	}
	find := func(x uint32) uint32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	var h maphash.Hash
	h.SetSeed(ix.seed)
	key := func(kind string, words []string, tail string) uint64 {
		h.Reset()
		h.WriteString(kind)
		for _, w := range words {
			h.WriteByte(' ')
			h.WriteString(w)
		}
		h.WriteByte('|')
		h.WriteString(tail)
		return h.Sum64()
	}
	first := make(map[uint64]uint32, 4*len(ents))
	full := make(map[uint64][]uint32, 2*len(ents))
	// join puts ei in the cluster of the first entity that had key k, when
	// that one is on another list (on any list, with anyList).
	join := func(k uint64, ei uint32, anyList bool) {
		if f, ok := first[k]; !ok {
			first[k] = ei
		} else if anyList || ents[f].Source != ents[ei].Source {
			parent[find(ei)] = find(f)
		}
	}
	var skels []string
	for ei, e := range ents {
		u := uint32(ei)
		// A list that repeats a record (the CSL, once for each sub-list it
		// is on) holds one party.
		join(key("record", []string{e.Source}, e.SourceID), u, true)
		for _, l := range e.Links {
			join(key("link", nil, l), u, false)
		}
		for _, id := range e.Identifiers {
			if k := normalize.IdentifierKey(id.Value); len(k) >= 7 && strings.ContainsAny(k, "0123456789") {
				join(key("id", nil, k), u, false)
			}
		}
		toks := an[ei].primary
		if len(toks) < 2 {
			continue
		}
		if e.SubList != "" && e.Kind != Person && e.Kind != Vessel && e.Kind != Aircraft {
			// The CSL writes an Entity List entry with several
			// addresses as one row per address, each with its own id.
			join(key("row", toks, e.Source+"|"+e.SubList), u, true)
		}
		switch e.Kind {
		case Person:
			for _, d := range e.BirthDates {
				if len(d) >= 4 {
					join(key("pn", toks, d[:4]), u, false)
				}
			}
			// A full name of three words or more, primary or alias, on
			// another list is the same person unless the birth years
			// disagree; so is a name of two words, in any order, when one
			// of them is a rare word ("ROODI SLEWA" / "SLEWA, Roodi", not
			// "KIM TONG CHOL").
			for _, a := range an[ei].names {
				if len(a.toks) < 2 || len(a.toks) == 2 && !ix.rareWord(a.toks) || e.Names[a.ni].Type == NameWeak {
					continue
				}
				k := key("full", slices.Sorted(slices.Values(a.toks)), "")
				for _, f := range full[k] {
					if ents[f].Source != e.Source && yearsAgree(ents[f].BirthDates, e.BirthDates) {
						parent[find(u)] = find(f)
						break
					}
				}
				full[k] = append(full[k], u)
			}
			// The same name spelt another way ("MAKHLUF, Hafiz" / "Hafez
			// MAKHLOUF": one skeleton for each word, in any order) is the
			// same person when a full birth date is the same too.
			for _, d := range e.BirthDates {
				if len(d) != len("2006-01-02") {
					continue
				}
				for _, a := range an[ei].names {
					if len(a.toks) < 2 || e.Names[a.ni].Type == NameWeak {
						continue
					}
					skels = skels[:0]
					for _, t := range a.toks {
						id, _ := ix.lookup(t) // every word of a listed name is in the vocabulary
						skels = append(skels, ix.key(id).Skel)
					}
					slices.Sort(skels)
					join(key("spelt", skels, d), u, false)
				}
			}
		case Organisation, Vessel, Aircraft:
			join(key("on", toks, string(e.Kind)), u, false)
		}
	}
	ix.cluster = make([]uint32, len(ents))
	var members [][]uint32
	ids := map[uint32]uint32{}
	for ei := range ents {
		r := find(uint32(ei))
		c, ok := ids[r]
		if !ok {
			c = uint32(len(members))
			ids[r] = c
			members = append(members, nil)
		}
		ix.cluster[ei] = c
		members[c] = append(members[c], uint32(ei))
	}
	ix.members = flatten(members)
}

// flat is a list of lists in one array: the garbage collector sees one
// object where a [][]T would give it one per list.
type flat[T any] struct {
	items []T
	at    []uint32 // list i is items[at[i]:at[i+1]]
}

func flatten[T any](lists [][]T) flat[T] {
	f := flat[T]{at: make([]uint32, 1, len(lists)+1)}
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	f.items = make([]T, 0, n)
	for _, l := range lists {
		f.items = append(f.items, l...)
		f.at = append(f.at, uint32(len(f.items)))
	}
	return f
}

// sigWeight is the weight of a sig's words, particles left out (a query's
// are not looked up): its legal forms apart from its other words.
type sigWeight struct{ words, forms float32 }

// sigPostings turns the names of each token (postings, ascending) into
// the sigs of those names, ascending, and returns them with each token's
// count of names and each sig's names. Names with one sig have the same
// words, so the candidates are gathered per sig (see candidates): a name
// on several lists is counted once.
func (ix *index) sigPostings(postings [][]uint32, nsigs int) (flat[uint32], []uint32, flat[uint32]) {
	names := make([][]uint32, nsigs)
	for nid, n := range ix.names {
		names[n.sig] = append(names[n.sig], uint32(nid))
	}
	df := make([]uint32, len(postings))
	mark := make([]uint32, nsigs) // token id + 1 that last listed the sig
	for id, p := range postings {
		df[id] = uint32(len(p))
		sigs := p[:0] // in place: at most one sig per name
		for _, nid := range p {
			if sig := ix.names[nid].sig; mark[sig] != uint32(id)+1 {
				mark[sig] = uint32(id) + 1
				sigs = append(sigs, sig)
			}
		}
		slices.Sort(sigs)
		postings[id] = sigs
	}
	return flatten(postings), df, flatten(names)
}

// get returns list i.
func (f *flat[T]) get(i uint32) []T { return f.items[f.at[i]:f.at[i+1]:f.at[i+1]] }

// len returns the number of lists.
func (f *flat[T]) len() int { return len(f.at) - 1 }

// rareNames is the most names a word may be in and still tell a person
// apart in a name of two words: the names of one person on every list.
const rareNames = 12

// rareWord reports whether one of toks is in at most rareNames names.
func (ix *index) rareWord(toks []string) bool {
	for _, t := range toks {
		if id, ok := ix.lookup(t); ok && ix.df[id] <= rareNames {
			return true
		}
	}
	return false
}

// yearsAgree reports whether two lists of birth dates share a year, or
// either has none.
func yearsAgree(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if len(x) >= 4 && len(y) >= 4 && x[:4] == y[:4] {
				return true
			}
		}
	}
	return false
}

// packKeys stores the tokens' keys in ix.keys and ix.toks, and indexes the
// tokens by the hash of their text in ix.vocab.
func (ix *index) packKeys(keys []normalize.Key) {
	var b strings.Builder
	put := func(s string) span {
		from := uint32(b.Len())
		b.WriteString(s)
		return span{from, uint32(b.Len())}
	}
	ix.vocab = make(map[uint64]uint32, len(keys))
	for id, k := range keys {
		t := &ix.toks[id]
		t.text, t.skel, t.known, t.number = put(k.Text), put(k.Skel), k.Known, k.Number
		t.vari = t.text
		if k.Var != k.Text {
			t.vari = put(k.Var)
		}
		ix.vocab[maphashString(ix, k.Text)] = uint32(id)
	}
	ix.keys = b.String()
}

// key returns token id's normalize.Key.
func (ix *index) key(id uint32) normalize.Key {
	t := &ix.toks[id]
	return normalize.Key{
		Text: ix.keys[t.text.from:t.text.to], Skel: ix.keys[t.skel.from:t.skel.to], Var: ix.keys[t.vari.from:t.vari.to],
		Known: t.known, Number: t.number,
	}
}

// text returns token id's text.
func (ix *index) text(id uint32) string { return ix.keys[ix.toks[id].text.from:ix.toks[id].text.to] }

// lookup returns the token whose text is t. (Of two tokens whose hashes
// collide, one at 2⁻⁶⁴ odds, only the last is found.)
func (ix *index) lookup(t string) (uint32, bool) {
	id, ok := ix.vocab[maphashString(ix, t)]
	return id, ok && ix.text(id) == t
}

// lookupJoined is lookup(a + b), without making the joined string.
func (ix *index) lookupJoined(a, b string) (uint32, bool) {
	var h maphash.Hash // hashes a and b written one after the other as a + b
	h.SetSeed(ix.seed)
	h.WriteString(a)
	h.WriteString(b)
	id, ok := ix.vocab[h.Sum64()]
	if !ok {
		return 0, false
	}
	t := ix.text(id)
	return id, len(t) == len(a)+len(b) && t[:len(a)] == a && t[len(a):] == b
}

// hashedSpans returns m keyed by the hashes of its keys, its lists
// appended to all and given as spans of it.
func hashedSpans(ix *index, m map[string][]uint32, all []uint32) (map[uint64]span, []uint32) {
	out := make(map[uint64]span, len(m))
	for k, l := range m {
		from := uint32(len(all))
		all = append(all, l...)
		out[maphashString(ix, k)] = span{from, uint32(len(all))}
	}
	return out, slices.Clip(all)
}

// spanOf returns the list of key in a map made by hashedSpans.
func spanOf(ix *index, m map[uint64]span, all []uint32, key string) []uint32 {
	sp := m[maphashString(ix, key)]
	return all[sp.from:sp.to]
}

// nameTokens returns the tokens of name n.
func (ix *index) nameTokens(n *nameRec) []uint32 { return ix.nameToks[n.toks.from:n.toks.to] }

// nameJoined returns the joined form of name n.
func (ix *index) nameJoined(n *nameRec) string { return ix.joined[n.joined.from:n.joined.to] }
