package determination_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/determination"
)

var (
	once sync.Once
	det  *determination.Determiner
	derr error
)

func load(t *testing.T) *determination.Determiner {
	t.Helper()
	dir := datatest.Dir(t)
	once.Do(func() { det, derr = determination.Load(dir) })
	if derr != nil {
		t.Fatal(derr)
	}
	return det
}

// usable returns the ids of the usable general authorisations.
func usable(r determination.Result) string {
	var ids []string
	for _, g := range r.GeneralAuthorisations {
		if g.Usable {
			ids = append(ids, g.ID)
		}
	}
	return strings.Join(ids, ",")
}

func bases(r determination.Result) string {
	var b []string
	for _, g := range r.Grounds {
		b = append(b, g.Basis)
	}
	return strings.Join(b, " | ")
}

func TestDetermine(t *testing.T) {
	t.Parallel()
	d := load(t)
	for _, tc := range []struct {
		name         string
		req          determination.Request
		licence      bool
		notification bool
		usable       string // ids of usable general authorisations
		basis        string // a legal basis that must be cited
		held         bool
		embargo      bool
		check        string // a substring of a check, if one must be asked
	}{
		// Rule 1: listed item, no general authorisation.
		{name: "listed to third country", req: determination.Request{Item: "5A001.j", Destination: "CN", EndUserType: "commercial"},
			licence: true, basis: "Art. 3(1)", embargo: true, check: "political commitment"},
		// Rule 1: EU001 covers item and destination.
		{name: "EU001 destination", req: determination.Request{Item: "5A001.j", Destination: "US", EndUserType: "commercial"},
			usable: "EU001", basis: "Annex II"},
		// Situation-bound authorisations: assessed for their operation only.
		{name: "EU003 return after repair", req: determination.Request{Item: "5A001.j", Destination: "BR", EndUserType: "commercial", Operation: determination.OpRepairReturn},
			usable: "EU003", basis: "Annex II"},
		{name: "EU004 exhibition", req: determination.Request{Item: "5A001.j", Destination: "BR", EndUserType: "commercial", Operation: determination.OpExhibition},
			usable: "EU004", basis: "Annex II"},
		{name: "EU007 intra-group software", req: determination.Request{Item: "5D001.e", Destination: "IL", EndUserType: "commercial", Operation: determination.OpIntraGroup},
			usable: "EU007", basis: "Annex II"},
		{name: "EU007 not for hardware", req: determination.Request{Item: "5A001.j", Destination: "IN", EndUserType: "commercial", Operation: determination.OpIntraGroup},
			licence: true, basis: "Art. 3(1)"},
		{name: "EU007 not for police", req: determination.Request{Item: "5D001.e", Destination: "IL", EndUserType: "police", Operation: determination.OpIntraGroup},
			licence: true, basis: "Art. 3(1)"},
		// Rule 2: informed bars every general authorisation.
		{name: "informed bars EU001", req: determination.Request{Item: "5A001.j", Destination: "JP", Informed: true, EndUserType: "commercial"},
			licence: true, basis: "Art. 4(1)"},
		{name: "aware bars EU001", req: determination.Request{Item: "5A002.a", Destination: "CA", Aware: true, EndUserType: "commercial"},
			licence: true, basis: "Art. 3(1)"},
		// Rule 2: Section I / Annex IV item excluded from EU001.
		{name: "Section I item", req: determination.Request{Item: "5A004.a", Destination: "US", EndUserType: "commercial"},
			licence: true, basis: "Art. 3(1)"},
		// Positive-list authorisations.
		{name: "EU008 encryption", req: determination.Request{Item: "5A002.a.2", Destination: "BR", EndUserType: "commercial"},
			usable: "EU008", basis: "Annex II"},
		{name: "EU008 barred for police", req: determination.Request{Item: "5A002.a.2", Destination: "BR", EndUserType: "police"},
			licence: true, basis: "Art. 3(1)"},
		{name: "EU008 excluded destination", req: determination.Request{Item: "5A002.a.2", Destination: "IL", EndUserType: "commercial"},
			licence: true, basis: "Art. 3(1)"},
		{name: "EU008 needs sub-item", req: determination.Request{Item: "5A002", Destination: "BR", EndUserType: "commercial"},
			licence: true, basis: "Art. 3(1)"},
		{name: "EU005 telecom", req: determination.Request{Item: "5A001.c", Destination: "IN", EndUserType: "commercial"},
			usable: "EU005", basis: "Annex II"},
		{name: "EU002", req: determination.Request{Item: "1C003.b", Destination: "AR", EndUserType: "commercial"},
			usable: "EU002"},
		{name: "unknown end user", req: determination.Request{Item: "5A002.a.2", Destination: "BR"},
			usable: "EU008", check: "end-user type is not given"},
		// Arms-embargoed destination with a dual-use ban.
		{name: "embargo dual-use ban", req: determination.Request{Item: "5A002.a", Destination: "BY", EndUserType: "commercial"},
			licence: true, basis: "Regulation (EU) 2022/355", embargo: true},
		// Rule 3: unlisted items.
		{name: "unlisted, nothing known", req: determination.Request{Item: "not-listed", Destination: "BR", EndUserType: "commercial"},
			basis: "Art. 3(1)"},
		{name: "unlisted informed", req: determination.Request{Item: "not-listed", Destination: "BR", Informed: true},
			licence: true, basis: "Art. 4(1)"},
		{name: "unlisted aware", req: determination.Request{Item: "not-listed", Destination: "BR", Aware: true},
			notification: true, held: true, basis: "Art. 4(2)"},
		// Art. 5: unlisted cyber-surveillance items.
		{name: "cyber informed", req: determination.Request{Item: "not-listed", CyberSurveillance: true, Destination: "EG", Informed: true, EndUserType: "police"},
			licence: true, basis: "Art. 5(1)"},
		{name: "cyber aware", req: determination.Request{Item: "not-listed", CyberSurveillance: true, Destination: "EG", Aware: true, EndUserType: "intelligence"},
			notification: true, held: true, basis: "Art. 5(2)"},
		{name: "cyber informed and aware", req: determination.Request{Item: "not-listed", CyberSurveillance: true, Destination: "EG", Informed: true, Aware: true},
			licence: true, notification: true, held: true, basis: "Art. 5(1)"},
		{name: "cyber due diligence only", req: determination.Request{Item: "not-listed", CyberSurveillance: true, Destination: "EG", EndUserType: "commercial"},
			basis: "Recommendation (EU) 2024/2659"},
		// Monitoring/interception ban of a sanctions regime.
		{name: "cyber to monitoring-ban country", req: determination.Request{Item: "not-listed", CyberSurveillance: true, Destination: "IR", EndUserType: "government"},
			licence: true, embargo: true, basis: "Art. 4(1)(b)"},
		// Intra-EU transfer (Art. 11).
		{name: "intra-EU Annex IV", req: determination.Request{Item: "5A004.a", Destination: "DE"},
			licence: true, basis: "Art. 11(1)"},
		{name: "intra-EU other", req: determination.Request{Item: "5A001.j", Destination: "FR"},
			basis: "Art. 11(1)"},
		// Screening hits hold the export.
		{name: "screening hit", req: determination.Request{Item: "not-listed", Destination: "BR", EndUserType: "commercial", ScreeningHits: []string{"ACME Ltd"}},
			held: true, basis: "restrictive measures"},
		// Unverified data: French overseas territories under EU003/EU004 only; EU 5xx entry.
		{name: "500-series entry", req: determination.Request{Item: "4A506", Destination: "US", EndUserType: "commercial"},
			usable: "EU001", check: "5xx-series"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := d.Determine(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if r.LicenceRequired != tc.licence || r.NotificationRequired != tc.notification || r.ExportHeld != tc.held || r.ArmsEmbargo != tc.embargo {
				t.Errorf("licence %v notification %v held %v embargo %v; want %v %v %v %v\n%s",
					r.LicenceRequired, r.NotificationRequired, r.ExportHeld, r.ArmsEmbargo, tc.licence, tc.notification, tc.held, tc.embargo, bases(r))
			}
			if got := usable(r); got != tc.usable {
				t.Errorf("usable %q, want %q", got, tc.usable)
			}
			if tc.basis != "" && !strings.Contains(bases(r), tc.basis) {
				t.Errorf("no ground citing %q in %s", tc.basis, bases(r))
			}
			for _, g := range r.Grounds {
				if g.Basis == "" || g.Explanation == "" {
					t.Errorf("ground without basis or explanation: %+v", g)
				}
			}
			if len(r.GeneralAuthorisations) != 8 || len(r.NextSteps) == 0 {
				t.Errorf("%d general authorisations, %d next steps", len(r.GeneralAuthorisations), len(r.NextSteps))
			}
			if tc.check != "" && !strings.Contains(strings.Join(r.Checks, "\n"), tc.check) {
				t.Errorf("checks %q lack %q", r.Checks, tc.check)
			}
		})
	}
}

