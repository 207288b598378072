// Command loadgen is the load generator of the out-of-process variant of
// BenchmarkHTTPScreenSingle: c clients, each on its own keep-alive
// connection, post single-party screening requests in a closed loop and
// the latency of each is recorded. It speaks just enough HTTP/1.1 to do so
// (no net/http client), so that it takes little of the CPU it shares with
// the server.
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
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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
		reqs[i] = fmt.Appendf(nil, "POST /api/v1/screen HTTP/1.1\r\nHost: %s\r\nUser-Agent: loadgen\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", *addr, tok, len(body), body)
	}

	var next atomic.Int64
	var measuring atomic.Bool
	var mu sync.Mutex
	var lat []time.Duration
	type sample struct{ at, lat time.Duration }
	var samples []sample
	start := time.Now()
	stop := start.Add(*warm + *dur)
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", *addr)
			if err != nil {
				log.Fatal(err)
			}
			defer conn.Close()
			br := bufio.NewReaderSize(conn, 64<<10)
			var mine []time.Duration
			var mySamples []sample
			// With -rate, client c sends at the fixed times of its own
			// schedule, and a request is timed from when it was due, not
			// from when it could be sent (no coordinated omission).
			var interval time.Duration
			due := time.Now()
			if *rate > 0 {
				interval = time.Duration(float64(*clients) / *rate * float64(time.Second))
				due = due.Add(interval * time.Duration(c) / time.Duration(*clients))
			}
			for {
				t0 := time.Now()
				if interval > 0 {
					if d := due.Sub(t0); d > 0 {
						time.Sleep(d)
					}
					t0 = due
					due = due.Add(interval)
				}
				if t0.After(stop) {
					break
				}
				if _, err := conn.Write(reqs[int(next.Add(1))%len(reqs)]); err != nil {
					log.Fatal(err)
				}
				if err := readResponse(br); err != nil {
					log.Fatal(err)
				}
				if measuring.Load() {
					d := time.Since(t0)
					mine = append(mine, d)
					if *trace != "" {
						mySamples = append(mySamples, sample{t0.Sub(start), d})
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			samples = append(samples, mySamples...)
			mu.Unlock()
		}()
	}
	time.Sleep(*warm)
	measuring.Store(true)
	t1 := time.Now()
	wg.Wait()
	elapsed := time.Since(t1)
	slices.Sort(lat)
	if *trace != "" {
		var b bytes.Buffer
		for _, s := range samples {
			fmt.Fprintf(&b, "%.3f %.3f\n", float64(s.at.Microseconds())/1000, float64(s.lat.Microseconds())/1000)
		}
		if err := os.WriteFile(*trace, b.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
	}
	if *rate > 0 {
		fmt.Printf("offered %.0f req/s  ", *rate)
	}
	fmt.Printf("clients %d  requests %d  %.0f req/s  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms\n",
		*clients, len(lat), float64(len(lat))/elapsed.Seconds(), q(0.5), q(0.9), q(0.99), q(0.999), q(1))
}

// readResponse reads one response and fails unless its status is 200.
func readResponse(br *bufio.Reader) error {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("status %q", bytes.TrimSpace(line))
	}
	length, chunked := -1, false
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) <= 2 {
			break
		}
		k, v, _ := strings.Cut(string(line), ":")
		v = strings.TrimSpace(v)
		switch strings.ToLower(k) {
		case "content-length":
			length, _ = strconv.Atoi(v)
		case "transfer-encoding":
			chunked = strings.EqualFold(v, "chunked")
		}
	}
	if !chunked {
		_, err := br.Discard(length)
		return err
	}
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(line)), 16, 64)
		if err != nil {
			return fmt.Errorf("chunk size %q", line)
		}
		if _, err := br.Discard(int(n) + 2); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
	}
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
