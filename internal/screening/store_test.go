package screening_test

import (
	"reflect"
	"testing"

	"github.com/dualuse/dualuse/internal/screening"
)

// TestEntityStore encodes every entity of every list as the index keeps
// them and checks that each decodes to what was loaded, every field (a
// field added to Entity but not to the store fails here).
func TestEntityStore(t *testing.T) {
	allEngine(t)
	var ents []*screening.Entity
	for _, l := range allLists {
		ents = append(ents, l.Entities...)
	}
	got, names, sized := screening.EncodeDecode(ents)
	if !sized {
		t.Error("the sizing pass did not measure the encoding exactly")
	}
	if len(got) != len(ents) {
		t.Fatalf("%d entities decoded, want %d", len(got), len(ents))
	}
	for i, e := range ents {
		want := *e
		// An empty list and no list are one to the store (and to JSON).
		for _, f := range []*[]string{&want.BirthDates, &want.Countries, &want.Addresses, &want.Programs, &want.Links} {
			if len(*f) == 0 {
				*f = nil
			}
		}
		if len(want.Names) == 0 {
			want.Names = nil
		}
		if len(want.Identifiers) == 0 {
			want.Identifiers = nil
		}
		for ni, n := range want.Names {
			if names[i][ni] != n.Value {
				t.Fatalf("entity %d (%s %s) name %d is %q in the store, want %q", i, e.Source, e.SourceID, ni, names[i][ni], n.Value)
			}
		}
		if !reflect.DeepEqual(got[i], &want) {
			t.Fatalf("entity %d (%s %s) decodes to\n%+v\nwant\n%+v", i, e.Source, e.SourceID, got[i], &want)
		}
	}
	// Every field of Entity is compared above; this fails when one is added,
	// so that the store learns it too.
	if n := reflect.TypeFor[screening.Entity]().NumField(); n != 14 {
		t.Errorf("Entity has %d fields; the entity store encodes 14", n)
	}
}
