// Package controllisttest makes control-list fixtures for tests from the
// real Annex I file.
package controllisttest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteNewer writes a copy of the real Annex I as version 2026-05, with
// the 5A001.j text amended and 5A004 removed, and returns its path.
func WriteNewer(t testing.TB, real string) string {
	t.Helper()
	b, err := os.ReadFile(real)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Metadata map[string]any   `json:"metadata"`
		Entries  []map[string]any `json:"entries"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	f.Metadata["version"] = "2026-05"
	const old = "carrier class Internet Protocol (IP) network"
	amended := false
	var kept []map[string]any
	for _, e := range f.Entries {
		code, _ := e["code"].(string)
		if code == "5A004" || strings.HasPrefix(code, "5A004.") {
			continue
		}
		if text, _ := e["full_content"].(string); strings.Contains(text, old) {
			e["full_content"] = strings.Replace(text, old, "carrier class or enterprise Internet Protocol (IP) network", 1)
			amended = true
		}
		kept = append(kept, e)
	}
	if !amended {
		t.Fatalf("no record holds %q", old)
	}
	f.Entries = kept
	f.Metadata["entry_count"] = len(kept)
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "annex_i_en_2026-05.json")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
