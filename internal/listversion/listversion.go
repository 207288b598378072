// Package listversion keeps every version of every sanctions list that was
// loaded: a new version goes into service only when it passes the shrink
// guard (a sharp drop in entities holds it back, with the reason, and the
// last good version stays active). Versions can be compared entity by
// entity, and after a change every stored party is screened again so that
// new hits are raised.
package listversion

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/screening"
)

// Status of a stored version.
const (
	Active     = "active"     // in service
	Held       = "held"       // refused by the shrink guard; the previous version serves
	Superseded = "superseded" // replaced by a newer active version
)

// Version is one stored version of one list.
type Version struct {
	ID        int64     `json:"id"`
	Source    string    `json:"source"`
	Hash      string    `json:"hash"`
	Published time.Time `json:"published,omitempty"`
	Entities  int       `json:"entities"`
	Issues    int       `json:"issues"`
	Files     []string  `json:"files"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason,omitempty"`
	LoadedAt  time.Time `json:"loaded_at"`
}

// Label is a short printable name of the version.
func (v Version) Label() string {
	return screening.ListVersion{Source: v.Source, Hash: v.Hash, Date: v.Published}.ID()
}

// Stored is one entity as kept with its version.
type Stored struct {
	SourceID string
	Name     string
	Digest   string // SHA-256 of the entity's JSON: equal digests, equal entity
	Entity   *screening.Entity
}

