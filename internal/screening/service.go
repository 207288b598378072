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
	if err := auth.Authorize(p, auth.Screen, auth.Resource{OrgID: p.OrgID, State: p.State}); err != nil {
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
	if err := auth.Authorize(p, auth.Screen, auth.Resource{OrgID: p.OrgID, State: p.State}); err != nil {
		return nil, err
	}
	return s.Engine.Lists(), nil
}
