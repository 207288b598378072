package cli_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/controllist/controllisttest"
	"github.com/dualuse/dualuse/internal/datatest"
)

// `products reclassify` diffs the real Annex I with an amended copy and
// opens a task for each demo product under a changed or removed entry, once.
func TestProductsReclassify(t *testing.T) {
	data := datatest.Dir(t)
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	a, err := app.Open(context.Background(), app.Config{DSN: dsn, DataDir: data, Demo: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	real := filepath.Join(data, controllist.AnnexIPath)
	newer := controllisttest.WriteNewer(t, real)

	code, out, errOut := run(t, "", "products", "reclassify", "--db", dsn, "--data", data, "--old", real, "--new", newer)
	if code != 0 {
		t.Fatalf("reclassify: %d %s %s", code, out, errOut)
	}
	for _, want := range []string{
		"control list eu-annex-i/2025-11 → eu-annex-i/2026-05: 0 added,",
		"opened 2 re-classification task(s)",
		`"Sentinel IP-7 network probe (demo)"  5A001.j`,
		`"MobileXtract forensic kit (demo)"    5A004.b`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^changed\s+5A001\.j\S*\s+.*\{\+or enterprise\+\}`).MatchString(out) {
		t.Errorf("no word diff for 5A001.j:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^removed\s+5A004\.b\s`).MatchString(out) {
		t.Errorf("5A004.b not removed:\n%s", out)
	}

	// The owning exporter sees its open task; running again opens none.
	a, err = app.Open(context.Background(), app.Config{DSN: dsn, DataDir: data, Demo: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	u, err := a.DB.UserByEmail(context.Background(), "export@nordlicht.example")
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := a.Products.Tasks(context.Background(), u.Principal(), true)
	if err != nil || len(tasks) != 1 || tasks[0].Reason != "changed" || tasks[0].NewVersion != "eu-annex-i/2026-05" {
		t.Errorf("Nordlicht's open tasks = %+v (err %v)", tasks, err)
	}
	if code, out, errOut := run(t, "", "products", "reclassify", "--db", dsn, "--data", data, "--old", real, "--new", newer); code != 0 || !strings.Contains(out, "opened 0 re-classification task(s)") {
		t.Errorf("second run: %d %s %s", code, out, errOut)
	}
	all, err := a.Products.Tasks(context.Background(), auth.System(), false)
	if err != nil || len(all) != 2 {
		t.Errorf("tasks after two runs = %d (err %v)", len(all), err)
	}
	if code, out, _ := run(t, "", "audit", "verify", "--db", dsn); code != 0 {
		t.Errorf("audit verify: %d %s", code, out)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"products", "reclassify", "--db", dsn, "--data", data}, "--old FILE is required"},
		{[]string{"products", "reclassify", "--db", dsn, "--data", data, "--old", real}, "both files are version eu-annex-i/2025-11"},
		{[]string{"products", "list"}, "unknown subcommand"},
	} {
		if code, _, errOut := run(t, "", tc.args...); code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: %d %q, want exit 2 saying %q", tc.args, code, errOut, tc.want)
		}
	}
}
