package source

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening"
)

// head returns the first n lines of a shared data file (gunzipped), as a
// seed that holds the real files' first records.
func head(f *testing.F, n int, elem ...string) []byte {
	f.Helper()
	data, err := os.ReadFile(datatest.Path(f, elem...))
	if err != nil {
		f.Fatal(err)
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			f.Fatal(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			f.Fatal(err)
		}
	}
	for i, k := 0, 0; i < len(data); i++ {
		if data[i] == '\n' {
			k++
			if k == n {
				return data[:i+1]
			}
		}
	}
	return data
}

// xmlHead returns the start of an XML file up to the end of its nth record
// element, closed with the root's end tag.
func xmlHead(f *testing.F, record, closeRoot string, n int, elem ...string) []byte {
	f.Helper()
	data, err := os.ReadFile(datatest.Path(f, elem...))
	if err != nil {
		f.Fatal(err)
	}
	end := []byte("</" + record + ">")
	pos := 0
	for i := 0; i < n; i++ {
		j := bytes.Index(data[pos:], end)
		if j < 0 {
			return data
		}
		pos += j + len(end)
	}
	return append(append([]byte{}, data[:pos]...), []byte("\n"+closeRoot)...)
}

// checkParse runs a parser on fuzzed input: it must not panic, and what it
// loads must be well formed.
func checkParse(t *testing.T, parse func([]*file) (*screening.List, error), files ...*file) {
	l, err := parse(files)
	if err != nil {
		return
	}
	if l == nil {
		t.Fatal("nil list without error")
	}
	for _, e := range l.Entities {
		if len(e.Names) == 0 || e.SourceID == "" {
			t.Fatalf("entity without name or id: %+v", e)
		}
	}
}

func FuzzOFACCSV(f *testing.F) {
	f.Add(head(f, 20, "sanctions", "ofac_sdn_2021-07", "sdn.csv"), head(f, 20, "sanctions", "ofac_sdn_2021-07", "alt.csv"), head(f, 20, "sanctions", "ofac_sdn_2021-07", "add.csv"))
	f.Add(head(f, 10, "sanctions", "ofac_consolidated_non_sdn", "cons_prim.csv"), head(f, 10, "sanctions", "ofac_consolidated_non_sdn", "cons_alt.csv"), []byte("9639,1,-0- ,-0- ,\"Palestinian\",-0- \n\x1a"))
	f.Fuzz(func(t *testing.T, prim, alt, add []byte) {
		checkParse(t, parseOFACSet, &file{path: "sdn.csv", data: prim, fmt: fmtOFACPrimary}, &file{path: "alt.csv", data: alt, fmt: fmtOFACAlias}, &file{path: "add.csv", data: add, fmt: fmtOFACAddress})
	})
}

func FuzzUN(f *testing.F) {
	f.Add(xmlHead(f, "INDIVIDUAL", "</INDIVIDUALS></CONSOLIDATED_LIST>", 3, "sanctions", "un_sc_consolidated", "UN_consolidated.xml"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseUN, &file{path: "un.xml", data: data}) })
}

func FuzzOFACEnhanced(f *testing.F) {
	f.Add(xmlHead(f, "entity", "</entities></sanctionsData>", 2, "sanctions", "ofac_consolidated_non_sdn", "CONS_ENHANCED.XML"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseOFACEnhanced, &file{path: "enh.xml", data: data}) })
}

func FuzzEULegacyXML(f *testing.F) {
	f.Add(xmlHead(f, "ENTITY", "</WHOLE>", 2, "sanctions", "eu_fsf_sample", "eu_fsf_legacy_xml_2016-02-11.xml"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseEULegacyXML, &file{path: "eu.xml", data: data}) })
}

func FuzzEUExportXML(f *testing.F) {
	f.Add([]byte(`<export generationDate="2024-01-02T10:00:00.000+01:00"><sanctionEntity logicalId="13"><subjectType code="person"/><regulation programme="IRQ"/><nameAlias wholeName="Saddam Hussein Al-Tikriti" strong="true"/><birthdate birthdate="1937-04-28"/><citizenship countryIso2Code="IQ"/></sanctionEntity></export>`))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseEUExportXML, &file{path: "eu.xml", data: data}) })
}

func FuzzEULegacyCSV(f *testing.F) {
	f.Add(head(f, 6, "sanctions", "eu_fsf_sample", "eu_fsf_legacy_csv_2018-07-04_first999rows.csv"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseEULegacyCSV, &file{path: "eu.csv", data: data}) })
}

func FuzzUKConList(f *testing.F) {
	f.Add(head(f, 8, "sanctions", "uk_official_sample", "ConList_2018-04-13.csv"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseUKConList, &file{path: "conlist.csv", data: data}) })
}

func FuzzUKTables(f *testing.F) {
	dir := []string{"sanctions", "uk_sanctions_list_2026-04_transformed"}
	f.Add(head(f, 6, append(dir, "subjects.csv")...), head(f, 10, append(dir, "subject_names.csv")...), head(f, 6, append(dir, "subject_dobs.csv")...))
	f.Fuzz(func(t *testing.T, subj, names, dobs []byte) {
		checkParse(t, parseUKTables, &file{path: "subjects.csv", data: subj, fmt: fmtUKSubjects}, &file{path: "names.csv", data: names, fmt: fmtUKNames}, &file{path: "dobs.csv", data: dobs, fmt: fmtUKDOBs})
	})
}

func FuzzCSL(f *testing.F) {
	f.Add(head(f, 8, "sanctions", "us_trade_gov_csl", "consolidated.csv.gz"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseCSL, &file{path: "csl.csv", data: data}) })
}

func FuzzDPL(f *testing.F) {
	f.Add(head(f, 8, "sanctions", "us_bis_dpl", "dpl.txt"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseDPL, &file{path: "dpl.txt", data: data}) })
}

func FuzzFtM(f *testing.F) {
	f.Add(head(f, 4, "sanctions", "opensanctions", "yente_t1.entities.ftm.json"))
	f.Add(head(f, 6, "sanctions", "opensanctions", "zala_aero_cluster.entities.ftm.json"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseFtM, &file{path: "x.ftm.json", data: data}) })
}

func FuzzSenzing(f *testing.F) {
	f.Add(head(f, 4, "sanctions", "opensanctions", "us_congress_senzing.json"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, parseSenzing, &file{path: "x.json", data: data}) })
}

// FuzzSniff checks format recognition and unpacking on any bytes.
func FuzzSniff(f *testing.F) {
	f.Add(head(f, 2, "sanctions", "ofac_sdn_2021-07", "sdn.csv"))
	f.Add(head(f, 2, "sanctions", "us_bis_dpl", "dpl.txt"))
	f.Add([]byte{0x1f, 0x8b, 0, 0})
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) { _, _ = unpack("x", data) })
}