func TestDetermineBadInput(t *testing.T) {
	t.Parallel()
	d := load(t)
	for _, tc := range []struct {
		name  string
		req   determination.Request
		kind  apperr.Kind
		field string
		hint  string
	}{
		{"unknown code", determination.Request{Item: "5A001.q", Destination: "US"}, apperr.NotFound, "item", "5A001."},
		{"not a code", determination.Request{Item: "spyware", Destination: "US"}, apperr.Invalid, "item", "closest"},
		{"no item", determination.Request{Destination: "US"}, apperr.Invalid, "item", "not-listed"},
		{"unknown country", determination.Request{Item: "5A001.j", Destination: "XX"}, apperr.Invalid, "destination", "closest"},
		{"bad end user", determination.Request{Item: "5A001.j", Destination: "US", EndUserType: "pirate"}, apperr.Invalid, "end_user_type", "police"},
		{"bad operation", determination.Request{Item: "5A001.j", Destination: "US", Operation: "smuggling"}, apperr.Invalid, "operation", "exhibition"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := d.Determine(tc.req)
			msg, field := apperr.Safe(err)
			if !apperr.Is(err, tc.kind) || field != tc.field || !strings.Contains(msg, tc.hint) {
				t.Errorf("err %v (kind %s field %q), want %s on %s mentioning %q", err, apperr.KindOf(err), field, tc.kind, tc.field, tc.hint)
			}
		})
	}
}

