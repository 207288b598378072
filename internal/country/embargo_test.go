package country_test

import (
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/country"
	"github.com/dualuse/dualuse/internal/datatest"
)

func TestLoadEmbargoes(t *testing.T) {
	t.Parallel()
	es, err := country.LoadEmbargoes(datatest.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(es.All()); n != 39 {
		t.Errorf("%d rows, want 39", n)
	}
	for _, tc := range []struct {
		code       string
		rows       int
		monitoring bool
		political  bool
	}{
		{"IR", 4, true, false},
		{"by", 1, true, false},
		{"CN", 1, false, true},
		{"US", 0, false, false},
	} {
		rows := es.For(tc.code)
		if len(rows) != tc.rows || es.ArmsEmbargoed(tc.code) != (tc.rows > 0) {
			t.Errorf("%s: %d rows, want %d", tc.code, len(rows), tc.rows)
			continue
		}
		mon, pol := false, false
		for _, r := range rows {
			mon = mon || r.MonitoringInterception == country.CoverageYes
			pol = pol || r.Political()
		}
		if mon != tc.monitoring || pol != tc.political {
			t.Errorf("%s: monitoring %v political %v", tc.code, mon, pol)
		}
	}
}

func TestParseEmbargoesCorrupt(t *testing.T) {
	t.Parallel()
	header := "iso2,country,body,regime,scope,covers_dual_use,covers_internal_repression_equipment,covers_monitoring_interception_equipment,legal_acts,first_imposed,verified,source\n"
	for _, tc := range []struct{ name, data, place string }{
		{"missing column", "iso2,country\n", "countries/embargoes/embargoes.csv:1: body"},
		{"bad body", header + "XX,X,NATO,r,s,yes,no,no,a,2000,yes,s\n", "countries/embargoes/embargoes.csv:2: body"},
		{"bad coverage", header + "XX,X,EU,r,s,maybe,no,no,a,2000,yes,s\n", "countries/embargoes/embargoes.csv:2: covers_dual_use"},
		{"bad code", header + "XXX,X,EU,r,s,yes,no,no,a,2000,yes,s\n", "countries/embargoes/embargoes.csv:2: iso2"},
		{"short row", header + "XX,X\n", "countries/embargoes/embargoes.csv:2"},
	} {
		_, err := country.ParseEmbargoes(strings.NewReader(tc.data))
		if _, field := apperr.Safe(err); !apperr.Is(err, apperr.Invalid) || field != tc.place {
			t.Errorf("%s: %v (field %q)", tc.name, err, field)
		}
	}
}

func FuzzParseEmbargoes(f *testing.F) {
	f.Add("iso2,country,body,regime,scope,covers_dual_use,covers_internal_repression_equipment,covers_monitoring_interception_equipment,legal_acts,first_imposed,verified,source\nBY,Belarus,EU,r,s,yes,yes,yes,a,2011,yes,s\n")
	f.Fuzz(func(t *testing.T, data string) {
		es, err := country.ParseEmbargoes(strings.NewReader(data))
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("kind %s: %v", apperr.KindOf(err), err)
			}
			return
		}
		for _, e := range es.All() {
			if len(es.For(e.Alpha2)) == 0 {
				t.Fatalf("row %q not found by country", e.Alpha2)
			}
		}
	})
}
