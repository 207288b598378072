package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/cli"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening"
)

// syncBuffer is a buffer safe for a running command and a polling test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// run runs one dualuse command in-process and returns exit code and output.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut syncBuffer
	env := &cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code := cli.Run(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

func TestServeUsersTokens(t *testing.T) {
	data := datatest.Dir(t)
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	if code, out, errOut := run(t, "", "migrate", "--db", dsn); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run(t, "", "orgs", "add", "--db", dsn, "--data", data, "--kind", "exporter", "--name", "Test Optics SA", "--country", "FR"); code != 0 {
		t.Fatalf("orgs add: %d %s %s", code, out, errOut)
	}
	users := []struct{ email, role, where, pw string }{
		{"exp@test.example", "exporter", "--org=Test Optics SA", "exporter password 1"},
		{"adm@test.example", "admin", "", "admin password 12"},
		{"off@test.example", "officer", "--state=FR", "officer password 1"},
	}
	for _, u := range users {
		args := []string{"users", "add", "--db", dsn, "--data", data, "--email", u.email, "--role", u.role, "--password-stdin"}
		if u.where != "" {
			args = append(args, u.where)
		}
		if code, out, errOut := run(t, u.pw+"\n", args...); code != 0 {
			t.Fatalf("users add %s: %d %s %s", u.email, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, "", "users", "add", "--db", dsn, "--data", data, "--email", "x@test.example", "--role", "officer", "--state", "US", "--password-stdin"); code == 0 || !strings.Contains(errOut, "state") {
		t.Errorf("officer for a non-member state: %d %s", code, errOut)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	env := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	done := make(chan int)
	go func() {
		done <- cli.Run(ctx, env, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--data", data, "--lists", filepath.Join(data, "sanctions", "un_sc_consolidated"), "--log-format", "json"})
	}()
	addrRe := regexp.MustCompile(`serving on (http://[0-9.:]+)`)
	var base string
	for i := 0; i < 200 && base == ""; i++ {
		if m := addrRe.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		time.Sleep(25 * time.Millisecond)
	}
	if base == "" {
		cancel()
		t.Fatalf("serve did not start: %s %s", out.String(), errOut.String())
	}
	call := func(method, path, token, body string) (int, string) {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
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
	if code, _ := call("GET", "/healthz", "", ""); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	// A P for reading requests beside one screening query per core.
	if got, want := runtime.GOMAXPROCS(0), screening.Cores()+1; got != want {
		t.Errorf("serving with GOMAXPROCS %d, want %d", got, want)
	}
	if code, body := call("GET", "/readyz", "", ""); code != 200 {
		t.Errorf("/readyz: %d %s", code, body)
	}
	code, body := call("POST", "/api/v1/tokens", "", `{"email":"exp@test.example","password":"exporter password 1"}`)
	tok := regexp.MustCompile(`"token":"([^"]+)"`).FindStringSubmatch(body)
	if code != 201 || tok == nil {
		t.Fatalf("token: %d %s", code, body)
	}
	if code, body := call("GET", "/api/v1/me", tok[1], ""); code != 200 || !strings.Contains(body, `"role":"exporter"`) || !strings.Contains(body, "Test Optics SA") {
		t.Errorf("/api/v1/me: %d %s", code, body)
	}
	if code, _ := call("GET", "/api/v1/me", "", ""); code != 401 {
		t.Errorf("/api/v1/me without token: %d", code)
	}
	if code, _ := call("GET", "/api/v1/me", "du_forged", ""); code != 401 {
		t.Errorf("/api/v1/me with forged token: %d", code)
	}
	if code, body := call("POST", "/api/v1/organisations", tok[1], `{"kind":"exporter","name":"Mine","country":"FR"}`); code != 403 {
		t.Errorf("exporter on admin-only route: %d %s", code, body)
	}
	if code, body := call("GET", "/metrics", "", ""); code != 200 || !strings.Contains(body, `dualuse_http_requests_total{method="GET",route="GET /api/v1/me",status="200"} 1`) {
		t.Errorf("/metrics: %d %.300s", code, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(errOut.String(), `"msg":"request"`) {
		t.Errorf("no JSON request log: %.500s", errOut.String())
	}

	// The audit trail verifies, then fails naming the altered event.
	if code, out, errOut := run(t, "", "audit", "verify", "--db", dsn); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %d %s %s", code, out, errOut)
	}
	raw, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_events SET actor_email = 'someone-else' WHERE seq = 31`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, _, errs := run(t, "", "audit", "verify", "--db", dsn)
	if code == 0 || !strings.Contains(errs, "audit event 31") {
		t.Errorf("tampered audit verify: exit %d, %s", code, errs)
	}
}

func TestUsage(t *testing.T) {
	data := datatest.Dir(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"help"}, 0, "serve"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"users"}, 2, "usage"},
		{[]string{"lists", "--help"}, 0, "usage: dualuse lists update|import|status|diff"},
		{[]string{"orgs", "-h"}, 0, "Run 'dualuse orgs add -h'"},
		{[]string{"lists", "import", "-h"}, 0, "-lists value"},
		{[]string{"users", "add", "--db", "sqlite:" + filepath.Join("/nonexistent-dir-"+fmt.Sprint(time.Now().UnixNano()), "x.db"), "--data", "/nonexistent"}, 1, "reference data folder"},
		{[]string{"serve", "--db", "mysql://x", "--data", data}, 1, "neither sqlite:PATH nor a postgres:// URL"},
		{[]string{"serve", "--log-format", "xml", "--data", "/nonexistent"}, 2, "log-format"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("%v: exit %d (%s%s), want %d containing %q", tt.args, code, out, errOut, tt.code, tt.want)
		}
	}
}
