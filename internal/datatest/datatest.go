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

// Published maps each download source of package refdata to the real file of
// the reference data that a test server publishes in its place.
var Published = map[string]string{
	"us_ofac_sdn/sdn.csv":            "sanctions/ofac_sdn_2021-07/sdn.csv",
	"us_ofac_sdn/add.csv":            "sanctions/ofac_sdn_2021-07/add.csv",
	"us_ofac_sdn/alt.csv":            "sanctions/ofac_sdn_2021-07/alt.csv",
	"us_ofac_sdn/sdn_comments.csv":   "sanctions/ofac_sdn_2021-07/sdn_comments.csv",
	"us_ofac_cons/cons_prim.csv":     "sanctions/ofac_consolidated_non_sdn/cons_prim.csv",
	"us_ofac_cons/cons_add.csv":      "sanctions/ofac_consolidated_non_sdn/cons_add.csv",
	"us_ofac_cons/cons_alt.csv":      "sanctions/ofac_consolidated_non_sdn/cons_alt.csv",
	"us_ofac_cons/cons_comments.csv": "sanctions/ofac_consolidated_non_sdn/cons_comments.csv",
	"us_ofac_cons/CONS_ENHANCED.ZIP": "sanctions/ofac_consolidated_non_sdn/CONS_ENHANCED.ZIP",
	"un_sc":                          "sanctions/un_sc_consolidated/UN_consolidated.xml",
	"eu_fsf":                         "sanctions/eu_fsf_sample/eu_fsf_legacy_xml_2016-02-11.xml",
	"uk_fcdo":                        "sanctions/uk_official_sample/ConList_2018-04-13.csv",
	"us_csl":                         "sanctions/us_trade_gov_csl/consolidated.csv.gz",
	"us_bis_dpl":                     "sanctions/us_bis_dpl/dpl.txt",
}

// PublisherURLs returns, for a server at base that serves the reference data
// folder, the download address of every source.
func PublisherURLs(base string) map[string]string {
	out := map[string]string{}
	for name, p := range Published {
		out[name] = base + "/" + p
	}
	return out
}
