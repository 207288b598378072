package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/server"
)

// A request in flight when shutdown begins still gets its answer.
func TestServeFinishesInFlightRequests(t *testing.T) {
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() {
		served <- server.Serve(ctx, "127.0.0.1:0", h, slog.New(slog.DiscardHandler), 5*time.Second, func(a net.Addr) { addrc <- a })
	}()
	addr := <-addrc
	type result struct {
		body string
		err  error
	}
	resc := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String() + "/")
		if err != nil {
			resc <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		resc <- result{string(b), err}
	}()
	<-started
	cancel()
	res := <-resc
	if res.err != nil || res.body != "done" {
		t.Errorf("in-flight request: %q, %v", res.body, res.err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get("http://" + addr.String() + "/"); err == nil {
		t.Error("server still accepts connections after shutdown")
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		header, tok string
		ok          bool
	}{
		{"Bearer du_abc", "du_abc", true},
		{"bearer du_abc", "du_abc", true},
		{"Basic dXNlcjpwYXNz", "", false},
		{"Bearer", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		r, _ := http.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", tt.header)
		if tok, ok := server.BearerToken(r); tok != tt.tok || ok != tt.ok {
			t.Errorf("%q: %q, %v; want %q, %v", tt.header, tok, ok, tt.tok, tt.ok)
		}
	}
}
