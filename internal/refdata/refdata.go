// Package refdata downloads the reference data dualuse works from — the
// official sanctions and restricted-party lists — from their publishers'
// URLs (each one configurable, for mirrors and tests) into a data folder laid
// out like ../shared/data. A download replaces a file only when it arrived
// whole and looks like the format expected; otherwise the old file stays.
package refdata

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Source is one file a publisher offers.
type Source struct {
	Name      string // e.g. "us_ofac_sdn/sdn.csv"
	Publisher string
	URL       string // default download address; overridable
	Path      string // where it is kept below the data folder
	Format    string // "csv", "xml", "txt", "zip": checked before the file is kept
}

// Sources are the official lists dualuse screens against, with their
// publishers' download addresses as of 2026.
var Sources = []Source{
	{"us_ofac_sdn/sdn.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/sdn.csv", "sanctions/ofac_sdn/sdn.csv", "csv"},
	{"us_ofac_sdn/add.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/add.csv", "sanctions/ofac_sdn/add.csv", "csv"},
	{"us_ofac_sdn/alt.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/alt.csv", "sanctions/ofac_sdn/alt.csv", "csv"},
	{"us_ofac_sdn/sdn_comments.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/sdn_comments.csv", "sanctions/ofac_sdn/sdn_comments.csv", "csv"},
	{"us_ofac_cons/cons_prim.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/consolidated/cons_prim.csv", "sanctions/ofac_consolidated_non_sdn/cons_prim.csv", "csv"},
	{"us_ofac_cons/cons_add.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/consolidated/cons_add.csv", "sanctions/ofac_consolidated_non_sdn/cons_add.csv", "csv"},
	{"us_ofac_cons/cons_alt.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/consolidated/cons_alt.csv", "sanctions/ofac_consolidated_non_sdn/cons_alt.csv", "csv"},
	{"us_ofac_cons/cons_comments.csv", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/consolidated/cons_comments.csv", "sanctions/ofac_consolidated_non_sdn/cons_comments.csv", "csv"},
	{"us_ofac_cons/CONS_ENHANCED.ZIP", "US Treasury OFAC", "https://www.treasury.gov/ofac/downloads/consolidated/CONS_ENHANCED.ZIP", "sanctions/ofac_consolidated_non_sdn/CONS_ENHANCED.ZIP", "zip"},
	{"un_sc", "UN Security Council", "https://scsanctions.un.org/resources/xml/en/consolidated.xml", "sanctions/un_sc_consolidated/UN_consolidated.xml", "xml"},
	{"eu_fsf", "European Commission (FISMA)", "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw", "sanctions/eu_fsf/eu_fsf.xml", "xml"},
	{"uk_fcdo", "UK FCDO", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv", "sanctions/uk_fcdo/UK-Sanctions-List.csv", "csv"},
	{"us_csl", "US ITA (trade.gov)", "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv", "sanctions/us_trade_gov_csl/consolidated.csv", "csv"},
	{"us_bis_dpl", "US Commerce BIS", "https://www.bis.doc.gov/dpl/dpl.txt", "sanctions/us_bis_dpl/dpl.txt", "txt"},
}

// Result is what happened to one source.
type Result struct {
	Name      string    `json:"name"`
	URL       string    `json:"url"`
	Path      string    `json:"path"`
	Bytes     int64     `json:"bytes,omitempty"`
	SHA256    string    `json:"sha256,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
	Changed   bool      `json:"changed"`
	Error     string    `json:"error,omitempty"`
}

// ManifestFile records the last fetch, below the data folder.
const ManifestFile = "fetch-manifest.json"

// MaxBytes bounds one download.
const MaxBytes = 512 << 20

// Fetch downloads the sources into dir, each from its URL or from the
// override for its name. It goes on past a failed source and returns every
// result, and an error naming the sources that failed.
func Fetch(ctx context.Context, client *http.Client, dir string, sources []Source, overrides map[string]string) ([]Result, error) {
	for name := range overrides {
		if !known(sources, name) {
			return nil, fmt.Errorf("refdata: --source %s: no such source (see 'dualuse data sources')", name)
		}
	}
	var results []Result
	var failed []string
	for _, s := range sources {
		if u, ok := overrides[s.Name]; ok {
			s.URL = u
		}
		r := fetchOne(ctx, client, dir, s)
		if r.Error != "" {
			failed = append(failed, s.Name)
		}
		results = append(results, r)
	}
	if err := writeManifest(dir, results); err != nil {
		return results, err
	}
	if len(failed) > 0 {
		return results, fmt.Errorf("refdata: %d of %d sources failed, previous files kept: %s", len(failed), len(sources), strings.Join(failed, ", "))
	}
	return results, nil
}

func known(sources []Source, name string) bool {
	for _, s := range sources {
		if s.Name == name {
			return true
		}
	}
	return false
}

func fetchOne(ctx context.Context, client *http.Client, dir string, s Source) Result {
	r := Result{Name: s.Name, URL: s.URL, Path: s.Path, FetchedAt: time.Now().UTC()}
	fail := func(err error) Result { r.Error = err.Error(); return r }
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
	if err != nil {
		return fail(err)
	}
	req.Header.Set("User-Agent", "dualuse-refdata/1 (+export-control screening)")
	resp, err := client.Do(req)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fail(fmt.Errorf("%s answered %s", s.URL, resp.Status))
	}
	dest := filepath.Join(dir, filepath.FromSlash(s.Path))
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fail(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".fetch-*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	h := sha256.New()
	head := &prefixWriter{max: 512}
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(resp.Body, MaxBytes+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return fail(fmt.Errorf("downloading %s: %w", s.URL, err))
	case n > MaxBytes:
		return fail(fmt.Errorf("%s is larger than %d bytes", s.URL, MaxBytes))
	case n == 0:
		return fail(fmt.Errorf("%s sent an empty file", s.URL))
	}
	if err := sniff(s.Format, head.b); err != nil {
		return fail(fmt.Errorf("%s: %w", s.URL, err))
	}
	r.Bytes, r.SHA256 = n, hex.EncodeToString(h.Sum(nil))
	if old, err := fileHash(dest); err != nil || old != r.SHA256 {
		r.Changed = true
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return fail(err)
	}
	return r
}

// prefixWriter keeps the first bytes written.
type prefixWriter struct {
	b   []byte
	max int
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	if room := p.max - len(p.b); room > 0 {
		p.b = append(p.b, b[:min(room, len(b))]...)
	}
	return len(b), nil
}

// sniff refuses what is plainly not the expected format, such as the HTML
// error or consent page a portal sends instead of the file.
func sniff(format string, head []byte) error {
	h := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))))
	isHTML := bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html"))
	gz := len(head) > 2 && head[0] == 0x1f && head[1] == 0x8b
	if isHTML {
		return fmt.Errorf("received an HTML page, not %s data", format)
	}
	switch format {
	case "zip":
		if !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
			return errors.New("not a ZIP archive")
		}
	case "xml":
		if !bytes.HasPrefix(h, []byte("<")) && !gz {
			return errors.New("not an XML document")
		}
	}
	return nil
}

func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeManifest(dir string, results []Result) error {
	rs := append([]Result(nil), results...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
	b, err := json.MarshalIndent(map[string]any{"sources": rs}, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, ManifestFile+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("refdata: writing manifest: %w", err)
	}
	return os.Rename(tmp, filepath.Join(dir, ManifestFile))
}
