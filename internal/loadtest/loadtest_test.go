package loadtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// server answers POST /ok with 5,000 bytes, POST /chunked in three chunks
// and anything else with 403 and a JSON error; it counts the requests.
func server(t *testing.T) (addr string, served *atomic.Int64) {
	served = new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.Header.Get("Authorization") != "Bearer tok" || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "bad headers", http.StatusBadRequest)
			return
		}
		if b, _ := io.ReadAll(r.Body); string(b) != `{"name":"x"}` {
			http.Error(w, "bad body "+string(b), http.StatusBadRequest)
			return
		}
		switch r.URL.Path {
		case "/ok":
			w.Write([]byte(strings.Repeat("x", 5000)))
		case "/chunked":
			for range 3 {
				w.Write([]byte(strings.Repeat("y", 100)))
				w.(http.Flusher).Flush()
			}
		default:
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"error":{"code":"forbidden"}}`))
		}
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), served
}

func TestRun(t *testing.T) {
	addr, served := server(t)
	body := []byte(`{"name":"x"}`)
	for _, tc := range []struct {
		name string
		load Load
		want int // samples
	}{
		{"closed loop, count", Load{Requests: [][]byte{Post(addr, "/ok", "tok", body)}, Clients: 7, Count: 100}, 100},
		{"a counted run has no warm-up", Load{Requests: [][]byte{Post(addr, "/ok", "tok", body)}, Clients: 2, Count: 20, Warmup: time.Hour}, 20},
		{"chunked answers", Load{Requests: [][]byte{Post(addr, "/chunked", "tok", body)}, Clients: 3, Count: 10}, 10},
		{"open loop, count", Load{Requests: [][]byte{Post(addr, "/ok", "tok", body)}, Clients: 4, Rate: 1000, Count: 50}, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.load.Addr = addr
			before := served.Load()
			start := time.Now()
			res, err := Run(tc.load)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Samples) != tc.want || served.Load()-before != int64(tc.want) {
				t.Errorf("%d samples, %d served; want %d", len(res.Samples), served.Load()-before, tc.want)
			}
			if tc.load.Rate > 0 {
				// The last request is due at 49 ms.
				if el := time.Since(start); el < 49*time.Millisecond {
					t.Errorf("open loop took %v, before its last request was due", el)
				}
				for _, s := range res.Samples {
					if s.At%time.Millisecond != 0 || s.At > 49*time.Millisecond {
						t.Errorf("sample sent at %v, not at a due time", s.At)
					}
				}
			}
			q := res.Quantiles(0, 0.5, 1)
			if q[0] <= 0 || q[0] > q[1] || q[1] > q[2] || res.Rate() <= 0 {
				t.Errorf("quantiles %v, rate %v", q, res.Rate())
			}
		})
	}
}

func TestRunDuration(t *testing.T) {
	addr, _ := server(t)
	res, err := Run(Load{Addr: addr, Requests: [][]byte{Post(addr, "/ok", "tok", []byte(`{"name":"x"}`))}, Clients: 2,
		Warmup: 20 * time.Millisecond, Duration: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Samples) == 0 || res.Elapsed < 50*time.Millisecond {
		t.Fatalf("%d samples in %v", len(res.Samples), res.Elapsed)
	}
	for _, s := range res.Samples {
		if s.At < 20*time.Millisecond || s.At > 70*time.Millisecond {
			t.Errorf("sample sent at %v, outside the measured part", s.At)
		}
	}
}

// TestRunFails checks that an answer other than 200 stops the run with
// its status and body, and that a bad load is refused.
func TestRunFails(t *testing.T) {
	addr, _ := server(t)
	_, err := Run(Load{Addr: addr, Requests: [][]byte{Post(addr, "/other", "tok", []byte(`{"name":"x"}`))}, Clients: 3, Count: 10})
	if err == nil || !strings.Contains(err.Error(), "403 Forbidden") || !strings.Contains(err.Error(), `"forbidden"`) {
		t.Errorf("err = %v; want the status and the body", err)
	}
	if _, err := Run(Load{Addr: addr, Clients: 1, Count: 1}); err == nil {
		t.Error("a load without requests ran")
	}
	if _, err := Run(Load{Addr: "127.0.0.1:1", Requests: [][]byte{{}}, Clients: 1, Count: 1}); err == nil {
		t.Error("no error for a server that is not there")
	}
}
