package screening

import (
	"github.com/dualuse/dualuse/internal/apperr"
)

// DefaultMaxDrop is the share of entities a new list version may lose against
// the previous version before CheckShrink rejects it.
const DefaultMaxDrop = 0.2

// CheckShrink rejects a new version of a list whose entity count dropped by
// more than maxDrop (a share, e.g. 0.2 for 20 %) against the previous
// version. A rejected version must not be put in service: the caller keeps the
// previous one and raises an alert. prev may be nil for a first load; a first
// load or a new version of an empty list is always accepted, except an empty
// new version of a non-empty list.
func CheckShrink(prev, next *List, maxDrop float64) error {
	if prev == nil || next == nil || prev.Version.Entities == 0 {
		return nil
	}
	before, after := prev.Version.Entities, next.Version.Entities
	if float64(after) >= float64(before)*(1-maxDrop) && after > 0 {
		return nil
	}
	return apperr.Field(apperr.Unprocessable, next.Version.Source,
		"new list version %s has %d entities, %d fewer than %s (%d): more than %.0f%% dropped; the previous version stays in service",
		next.Version.ID(), after, before-after, prev.Version.ID(), before, maxDrop*100)
}
