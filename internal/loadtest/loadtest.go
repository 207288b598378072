// Package loadtest drives an HTTP server with many concurrent clients and
// times every request, for the latency benchmarks of the single-party
// screening endpoint (BenchmarkHTTPScreenSingle and the loadgen command).
//
// Each client holds one keep-alive connection and speaks just enough
// HTTP/1.1 to send a prepared request and read its answer (no net/http
// client): the clients share the machine's cores with the server, and the
// less of them they take, the more the figures are the server's.
package loadtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Post returns the bytes of an HTTP/1.1 POST of a JSON body to path on
// addr, with a bearer token.
func Post(addr, path, token string, body []byte) []byte {
	return fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: dualuse-loadtest\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		path, addr, token, len(body), body)
}

// Load describes a run.
type Load struct {
	Addr     string   // server HOST:PORT
	Requests [][]byte // prepared requests (see Post), sent in turn
	Clients  int      // concurrent clients, one connection each

	// Rate, when positive, is the offered load in requests a second over
	// all clients (an open loop): request i is due at i/Rate seconds after
	// the start, client i mod Clients sends it then, and its latency counts
	// from when it was due, so that a late answer also delays the requests
	// behind it in the figures (no coordinated omission, as wrk2). At zero,
	// each client sends its next request as soon as it has read the answer
	// to the last (a closed loop).
	Rate float64

	// The run ends after Count requests, all measured, or, when Count is
	// zero, Duration after the Warmup, whose requests are not measured.
	Count            int
	Warmup, Duration time.Duration
}

// Sample is one measured request.
type Sample struct {
	At      time.Duration // when it was sent (due, in an open loop), from the start of the run
	Latency time.Duration
}

// Result is what a run measured.
type Result struct {
	Samples []Sample      // in no particular order
	Elapsed time.Duration // the measured part of the run
}

// Rate is the measured requests a second.
func (r Result) Rate() float64 { return float64(len(r.Samples)) / r.Elapsed.Seconds() }

// Quantiles returns the latencies at the fractions ps (0.5 for the median).
func (r Result) Quantiles(ps ...float64) []time.Duration {
	lat := make([]time.Duration, len(r.Samples))
	for i, s := range r.Samples {
		lat[i] = s.Latency
	}
	slices.Sort(lat)
	out := make([]time.Duration, len(ps))
	for i, p := range ps {
		if len(lat) > 0 {
			out[i] = lat[min(len(lat)-1, int(float64(len(lat))*p))]
		}
	}
	return out
}

// Run runs the load and returns every measured request. It stops at the
// first failure: a connection error or an answer other than 200 OK.
func Run(l Load) (Result, error) {
	if l.Clients <= 0 || len(l.Requests) == 0 || (l.Count <= 0 && l.Duration <= 0) {
		return Result{}, fmt.Errorf("loadtest: need clients, requests and a count or duration")
	}
	r := &run{Load: l, start: time.Now()}
	if l.Count == 0 {
		r.measureFrom = r.start.Add(l.Warmup)
		r.stop = r.measureFrom.Add(l.Duration)
	} else {
		r.measureFrom = r.start // a counted run has no warm-up
	}
	if l.Rate > 0 {
		r.interval = time.Duration(float64(time.Second) / l.Rate)
	}
	var (
		mu       sync.Mutex
		res      Result
		firstErr error
		wg       sync.WaitGroup
	)
	for c := range l.Clients {
		wg.Go(func() {
			mine, err := r.client(c)
			mu.Lock()
			defer mu.Unlock()
			res.Samples = append(res.Samples, mine...)
			if err != nil && firstErr == nil {
				firstErr = err
				r.failed.Store(true)
			}
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(r.measureFrom)
	return res, firstErr
}

// run is the state the clients of one run share.
type run struct {
	Load
	start, measureFrom, stop time.Time
	interval                 time.Duration // between a client's requests in an open loop, else 0
	next                     atomic.Int64  // the closed loop's next request
	failed                   atomic.Bool
}

// client is client c of the run: it sends its requests and returns their
// samples.
func (r *run) client(c int) ([]Sample, error) {
	conn, err := net.Dial("tcp", r.Addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	br := bufio.NewReaderSize(conn, 64<<10)
	var mine []Sample
	for k := 0; !r.failed.Load(); k++ {
		// i is the request's number in the run: the closed loop takes the
		// next; in the open loop client c sends c, c+Clients, ...
		var i int
		t0 := time.Now()
		if r.interval > 0 {
			i = c + k*r.Clients
			due := r.start.Add(time.Duration(i) * r.interval)
			time.Sleep(time.Until(due))
			t0 = due
		} else {
			i = int(r.next.Add(1)) - 1
		}
		if r.Count > 0 && i >= r.Count || r.Count == 0 && t0.After(r.stop) {
			return mine, nil
		}
		if _, err := conn.Write(r.Requests[i%len(r.Requests)]); err != nil {
			return mine, err
		}
		if err := readResponse(br); err != nil {
			return mine, err
		}
		if !t0.Before(r.measureFrom) {
			mine = append(mine, Sample{At: t0.Sub(r.start), Latency: time.Since(t0)})
		}
	}
	return mine, nil
}

// readResponse reads one response, fixed-length or chunked, and fails
// unless its status is 200.
func readResponse(br *bufio.Reader) error {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return fmt.Errorf("reading the status line: %w", err)
	}
	status := strings.TrimSpace(string(line))
	length, chunked := -1, false
	for {
		h, err := br.ReadSlice('\n')
		if err != nil {
			return fmt.Errorf("reading the headers: %w", err)
		}
		if len(h) <= 2 {
			break
		}
		k, v, _ := strings.Cut(string(h), ":")
		v = strings.TrimSpace(v)
		switch strings.ToLower(k) {
		case "content-length":
			if length, err = strconv.Atoi(v); err != nil {
				return fmt.Errorf("Content-Length %q", v)
			}
		case "transfer-encoding":
			chunked = strings.EqualFold(v, "chunked")
		}
	}
	// The body of an answer other than 200 OK is kept for the error.
	ok := strings.HasPrefix(status, "HTTP/1.1 200 ")
	var body bytes.Buffer
	read := func(n int) error {
		if ok {
			_, err := br.Discard(n)
			return err
		}
		_, err := io.CopyN(&body, br, int64(n))
		return err
	}
	switch {
	case chunked:
		for {
			line, err := br.ReadSlice('\n')
			if err != nil {
				return fmt.Errorf("reading a chunk: %w", err)
			}
			n, err := strconv.ParseInt(string(bytes.TrimSpace(line)), 16, 32)
			if err != nil || n < 0 {
				return fmt.Errorf("chunk size %q", bytes.TrimSpace(line))
			}
			if err := read(int(n)); err != nil {
				return fmt.Errorf("reading a chunk: %w", err)
			}
			if _, err := br.Discard(2); err != nil {
				return fmt.Errorf("reading a chunk: %w", err)
			}
			if n == 0 {
				break
			}
		}
	case length >= 0:
		if err := read(length); err != nil {
			return fmt.Errorf("reading the body: %w", err)
		}
	default:
		return fmt.Errorf("%s: an answer without Content-Length or chunks", status)
	}
	if !ok {
		return fmt.Errorf("%s: %.200s", status, bytes.TrimSpace(body.Bytes()))
	}
	return nil
}
