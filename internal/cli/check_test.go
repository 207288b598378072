package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	data := datatest.Dir(t)
	for _, tc := range []struct {
		name         string
		args         []string
		code         int
		licence      bool
		notification bool
		stderr       string
	}{
		{"listed with EU001", []string{"--item", "5A001.j", "--destination", "US", "--end-user-type", "commercial"}, 0, false, false, ""},
		{"listed needs licence", []string{"--item", "4A005", "--destination", "AE"}, 0, true, false, ""},
		{"Art. 5 informed", []string{"--item", "not-listed", "--cyber-surveillance", "--destination", "EG", "--informed"}, 0, true, false, ""},
		{"Art. 5 aware", []string{"--item", "not-listed", "--cyber-surveillance", "--destination", "EG", "--aware"}, 0, false, true, ""},
		{"unknown code", []string{"--item", "5A001.q", "--destination", "US"}, 1, false, false, "closest valid codes"},
		{"unknown country", []string{"--item", "5A001.j", "--destination", "XX"}, 1, false, false, "closest"},
		{"bad end user", []string{"--item", "5A001.j", "--destination", "US", "--end-user-type", "pirate"}, 1, false, false, "end_user_type"},
		{"no item", []string{"--destination", "US"}, 2, false, false, "--item"},
		{"no destination", []string{"--item", "5A001.j"}, 2, false, false, "--destination"},
		{"stray argument", []string{"--item", "5A001.j", "--destination", "US", "extra"}, 2, false, false, "unexpected"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"check", "--data", data, "--json"}, tc.args...)
			code, out, errs := runCmd(t, nil, args...)
			if code != tc.code || !strings.Contains(errs, tc.stderr) {
				t.Fatalf("exit %d (want %d): %s", code, tc.code, errs)
			}
			if code != 0 {
				return
			}
			var r map[string]any
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"licence_required", "notification_required", "grounds", "general_authorisations", "next_steps"} {
				if _, ok := r[k]; !ok {
					t.Errorf("JSON lacks %q", k)
				}
			}
			if r["licence_required"] != tc.licence || r["notification_required"] != tc.notification {
				t.Errorf("licence %v notification %v", r["licence_required"], r["notification_required"])
			}
		})
	}
}

func TestCheckText(t *testing.T) {
	t.Parallel()
	code, out, errs := runCmd(t, nil, "check", "--data", datatest.Dir(t), "--item", "5A002.a.2", "--destination", "BR",
		"--end-user-type", "commercial", "--screening-hit", "ACME")
	if code != 0 || !strings.Contains(out, "EU008 USABLE") || !strings.Contains(out, "Export held: YES") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
}
