package controllist

import (
	"sync/atomic"

	"github.com/dualuse/dualuse/internal/auth"
)

// Service serves the control list to callers: search, entries and the browse
// tree, each behind the permission check. A new list version is built into a
// new Index beside the old one and swapped in whole with Swap, so no caller
// ever sees a half-built index.
type Service struct {
	ix atomic.Pointer[Index]
}

// NewService serves the given index.
func NewService(ix *Index) *Service {
	s := &Service{}
	s.ix.Store(ix)
	return s
}

// Swap replaces the served index.
func (s *Service) Swap(ix *Index) { s.ix.Store(ix) }

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
