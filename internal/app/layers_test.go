package app_test

import (
	"os/exec"
	"strings"
	"testing"
)

// domain packages hold the rules; they never reach for HTTP, SQL or the
// adapters. Sub-packages count as their parent.
var domain = []string{"account", "apperr", "audit", "auth", "controllist", "country", "demo", "determination", "product", "screening"}

// bad lists, for each kind of package, the imports it must not have.
var bad = map[string][]string{
	"domain": {"net/http", "database/sql", "html/template", "internal/store", "internal/api", "internal/web", "internal/server", "internal/app", "internal/cli", "internal/httpjson", "github.com/jackc/pgx", "modernc.org/sqlite"},
	// The transports call domain services and never the database directly.
	"transport": {"internal/store", "database/sql", "internal/app", "internal/cli"},
	// Storage implements the domain's interfaces and knows nothing of transports.
	"store": {"net/http", "internal/api", "internal/web", "internal/server", "internal/app", "internal/cli"},
}

func kindOf(pkg string) string {
	rel, ok := strings.CutPrefix(pkg, "github.com/dualuse/dualuse/internal/")
	if !ok {
		return ""
	}
	top, _, _ := strings.Cut(rel, "/")
	switch top {
	case "api", "web", "server", "httpjson":
		return "transport"
	case "store":
		return "store"
	}
	for _, d := range domain {
		if top == d {
			return "domain"
		}
	}
	return ""
}

// TestImportRules enforces the layering described in docs/design.md.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "github.com/dualuse/dualuse/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		kind := kindOf(f[0])
		if kind == "" {
			continue
		}
		checked++
		for _, imp := range f[1:] {
			for _, b := range bad[kind] {
				if imp == b || strings.HasPrefix(imp, b+"/") || strings.HasSuffix(imp, "/"+b) || strings.Contains(imp, "/"+b+"/") {
					t.Errorf("%s (%s) imports %s", f[0], kind, imp)
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d packages checked", checked)
	}
}
