package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
)

// runCmd runs the CLI in-process and returns exit code, stdout and stderr.
func runCmd(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := Run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestClassify(t *testing.T) {
	t.Parallel()
	data := datatest.Dir(t)
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"table", nil, []string{"classify", "--data", data, "--limit", "2", "IMSI catcher"}, 0, "5A001.f.2", ""},
		{"data from env", map[string]string{"DUALUSE_DATA": data}, []string{"classify", "5A001.j"}, 0, "5A001.j", ""},
		{"unlisted notice", nil, []string{"classify", "--data", data, "facial recognition for CCTV"}, 0, "Art. 5", ""},
		{"unknown code", nil, []string{"classify", "--data", data, "5A001.q"}, 1, "", "closest valid codes"},
		{"no text", nil, []string{"classify", "--data", data}, 2, "", "description"},
		{"bad limit", nil, []string{"classify", "--data", data, "--limit", "0", "x"}, 2, "", "--limit"},
		{"missing file", nil, []string{"classify", "--data", t.TempDir(), "x"}, 1, "", "reading control list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, tc.env, tc.args...)
			if code != tc.code || !strings.Contains(out, tc.stdout) || !strings.Contains(errs, tc.stderr) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
		})
	}
}

func TestClassifyJSON(t *testing.T) {
	t.Parallel()
	code, out, errs := runCmd(t, nil, "classify", "--data", datatest.Dir(t), "--json", "--limit", "3",
		"nationwide deep packet inspection system indexing intercepted e-mails")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Results []struct {
			Code              string  `json:"code"`
			Heading           string  `json:"heading"`
			Score             float64 `json:"score"`
			CyberSurveillance bool    `json:"cyber_surveillance"`
			ListVersion       string  `json:"list_version"`
			Why               string  `json:"why"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) == 0 || !strings.HasPrefix(got.Results[0].Code, "5A001.j") || !got.Results[0].CyberSurveillance ||
		got.Results[0].Score <= 0 || got.Results[0].Heading == "" || got.Results[0].Why == "" || got.Results[0].ListVersion == "" {
		t.Errorf("results %+v", got.Results)
	}
}
