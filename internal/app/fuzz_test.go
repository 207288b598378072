package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/datatest"
)

// FuzzAPIBodies sends arbitrary bodies to every state-changing API route as
// an admin: the answer is never a server error, and a refused body writes
// nothing to the audit trail.
func FuzzAPIBodies(f *testing.F) {
	for _, seed := range []string{
		`{"kind":"exporter","name":"Fuzz GmbH","country":"DE"}`,
		`{"email":"f@x.example","role":"exporter","organisation":"Nordlicht Optics GmbH (demo)","password":"a long enough password"}`,
		`{"email":"admin@dualuse.example","password":"demo-admin-password"}`,
		`{"kind":1}`, `[]`, `null`, `{"name":"\u0000"}`, `{"country":"` + strings.Repeat("D", 5000) + `"}`,
	} {
		for route := range 3 {
			f.Add(uint8(route), seed)
		}
	}
	dir, data := f.TempDir(), datatest.Dir(f)
	var (
		once sync.Once
		h    http.Handler
		tok  string
	)
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		once.Do(func() {
			a, err := app.Open(context.Background(), app.Config{DSN: "sqlite:" + filepath.Join(dir, "fuzz.db"), DataDir: data, Demo: true}, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			h = a.Handler
			u, err := a.Accounts.SignIn(context.Background(), "admin@dualuse.example", "demo-admin-password", "fuzz")
			if err != nil {
				t.Fatal(err)
			}
			if tok, err = a.Accounts.IssueCredential(context.Background(), u, "token"); err != nil {
				t.Fatal(err)
			}
		})
		paths := []string{"/api/v1/organisations", "/api/v1/users", "/api/v1/tokens"}
		req := httptest.NewRequest("POST", paths[int(route)%len(paths)], strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %s %q: %d %s", req.URL.Path, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && !strings.Contains(rec.Body.String(), `"message"`) {
			t.Fatalf("error without a message: %s", rec.Body)
		}
	})
}
