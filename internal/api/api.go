// Package api is dualuse's JSON API under /api/v1/. Handlers decode the
// request, call a domain service (which decides whether the caller may act)
// and write the result; errors become JSON through httpjson.
package api

import (
	_ "embed"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/determination"
	"github.com/dualuse/dualuse/internal/httpjson"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/product"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/server"
)

// OpenAPI is the OpenAPI 3 description of the routes, served at /api/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

// Route is one API endpoint.
type Route struct {
	Method  string
	Path    string // net/http pattern path, e.g. /api/v1/organisations/{id}
	Public  bool   // reachable without a token
	Handler func(w http.ResponseWriter, r *http.Request) error
}

// API holds the services the handlers call.
type API struct {
	Accounts    *account.Service
	ControlList *controllist.Service
	Determiner  *determination.Determiner
	Screening   *screening.Service
	Lists       *listversion.Service
	Log         *slog.Logger
	// Products is the exporters' product registry.
	Products *product.Service
}

// Routes lists every endpoint.
func (a *API) Routes() []Route {
	rs := []Route{
		{"POST", "/api/v1/tokens", true, a.createToken},
		{"DELETE", "/api/v1/tokens/current", false, a.revokeToken},
		{"GET", "/api/v1/me", false, a.me},
		{"GET", "/api/v1/countries", true, a.countries},
		{"GET", "/api/v1/organisations", false, a.listOrgs},
		{"POST", "/api/v1/organisations", false, a.createOrg},
		{"GET", "/api/v1/organisations/{id}", false, a.getOrg},
		{"GET", "/api/v1/organisations/{id}/history", false, a.orgHistory},
		{"GET", "/api/v1/users", false, a.listUsers},
		{"POST", "/api/v1/users", false, a.createUser},
	}
	rs = append(rs, a.controlListRoutes()...)
	rs = append(rs, a.screeningRoutes()...)
	rs = append(rs, a.productRoutes()...)
	return rs
}

// Register mounts the routes and the OpenAPI document on mux.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.Routes() {
		mux.Handle(rt.Method+" "+rt.Path, a.wrap(rt))
	}
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(OpenAPI)
	})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		httpjson.WriteError(w, r, a.Log, apperr.New(apperr.NotFound, "no such endpoint: %s %s", r.Method, r.URL.Path))
	})
}

// wrap turns a handler's error into a JSON error response. Routes that are
// not public need a signed-in caller before anything else happens.
func (a *API) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !rt.Public && !auth.FromContext(r.Context()).Authenticated() {
			httpjson.WriteError(w, r, a.Log, apperr.New(apperr.Unauthenticated, "send Authorization: Bearer TOKEN (get one from POST /api/v1/tokens)"))
			return
		}
		if err := rt.Handler(w, r); err != nil {
			httpjson.WriteError(w, r, a.Log, err)
		}
	})
}

// pathID reads a numeric path parameter; anything else is not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "not found")
	}
	return id, nil
}

type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type tokenResponse struct {
	Token   string    `json:"token"`
	Expires time.Time `json:"expires"`
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request) error {
	var req tokenRequest
	if err := httpjson.Decode(w, r, &req); err != nil {
		return err
	}
	if req.Email == "" {
		return apperr.Field(apperr.Invalid, "email", "is required")
	}
	if req.Password == "" {
		return apperr.Field(apperr.Invalid, "password", "is required")
	}
	u, err := a.Accounts.SignIn(r.Context(), req.Email, req.Password, server.ClientAddr(r))
	if err != nil {
		return err
	}
	tok, err := a.Accounts.IssueCredential(r.Context(), u, "token")
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusCreated, tokenResponse{Token: tok, Expires: time.Now().Add(account.TokenLifetime).UTC().Truncate(time.Second)})
	return nil
}

func (a *API) revokeToken(w http.ResponseWriter, r *http.Request) error {
	tok, _ := server.BearerToken(r)
	if err := a.Accounts.Revoke(r.Context(), auth.FromContext(r.Context()), "token", tok); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// Me is the caller as GET /api/v1/me shows it.
type Me struct {
	Email        string               `json:"email"`
	Role         auth.Role            `json:"role"`
	Organisation account.Organisation `json:"organisation"`
	State        string               `json:"state,omitempty"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := auth.Authorize(p, auth.ReadSelf, auth.Resource{OrgID: p.OrgID}); err != nil {
		return err
	}
	org, err := a.Accounts.Org(r.Context(), p, p.OrgID)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, Me{Email: p.Email, Role: p.Role, Organisation: org, State: p.State})
	return nil
}

type countryJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
	EU   bool   `json:"eu"`
}

func (a *API) countries(w http.ResponseWriter, r *http.Request) error {
	var out []countryJSON
	for _, c := range a.Accounts.Countries.All() {
		out = append(out, countryJSON{c.Alpha2, c.Name, c.EU})
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"countries": out})
	return nil
}

func (a *API) listOrgs(w http.ResponseWriter, r *http.Request) error {
	orgs, err := a.Accounts.Orgs(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"organisations": nonNil(orgs)})
	return nil
}

type orgRequest struct {
	Kind    account.OrgKind `json:"kind"`
	Name    string          `json:"name"`
	Country string          `json:"country"`
}

func (a *API) createOrg(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	// Check the permission before reading the body, so that a caller
	// without it learns nothing from validation messages.
	if err := auth.Authorize(p, auth.CreateOrg, auth.Resource{}); err != nil {
		return err
	}
	var req orgRequest
	if err := httpjson.Decode(w, r, &req); err != nil {
		return err
	}
	o, err := a.Accounts.CreateOrg(r.Context(), p, account.Organisation{Kind: req.Kind, Name: req.Name, Country: req.Country})
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusCreated, o)
	return nil
}

func (a *API) getOrg(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	o, err := a.Accounts.Org(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, o)
	return nil
}

// Event is an audit event as the API shows it.
type Event struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	ObjectType string    `json:"object_type"`
	ObjectID   string    `json:"object_id"`
	Summary    string    `json:"summary"`
	RequestID  string    `json:"request_id"`
	Hash       string    `json:"hash"`
}

// Events converts audit events for the API.
func Events(evs []audit.Event) []Event {
	out := make([]Event, 0, len(evs))
	for _, e := range evs {
		out = append(out, Event{e.Seq, e.At, e.ActorEmail, e.Action, e.ObjectType, e.ObjectID, e.Summary, e.RequestID, e.Hash})
	}
	return out
}

func (a *API) orgHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	evs, err := a.Accounts.OrgHistory(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"events": Events(evs)})
	return nil
}

type userJSON struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Role         auth.Role `json:"role"`
	Organisation string    `json:"organisation"`
	State        string    `json:"state,omitempty"`
	Created      time.Time `json:"created"`
}

func toUserJSON(u account.User) userJSON {
	return userJSON{u.ID, u.Email, u.Role, u.Org.Name, u.Principal().State, u.Created}
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	us, err := a.Accounts.Users(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	out := make([]userJSON, 0, len(us))
	for _, u := range us {
		out = append(out, toUserJSON(u))
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"users": out})
	return nil
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := auth.Authorize(p, auth.CreateUser, auth.Resource{}); err != nil {
		return err
	}
	var req account.NewUser
	if err := httpjson.Decode(w, r, &req); err != nil {
		return err
	}
	u, err := a.Accounts.CreateUser(r.Context(), p, req)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusCreated, toUserJSON(u))
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
