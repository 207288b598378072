package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening"
)

// TestLoadRealLists loads each official file or folder and checks the source
// recognised by content, the entity count and that nothing was dropped
// without an issue.
func TestLoadRealLists(t *testing.T) {
	for _, tc := range []struct {
		path     []string
		source   string
		entities int
	}{
		{[]string{"ofac_sdn_2021-07"}, OFACSDN, 8976},
		{[]string{"ofac_sdn_2019-01"}, OFACSDN, 7379},
		{[]string{"ofac_consolidated_non_sdn", "CONS_ENHANCED.XML"}, OFACEnhanced, 443},
		{[]string{"un_sc_consolidated"}, UN, 1003},
		{[]string{"us_trade_gov_csl"}, CSL, 14160},
		{[]string{"us_bis_dpl"}, DPL, 547},
		{[]string{"uk_sanctions_list_2026-04_transformed"}, UK, 6046},
		{[]string{"uk_official_sample"}, UKOFSI, 2106},
		{[]string{"eu_fsf_sample", "eu_fsf_legacy_xml_2016-02-11.xml"}, EU, 595},
		{[]string{"eu_fsf_sample", "eu_fsf_legacy_csv_2018-07-04_first999rows.csv"}, EU, 93},
		{[]string{"opensanctions", "us_congress_senzing.json"}, "senzing_os_us_congress", 1319},
		{[]string{"opensanctions", "zala_aero_cluster.entities.ftm.json"}, OpenSanction, 17},
	} {
		t.Run(strings.Join(tc.path, "/"), func(t *testing.T) {
			res, err := Load(datatest.Path(t, append([]string{"sanctions"}, tc.path...)...))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Failed) > 0 || len(res.Lists) != 1 {
				t.Fatalf("failed %v, %d lists", res.Failed, len(res.Lists))
			}
			l := res.Lists[0]
			if l.Version.Source != tc.source || len(l.Entities) != tc.entities {
				t.Errorf("got %s with %d entities, want %s with %d", l.Version.Source, len(l.Entities), tc.source, tc.entities)
			}
			if len(l.Version.Hash) != 64 || l.Version.Entities != len(l.Entities) {
				t.Errorf("bad version %+v", l.Version)
			}
			for _, e := range l.Entities {
				if e.Version != l.Version.ID() || e.Source != tc.source || len(e.Names) == 0 {
					t.Fatalf("bad entity %+v", e)
				}
			}
		})
	}
}

func TestUNOriginalScriptAndQuality(t *testing.T) {
	res, err := Load(datatest.Path(t, "sanctions", "un_sc_consolidated"))
	if err != nil {
		t.Fatal(err)
	}
	var original, weak int
	for _, e := range res.Lists[0].Entities {
		for _, n := range e.Names {
			switch n.Type {
			case screening.NameOriginal:
				original++
			case screening.NameWeak:
				weak++
			}
		}
	}
	if original != 378 || weak == 0 {
		t.Errorf("original-script names %d (want 378), weak aliases %d", original, weak)
	}
}

// TestPartialOFACSet loads the 2025-12 OFAC set that has no sdn.csv: the
// aliases become entities and the gap is reported.
func TestPartialOFACSet(t *testing.T) {
	res, err := Load(datatest.Path(t, "sanctions", "ofac_sdn_2025-12_partial"))
	if err != nil {
		t.Fatal(err)
	}
	l := res.Lists[0]
	if len(l.Entities) == 0 || len(l.Issues) == 0 || !strings.Contains(l.Issues[len(l.Issues)-1].Reason+l.Issues[0].Reason, "primary file is missing") {
		t.Errorf("entities %d, issues %v", len(l.Entities), l.Issues[:min(3, len(l.Issues))])
	}
}

// TestMalformedFileFailsAlone: a broken list fails with file and place, the
// other lists still load.
func TestMalformedFileFailsAlone(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(datatest.Path(t, "sanctions", "us_bis_dpl", "dpl.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "dpl.txt"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	broken := "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL><INDIVIDUAL><DATAID>2</DAT"
	if err := os.WriteFile(filepath.Join(dir, "un.xml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lists) != 1 || res.Lists[0].Version.Source != DPL {
		t.Errorf("lists %v", res.Lists)
	}
	if len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Error(), "un.xml:") {
		t.Errorf("failed %v", res.Failed)
	}
}

func TestRecordIssues(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sdn.csv")
	data := "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n37,\"\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n38,\"SHORT\",-0- \n\x1a\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	l := res.Lists[0]
	if len(l.Entities) != 1 || len(l.Issues) != 2 {
		t.Fatalf("entities %d issues %v", len(l.Entities), l.Issues)
	}
	for _, is := range l.Issues {
		if is.File != p || is.Record == "" || is.Reason == "" || !is.Dropped {
			t.Errorf("issue %+v lacks file, record or reason", is)
		}
	}
}

func TestLooseDates(t *testing.T) {
	for in, want := range map[string]string{
		"25 Mar 1973":  "1973-03-25",
		"circa 1962":   "1962",
		"1960 to 1962": "1960,1961,1962",
		"Mar 1973":     "1973-03",
		"1962-03-25":   "1962-03-25",
		"25/03/1973":   "1973-03-25",
	} {
		if got := strings.Join(parseLooseDates(in), ","); got != want {
			t.Errorf("parseLooseDates(%q) = %q, want %q", in, got, want)
		}
	}
}
