package cli_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
)

// lists update downloads every list from its publisher (a local server here),
// keeps versions, holds back nothing that is whole, and diffs versions.
func TestListsUpdateStatusDiff(t *testing.T) {
	data := datatest.Dir(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(data)))
	defer srv.Close()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	sources := func(over map[string]string) []string {
		var args []string
		for name, u := range datatest.PublisherURLs(srv.URL) {
			if o, ok := over[name]; ok {
				u = o
			}
			args = append(args, "--source", name+"="+u)
		}
		return args
	}
	// First: the 2019 OFAC SDN set, and the UK list's address answers 404.
	old := map[string]string{"uk_fcdo": srv.URL + "/nowhere.csv"}
	for _, f := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		old["us_ofac_sdn/"+f] = srv.URL + "/sanctions/ofac_sdn_2019-01/" + f
	}
	code, out, errOut := run(t, "", append([]string{"lists", "update", "--db", dsn}, sources(old)...)...)
	if code == 0 || !strings.Contains(errOut, "uk_fcdo") || !strings.Contains(out, "us_ofac_sdn") || !strings.Contains(out, "un_sc") {
		t.Fatalf("first update: exit %d\n%s\n%s", code, out, errOut)
	}
	if !regexp.MustCompile(`us_ofac_sdn\s+new`).MatchString(out) {
		t.Errorf("first update output:\n%s", out)
	}
	// Then: the 2021 set; UK comes back.
	code, out, errOut = run(t, "", append([]string{"lists", "update", "--db", dsn}, sources(nil)...)...)
	if code != 0 || !regexp.MustCompile(`us_ofac_sdn\s+active`).MatchString(out) || !regexp.MustCompile(`un_sc\s+unchanged`).MatchString(out) || !regexp.MustCompile(`uk_ofsi\s+new`).MatchString(out) {
		t.Fatalf("second update: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "lists", "status", "--db", dsn)
	if code != 0 || !regexp.MustCompile(`us_ofac_sdn\s+superseded\s+7379`).MatchString(out) || !regexp.MustCompile(`us_ofac_sdn\s+active\s+8976`).MatchString(out) {
		t.Errorf("status:\n%s", out)
	}
	code, out, errOut = run(t, "", "lists", "diff", "--db", dsn, "--source-list", "us_ofac_sdn")
	if code != 0 || !strings.Contains(out, "1858 added, 261 removed") || !strings.Contains(out, "\n+ ") || !strings.Contains(out, "\n- ") {
		t.Errorf("diff: exit %d %.600s %s", code, out, errOut)
	}
}
