// Package datatest finds the shared reference data (../shared/data beside the
// repository, or $DUALUSE_DATA) for tests and benchmarks.
package datatest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the reference data folder. Without it the test is skipped, or
// fails under CI=true, where the data must be present.
func Dir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("DUALUSE_DATA"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "data")
			if _, err := os.Stat(d); err == nil {
				return d
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("reference data not found: set DUALUSE_DATA or put shared/data beside the repository")
	}
	tb.Skip("reference data not found (../shared/data); set DUALUSE_DATA")
	return ""
}

// Path returns a file below the reference data folder.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	return filepath.Join(append([]string{Dir(tb)}, elem...)...)
}
