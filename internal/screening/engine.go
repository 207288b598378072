// Package screening is dualuse's restricted-party screening engine: one
// entity model for every sanctions and export-control list, an in-memory
// index that is rebuilt beside the old one and swapped atomically, and a
// name matcher whose single score in [0, 1] means the same for a bare name
// and a name with birth date, country or identifier qualifiers.
//
// Loaders for the list formats live in package source; name normalisation
// and transliteration in package normalize.
package screening

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// DefaultThreshold is the recommended score at and above which a hit is
// reported. It is the lowest threshold that keeps the false-positive rate on
// yente's synthetic negatives under 0.5 % while the UN positives keep a
// recall of at least 0.98 (see accuracy_test.go; at 0.75 the global negatives
// reach 0.60 %; at 0.78 the treated UN positives drop to 0.978).
const DefaultThreshold = 0.76

// DefaultLimit is the number of hits returned per query unless asked otherwise.
const DefaultLimit = 5

// Query is one party to screen.
type Query struct {
	ID          string       `json:"id,omitempty"`
	Name        string       `json:"name"`
	Kind        Kind         `json:"type,omitempty"`       // Unknown matches every kind
	Countries   []string     `json:"countries,omitempty"`  // ISO alpha-2/alpha-3 codes or English names
	BirthDate   string       `json:"birth_date,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Threshold   float64      `json:"threshold,omitempty"` // 0 means DefaultThreshold
	Limit       int          `json:"limit,omitempty"`     // 0 means DefaultLimit
	// Exhaustive scores every name on every list instead of the candidates
	// the index proposes: slow, for audits and for measuring candidate recall.
	Exhaustive bool `json:"exhaustive,omitempty"`
}

// Validate checks a query before screening.
func (q *Query) Validate() error {
	return q.check(func() bool { return len(normalize.Tokens(q.Name, false)) == 0 })
}

// check is Validate with the test whether the name has no tokens given.
func (q *Query) check(noTokens func() bool) error {
	if q.Name == "" && len(q.Identifiers) == 0 {
		return apperr.Field(apperr.Invalid, "name", "a name or an identifier is required")
	}
	if len(q.Name) > 1000 {
		return apperr.Field(apperr.Invalid, "name", "name longer than 1000 bytes")
	}
	if q.Name != "" && len(q.Identifiers) == 0 && noTokens() {
		return apperr.Field(apperr.Invalid, "name", "%q has no letters or digits to match", q.Name)
	}
	k, err := ParseKind(string(q.Kind))
	if err != nil {
		return apperr.Field(apperr.Invalid, "type", "%v", err)
	}
	q.Kind = k
	if q.BirthDate != "" {
		if _, ok := parseDate(q.BirthDate); !ok {
			return apperr.Field(apperr.Invalid, "birth_date", "birth date %q is not YYYY, YYYY-MM or YYYY-MM-DD", q.BirthDate)
		}
	}
	if q.Threshold < 0 || q.Threshold > 1 {
		return apperr.Field(apperr.Invalid, "threshold", "threshold %v is outside [0, 1]", q.Threshold)
	}
	if q.Limit < 0 {
		return apperr.Field(apperr.Invalid, "limit", "limit %d is negative", q.Limit)
	}
	return nil
}

// SourceRef is one listing of a party: which list, which record, which version.
type SourceRef struct {
	Source      string  `json:"source"`
	SourceID    string  `json:"source_id"`
	SubList     string  `json:"sub_list,omitempty"`
	Name        string  `json:"name"`
	ListVersion string  `json:"list_version"`
	Score       float64 `json:"score"`
}

// Label names the listing in a table: "us_csl:17018 (SSI)", with the
// sub-list's short name where the list has sub-lists.
func (r SourceRef) Label() string { return r.Source + ":" + r.SourceID + subListNote(r.SubList) }

// List names the listing's list in a table: "us_csl (EL)".
func (r SourceRef) List() string { return r.Source + subListNote(r.SubList) }

// subListNote is " (EL)" for the Entity List, "" without a sub-list.
func subListNote(sub string) string {
	if sub == "" {
		return ""
	}
	return " (" + subListCode(sub) + ")"
}

// subListCode is the short name of a sub-list, the first part in
// parentheses ("Entity List (EL) - Bureau of Industry and Security" is
// "EL"), or the whole name where it has none.
func subListCode(sub string) string {
	if _, rest, ok := strings.Cut(sub, "("); ok {
		if code, _, ok := strings.Cut(rest, ")"); ok && code != "" {
			return code
		}
	}
	return sub
}

// Hit is one party that matched a query. A party listed on several lists is
// one hit; Sources names every listing, best first, and Source/SourceID the
// best one.
type Hit struct {
	Source      string      `json:"source"`
	SourceID    string      `json:"source_id"`
	Name        string      `json:"name"`
	Kind        Kind        `json:"kind"`
	Score       float64     `json:"score"`
	Explanation Explanation `json:"explanation"`
	Sources     []SourceRef `json:"sources"`
	// Entity is the best listing, decoded for this hit: its strings are
	// slices of the index's encoded entities (see entityStore), which a
	// kept hit keeps in memory.
	Entity *Entity `json:"-"`
}

// Explanation tells why a hit scored as it did.
type Explanation struct {
	QueryName   string       `json:"query_name"`
	ListName    string       `json:"list_name"`
	NameType    NameType     `json:"name_type"`
	Tokens      []TokenMatch `json:"tokens,omitempty"`
	Features    []Feature    `json:"features"`
	ListVersion string       `json:"list_version"`
}

// TokenMatch is one aligned pair of name words.
type TokenMatch struct {
	Query      string  `json:"query"`
	List       string  `json:"list"`
	Similarity float64 `json:"similarity"`
}

// Feature is one piece of evidence and what it added to (or took from) the score.
type Feature struct {
	Name         string  `json:"name"`
	Contribution float64 `json:"contribution"`
	Detail       string  `json:"detail,omitempty"`
}

// Engine screens parties against the lists it was last given. It is safe
// for concurrent use; Replace swaps in a new index without blocking queries.
type Engine struct {
	ix atomic.Pointer[index]
	// slots holds one scratch (or nil, until first needed) per core (see
	// Cores): a query takes one for as long as it runs, so that no more
	// queries run at once than there are cores and the others wait their
	// turn in order of arrival, and the scratches (and the words they
	// remember) are kept from one query to the next.
	slots chan *scratch
}

// cores is GOMAXPROCS as the process started, before a server raises it.
var cores = runtime.GOMAXPROCS(0)

// Cores is how many queries an engine screens at once: GOMAXPROCS as the
// process started. A server may run with more Ps than that (see
// app.App.Run), so that one is free to read requests while every core
// screens.
func Cores() int { return cores }

// New returns an engine over the given lists (possibly none).
func New(lists ...*List) *Engine {
	e := &Engine{slots: make(chan *scratch, cores)}
	for range cap(e.slots) {
		e.slots <- nil
	}
	e.ix.Store(buildIndex(lists))
	return e
}

// Replace builds a new index over lists beside the one in service and then
// swaps it in atomically: a query runs wholly on the old or wholly on the new
// index, never on a half-built one.
func (e *Engine) Replace(lists ...*List) {
	ix := buildIndex(lists)
	e.ix.Store(ix)
	// Drop the scratches of the old index, so that it can be freed now
	// rather than when every slot has served a query.
	for range cap(e.slots) {
		if s := <-e.slots; s != nil && s.ix == ix {
			e.slots <- s
		} else {
			e.slots <- nil
		}
	}
}

// Lists returns the list versions in service.
func (e *Engine) Lists() []ListVersion {
	ix := e.ix.Load()
	return slices.Clone(ix.versions)
}

// ListsJSON returns Lists() as encoding/json.Marshal encodes it, computed
// once per index; ok is false when the versions cannot be encoded.
func (e *Engine) ListsJSON() (_ []byte, ok bool) {
	ix := e.ix.Load()
	ix.listsOnce.Do(func() {
		if b, err := json.Marshal(ix.versions); err == nil {
			ix.listsJSON = b
		}
	})
	return ix.listsJSON, ix.listsJSON != nil
}

// Listing returns the records of the party that list source holds as
// record id: that record first (several where a list repeats it, as the
// CSL does for each of its sub-lists), then the party's records on the
// other lists, as screening joins them into one hit. It returns nil when
// the lists in service have no such record.
func (e *Engine) Listing(source, id string) []*Entity {
	ix := e.ix.Load()
	ix.refsOnce.Do(func() {
		m := make(map[string][]uint32, ix.store.len())
		var ent Entity
		for i := range uint32(ix.store.len()) {
			ix.store.decode(i, &ent)
			k := ent.Source + "\x00" + ent.SourceID
			m[k] = append(m[k], i)
		}
		ix.refs, ix.refEnts = hashedSpans(ix, m, nil)
	})
	var out []*Entity
	var asked []uint32
	for _, ei := range spanOf(ix, ix.refs, ix.refEnts, source+"\x00"+id) {
		if en := ix.store.entity(ei); en.Source == source && en.SourceID == id {
			out = append(out, en)
			asked = append(asked, ei)
		}
	}
	if len(asked) == 0 {
		return nil
	}
	// The repeats of a record are one cluster (see buildClusters).
	n := len(out)
	for _, m := range ix.members.get(ix.cluster[asked[0]]) {
		if !slices.Contains(asked, m) {
			out = append(out, ix.store.entity(m))
		}
	}
	slices.SortStableFunc(out[n:], func(a, b *Entity) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.SubList, b.SubList))
	})
	return out
}

// Size returns the number of entities in service.
func (e *Engine) Size() int { return e.ix.Load().store.len() }

// Screen screens one party.
func (e *Engine) Screen(ctx context.Context, q Query) ([]Hit, error) {
	ix := e.ix.Load()
	qt, qj, err := ix.validate(&q)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, err := e.acquire(ctx, ix)
	if err != nil {
		return nil, err
	}
	defer e.release(s)
	return ix.screen(s, &q, qt, qj), nil
}

// BatchResult is the outcome of one query of a batch.
type BatchResult struct {
	Hits []Hit
	Err  error
}

// ScreenBatch screens many parties on every core. Results are in query
// order; an invalid query gets its error and the others are still screened.
func (e *Engine) ScreenBatch(ctx context.Context, qs []Query) ([]BatchResult, error) {
	out := make([]BatchResult, len(qs))
	ix := e.ix.Load()
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(batchChunk)) - batchChunk
			if i >= len(qs) || ctx.Err() != nil {
				return
			}
			s, err := e.acquire(ctx, ix)
			if err != nil {
				return
			}
			for j := i; j < min(i+batchChunk, len(qs)); j++ {
				qt, qj, err := ix.validate(&qs[j])
				if err != nil {
					out[j].Err = err
					continue
				}
				out[j].Hits = ix.screen(s, &qs[j], qt, qj)
			}
			e.release(s)
		}
	}
	if workers := min(cap(e.slots), max(1, len(qs)/8)); workers == 1 {
		work() // a small batch (a single party) on the caller's goroutine
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(work)
		}
		wg.Wait()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("screening batch: %w", err)
	}
	return out, nil
}

// batchChunk is how many queries of a batch a worker screens per turn: it
// then gives its slot to the next query waiting, if any, so that single
// parties are not held up behind a long batch.
const batchChunk = 16

// acquire waits for a slot and returns its scratch for index ix.
func (e *Engine) acquire(ctx context.Context, ix *index) (*scratch, error) {
	var s *scratch
	select {
	case s = <-e.slots:
	default: // all in use: wait (ctx.Done makes a channel, so only now)
		select {
		case s = <-e.slots:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if s == nil || s.ix != ix {
		s = newScratch(ix)
	}
	return s, nil
}

func (e *Engine) release(s *scratch) { e.slots <- s }

// validate is q.Validate. The analysis of the name that the check needs is
// the one screen needs, and is returned for it (nil when not made).
func (ix *index) validate(q *Query) ([]qtoken, string, error) {
	var qt []qtoken
	var qj string
	err := q.check(func() bool {
		k, err := ParseKind(string(q.Kind))
		if err != nil {
			return len(normalize.Tokens(q.Name, false)) == 0
		}
		qt, qj = ix.analyseName(q.Name, k == Person)
		if len(qt) > 0 || k != Person {
			return len(qt) == 0
		}
		// A person's name of titles or particles only ("Mr") analyses to
		// nothing but is a name: it is screened, and finds nothing.
		return len(normalize.Tokens(q.Name, false)) == 0
	})
	return qt, qj, err
}
