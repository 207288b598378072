// Package web is dualuse's HTML interface: server-rendered pages from
// embedded html/template files, forms that post back to the server, and no
// inline script (the CSP forbids it). Handlers call the same domain services
// as the JSON API.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/determination"
	"github.com/dualuse/dualuse/internal/httpjson"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/product"
	"github.com/dualuse/dualuse/internal/screening"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Web serves the HTML pages.
type Web struct {
	Accounts    *account.Service
	ControlList *controllist.Service
	Determiner  *determination.Determiner
	Screening   *screening.Service
	Lists       *listversion.Service
	Log         *slog.Logger
	// SessionCookie builds the cookie for a new session secret.
	SessionCookie func(r *http.Request, secret string) *http.Cookie
	// Products is the exporters' product registry.
	Products *product.Service

	pages      map[string]*template.Template
	staticHash string
}

// Page is one extra page: a route and the handler that renders it.
type Page struct {
	Pattern string
	Handler func(w *Web, rw http.ResponseWriter, r *http.Request) error
}

// View is the data every template gets.
type View struct {
	Title     string
	User      auth.Principal
	Static    string // URL prefix of the content-hashed assets
	Flash     string
	Error     string
	ErrorHint string
	Data      any
	Now       time.Time
}

var funcs = template.FuncMap{
	"date":     func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
	"role":     func(r auth.Role) string { return string(r) },
	"list":     func(s ...string) []string { return s },
	"worddiff": wordDiff,
}

// Register parses the templates and mounts the pages on mux.
func (w *Web) Register(mux *http.ServeMux) error {
	w.pages = map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return err
		}
		w.pages[base] = t
	}
	h := sha256.New()
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := staticFS.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	w.staticHash = hex.EncodeToString(h.Sum(nil))[:12]
	sub, _ := fs.Sub(staticFS, "static")
	files := http.FileServerFS(sub)
	mux.Handle("GET /static/{hash}/", http.StripPrefix("/static/"+w.staticHash, cacheForever(files)))

	for _, p := range w.Pages() {
		mux.Handle(p.Pattern, w.handle(p.Handler))
	}
	return nil
}

// Pages lists every page route.
func (w *Web) Pages() []Page {
	return append([]Page{
		{"GET /{$}", (*Web).home},
		{"GET /signin", (*Web).signinForm},
		{"POST /signin", (*Web).signin},
		{"POST /signout", (*Web).signout},
		{"GET /account", (*Web).accountPage},
		{"GET /organisations", (*Web).orgList},
		{"GET /organisations/{id}", (*Web).orgPage},
		{"GET /controllist", (*Web).controlList},
		{"GET /controllist/{code}", (*Web).controlListEntry},
		{"GET /licence-check", (*Web).licenceCheck},
		{"GET /screening", (*Web).screeningPage},
		{"POST /screening/upload", (*Web).screeningUpload},
		{"GET /screening/listing", (*Web).screeningListing},
	}, productPages()...)
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		h.ServeHTTP(rw, r)
	})
}

// handle renders a handler's error as a page; an anonymous visitor who
// needs to sign in is sent to the sign-in page.
func (w *Web) handle(fn func(*Web, http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		err := fn(w, rw, r)
		if err == nil {
			return
		}
		if apperr.Is(err, apperr.Unauthenticated) && r.Method == http.MethodGet {
			http.Redirect(rw, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		status := httpjson.Status(err)
		if status == http.StatusInternalServerError {
			w.Log.ErrorContext(r.Context(), "internal error", "path", r.URL.Path, "err", err)
		}
		msg, _ := apperr.Safe(err)
		w.Render(rw, r, status, "error", View{Title: http.StatusText(status), Error: msg})
	})
}

// Render executes a page template into the response.
func (w *Web) Render(rw http.ResponseWriter, r *http.Request, status int, page string, v View) {
	t, ok := w.pages[page]
	if !ok {
		http.Error(rw, "no template "+page, http.StatusInternalServerError)
		return
	}
	v.User = auth.FromContext(r.Context())
	v.Static = "/static/" + w.staticHash
	v.Now = time.Now()
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		w.Log.ErrorContext(r.Context(), "rendering page", "page", page, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	rw.Write(buf.Bytes())
}

// errorText is an error as a page shows it: the field or place it is about,
// then the user-safe message.
func errorText(err error) string {
	msg, field := apperr.Safe(err)
	if field == "" {
		return msg
	}
	return field + ": " + msg
}
