package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screenfile"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func testdata(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "screening", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScreenCommandOutput(t *testing.T) {
	un := datatest.Path(t, "sanctions", "un_sc_consolidated")
	sdn := datatest.Path(t, "sanctions", "ofac_sdn_2021-07")
	for _, tc := range []struct {
		input string
		want  []struct {
			id       string
			hasMatch bool
			hasError bool
		}
	}{
		{"parties.csv", []struct {
			id       string
			hasMatch bool
			hasError bool
		}{{"p1", true, false}, {"p2", true, false}, {"bad1", false, true}, {"p3", false, false}, {"bad2", false, true}}},
		{"parties.jsonl", []struct {
			id       string
			hasMatch bool
			hasError bool
		}{{"j1", true, false}, {"j2", true, false}, {"line 3", false, true}, {"j3", true, false}}},
	} {
		t.Run(tc.input, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.jsonl")
			code, _, stderr := runCLI(t, "screen", "--lists", un, "--lists", sdn, "--input", testdata(t, tc.input), "--output", out, "--limit", "3")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			if len(lines) != len(tc.want) {
				t.Fatalf("got %d output lines, want %d:\n%s", len(lines), len(tc.want), data)
			}
			for i, w := range tc.want {
				var o screenfile.Result
				if err := json.Unmarshal([]byte(lines[i]), &o); err != nil {
					t.Fatal(err)
				}
				if o.ID != w.id || (len(o.Matches) > 0) != w.hasMatch || (o.Error != "") != w.hasError {
					t.Errorf("line %d = %s; want id %s, match %v, error %v", i+1, lines[i], w.id, w.hasMatch, w.hasError)
				}
				if len(o.Matches) > 3 {
					t.Errorf("line %d has %d matches, limit is 3", i+1, len(o.Matches))
				}
				for k := 1; k < len(o.Matches); k++ {
					if o.Matches[k].Score > o.Matches[k-1].Score {
						t.Errorf("line %d: matches not best first", i+1)
					}
				}
			}
		})
	}
}

func TestScreenCommandTable(t *testing.T) {
	code, stdout, stderr := runCLI(t, "screen", "--lists", datatest.Path(t, "sanctions", "un_sc_consolidated"), "ABDULHAI SALEK")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "un_sc") || !strings.Contains(stdout, "111209") {
		t.Errorf("table lacks the UN listing:\n%s", stdout)
	}
}

func TestScreenCommandUsage(t *testing.T) {
	for _, args := range [][]string{
		{"screen", "Someone"},
		{"screen", "--lists", "x", "--threshold", "2", "Someone"},
		{"screen", "--lists", "x"},
		{"screen", "--lists", "x", "--limit", "0", "Someone"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
