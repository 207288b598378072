package controllist_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/datatest"
)

func TestWordDiff(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ a, b, want string }{
		{"a b c", "a b c", "a b c"},
		{"a b c", "a x c", "a [-b-] {+x+} c"},
		{"", "new text", "{+new text+}"},
		{"old", "", "[-old-]"},
	} {
		if got := controllist.WordDiff(tc.a, tc.b); got != tc.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestDiffAndReclassification(t *testing.T) {
	t.Parallel()
	eu := loadEU(t)
	no, err := controllist.LoadNorwayListII(datatest.Path(t, "controllist", "norway_list2_dual_use", "regulations.json"))
	if err != nil {
		t.Fatal(err)
	}
	d := controllist.Diff(no, eu)
	if len(d.Added) == 0 || len(d.Removed) == 0 || len(d.Changed) == 0 {
		t.Fatalf("diff 2022→2025: %d added, %d removed, %d changed", len(d.Added), len(d.Removed), len(d.Changed))
	}
	// 4A506 (quantum computers) is an EU 500-series entry added in 2025.
	if !strings.Contains(strings.Join(controllist.Codes(d.Added), " "), "4A506") {
		t.Error("4A506 not among the added entries")
	}
	for _, c := range d.Changed {
		if c.TextDiff == "" || (!strings.Contains(c.TextDiff, "[-") && !strings.Contains(c.TextDiff, "{+")) {
			t.Errorf("%s changed without a text diff", c.Code)
			break
		}
	}
	if same := controllist.Diff(eu, eu); len(same.Added)+len(same.Removed)+len(same.Changed) != 0 {
		t.Error("a list differs from itself")
	}
	changed := d.Changed[0].Code
	at := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	products := []controllist.Product{
		{ID: "p1", Name: "A", Description: "d", Classification: &controllist.Classification{Code: changed, ListVersion: no.Version.ID, Rationale: "r", Classifier: "c", ClassifiedAt: at}},
		{ID: "p2", Name: "B", Description: "d", Classification: &controllist.Classification{Code: changed, ListVersion: "other", Rationale: "r", Classifier: "c", ClassifiedAt: at}},
		{ID: "p3", Name: "C", Description: "d"},
	}
	tasks := d.ReclassificationTasks(products)
	if len(tasks) != 1 || tasks[0].ProductID != "p1" || tasks[0].NewVersion != eu.Version.ID {
		t.Fatalf("tasks = %+v", tasks)
	}
	if err := tasks[0].Validate(); err != nil {
		t.Error(err)
	}
}

func TestProductValidate(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	full := controllist.Art220Assessment{SpeciallyDesigned: true, SpeciallyReason: "r", Covert: true, CovertReason: "r",
		NaturalPersons: true, NaturalPersonsReason: "r", ICTData: true, ICTDataReason: "r", Assessor: "a"}
	listed := controllist.Classification{Code: "5A001.j", ListVersion: "eu-annex-i/2025-11", Rationale: "r", Classifier: "c", ClassifiedAt: at, CyberSurveillance: true}
	unlisted := controllist.Classification{Code: controllist.NotListedCode, ListVersion: "eu-annex-i/2025-11", Rationale: "r", Classifier: "c", ClassifiedAt: at, CyberSurveillance: true, Assessment: &full}
	with := func(c controllist.Classification, f func(*controllist.Classification)) *controllist.Classification {
		f(&c)
		return &c
	}
	for _, tc := range []struct {
		name  string
		p     controllist.Product
		field string
	}{
		{"ok listed", controllist.Product{Name: "n", Description: "d", Classification: &listed}, ""},
		{"ok unlisted", controllist.Product{Name: "n", Description: "d", Classification: &unlisted}, ""},
		{"no name", controllist.Product{Description: "d"}, "name"},
		{"no description", controllist.Product{Name: "n"}, "description"},
		{"bad code", controllist.Product{Name: "n", Description: "d", Classification: with(listed, func(c *controllist.Classification) { c.Code = "XYZ" })}, "code"},
		{"no rationale", controllist.Product{Name: "n", Description: "d", Classification: with(listed, func(c *controllist.Classification) { c.Rationale = "" })}, "rationale"},
		{"no version", controllist.Product{Name: "n", Description: "d", Classification: with(listed, func(c *controllist.Classification) { c.ListVersion = "" })}, "list_version"},
		{"unlisted without assessment", controllist.Product{Name: "n", Description: "d", Classification: with(unlisted, func(c *controllist.Classification) { c.Assessment = nil })}, "art_2_20_assessment"},
		{"flag against assessment", controllist.Product{Name: "n", Description: "d", Classification: with(unlisted, func(c *controllist.Classification) { c.CyberSurveillance = false })}, "cyber_surveillance"},
		{"assessment missing reason", controllist.Product{Name: "n", Description: "d", Classification: with(unlisted, func(c *controllist.Classification) {
			a := full
			a.CovertReason = ""
			c.Assessment = &a
		})}, "covert_reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			_, field := apperr.Safe(err)
			if tc.field == "" && err != nil || tc.field != "" && (!apperr.Is(err, apperr.Invalid) || field != tc.field) {
				t.Errorf("err %v (field %q), want field %q", err, field, tc.field)
			}
		})
	}
	if err := listed.CheckAgainst(loadEU(t)); err != nil {
		t.Error(err)
	}
	if err := with(listed, func(c *controllist.Classification) { c.Code = "5A001.q" }).CheckAgainst(loadEU(t)); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown code: %v", err)
	}
}

