// Command bare is the floor against which BENCHMARKS.md measures dualuse's
// single-party HTTP latency: a net/http server with no middleware and no
// work, which answers POST /api/v1/tokens with a token and
// POST /api/v1/screen with 5,000 canned bytes, about the size of a
// screening answer. loadgen runs against it unchanged:
//
//	go run ./internal/app/testdata/bare &
//	go run ./internal/app/testdata/loadgen -addr 127.0.0.1:18081 -c 50 -d 10s
//
// It is not part of dualuse (testdata is ignored by go build ./...).
package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
)

func main() {
	answer := bytes.Repeat([]byte("x"), 5000)
	http.HandleFunc("POST /api/v1/tokens", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"token":"bare"}`))
	})
	http.HandleFunc("POST /api/v1/screen", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:18081", nil))
}
