package controllist_test

import (
	"sync"
	"testing"

	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/datatest"
)

var (
	euOnce sync.Once
	euList *controllist.List
	euErr  error
)

// loadEU loads the EU Annex I once per test binary.
func loadEU(tb testing.TB) *controllist.List {
	tb.Helper()
	path := datatest.Path(tb, "controllist", "eu_annex_i_2025-11", "annex_i_en_2025-11.json")
	euOnce.Do(func() { euList, euErr = controllist.LoadAnnexI(path) })
	if euErr != nil {
		tb.Fatal(euErr)
	}
	return euList
}

func annexIPath(tb testing.TB) string {
	tb.Helper()
	return datatest.Path(tb, "controllist", "eu_annex_i_2025-11", "annex_i_en_2025-11.json")
}

// topLevel counts a list's five-character entries.
func topLevel(l *controllist.List) int {
	n := 0
	for _, e := range l.Entries {
		if e.Level == 0 {
			n++
		}
	}
	return n
}
