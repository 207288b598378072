package controllist_test

import (
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/datatest"
)

func TestLoadAnnexIRepairs(t *testing.T) {
	t.Parallel()
	l := loadEU(t)
	if got := l.Version.ID; got != "eu-annex-i/2025-11" {
		t.Errorf("version %q", got)
	}
	for _, tc := range []struct {
		code, text string
		cyber      bool
	}{
		{"5A001.f", "Mobile telecommunications interception", true},                     // restored text
		{"5A001.f.2", "IMSI", true},                                                     // restored sub-item
		{"5A001.j", "Internet Protocol (IP) network communications surveillance", true}, // text was in 5A001.g's record
		{"5A001.j.2.a", `"hard selectors"`, true},
		{"5D001.e", "law enforcement purposes", true},
		{"4E001.c", `"intrusion software"`, true},
		{"4A005", "intrusion software", true},
		{"5A004.b", "not specified in 4A005", true},
		{"5D002.c.3.b", "5A004.b", true},
		{"5A002.c", "quantum cryptography", false},
		{"5A001.g", "Passive Coherent Location", false},
	} {
		e, err := l.Entry(tc.code)
		if err != nil {
			t.Errorf("%s: %v", tc.code, err)
			continue
		}
		if !strings.Contains(e.Text, tc.text) {
			t.Errorf("%s text %q lacks %q", tc.code, e.Text, tc.text)
		}
		if e.CyberSurveillance != tc.cyber {
			t.Errorf("%s cyber-surveillance = %v, want %v", tc.code, e.CyberSurveillance, tc.cyber)
		}
	}
	// The note that the parser made into "entry 5A001.j" is a decontrol note again.
	j, _ := l.Entry("5A001.j")
	if len(j.Notes) == 0 || j.Notes[0].Kind != controllist.NoteDecontrol || !strings.Contains(j.Notes[0].Text, "Marketing") {
		t.Errorf("5A001.j notes = %+v", j.Notes)
	}
	// Glued headings are cut off into group notes.
	if !strings.Contains(l.GroupNotes["5 Part 2"], "Cryptography Note") {
		t.Errorf("group notes 5 Part 2 = %q", l.GroupNotes["5 Part 2"])
	}
	e, _ := l.Entry("0A001")
	if strings.Contains(l.Entries[0].Text+e.Text, "0B Test") {
		t.Error("heading 0B still glued to 0A001")
	}
	faults := map[string]int{}
	for _, r := range l.Repairs {
		faults[r.Fault]++
	}
	for _, f := range []string{controllist.FaultNoteAsEntry, controllist.FaultDanglingNote, controllist.FaultMalformedCode,
		controllist.FaultGluedHeading, controllist.FaultMissingText} {
		if faults[f] == 0 {
			t.Errorf("no repair of fault %s recorded", f)
		}
	}
	if got := faults[controllist.FaultNoteAsEntry] + faults[controllist.FaultDanglingNote]; got != 170 {
		t.Errorf("%d note records rejoined, want the 170 of PROVENANCE.md", got)
	}
	if _, err := l.Entry("3A002.d"); err != nil {
		t.Errorf("3A002.d (from malformed 3A002.d.includes): %v", err)
	}
	if top := topLevel(l); top != 382 {
		t.Errorf("%d top-level entries, want 382", top)
	}
}

