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
	over := datatest.PublisherURLs(srv.URL)
	for _, s := range refdata.Sources {
		if _, ok := over[s.Name]; !ok {
			t.Fatalf("source %s has no shared file in the test", s.Name)
		}
	}
	dir := t.TempDir()
	results, err := refdata.Fetch(context.Background(), srv.Client(), dir, refdata.Sources, over)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		got := filepath.Join(dir, r.Path)
		if want := sum(t, filepath.Join(data, datatest.Published[r.Name])); sum(t, got) != want || r.SHA256 != want || !r.Changed {
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
