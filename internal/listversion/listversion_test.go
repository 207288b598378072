package listversion_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/country"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
	"github.com/dualuse/dualuse/internal/store"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

func load(t *testing.T, paths ...string) []*screening.List {
	t.Helper()
	res, err := source.Load(paths...)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) > 0 {
		t.Fatal(res.Failed)
	}
	return res.Lists
}

// truncatedUN writes a copy of the UN list that keeps only its first
// individuals, as a publisher's broken file might.
func truncatedUN(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(datatest.Path(t, "sanctions", "un_sc_consolidated", "UN_consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "<INDIVIDUAL>")
	end := strings.Index(s, "</INDIVIDUALS>")
	cut := start
	for i := 0; i < 50; i++ {
		cut += strings.Index(s[cut:], "</INDIVIDUAL>") + len("</INDIVIDUAL>")
	}
	entStart, entEnd := strings.Index(s, "<ENTITIES>"), strings.Index(s, "</ENTITIES>")
	out := s[:cut] + s[end:entStart] + "<ENTITIES>" + s[entEnd:]
	dir := t.TempDir()
	p := filepath.Join(dir, "UN_consolidated.xml")
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersions(t *testing.T) {
	countries, err := country.Load(datatest.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	old2019 := load(t, datatest.Path(t, "sanctions", "ofac_sdn_2019-01"))
	new2021 := load(t, datatest.Path(t, "sanctions", "ofac_sdn_2021-07"))
	un := load(t, datatest.Path(t, "sanctions", "un_sc_consolidated"))
	short := load(t, truncatedUN(t))
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sys := auth.System()
		s := &listversion.Service{Store: db}

		out, err := s.Record(ctx, sys, append(old2019, un...))
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 2 || out[0].Result != "new" || out[1].Result != "new" {
			t.Fatalf("first record: %+v", out)
		}
		out, err = s.Record(ctx, sys, append(new2021, un...))
		if err != nil {
			t.Fatal(err)
		}
		if out[0].Result != listversion.Active || out[1].Result != "unchanged" {
			t.Fatalf("second record: %+v", out)
		}
		// A UN file that lost most of its entities is held; the old one serves.
		out, err = s.Record(ctx, sys, short)
		if err != nil {
			t.Fatal(err)
		}
		if out[0].Result != listversion.Held || !strings.Contains(out[0].Reason, "drop") {
			t.Errorf("shrunk list: %+v", out[0])
		}
		active, err := s.ActiveLists(ctx, []string{"us_ofac_sdn", "un_sc"})
		if err != nil {
			t.Fatal(err)
		}
		if len(active) != 2 || len(active[1].Entities) != len(un[0].Entities) || active[0].Version.Hash != new2021[0].Version.Hash {
			t.Fatalf("active lists: %d lists", len(active))
		}

		vs, err := s.Versions(ctx, sys, "us_ofac_sdn")
		if err != nil || len(vs) != 2 || vs[0].Status != listversion.Active || vs[1].Status != listversion.Superseded {
			t.Fatalf("versions = %+v, %v", vs, err)
		}
		d, err := s.Compare(ctx, sys, vs[1].ID, vs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("OFAC SDN 2019-01 → 2021-07: %d added, %d removed, %d changed", len(d.Added), len(d.Removed), len(d.Changed))
		if got := len(new2021[0].Entities) - len(old2019[0].Entities); len(d.Added)-len(d.Removed) != got {
			t.Errorf("added-removed = %d, want %d", len(d.Added)-len(d.Removed), got)
		}
		if len(d.Added) < 1000 || len(d.Removed) < 100 || len(d.Changed) < 100 {
			t.Errorf("implausible diff: %d added, %d removed, %d changed", len(d.Added), len(d.Removed), len(d.Changed))
		}
		if _, err := s.Compare(ctx, sys, vs[0].ID, mustUN(t, s)); err == nil {
			t.Error("compared versions of different lists")
		}

		// Re-screening raises a hit for an exporter named like a listed
		// entity, once.
		acc := &account.Service{Store: db, Countries: countries, Argon2: auth.DefaultArgon2}
		acc.SeedAuthorities(ctx)
		listed := un[0].Entities[len(un[0].Entities)-1].PrimaryName() // an entity of the UN list
		bad, err := acc.CreateOrg(ctx, sys, account.Organisation{Kind: account.KindExporter, Name: listed, Country: "DE"})
		if err != nil {
			t.Fatal(err)
		}
		orgs, _ := acc.Orgs(ctx, sys)
		eng := screening.New(active...)
		hits, err := s.Rescreen(ctx, sys, eng, listversion.Exporters(orgs))
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].OrgID != bad.ID {
			t.Fatalf("hits = %+v, want one for %q", hits, listed)
		}
		again, err := s.Rescreen(ctx, sys, eng, listversion.Exporters(orgs))
		if err != nil || len(again) != 0 {
			t.Errorf("second re-screen raised %d hits again (%v)", len(again), err)
		}
		exporter := auth.Principal{Role: auth.Exporter, OrgID: bad.ID}
		seen, err := s.Hits(ctx, exporter, orgs)
		if err != nil || len(seen) != len(hits) {
			t.Errorf("exporter sees %d hits (%v), want %d", len(seen), err, len(hits))
		}
		other := auth.Principal{Role: auth.Officer, OrgID: 1, State: "FR"}
		if seen, _ := s.Hits(ctx, other, orgs); len(seen) != 0 {
			t.Errorf("French officer sees %d hits of a German exporter", len(seen))
		}
		if _, err := s.Record(ctx, exporter, un); err == nil {
			t.Error("an exporter recorded a list version")
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

func mustUN(t *testing.T, s *listversion.Service) int64 {
	vs, err := s.Versions(context.Background(), auth.System(), "un_sc")
	if err != nil || len(vs) == 0 {
		t.Fatal(err)
	}
	return vs[0].ID
}
