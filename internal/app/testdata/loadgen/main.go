// Command loadgen is the out-of-process variant of
// BenchmarkHTTPScreenSingle: c clients of package loadtest, each on its own
// keep-alive connection, post single-party screening requests to a running
// dualuse serve, and the latency of each is recorded.
//
// It is not part of dualuse (testdata is ignored by go build ./...):
//
//	dualuse serve --demo --db sqlite:/tmp/bench.db --log-level warn --addr 127.0.0.1:18080 &
//	go run ./internal/app/testdata/loadgen -addr 127.0.0.1:18080 -c 50 -d 10s
//
// With -rate R the clients send R requests a second between them, each on
// its own fixed schedule (an open loop), and each latency counts from when
// the request was due, as wrk2 does; without it every client sends its
// next request as soon as it has read the answer to the previous one (a
// closed loop, which saturates the machine).
//
// The names are those of the benchmark: the first 1,000 rows of the yente
// UN positives and global negatives.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/dualuse/dualuse/internal/loadtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18080", "server HOST:PORT")
	data := flag.String("data", "../shared/data", "reference data folder")
	email := flag.String("email", "export@nordlicht.example", "account to sign in as")
	password := flag.String("password", "demo-exporter-password", "its password")
	clients := flag.Int("c", 50, "concurrent clients (connections)")
	dur := flag.Duration("d", 10*time.Second, "measured duration")
	warm := flag.Duration("warmup", 2*time.Second, "unmeasured warm-up")
	rate := flag.Float64("rate", 0, "offered load in requests/s over all clients (0: closed loop, each client sends as soon as its previous answer is read)")
	trace := flag.String("trace", "", "write each measured request's start (ms) and latency (ms) to this file")
	flag.Parse()

	names := readNames(*data)
	tok := signIn(*addr, *email, *password)
	reqs := make([][]byte, len(names))
	for i, n := range names {
		body, _ := json.Marshal(map[string]string{"name": n})
		reqs[i] = loadtest.Post(*addr, "/api/v1/screen", tok, body)
	}
	res, err := loadtest.Run(loadtest.Load{Addr: *addr, Requests: reqs, Clients: *clients, Rate: *rate, Warmup: *warm, Duration: *dur})
	if err != nil {
		log.Fatal(err)
	}
	if *trace != "" {
		var b bytes.Buffer
		for _, s := range res.Samples {
			fmt.Fprintf(&b, "%.3f %.3f\n", float64(s.At.Microseconds())/1000, float64(s.Latency.Microseconds())/1000)
		}
		if err := os.WriteFile(*trace, b.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	q := res.Quantiles(0.5, 0.9, 0.99, 0.999, 1)
	if *rate > 0 {
		fmt.Printf("offered %.0f req/s  ", *rate)
	}
	fmt.Printf("clients %d  requests %d  %.0f req/s  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms\n",
		*clients, len(res.Samples), res.Rate(), ms(q[0]), ms(q[1]), ms(q[2]), ms(q[3]), ms(q[4]))
}

func signIn(addr, email, password string) string {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post("http://"+addr+"/api/v1/tokens", "application/json", bytes.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil || out.Token == "" {
		log.Fatalf("sign-in: %s %s", resp.Status, b)
	}
	return out.Token
}

func readNames(data string) []string {
	var names []string
	for _, file := range []string{"yente_positives_un_treated.csv", "yente_negatives_global.csv"} {
		f, err := os.Open(filepath.Join(data, "namematching", file))
		if err != nil {
			log.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range recs[1:min(len(recs), 1001)] {
			names = append(names, r[0])
		}
	}
	return names
}
