package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/loadtest"

	"github.com/dualuse/dualuse/internal/store/storetest"
)

// BenchmarkAuthenticatedRequest measures GET /api/v1/me with a bearer token
// through the whole middleware chain (token lookup in the database included).
func BenchmarkAuthenticatedRequest(b *testing.B) {
	for _, e := range storetest.Engines(b) {
		b.Run(e.Name, func(b *testing.B) {
			f := startB(b, e.DSN(b))
			u, err := f.app.Accounts.SignIn(context.Background(), "export@nordlicht.example", "demo-exporter-password", "bench")
			if err != nil {
				b.Fatal(err)
			}
			tok, err := f.app.Accounts.IssueCredential(context.Background(), u, "token")
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", "/api/v1/me", nil)
					req.Header.Set("Authorization", "Bearer "+tok)
					rec := httptest.NewRecorder()
					f.app.Handler.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Fatalf("%d %s", rec.Code, rec.Body)
					}
				}
			})
		})
	}
}

// benchServer runs dualuse over real TCP on loopback with every sanctions
// list of the reference data, and returns its URL and an exporter's token.
func benchServer(b *testing.B) (string, string, []string) {
	b.Helper()
	a, err := app.Open(context.Background(), app.Config{DSN: "sqlite:" + filepath.Join(b.TempDir(), "bench.db"), DataDir: datatest.Dir(b), Demo: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	b.Cleanup(func() { srv.Close(); a.Close() })
	u, err := a.Accounts.SignIn(context.Background(), "export@nordlicht.example", "demo-exporter-password", "bench")
	if err != nil {
		b.Fatal(err)
	}
	tok, err := a.Accounts.IssueCredential(context.Background(), u, "token")
	if err != nil {
		b.Fatal(err)
	}
	// Realistic queries: listed names (UN positives) and unlisted ones.
	var names []string
	for _, file := range []string{"yente_positives_un_treated.csv", "yente_negatives_global.csv"} {
		f, err := os.Open(datatest.Path(b, "namematching", file))
		if err != nil {
			b.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range recs[1:min(len(recs), 1001)] {
			names = append(names, r[0])
		}
	}
	return srv.URL, tok, names
}

// postScreen posts one screening request and reads the answer. It returns
// an error rather than failing b: the benchmarks call it from goroutines
// other than b's, where FailNow must not be called.
func postScreen(client *http.Client, url, tok string, body []byte) error {
	req, _ := http.NewRequest("POST", url+"/api/v1/screen", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("POST /api/v1/screen: status %d", resp.StatusCode)
	}
	return nil
}

// BenchmarkHTTPScreenBatch measures parties per second through
// POST /api/v1/screen with batches of 1,000 over loopback.
func BenchmarkHTTPScreenBatch(b *testing.B) {
	url, tok, names := benchServer(b)
	type party struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	var ps []party
	for i, n := range names[:1000] {
		ps = append(ps, party{fmt.Sprint(i), n})
	}
	body, _ := json.Marshal(map[string]any{"parties": ps})
	client := &http.Client{}
	b.ResetTimer()
	for range b.N {
		if err := postScreen(client, url, tok, body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(ps))/b.Elapsed().Seconds(), "parties/s")
}

// BenchmarkHTTPScreenSingle measures single-party requests from 50
// concurrent clients over loopback, with their p50 and p99 latency. Each
// client sends its next request as soon as it has the answer to the last (a
// closed loop), so the clients saturate both cores and the latency is mostly
// the wait for them. The clients are loadtest's, which take little CPU (a
// net/http client takes about as much as the server's HTTP).
func BenchmarkHTTPScreenSingle(b *testing.B) {
	addr, reqs := singleRequests(b)
	b.ResetTimer()
	res, err := loadtest.Run(loadtest.Load{Addr: addr, Requests: reqs, Clients: 50, Count: b.N})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportLatency(b, res)
}

// BenchmarkHTTPScreenSingleOpen measures the same requests from 50 clients
// at a fixed offered load (an open loop, as wrk2 does): together they send
// rate requests a second, each client on its own schedule, and each latency
// counts from when the request was due, so a late answer also delays the
// requests queued behind it in the figures (no coordinated omission).
func BenchmarkHTTPScreenSingleOpen(b *testing.B) {
	addr, reqs := singleRequests(b)
	for _, rate := range []int{2500, 5000, 7500} {
		b.Run(fmt.Sprintf("rate=%d", rate), func(b *testing.B) {
			res, err := loadtest.Run(loadtest.Load{Addr: addr, Requests: reqs, Clients: 50, Rate: float64(rate), Count: b.N})
			b.StopTimer()
			if err != nil {
				b.Fatal(err)
			}
			reportLatency(b, res)
		})
	}
}

// singleRequests starts the benchmark server and prepares a single-party
// request for each of its names.
func singleRequests(b *testing.B) (addr string, reqs [][]byte) {
	url, tok, names := benchServer(b)
	addr = strings.TrimPrefix(url, "http://")
	for _, n := range names {
		body, _ := json.Marshal(map[string]string{"name": n})
		reqs = append(reqs, loadtest.Post(addr, "/api/v1/screen", tok, body))
	}
	return addr, reqs
}

// reportLatency reports the rate achieved and the p50 and p99 latency.
func reportLatency(b *testing.B, res loadtest.Result) {
	q := res.Quantiles(0.5, 0.99)
	b.ReportMetric(res.Rate(), "req/s")
	b.ReportMetric(float64(q[0].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(q[1].Microseconds())/1000, "p99-ms")
}
