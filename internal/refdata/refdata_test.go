package refdata_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/refdata"
)

// shared maps each source to the real file of ../shared/data that the test
// server publishes in its place.
var shared = map[string]string{
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

func sum(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestFetchFromLocalPublisher(t *testing.T) {
	data := datatest.Dir(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(data)))
	defer srv.Close()
	over := map[string]string{}
	for _, s := range refdata.Sources {
		p, ok := shared[s.Name]
		if !ok {
			t.Fatalf("source %s has no shared file in the test", s.Name)
		}
		over[s.Name] = srv.URL + "/" + p
	}
	dir := t.TempDir()
	results, err := refdata.Fetch(context.Background(), srv.Client(), dir, refdata.Sources, over)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		got := filepath.Join(dir, r.Path)
		if want := sum(t, filepath.Join(data, shared[r.Name])); sum(t, got) != want || r.SHA256 != want || !r.Changed {
			t.Errorf("%s: stored file differs from the published one (result %+v)", r.Name, r)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, refdata.ManifestFile)); err != nil {
		t.Error(err)
	}
	// Fetching again changes nothing.
	results, err = refdata.Fetch(context.Background(), srv.Client(), dir, refdata.Sources, over)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Changed {
			t.Errorf("%s changed on a second fetch", r.Name)
		}
	}
}

// A failed or wrong download keeps the previous file and names the source.
func TestFetchKeepsPreviousOnFailure(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<CONSOLIDATED_LIST/>")) })
	mux.HandleFunc("/html.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html><p>Please accept cookies"))
	})
	mux.HandleFunc("/empty.txt", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/gone.csv", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
	mux.HandleFunc("/notzip", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	src := []refdata.Source{
		{Name: "good", URL: srv.URL + "/ok.xml", Path: "a/good.xml", Format: "xml"},
		{Name: "html", URL: srv.URL + "/html.xml", Path: "a/html.xml", Format: "xml"},
		{Name: "empty", URL: srv.URL + "/empty.txt", Path: "a/empty.txt", Format: "txt"},
		{Name: "gone", URL: srv.URL + "/gone.csv", Path: "a/gone.csv", Format: "csv"},
		{Name: "zip", URL: srv.URL + "/notzip", Path: "a/x.zip", Format: "zip"},
	}
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a/html.xml"), []byte("<previous/>"), 0o644)
	results, err := refdata.Fetch(context.Background(), srv.Client(), dir, src, nil)
	if err == nil || !strings.Contains(err.Error(), "html, empty, gone, zip") {
		t.Fatalf("err = %v", err)
	}
	wantErr := map[string]string{"html": "HTML", "empty": "empty", "gone": "404", "zip": "ZIP"}
	for _, r := range results {
		if w := wantErr[r.Name]; (w == "") != (r.Error == "") || !strings.Contains(r.Error, w) {
			t.Errorf("%s: error %q, want one containing %q", r.Name, r.Error, w)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a/html.xml")); string(b) != "<previous/>" {
		t.Errorf("previous file replaced by a bad download: %q", b)
	}
	if _, err := refdata.Fetch(context.Background(), srv.Client(), dir, src, map[string]string{"nope": "x"}); err == nil {
		t.Error("unknown override accepted")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "a"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".fetch-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