func TestParseAnnexIICorrupt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, data, place string }{
		{"syntax", "{\n\"authorisations\": [,]}", "annex_ii.json:2"},
		{"empty", `{"authorisations": []}`, "annex_ii.json: authorisations"},
		{"bad id", `{"authorisations": [{"id":"X1","destinations_mode":"listed","items":{"covered":{"scope":"listed"}}}]}`, "annex_ii.json: authorisations[0] (X1)"},
		{"bad code", `{"authorisations": [{"id":"EU009","destinations_mode":"listed","items":{"covered":{"scope":"listed","codes":[{"code":"5Z"}]}}}]}`, "annex_ii.json: authorisations[0] (EU009)"},
	} {
		_, err := determination.ParseAnnexII([]byte(tc.data))
		if _, field := apperr.Safe(err); !apperr.Is(err, apperr.Invalid) || field != tc.place {
			t.Errorf("%s: %v (field %q)", tc.name, err, field)
		}
	}
}

func FuzzParseAnnexII(f *testing.F) {
	f.Add([]byte(`{"authorisations": [{"id":"EU001","destinations_mode":"listed","items":{"covered":{"scope":"all_annex_i"}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := determination.ParseAnnexII(data)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("kind %s: %v", apperr.KindOf(err), err)
			}
			return
		}
		a.InSectionI("5A001")
		a.InAnnexIV("0A001")
	})
}