// Hit is a screening hit raised against a stored party.
type Hit struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"org_id"`
	Party      string    `json:"party"`
	Source     string    `json:"source"`
	SourceID   string    `json:"source_id"`
	ListedName string    `json:"listed_name"`
	Score      float64   `json:"score"`
	Version    string    `json:"list_version"`
	Status     string    `json:"status"`
	RaisedAt   time.Time `json:"raised_at"`
}

// Party is something stored that is screened again when lists change.
type Party struct {
	OrgID   int64 // organisation the party belongs to (whose staff sees the hit)
	Name    string
	Kind    screening.Kind
	Country string
}

// Exporters are the parties of the exporters themselves: every exporter is
// screened, as a party of each of its exports.
func Exporters(orgs []account.Organisation) []Party {
	var ps []Party
	for _, o := range orgs {
		if o.Kind == account.KindExporter {
			ps = append(ps, Party{OrgID: o.ID, Name: o.Name, Kind: screening.Organisation, Country: o.Country})
		}
	}
	return ps
}

// Store keeps versions, their entities and hits.
type Store interface {
	// AddVersion stores a version with its entities. When v.Status is
	// Active, the source's previous active version becomes Superseded in
	// the same transaction.
	AddVersion(ctx context.Context, v *Version, entities []Stored, ev audit.Event) error
	Versions(ctx context.Context, source string) ([]Version, error)
	Version(ctx context.Context, id int64) (Version, error)
	Entities(ctx context.Context, versionID int64) ([]Stored, error)
	// AddHits stores the hits not stored before (same party, source and
	// entity) and returns those it added.
	AddHits(ctx context.Context, hits []Hit, ev audit.Event) ([]Hit, error)
	Hits(ctx context.Context, orgIDs []int64) ([]Hit, error)
}

// Service records list versions and raises hits.
type Service struct {
	Store Store
	// MaxDrop is the largest share of entities a new version may lose
	// against the active one before it is held back (0 means
	// screening.DefaultMaxDrop).
	MaxDrop float64
	Now     func() time.Time
}

// Outcome says what Record did with one list.
type Outcome struct {
	Source   string `json:"source"`
	Version  string `json:"version"`
	Result   string `json:"result"` // "new", "unchanged", "active", "held"
	Reason   string `json:"reason,omitempty"`
	Entities int    `json:"entities"`
}

// Record stores the loaded lists as new versions: a list whose content is
// the active version's is left alone; a list that lost too many entities is
// held back; the others become active. It needs the admin (or system) role.
func (s *Service) Record(ctx context.Context, actor auth.Principal, lists []*screening.List) ([]Outcome, error) {
	if err := auth.Authorize(actor, auth.ManageLists, auth.Resource{}); err != nil {
		return nil, err
	}
	var out []Outcome
	for _, l := range lists {
		o, err := s.record(ctx, actor, l)
		if err != nil {
			return out, fmt.Errorf("recording %s: %w", l.Version.Source, err)
		}
		out = append(out, o)
	}
	return out, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) record(ctx context.Context, actor auth.Principal, l *screening.List) (Outcome, error) {
	o := Outcome{Source: l.Version.Source, Version: l.Version.ID(), Entities: len(l.Entities)}
	prev, err := s.active(ctx, l.Version.Source)
	if err != nil {
		return o, err
	}
	v := &Version{Source: l.Version.Source, Hash: l.Version.Hash, Published: l.Version.Date, Entities: len(l.Entities),
		Issues: len(l.Issues), Files: l.Files, Status: Active, LoadedAt: s.now().UTC()}
	switch {
	case prev == nil:
		o.Result = "new"
	case prev.Hash == l.Version.Hash:
		o.Result = "unchanged"
		return o, nil
	default:
		o.Result = Active
		old := &screening.List{Version: screening.ListVersion{Source: prev.Source, Hash: prev.Hash, Date: prev.Published, Entities: prev.Entities}}
		maxDrop := s.MaxDrop
		if maxDrop == 0 {
			maxDrop = screening.DefaultMaxDrop
		}
		if err := screening.CheckShrink(old, l, maxDrop); err != nil {
			msg, _ := apperr.Safe(err)
			v.Status, v.Reason, o.Result, o.Reason = Held, msg, Held, msg
		}
	}
	stored, err := storedEntities(l.Entities)
	if err != nil {
		return o, err
	}
	summary := fmt.Sprintf("list %s version %s loaded: %d entities, %s", v.Source, o.Version, v.Entities, v.Status)
	if v.Reason != "" {
		summary += " (" + v.Reason + ")"
	}
	return o, s.Store.AddVersion(ctx, v, stored, actor.Event(ctx, 0, "list.version", "list", v.Source, summary))
}

// active returns the source's version in service, or nil.
func (s *Service) active(ctx context.Context, source string) (*Version, error) {
	vs, err := s.Store.Versions(ctx, source)
	if err != nil {
		return nil, err
	}
	for i := range vs {
		if vs[i].Status == Active {
			return &vs[i], nil
		}
	}
	return nil, nil
}

// entityJSON is an entity as stored, with the links the engine uses to merge
// listings of one party across lists.
type entityJSON struct {
	*screening.Entity
	Links []string `json:"links,omitempty"`
}

func storedEntities(es []*screening.Entity) ([]Stored, error) {
	out := make([]Stored, 0, len(es))
	seen := map[string]bool{}
	for _, e := range es {
		// The digest leaves out the version label, which every version changes.
		c := *e
		c.Version = ""
		b, err := json.Marshal(entityJSON{&c, e.Links})
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		id := e.SourceID
		if seen[id] {
			// Keep every record even if a publisher repeats an id.
			id = fmt.Sprintf("%s#%s", e.SourceID, hex.EncodeToString(sum[:4]))
		}
		seen[id] = true
		out = append(out, Stored{SourceID: id, Name: e.PrimaryName(), Digest: hex.EncodeToString(sum[:]), Entity: e})
	}
	return out, nil
}

// DecodeEntity reads an entity stored by AddVersion.
func DecodeEntity(body []byte) (*screening.Entity, error) {
	ej := entityJSON{Entity: &screening.Entity{}}
	if err := json.Unmarshal(body, &ej); err != nil {
		return nil, err
	}
	ej.Entity.Links = ej.Links
	return ej.Entity, nil
}

// EncodeEntity is the stored form of an entity.
func EncodeEntity(e *screening.Entity) ([]byte, error) { return json.Marshal(entityJSON{e, e.Links}) }

// ActiveLists rebuilds the lists in service from the store, for the engine.
func (s *Service) ActiveLists(ctx context.Context, sources []string) ([]*screening.List, error) {
	var out []*screening.List
	for _, src := range sources {
		v, err := s.active(ctx, src)
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue
		}
		es, err := s.Store.Entities(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		l := &screening.List{Version: screening.ListVersion{Source: v.Source, Hash: v.Hash, Date: v.Published, Entities: v.Entities}, Files: v.Files}
		for _, e := range es {
			l.Entities = append(l.Entities, e.Entity)
		}
		out = append(out, l)
	}
	return out, nil
}

// Change is one entity that differs between two versions.
type Change struct {
	SourceID string `json:"source_id"`
	Name     string `json:"name"`
	OldName  string `json:"old_name,omitempty"`
}

// Diff is what changed from one version to another.
type Diff struct {
	From    Version  `json:"from"`
	To      Version  `json:"to"`
	Added   []Change `json:"added"`
	Removed []Change `json:"removed"`
	Changed []Change `json:"changed"`
}

// Compare returns the entities added, removed and changed between two
// versions of one list.
func (s *Service) Compare(ctx context.Context, actor auth.Principal, fromID, toID int64) (Diff, error) {
	if err := screening.MayScreen(actor); err != nil {
		return Diff{}, err
	}
	d := Diff{Added: []Change{}, Removed: []Change{}, Changed: []Change{}}
	var err error
	if d.From, err = s.Store.Version(ctx, fromID); err != nil {
		return d, err
	}
	if d.To, err = s.Store.Version(ctx, toID); err != nil {
		return d, err
	}
	if d.From.Source != d.To.Source {
		return d, apperr.New(apperr.Invalid, "versions %d and %d are of different lists (%s, %s)", fromID, toID, d.From.Source, d.To.Source)
	}
	old, err := s.Store.Entities(ctx, fromID)
	if err != nil {
		return d, err
	}
	cur, err := s.Store.Entities(ctx, toID)
	if err != nil {
		return d, err
	}
	before := map[string]Stored{}
	for _, e := range old {
		before[e.SourceID] = e
	}
	for _, e := range cur {
		o, ok := before[e.SourceID]
		switch {
		case !ok:
			d.Added = append(d.Added, Change{SourceID: e.SourceID, Name: e.Name})
		case o.Digest != e.Digest:
			c := Change{SourceID: e.SourceID, Name: e.Name}
			if o.Name != e.Name {
				c.OldName = o.Name
			}
			d.Changed = append(d.Changed, c)
		}
		delete(before, e.SourceID)
	}
	for _, o := range before {
		d.Removed = append(d.Removed, Change{SourceID: o.SourceID, Name: o.Name})
	}
	for _, cs := range [][]Change{d.Added, d.Removed, d.Changed} {
		slices.SortFunc(cs, func(a, b Change) int { return cmp.Compare(a.SourceID, b.SourceID) })
	}
	return d, nil
}

// Versions lists a source's stored versions, newest first.
func (s *Service) Versions(ctx context.Context, actor auth.Principal, source string) ([]Version, error) {
	if err := screening.MayScreen(actor); err != nil {
		return nil, err
	}
	return s.Store.Versions(ctx, source)
}

// Rescreen screens every party against the engine and stores the hits not
// raised before; it returns the new ones.
func (s *Service) Rescreen(ctx context.Context, actor auth.Principal, eng *screening.Engine, parties []Party) ([]Hit, error) {
	if err := auth.Authorize(actor, auth.ManageLists, auth.Resource{}); err != nil {
		return nil, err
	}
	qs := make([]screening.Query, len(parties))
	for i, p := range parties {
		qs[i] = screening.Query{Name: p.Name, Kind: p.Kind}
		if p.Country != "" {
			qs[i].Countries = []string{p.Country}
		}
	}
	res, err := eng.ScreenBatch(ctx, qs)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	var hits []Hit
	for i, r := range res {
		for _, h := range r.Hits {
			hits = append(hits, Hit{OrgID: parties[i].OrgID, Party: parties[i].Name, Source: h.Source, SourceID: h.SourceID,
				ListedName: h.Name, Score: h.Score, Version: h.Explanation.ListVersion, Status: "open", RaisedAt: now})
		}
	}
	if len(hits) == 0 {
		return nil, nil
	}
	return s.Store.AddHits(ctx, hits, actor.Event(ctx, 0, "screening.rescreen", "screening", "parties",
		fmt.Sprintf("%d parties screened again after a list change", len(parties))))
}

// Hits lists the hits the caller may see: an exporter its own
// organisation's, authority staff those of the exporters of its state.
func (s *Service) Hits(ctx context.Context, actor auth.Principal, orgs []account.Organisation) ([]Hit, error) {
	if err := auth.Authorize(actor, auth.ReadHits, auth.Resource{OrgID: actor.OrgID, State: actor.State}); err != nil {
		return nil, err
	}
	scope := auth.ScopeOf(actor, auth.ReadHits)
	var ids []int64
	for _, o := range orgs {
		if auth.Covers(actor, scope, o.Resource()) {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	return s.Store.Hits(ctx, ids)
}

// ActiveAll rebuilds every list in service from the store.
func (s *Service) ActiveAll(ctx context.Context) ([]*screening.List, error) {
	vs, err := s.Store.Versions(ctx, "")
	if err != nil {
		return nil, err
	}
	var sources []string
	for _, v := range vs {
		if v.Status == Active {
			sources = append(sources, v.Source)
		}
	}
	return s.ActiveLists(ctx, sources)
}
