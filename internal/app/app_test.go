package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/controllist/controllisttest"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/demo"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

// fixture is a running dualuse on a fresh database with the demo data set.
type fixture struct {
	app *app.App
	srv *httptest.Server
}

// testLists are the sanctions lists the end-to-end tests load: the UN list,
// small enough to load in a moment.
func testLists(t testing.TB) []string {
	return []string{datatest.Path(t, "sanctions", "un_sc_consolidated")}
}

func start(t *testing.T, dsn string) *fixture { return startB(t, dsn) }

func startB(t testing.TB, dsn string) *fixture {
	t.Helper()
	a, err := app.Open(context.Background(), app.Config{DSN: dsn, DataDir: datatest.Dir(t), Demo: true, ListPaths: testLists(t)}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() { srv.Close(); a.Close() })
	return &fixture{app: a, srv: srv}
}

func (f *fixture) do(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (f *fixture) token(t *testing.T, email, password string) string {
	t.Helper()
	code, body := f.do(t, "POST", "/api/v1/tokens", "", fmt.Sprintf(`{"email":%q,"password":%q}`, email, password))
	if code != http.StatusCreated {
		t.Fatalf("token for %s: %d %s", email, code, body)
	}
	var tok struct{ Token string }
	json.Unmarshal([]byte(body), &tok)
	return tok.Token
}

// session signs in through the web form and returns the session cookie.
func (f *fixture) session(t *testing.T, email, password string) *http.Cookie {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(f.srv.URL+"/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "dualuse_session" {
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("session cookie not HttpOnly/SameSite: %+v", c)
			}
			return c
		}
	}
	t.Fatalf("no session cookie for %s (status %d)", email, resp.StatusCode)
	return nil
}

func demoPassword(email string) string {
	for _, a := range demo.Accounts {
		if a.Email == email {
			return a.Password
		}
	}
	panic("no demo account " + email)
}

// The callers of the matrix: one per role, with the demo organisations as
// "own" (same organisation, or same member state for authority staff) and
// "other" (another organisation in another member state).
var callers = []struct {
	role, email string
}{
	{"anonymous", ""},
	{"exporter", "export@nordlicht.example"}, // Nordlicht (DE)
	{"officer", "officer@bafa.example"},      // DE authority
	{"supervisor", "supervisor@bafa.example"},
	{"commission", "analyst@commission.example"},
	{"admin", "admin@dualuse.example"},
}

// want is the expected status for own and other resources, per role, in the
// order of callers. Routes without an {id} use the same status for both.
type want map[string][2]int

func both(s int) [2]int { return [2]int{s, s} }

