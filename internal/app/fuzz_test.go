package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/datatest"
)

// fuzzRoute is a state-changing route a fuzz target sends bodies to.
type fuzzRoute struct{ method, path string }

// fuzzBodies opens the app before fuzzing (under coverage instrumentation
// its start takes seconds, and the fuzzing engine counts an input that runs
// 10 s as hung), signs in as email, and then sends every input to one of the
// routes: the answer is never a server error, an error carries a message,
// and a refused body writes nothing to the audit trail.
func fuzzBodies(f *testing.F, email string, seeds []string, routes func(a *app.App, tok string) []fuzzRoute) {
	for _, seed := range seeds {
		for route := range 4 {
			f.Add(uint8(route), seed)
		}
	}
	a, err := app.Open(context.Background(), app.Config{DSN: "sqlite:" + filepath.Join(f.TempDir(), "fuzz.db"), DataDir: datatest.Dir(f), Demo: true, ListPaths: testLists(f)}, slog.New(slog.DiscardHandler))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { a.Close() })
	u, err := a.Accounts.SignIn(context.Background(), email, demoPassword(email), "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	tok, err := a.Accounts.IssueCredential(context.Background(), u, "token")
	if err != nil {
		f.Fatal(err)
	}
	rs := routes(a, tok)
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		rt := rs[int(route)%len(rs)]
		before, err := a.DB.VerifyAudit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(rt.method, rt.path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %s", rt.method, rt.path, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			if !strings.Contains(rec.Body.String(), `"message"`) {
				t.Fatalf("error without a message: %s", rec.Body)
			}
			if after, err := a.DB.VerifyAudit(context.Background()); err != nil || after != before {
				t.Fatalf("%s %s %q refused (%d) but the audit trail grew %d -> %d (err %v)", rt.method, rt.path, body, rec.Code, before, after, err)
			}
		}
		if rec.Code == http.StatusCreated && rt.path == "/api/v1/products" && !strings.Contains(rec.Body.String(), `"id":"prd_`) {
			t.Fatalf("created without an id: %s", rec.Body)
		}
	})
}

// FuzzAdminBodies fuzzes the administration routes as an admin.
func FuzzAdminBodies(f *testing.F) {
	fuzzBodies(f, "admin@dualuse.example", []string{
		`{"kind":"exporter","name":"Fuzz GmbH","country":"DE"}`,
		`{"email":"f@x.example","role":"exporter","organisation":"Nordlicht Optics GmbH (demo)","password":"a long enough password"}`,
		`{"email":"admin@dualuse.example","password":"demo-admin-password"}`,
		`{"kind":1}`, `[]`, `null`, `{"name":"\u0000"}`, `{"country":"` + strings.Repeat("D", 5000) + `"}`,
	}, func(*app.App, string) []fuzzRoute {
		return []fuzzRoute{{"POST", "/api/v1/organisations"}, {"POST", "/api/v1/users"}, {"POST", "/api/v1/tokens"}}
	})
}

// FuzzExporterBodies fuzzes the exporter's routes: products, their
// classifications, screening and the licence determination.
func FuzzExporterBodies(f *testing.F) {
	assessment := `"art_2_20_assessment":{"specially_designed":true,"specially_designed_reason":"a","covert":false,"covert_reason":"b","natural_persons":true,"natural_persons_reason":"c","ict_data":true,"ict_data_reason":"d"}`
	fuzzBodies(f, "export@nordlicht.example", []string{
		`{"name":"Fuzz probe","description":"An IP probe.","parameters":{"Power":"1 W"}}`,
		`{"name":"x","description":"y","parameters":{"":""}}`,
		`{"code":"5A001.j","rationale":"IP network surveillance"}`,
		`{"code":"not-listed","rationale":"r",` + assessment + `}`,
		`{"code":"5A001.j","rationale":"r",` + assessment + `}`,
		`{"code":"not-listed","rationale":"r","art_2_20_assessment":{"assessor":"someone@else.example"}}`,
		`{"code":"5A001.j","rationale":"r","list_version":"eu-annex-i/2025-11"}`,
		`{"parameters":{"a":"` + strings.Repeat("b", 600) + `"}}`,
		`{"name":"Kim Yong Chol","type":"person","birth_date":"1962-02-18"}`,
		`{"parties":[{"name":"a"},{"name":"","type":"ship"}]}`,
		`{"item":"5A001.j","destination":"AE","end_user_type":"police"}`,
		`{"item":"not-listed","cyber_surveillance":true,"destination":"XX","aware":true}`,
		`{"name":"\u0000","description":"\t"}`, `{"code":"` + strings.Repeat("5", 50) + `"}`, `[]`, `null`, `{}`,
	}, func(a *app.App, tok string) []fuzzRoute {
		u, err := a.Accounts.Authenticate(context.Background(), "token", tok)
		if err != nil {
			f.Fatal(err)
		}
		ps, err := a.Products.List(context.Background(), u.Principal())
		if err != nil || len(ps) == 0 {
			f.Fatalf("demo products: %d (err %v)", len(ps), err)
		}
		id := ps[0].ID
		return []fuzzRoute{
			{"POST", "/api/v1/products"},
			{"PUT", "/api/v1/products/" + id},
			{"POST", "/api/v1/products/" + id + "/classifications"},
			{"POST", "/api/v1/screen"},
			{"POST", "/api/v1/determinations"},
		}
	})
}