func TestNational(t *testing.T) {
	t.Parallel()
	l, err := controllist.LoadNational(filepath.Join("..", "..", "testdata", "controllist", "national_nl_test.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !l.National || l.Scope != "NL" || !l.AppliesTo("nl") || l.AppliesTo("DE") {
		t.Errorf("scope: %+v", l)
	}
	e, err := l.Entry("NL-CS-001.a")
	if err != nil || e.Parent != "NL-CS-001" || e.Level != 1 || !e.CyberSurveillance || e.Regime != controllist.RegimeNational {
		t.Errorf("entry %+v, %v", e, err)
	}
	for _, tc := range []struct{ name, data, place string }{
		{"not a member state", `{"member_state":"NO","version":{"id":"x","source_act":"y","effective_date":"2024-01-01"},"entries":[]}`, "member_state"},
		{"bad type", `{"member_state":"NL","version":{"id":"x","source_act":"y","effective_date":"2024-01-01"},"entries":[{"code":"NL-1","category":4,"type":"Z","text":"t"}]}`, "entries[0] (NL-1)"},
		{"unknown parent", `{"member_state":"NL","version":{"id":"x","source_act":"y","effective_date":"2024-01-01"},"entries":[{"code":"NL-1","parent":"NL-0","category":4,"type":"A","text":"t"}]}`, "entries"},
		{"unknown field", `{"member_state":"NL","colour":"red"}`, ""},
		{"parent cycle", `{"member_state":"NL","version":{"id":"x","source_act":"y","effective_date":"2024-01-01"},"entries":[{"code":"NL-1","parent":"NL-2","category":4,"type":"A","text":"t"},{"code":"NL-2","parent":"NL-1","category":4,"type":"A","text":"t"}]}`, "entries (NL-1)"},
		{"own parent", `{"member_state":"NL","version":{"id":"x","source_act":"y","effective_date":"2024-01-01"},"entries":[{"code":"NL-1","parent":"NL-1","category":4,"type":"A","text":"t"}]}`, "entries (NL-1)"},
	} {
		_, err := controllist.ParseNational([]byte(tc.data), "n.json")
		if _, field := apperr.Safe(err); !apperr.Is(err, apperr.Invalid) || !strings.HasPrefix(field, "n.json: "+tc.place) {
			t.Errorf("%s: err %v", tc.name, err)
		}
	}
}