// apiMatrix is the API's authorisation contract: every route must be here.
var apiMatrix = map[string]struct {
	body string
	want want
	// query is appended to the path.
	query string
}{
	"POST /api/v1/tokens":                    {`{}`, want{"anonymous": both(400), "exporter": both(400), "officer": both(400), "supervisor": both(400), "commission": both(400), "admin": both(400)}, ""},
	"DELETE /api/v1/tokens/current":          {"", want{"anonymous": both(401), "exporter": both(204), "officer": both(204), "supervisor": both(204), "commission": both(204), "admin": both(204)}, ""},
	"GET /api/v1/me":                         {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"GET /api/v1/countries":                  {"", want{"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"GET /api/v1/organisations":              {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"POST /api/v1/organisations":             {`{"kind":"exporter","name":"Matrix Org %s","country":"IT"}`, want{"anonymous": both(401), "exporter": both(403), "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(201)}, ""},
	"GET /api/v1/organisations/{id}":         {"", want{"anonymous": both(401), "exporter": {200, 404}, "officer": {200, 404}, "supervisor": {200, 404}, "commission": both(200), "admin": both(200)}, ""},
	"GET /api/v1/organisations/{id}/history": {"", want{"anonymous": both(401), "exporter": both(403), "officer": {200, 404}, "supervisor": {200, 404}, "commission": both(403), "admin": both(200)}, ""},
	"GET /api/v1/controllist/search":         {"", want{"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, "?q=IP+network+surveillance"},
	"GET /api/v1/controllist/tree":           {"", want{"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"GET /api/v1/controllist/entries/{code}": {"", want{"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"POST /api/v1/determinations":            {`{"item":"5A001.j","destination":"AE"}`, want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"POST /api/v1/screen":                    {`{"name":"Kim Yong Chol"}`, want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"GET /api/v1/screening/lists":            {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, ""},
	"GET /api/v1/screening/listings":         {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)}, "?source=un_sc&id=6908511"},
	"GET /api/v1/screening/hits":             {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(403), "admin": both(200)}, ""},
	"GET /api/v1/users":                      {"", want{"anonymous": both(401), "exporter": both(403), "officer": both(403), "supervisor": both(200), "commission": both(403), "admin": both(200)}, ""},
	"POST /api/v1/users":                     {`{"email":"matrix-%s@x.example","role":"exporter","organisation":"Aurora Biometrics Oy (demo)","password":"a long enough password"}`, want{"anonymous": both(401), "exporter": both(403), "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(201)}, ""},

	// The product registry: own is a Nordlicht (DE) product, other a Vantage (NL) one (see idsFor).
	"GET /api/v1/products":                       {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(403), "admin": both(200)}, ""},
	"POST /api/v1/products":                      {`{"name":"Matrix product %s","description":"Made by the matrix test.","parameters":{"Power":"1 W"}}`, want{"anonymous": both(401), "exporter": both(201), "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)}, ""},
	"GET /api/v1/products/{id}":                  {"", want{"anonymous": both(401), "exporter": {200, 404}, "officer": {200, 404}, "supervisor": {200, 404}, "commission": both(403), "admin": both(200)}, ""},
	"PUT /api/v1/products/{id}":                  {`{"name":"Renamed by %s","description":"Edited by the matrix test."}`, want{"anonymous": both(401), "exporter": {200, 404}, "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)}, ""},
	"POST /api/v1/products/{id}/classifications": {`{"code":"5A001.j","rationale":"Matrix test %s."}`, want{"anonymous": both(401), "exporter": {201, 404}, "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)}, ""},
	"GET /api/v1/reclassification-tasks":         {"", want{"anonymous": both(401), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(403), "admin": both(200)}, ""},
}

// webMatrix is the same contract for the HTML pages (303 = sent to sign in).
var webMatrix = map[string]want{
	"GET /{$}":                {"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"GET /signin":             {"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"POST /signin":            {"anonymous": both(401), "exporter": both(401), "officer": both(401), "supervisor": both(401), "commission": both(401), "admin": both(401)},
	"POST /signout":           {"anonymous": both(303), "exporter": both(303), "officer": both(303), "supervisor": both(303), "commission": both(303), "admin": both(303)},
	"GET /account":            {"anonymous": both(303), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"GET /organisations":      {"anonymous": both(303), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"GET /controllist":        {"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"GET /controllist/{code}": {"anonymous": both(200), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"GET /licence-check":      {"anonymous": both(303), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"GET /screening":          {"anonymous": both(303), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(200), "admin": both(200)},
	"POST /screening/upload":  {"anonymous": both(401), "exporter": both(400), "officer": both(400), "supervisor": both(400), "commission": both(400), "admin": both(400)},
	"GET /screening/listing":  {"anonymous": both(303), "exporter": both(400), "officer": both(400), "supervisor": both(400), "commission": both(400), "admin": both(400)},
	"GET /organisations/{id}": {"anonymous": both(303), "exporter": {200, 404}, "officer": {200, 404}, "supervisor": {200, 404}, "commission": both(200), "admin": both(200)},

	"GET /products":                       {"anonymous": both(303), "exporter": both(200), "officer": both(200), "supervisor": both(200), "commission": both(403), "admin": both(200)},
	"GET /products/new":                   {"anonymous": both(303), "exporter": both(200), "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)},
	"POST /products":                      {"anonymous": both(401), "exporter": both(400), "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)},
	"GET /products/{id}":                  {"anonymous": both(303), "exporter": {200, 404}, "officer": {200, 404}, "supervisor": {200, 404}, "commission": both(403), "admin": both(200)},
	"GET /products/{id}/edit":             {"anonymous": both(303), "exporter": {200, 404}, "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)},
	"POST /products/{id}/edit":            {"anonymous": both(401), "exporter": {400, 404}, "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)},
	"POST /products/{id}/classifications": {"anonymous": both(401), "exporter": {400, 404}, "officer": both(403), "supervisor": both(403), "commission": both(403), "admin": both(403)},
}

func TestAuthorizationMatrix(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	ctx := context.Background()
	nordlicht, err := f.app.DB.OrgByName(ctx, "Nordlicht Optics GmbH (demo)")
	if err != nil {
		t.Fatal(err)
	}
	vantage, err := f.app.DB.OrgByName(ctx, "Vantage Signal Systems B.V. (demo)")
	if err != nil {
		t.Fatal(err)
	}
	ids := [2]string{fmt.Sprint(nordlicht.ID), fmt.Sprint(vantage.ID)}
	pids := demoProductIDs(t, f, nordlicht.ID, vantage.ID)

	tokens, sessions := map[string]string{}, map[string]*http.Cookie{}
	for _, c := range callers {
		if c.email != "" {
			tokens[c.role] = f.token(t, c.email, demoPassword(c.email))
			sessions[c.role] = f.session(t, c.email, demoPassword(c.email))
		}
	}

	t.Run("api", func(t *testing.T) {
		var served []string
		for _, rt := range f.app.API.Routes() {
			key := rt.Method + " " + rt.Path
			served = append(served, key)
			m, ok := apiMatrix[key]
			if !ok {
				t.Errorf("route %s has no row in the authorisation matrix", key)
				continue
			}
			for _, c := range callers {
				for i, which := range []string{"own", "other"} {
					tok := tokens[c.role]
					if c.email != "" && rt.Method == "DELETE" { // revokes it: use a fresh one
						tok = f.token(t, c.email, demoPassword(c.email))
					}
					body := m.body
					if strings.Contains(body, "%s") {
						body = fmt.Sprintf(body, c.role+which)
					}
					path := strings.ReplaceAll(strings.ReplaceAll(rt.Path, "{id}", idsFor(rt.Path, ids, pids)[i]), "{code}", "5A001.j") + m.query
					code, resp := f.do(t, rt.Method, path, tok, body)
					if w := m.want[c.role][i]; code != w {
						t.Errorf("%s as %s (%s): %d, want %d: %s", key, c.role, which, code, w, resp)
					}
					if code >= 400 && !strings.Contains(resp, `"error"`) {
						t.Errorf("%s as %s: error without JSON error body: %s", key, c.role, resp)
					}
				}
			}
		}
		for key := range apiMatrix {
			if !slices.Contains(served, key) {
				t.Errorf("matrix row %s names no served route", key)
			}
		}
	})

	t.Run("web", func(t *testing.T) {
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, p := range f.app.Web.Pages() {
			m, ok := webMatrix[p.Pattern]
			if !ok {
				t.Errorf("page %s has no row in the authorisation matrix", p.Pattern)
				continue
			}
			method, path, _ := strings.Cut(p.Pattern, " ")
			path = strings.ReplaceAll(strings.TrimSuffix(path, "{$}"), "{code}", "5A001.j")
			for _, c := range callers {
				for i, which := range []string{"own", "other"} {
					req, _ := http.NewRequest(method, f.srv.URL+strings.ReplaceAll(path, "{id}", idsFor(path, ids, pids)[i]), strings.NewReader("email=nobody-"+c.role+which+"%40x.example&password=wrong+password+1"))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					switch {
					case c.email != "" && p.Pattern == "POST /signout": // ends it: use a fresh one
						req.AddCookie(f.session(t, c.email, demoPassword(c.email)))
					case c.email != "":
						req.AddCookie(sessions[c.role])
					}
					resp, err := client.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					if w := m[c.role][i]; resp.StatusCode != w {
						t.Errorf("%s as %s (%s): %d, want %d", p.Pattern, c.role, which, resp.StatusCode, w)
					}
				}
			}
		}
	})

	t.Run("lists are filtered", func(t *testing.T) {
		tok := f.token(t, "export@nordlicht.example", demoPassword("export@nordlicht.example"))
		_, body := f.do(t, "GET", "/api/v1/organisations", tok, "")
		if !strings.Contains(body, "Nordlicht") || strings.Contains(body, "Vantage") || strings.Contains(body, "Licensing authority") {
			t.Errorf("exporter sees other organisations: %s", body)
		}
		tok = f.token(t, "officer@bafa.example", demoPassword("officer@bafa.example"))
		_, body = f.do(t, "GET", "/api/v1/organisations", tok, "")
		if !strings.Contains(body, "Nordlicht") || strings.Contains(body, "Vantage") || strings.Contains(body, "Aurora") {
			t.Errorf("German officer sees organisations of other states: %s", body)
		}
	})
}

// The OpenAPI document describes exactly the API routes served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	code, body := f.do(t, "GET", "/api/openapi.json", "", "")
	if code != 200 {
		t.Fatalf("GET /api/openapi.json: %d", code)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	var documented, served []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	for _, rt := range f.app.API.Routes() {
		served = append(served, rt.Method+" "+rt.Path)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if !slices.Equal(documented, served) {
		t.Errorf("OpenAPI and routes differ:\ndocumented %v\nserved     %v", documented, served)
	}
}

// Bad bodies get 400 naming the field, and nothing is written.
func TestBadInputWritesNothing(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	tok := f.token(t, "admin@dualuse.example", demoPassword("admin@dualuse.example"))
	before, err := f.app.DB.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, body, field string
	}{
		{"/api/v1/organisations", `{"kind":"exporter","name":"X","country":"DE"`, ""},
		{"/api/v1/organisations", `{"kind":"exporter","name":"X","country":"DE","vat":"1"}`, "vat"},
		{"/api/v1/organisations", `{"kind":"exporter","name":7,"country":"DE"}`, "name"},
		{"/api/v1/organisations", `{"kind":"exporter","name":"` + strings.Repeat("x", 201) + `","country":"DE"}`, "name"},
		{"/api/v1/organisations", `{"kind":"exporter","name":"X","country":"XX"}`, "country"},
		{"/api/v1/users", `{"email":"x@x.example","role":"exporter","organisation":"Nordlicht Optics GmbH (demo)","password":"short"}`, "password"},
		{"/api/v1/users", `{"email":"` + strings.Repeat("x", 300) + `@x.example","role":"exporter","organisation":"Nordlicht Optics GmbH (demo)","password":"a long enough password"}`, "email"},
		{"/api/v1/users", `{"email":"y@x.example","role":["exporter"],"password":"a long enough password"}`, "role"},
	}
	for _, tt := range tests {
		code, body := f.do(t, "POST", tt.path, tok, tt.body)
		var e struct {
			Error struct{ Code, Message, Field string }
		}
		json.Unmarshal([]byte(body), &e)
		if code != 400 || e.Error.Field != tt.field || e.Error.Message == "" {
			t.Errorf("POST %s %.60s: %d %s, want 400 naming %q", tt.path, tt.body, code, body, tt.field)
		}
	}
	after, err := f.app.DB.VerifyAudit(context.Background())
	if err != nil || after != before {
		t.Errorf("audit events %d -> %d (err %v): bad input wrote something", before, after, err)
	}
}

// Security headers are on every response.
func TestSecurityHeaders(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	for _, p := range []string{"/", "/signin", "/api/v1/me", "/healthz"} {
		resp, err := http.Get(f.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", p)
		}
	}
	// A cross-site form post is refused.
	req, _ := http.NewRequest("POST", f.srv.URL+"/signin", strings.NewReader("email=a&password=b"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST /signin: %d, want 403", resp.StatusCode)
	}
}

// With an earlier list version loaded, an entry page says what changed.
func TestEntryPageShowsChanges(t *testing.T) {
	prev := controllisttest.WriteNewer(t, datatest.Path(t, "controllist", "eu_annex_i_2025-11", "annex_i_en_2025-11.json"))
	a, err := app.Open(context.Background(), app.Config{DSN: storetest.Engines(t)[0].DSN(t), DataDir: datatest.Dir(t), ListPaths: testLists(t), PreviousControlList: prev}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.Handler)
	defer srv.Close()
	f := &fixture{app: a, srv: srv}
	code, body := f.do(t, "GET", "/controllist/5A001.j.1", "", "")
	if code != 200 || !strings.Contains(body, "Changed since eu-annex-i/2026-05") || !strings.Contains(body, "<del>or enterprise</del>") {
		t.Errorf("changed entry: %d %s", code, between(body, `id="entry-change"`, "</p>"))
	}
	code, body = f.do(t, "GET", "/controllist/5A004", "", "")
	if code != 200 || !strings.Contains(body, "New since eu-annex-i/2026-05") {
		t.Errorf("added entry: %d %s", code, between(body, `id="entry-change"`, "</p>"))
	}
	_, body = f.do(t, "GET", "/api/v1/controllist/entries/5A002", "", "")
	if !strings.Contains(body, `"previous_version":"eu-annex-i/2026-05"`) || strings.Contains(body, `"change"`) {
		t.Errorf("unchanged entry: %.300s", body)
	}
}

// between returns the part of s from start up to the next end.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
