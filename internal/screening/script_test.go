package screening_test

import "github.com/dualuse/dualuse/internal/screening/normalize"

func scriptOf(s string) string { return normalize.Script(s) }
