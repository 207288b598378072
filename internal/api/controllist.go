package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/determination"
	"github.com/dualuse/dualuse/internal/httpjson"
)

// MaxQuery is the longest product description a search takes.
const MaxQuery = 2000

func (a *API) controlListRoutes() []Route {
	return []Route{
		{"GET", "/api/v1/controllist/search", true, a.searchControlList},
		{"GET", "/api/v1/controllist/tree", true, a.controlListTree},
		{"GET", "/api/v1/controllist/entries/{code}", true, a.controlListEntry},
		{"POST", "/api/v1/determinations", false, a.determine},
	}
}

func (a *API) searchControlList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	switch {
	case text == "":
		return apperr.Field(apperr.Invalid, "q", "is required: a product description or an entry code such as 5A001.j")
	case len(text) > MaxQuery:
		return apperr.Field(apperr.Invalid, "q", "is longer than %d characters", MaxQuery)
	}
	limit := 0
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 50 {
			return apperr.Field(apperr.Invalid, "limit", "must be a whole number from 1 to 50")
		}
		limit = n
	}
	resp, err := a.ControlList.Search(auth.FromContext(r.Context()), controllist.Query{Text: text, Limit: limit})
	if err != nil {
		return err
	}
	if resp.Results == nil {
		resp.Results = []controllist.Result{}
	}
	httpjson.Write(w, http.StatusOK, resp)
	return nil
}

func (a *API) controlListTree(w http.ResponseWriter, r *http.Request) error {
	tree, err := a.ControlList.Tree(auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"list_version": a.ControlList.List().Version, "categories": tree})
	return nil
}

func (a *API) controlListEntry(w http.ResponseWriter, r *http.Request) error {
	v, err := a.ControlList.Entry(auth.FromContext(r.Context()), r.PathValue("code"))
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, v)
	return nil
}

func (a *API) determine(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	var req determination.Request
	if err := httpjson.Decode(w, r, &req); err != nil {
		return err
	}
	res, err := a.Determiner.DetermineFor(p, req)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, res)
	return nil
}
