// Package server is dualuse's HTTP front: the root mux that mounts the JSON
// API, the web UI, health checks and metrics, and the middleware every
// request passes through (request id, logging, metrics, panic recovery,
// security headers, cross-origin protection, authentication).
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/httpjson"
)

// SessionCookie is the name of the web session cookie.
const SessionCookie = "dualuse_session"

// Config is what the server needs to know.
type Config struct {
	// SecureCookies marks cookies Secure even without TLS on this hop (set it
	// behind a TLS-terminating proxy). Under TLS they are always Secure.
	SecureCookies bool
	// TrustedOrigins may send state-changing cross-origin requests.
	TrustedOrigins []string
}

// Deps are the parts the server mounts and calls.
type Deps struct {
	Log      *slog.Logger
	Accounts *account.Service
	// Ready reports whether the database answers and reference data is loaded.
	Ready func(ctx context.Context) error
	// Mount registers the API and web routes.
	Mount []func(mux *http.ServeMux)
}

// New returns the root handler.
func New(cfg Config, d Deps) (http.Handler, error) {
	mux := http.NewServeMux()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := newMetrics(reg)

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		httpjson.Write(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := d.Ready(ctx); err != nil {
			d.Log.WarnContext(ctx, "not ready", "err", err)
			httpjson.Write(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": err.Error()})
			return
		}
		httpjson.Write(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	for _, mount := range d.Mount {
		mount(mux)
	}

	cop := http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, apperr.Field(apperr.Invalid, "trusted-origin", "%v", err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, d.Log, apperr.New(apperr.Forbidden, "cross-origin request refused"))
	}))

	s := &server{cfg: cfg, d: d, m: m}
	h := Chain(routed(mux),
		s.recover,
		requestID,
		s.observe,
		securityHeaders,
		cop.Handler,
		s.authenticate,
	)
	return h, nil
}

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware so that the first runs outermost.
func Chain(h http.Handler, ms ...Middleware) http.Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}

type server struct {
	cfg Config
	d   Deps
	m   *metrics
}

// writeError answers in JSON for the API and in plain text elsewhere.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		httpjson.WriteError(w, r, log, err)
		return
	}
	msg, _ := apperr.Safe(err)
	http.Error(w, msg, httpjson.Status(err))
}

func (s *server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				writeError(w, r, s.d.Log, fmt.Errorf("panic: %v", p))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// requestID gives each request an id, taken from X-Request-ID when it is
// sane, recorded in audit events and logs and echoed in the response.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if len(id) == 0 || len(id) > 64 || strings.ContainsFunc(id, func(c rune) bool { return c < '!' || c > '~' }) {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(audit.WithRequestID(r.Context(), id)))
	})
}

// statusWriter remembers the status code written, and the route pattern
// the mux matched (see routed).
type statusWriter struct {
	http.ResponseWriter
	status int
	route  string
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs every request (but health checks and metrics scrapes) and
// counts it in the metrics by its route pattern.
func (s *server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		s.m.observe(sw.route, r.Method, sw.status, d)
		if r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
			return
		}
		s.d.Log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", d),
			slog.String("request_id", audit.RequestID(r.Context())),
			slog.String("user", auth.FromContext(r.Context()).Email))
	})
}

// routed serves mux and tells observe which route pattern served the
// request: the mux sets it on the request it was given.
func routed(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if sw, ok := w.(*statusWriter); ok {
			sw.route = r.Pattern
		}
	})
}

// csp allows nothing inline: scripts and styles come from this origin only.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaderValues are the headers securityHeaders sets on every
// response. Their values are shared between responses: net/http replaces
// a header's slice when it is set again, and an append to a full slice
// copies it.
var securityHeaderValues = []struct {
	key string
	val []string
}{
	{"Content-Security-Policy", []string{csp}},
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"X-Frame-Options", []string{"DENY"}},
	{"Referrer-Policy", []string{"same-origin"}},
	{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
}

var hsts = []string{"max-age=63072000"}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range securityHeaderValues {
			h[kv.key] = kv.val
		}
		if r.TLS != nil {
			h["Strict-Transport-Security"] = hsts
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate puts the caller in the request context: from a bearer token
// on the API, from the session cookie on web pages. A bad token is refused
// at once; a stale cookie is dropped and the visitor is anonymous.
func (s *server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if r.Header.Get("Authorization") != "" {
			tok, ok := BearerToken(r)
			if !ok {
				writeError(w, r, s.d.Log, apperr.New(apperr.Unauthenticated, "Authorization must be Bearer TOKEN"))
				return
			}
			u, err := s.d.Accounts.Authenticate(ctx, "token", tok)
			if err != nil {
				writeError(w, r, s.d.Log, err)
				return
			}
			ctx = auth.WithPrincipal(ctx, u.Principal())
		} else if c, err := r.Cookie(SessionCookie); err == nil && !strings.HasPrefix(r.URL.Path, "/api/") {
			u, err := s.d.Accounts.Authenticate(ctx, "session", c.Value)
			if err == nil {
				ctx = auth.WithPrincipal(ctx, u.Principal())
			} else if !apperr.Is(err, apperr.Unauthenticated) {
				writeError(w, r, s.d.Log, err)
				return
			} else {
				http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// SessionCookieFor returns the cookie that carries a new session.
func SessionCookieFor(r *http.Request, cfg Config, secret string) *http.Cookie {
	return &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/",
		MaxAge:   int(account.SessionLifetime.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || cfg.SecureCookies,
	}
}

// Serve runs handler on addr until ctx ends, then shuts down gracefully,
// letting in-flight requests finish (up to grace). ready, when not nil,
// receives the bound address once listening.
func Serve(ctx context.Context, addr string, handler http.Handler, log *slog.Logger, grace time.Duration, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ClientAddr is the caller's IP address, for sign-in throttling. The
// connection's address is used, never a forwarded-for header a client could
// forge.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// BearerToken returns the token of an "Authorization: Bearer TOKEN" header
// (the scheme is case-insensitive), and whether there was one.
func BearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return h[7:], true
	}
	return "", false
}