func TestLoadAnnexICorrupt(t *testing.T) {
	t.Parallel()
	rec := func(code, cat, sub string, depth int) string {
		return `{"code":"` + code + `","label":"X as follows:","category":"` + cat + `","subgroup":"` + sub + `","depth":` + string(rune('0'+depth)) + `,"full_content":"a. Y"}`
	}
	file := func(recs ...string) string {
		return `{"metadata":{"version":"t","consolidation_date":"2025-11-15"},"entries":[` + strings.Join(recs, ",") + `]}`
	}
	for _, tc := range []struct {
		name, data, place string
	}{
		{"syntax", "{\n\"metadata\": {,\n}", "line 2"},
		{"no entries", file(), "entries"},
		{"truncated", strings.Replace(file(rec("5A001", "5", "A", 0)), `"version":"t"`, `"version":"t","entry_count":2`, 1), "metadata.entry_count"},
		{"bad code", file(rec("5A001", "5", "A", 0), rec("5X001", "5", "A", 0)), "entries[1] (5X001)"},
		{"category mismatch", file(rec("5A001", "4", "A", 0)), "entries[0] (5A001)"},
		{"depth mismatch", file(rec("5A001.a", "5", "A", 0)), "entries[0] (5A001.a)"},
		{"orphan sub-code", file(rec("5A001", "5", "A", 0), rec("5A002.a", "5", "A", 1)), "entries[1] (5A002.a)"},
		{"bad date", `{"metadata":{"consolidation_date":"soon"},"entries":[` + rec("5A001", "5", "A", 0) + `]}`, "metadata.consolidation_date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := controllist.ParseAnnexI([]byte(tc.data), "f.json")
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err = %v, want Invalid", err)
			}
			if _, field := apperr.Safe(err); !strings.HasPrefix(field, "f.json: "+tc.place) {
				t.Errorf("field %q, want file and %q", field, tc.place)
			}
		})
	}
}

func TestEntryLookup(t *testing.T) {
	t.Parallel()
	l := loadEU(t)
	for _, tc := range []struct {
		code string
		want string
		kind apperr.Kind
	}{
		{"5A001.j", "5A001.j", ""},
		{" 5a001.J. ", "5A001.j", ""},
		{"5A001.z", "", apperr.NotFound},
		{"5Q001", "", apperr.Invalid},
		{"hello", "", apperr.Invalid},
	} {
		e, err := l.Entry(tc.code)
		if tc.kind != "" {
			if !apperr.Is(err, tc.kind) {
				t.Errorf("%q: err %v, want %s", tc.code, err, tc.kind)
			} else if msg, _ := apperr.Safe(err); !strings.Contains(msg, "closest valid codes: 5") && tc.code != "hello" {
				t.Errorf("%q: message %q lists no close codes", tc.code, msg)
			}
			continue
		}
		if err != nil || e.Code != tc.want {
			t.Errorf("%q: got %v, %v", tc.code, e, err)
		}
	}
	ps, _ := l.Parents("5A001.j.2.a")
	if len(ps) != 3 || ps[0].Code != "5A001" || ps[2].Code != "5A001.j.2" {
		t.Errorf("parents %v", ps)
	}
	cs, _ := l.Children("5A001.j")
	if len(cs) != 2 {
		t.Errorf("children of 5A001.j: %d", len(cs))
	}
	tree := l.Tree()
	if len(tree) != 10 || tree[5].Name == "" || tree[5].Groups[0].Type != "A" {
		t.Errorf("tree: %d categories", len(tree))
	}
}

func TestNorwayListII(t *testing.T) {
	t.Parallel()
	no, err := controllist.LoadNorwayListII(datatest.Path(t, "controllist", "norway_list2_dual_use", "regulations.json"))
	if err != nil {
		t.Fatal(err)
	}
	if top := topLevel(no); top != 366 {
		t.Errorf("%d entries, want 366", top)
	}
	for _, code := range []string{"5A001.f.2", "5A001.j.2.b", "5D001.e", "4A005"} {
		e, err := no.Entry(code)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		if !e.CyberSurveillance {
			t.Errorf("%s not flagged cyber-surveillance", code)
		}
	}
	// The repaired EU parse agrees with the independently parsed Norway tree
	// on the cyber-surveillance categories.
	eu := loadEU(t)
	both, total := 0, 0
	for _, e := range no.Entries {
		if e.Category != 4 && e.Category != 5 || e.NotUsed {
			continue
		}
		total++
		if eu.Has(e.Code) {
			both++
		}
	}
	share := float64(both) / float64(total)
	t.Logf("%d of %d (%.2f) Norway 2022 category 4/5 codes are in the EU 2025 parse", both, total, share)
	if share < 0.8 {
		t.Errorf("only %.2f of Norway's category 4/5 codes are in the EU parse", share)
	}
}
