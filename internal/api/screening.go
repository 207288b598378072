package api

import (
	"net/http"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/httpjson"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/screenfile"
	"github.com/dualuse/dualuse/internal/screening"
)

func (a *API) screeningRoutes() []Route {
	return []Route{
		{"POST", "/api/v1/screen", false, a.screen},
		{"GET", "/api/v1/screening/lists", false, a.screeningLists},
		{"GET", "/api/v1/screening/listings", false, a.screeningListing},
		{"GET", "/api/v1/screening/hits", false, a.screeningHits},
	}
}

// screenRequest is one party (the fields of a query) or a batch (parties).
type screenRequest struct {
	Parties []screening.Query `json:"parties,omitempty"`
	screening.Query
}

// screenResponse has one result per party, in request order.
type screenResponse struct {
	Results []screenfile.Result     `json:"results"`
	Lists   []screening.ListVersion `json:"lists"`
}

func (a *API) screen(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := screening.MayScreen(p); err != nil {
		return err
	}
	var req screenRequest
	if err := httpjson.Decode(w, r, &req); err != nil {
		return err
	}
	qs := req.Parties
	single := req.Query.Name != "" || len(req.Query.Identifiers) > 0 || req.Query.ID != ""
	switch {
	case single && len(qs) > 0:
		return apperr.Field(apperr.Invalid, "parties", "give one party's fields or a list of parties, not both")
	case single:
		// One party: a bad field is the request's error, not a result's.
		// The engine validates every query (see below); an exhaustive one is
		// refused next, so it is validated here to keep the first error first.
		if req.Query.Exhaustive {
			if err := req.Query.Validate(); err != nil {
				return err
			}
		}
		qs = []screening.Query{req.Query}
	}
	rows := make([]screenfile.Row, len(qs))
	for i := range qs {
		if qs[i].Exhaustive {
			return apperr.Field(apperr.Invalid, "exhaustive", "exhaustive screening is for audits on the command line, not the API")
		}
		rows[i] = screenfile.Row{ID: qs[i].ID, Query: qs[i]}
	}
	batch, err := a.Screening.Screen(r.Context(), p, qs, 0)
	if err != nil {
		return err
	}
	if single && batch[0].Err != nil {
		return batch[0].Err
	}
	results := screenfile.Results(rows, batch)
	lists, ok := a.Screening.Engine.ListsJSON()
	if !ok {
		httpjson.Write(w, http.StatusOK, screenResponse{Results: results, Lists: a.Screening.Engine.Lists()})
		return nil
	}
	// A screenResponse as encoding/json writes it, with the results encoded
	// by hand and the lists once per index rather than for every response.
	b := httpjson.NewBody()
	b.Raw(`{"results":`)
	if !b.Append(func(dst []byte) ([]byte, bool) { return appendResults(dst, results) }) {
		b.Value(results) // a score that is not a number: encoding/json's verdict
	}
	b.Raw(`,"lists":`)
	b.RawBytes(lists)
	b.Raw("}\n")
	b.Send(w, http.StatusOK)
	return nil
}

func (a *API) screeningLists(w http.ResponseWriter, r *http.Request) error {
	lists, err := a.Screening.Lists(auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"lists": lists})
	return nil
}

// screeningListing returns the records of one listed party: the record
// named by source and id, then the party's records on other lists.
func (a *API) screeningListing(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	ents, err := a.Screening.Listing(auth.FromContext(r.Context()), q.Get("source"), q.Get("id"))
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"listings": ents})
	return nil
}

// screeningHits lists the hits raised against the parties the caller may
// see when the lists changed.
func (a *API) screeningHits(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	orgs, err := a.Accounts.Orgs(r.Context(), p)
	if err != nil {
		return err
	}
	hits, err := a.Lists.Hits(r.Context(), p, orgs)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []listversion.Hit{}
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"hits": hits})
	return nil
}
