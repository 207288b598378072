package controllist_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/controllist"
)

// relevanceCase is one query of a relevance file with its expected codes.
type relevanceCase struct {
	line  int
	query string
	want  []string
}

// readRelevance parses the relevance file format (see
// testdata/controllist/relevance.txt).
func readRelevance(t *testing.T, path string) []relevanceCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []relevanceCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case line[0] == '\t' || line[0] == ' ':
			if len(cases) == 0 {
				t.Fatalf("%s:%d: expected codes before any query", path, n)
			}
			c := &cases[len(cases)-1]
			c.want = append(c.want, strings.Fields(line)...)
		default:
			cases = append(cases, relevanceCase{line: n, query: strings.TrimSpace(line)})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if len(c.want) == 0 {
			t.Fatalf("%s:%d: query without expected codes", path, c.line)
		}
	}
	return cases
}

// hit reports whether a result code satisfies an expected code.
func hit(want, got string) bool {
	return controllist.Covers(want, got) || strings.Contains(got, ".") && controllist.Covers(got, want)
}

// relevanceFile is the file the test reads; RELEVANCE_FILE points it at
// another one (a held-out set) in the same format.
func relevanceFile() string {
	if p := os.Getenv("RELEVANCE_FILE"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "testdata", "controllist", "relevance.txt")
}

// TestRelevance prints top-1 and top-3 accuracy over the relevance file and
// fails when top-3 accuracy is below 0.85.
func TestRelevance(t *testing.T) {
	list := loadEU(t)
	ix := controllist.NewIndex(list)
	cases := readRelevance(t, relevanceFile())
	if len(cases) < 60 && os.Getenv("RELEVANCE_FILE") == "" {
		t.Errorf("relevance file has %d cases, want at least 60", len(cases))
	}
	top1, top3 := 0, 0
	for _, c := range cases {
		resp, err := ix.Search(controllist.Query{Text: c.query, Limit: 3})
		if err != nil {
			t.Errorf("line %d: %v", c.line, err)
			continue
		}
		var got []string
		for _, r := range resp.Results {
			got = append(got, r.Code)
		}
		found := -1
		for i, g := range got {
			for _, w := range c.want {
				if w != "not-listed" && !list.Has(w) {
					t.Errorf("line %d: expected code %s is not in the list", c.line, w)
				}
				if found < 0 && hit(w, g) {
					found = i
				}
			}
		}
		for _, w := range c.want {
			if w == "not-listed" && len(resp.Unlisted) > 0 {
				found = 0
			}
		}
		switch {
		case found == 0:
			top1++
			top3++
		case found > 0:
			top3++
		default:
			t.Logf("miss line %d: %q want %v got %v", c.line, c.query, c.want, got)
		}
	}
	acc1 := float64(top1) / float64(len(cases))
	acc3 := float64(top3) / float64(len(cases))
	t.Logf("relevance: %d cases, top-1 accuracy %.3f, top-3 accuracy %.3f", len(cases), acc1, acc3)
	if acc3 < 0.85 {
		t.Errorf("top-3 accuracy %.3f is below 0.85", acc3)
	}
}
