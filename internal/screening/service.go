package screening

import (
	"context"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
)

// MaxBatch is the most parties one request may screen.
const MaxBatch = 1000

// Service screens parties for callers, behind the permission check.
type Service struct {
	Engine *Engine
}

// Screen screens a batch of parties (at most max; 0 means MaxBatch) for the
// caller.
func (s *Service) Screen(ctx context.Context, p auth.Principal, qs []Query, max int) ([]BatchResult, error) {
	if err := MayScreen(p); err != nil {
		return nil, err
	}
	if max == 0 {
		max = MaxBatch
	}
	switch {
	case len(qs) == 0:
		return nil, apperr.Field(apperr.Invalid, "parties", "give at least one party")
	case len(qs) > max:
		return nil, apperr.Field(apperr.Invalid, "parties", "at most %d parties per request, not %d", max, len(qs))
	}
	return s.Engine.ScreenBatch(ctx, qs)
}

// Lists returns the list versions in service, for anyone signed in.
func (s *Service) Lists(p auth.Principal) ([]ListVersion, error) {
	if err := MayScreen(p); err != nil {
		return nil, err
	}
	return s.Engine.Lists(), nil
}

// Listing returns the records of the party that list source holds as
// record id (see Engine.Listing), for anyone who may screen.
func (s *Service) Listing(p auth.Principal, source, id string) ([]*Entity, error) {
	if err := MayScreen(p); err != nil {
		return nil, err
	}
	switch {
	case source == "":
		return nil, apperr.Field(apperr.Invalid, "source", "give the list, such as source=un_sc")
	case id == "":
		return nil, apperr.Field(apperr.Invalid, "id", "give the record's id on that list, such as id=6908511")
	}
	ents := s.Engine.Listing(source, id)
	if len(ents) == 0 {
		return nil, apperr.New(apperr.NotFound, "no record %s on list %s in service", id, source)
	}
	return ents, nil
}

// MayScreen checks that p may screen parties and read the lists (every
// signed-in role may).
func MayScreen(p auth.Principal) error {
	return auth.Authorize(p, auth.Screen, auth.Resource{OrgID: p.OrgID, State: p.State})
}
