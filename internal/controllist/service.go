package controllist

import (
	"sync/atomic"

	"github.com/dualuse/dualuse/internal/auth"
)

// Service serves the control list to callers: search, entries and the browse
// tree, each behind the permission check.
type Service struct {
	ix      atomic.Pointer[Index]
	changes atomic.Pointer[changeSet]
}

// changeSet is what changed in the list in service against the version
// before it.
type changeSet struct {
	previous string
	byCode   map[string]Change
}

// SetPrevious records the version before the one in service, so that entry
// pages can say what changed in this version.
func (s *Service) SetPrevious(old *List) {
	d := Diff(old, s.List())
	cs := &changeSet{previous: old.Version.ID, byCode: map[string]Change{}}
	for _, set := range [][]Change{d.Added, d.Changed} {
		for _, c := range set {
			cs.byCode[c.Code] = c
		}
	}
	s.changes.Store(cs)
}

// NewService serves the given index.
func NewService(ix *Index) *Service {
	s := &Service{}
	s.ix.Store(ix)
	return s
}

// List returns the list in service.
func (s *Service) List() *List { return s.ix.Load().List() }

// Search ranks entries for a product description or goes to a code.
func (s *Service) Search(p auth.Principal, q Query) (Response, error) {
	if err := auth.Authorize(p, auth.ReadControlLst, auth.Resource{}); err != nil {
		return Response{}, err
	}
	return s.ix.Load().Search(q)
}

// EntryView is an entry with where it sits in the list.
type EntryView struct {
	Entry       *Entry   `json:"entry"`
	Parents     []*Entry `json:"parents"`
	Children    []*Entry `json:"children"`
	ListVersion string   `json:"list_version"`
	// Repairs are the loader's repairs that touched this entry.
	Repairs []Repair `json:"repairs,omitempty"`
	// PreviousVersion is the version this one is compared with, if one is
	// loaded; Change is what changed in the entry since then (nil: nothing).
	PreviousVersion string  `json:"previous_version,omitempty"`
	Change          *Change `json:"change,omitempty"`
}

// Entry returns one entry with its parents and children.
func (s *Service) Entry(p auth.Principal, code string) (EntryView, error) {
	if err := auth.Authorize(p, auth.ReadControlLst, auth.Resource{}); err != nil {
		return EntryView{}, err
	}
	l := s.List()
	e, err := l.Entry(code)
	if err != nil {
		return EntryView{}, err
	}
	v := EntryView{Entry: e, ListVersion: l.Version.ID}
	if v.Parents, err = l.Parents(e.Code); err != nil {
		return EntryView{}, err
	}
	if v.Children, err = l.Children(e.Code); err != nil {
		return EntryView{}, err
	}
	if cs := s.changes.Load(); cs != nil {
		v.PreviousVersion = cs.previous
		if c, ok := cs.byCode[e.Code]; ok {
			v.Change = &c
		}
	}
	for _, r := range l.Repairs {
		if r.Code == e.Code || Covers(r.Code, e.Code) {
			v.Repairs = append(v.Repairs, r)
		}
	}
	return v, nil
}

// Tree returns the browse tree of the list in service.
func (s *Service) Tree(p auth.Principal) ([]*Category, error) {
	if err := auth.Authorize(p, auth.ReadControlLst, auth.Resource{}); err != nil {
		return nil, err
	}
	return s.List().Tree(), nil
}
