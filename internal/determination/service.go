package determination

import "github.com/dualuse/dualuse/internal/auth"

// DetermineFor answers a caller's question, after checking that the caller
// may ask it (exporters, authority staff, the Commission and admins).
func (d *Determiner) DetermineFor(p auth.Principal, req Request) (Result, error) {
	if err := auth.Authorize(p, auth.Determine, auth.Resource{OrgID: p.OrgID, State: p.State}); err != nil {
		return Result{}, err
	}
	return d.Determine(req)
}
