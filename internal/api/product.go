package api

import (
	"context"
	"net/http"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/httpjson"
	"github.com/dualuse/dualuse/internal/product"
)

func (a *API) productRoutes() []Route {
	return []Route{
		{"GET", "/api/v1/products", false, a.listProducts},
		{"POST", "/api/v1/products", false, a.createProduct},
		{"GET", "/api/v1/products/{id}", false, a.getProduct},
		{"PUT", "/api/v1/products/{id}", false, productWrite(a, http.StatusOK, a.Products.Update)},
		{"POST", "/api/v1/products/{id}/classifications", false, productWrite(a, http.StatusCreated, a.Products.Classify)},
		{"GET", "/api/v1/reclassification-tasks", false, a.listReclassificationTasks},
	}
}

func (a *API) listProducts(w http.ResponseWriter, r *http.Request) error {
	ps, err := a.Products.List(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"products": nonNil(ps)})
	return nil
}

func (a *API) createProduct(w http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	// Check the permission before reading the body, so that a caller
	// without it learns nothing from validation messages.
	if err := auth.Authorize(p, auth.WriteProduct, auth.Resource{OrgID: p.OrgID}); err != nil {
		return err
	}
	var req product.Details
	if err := httpjson.Decode(w, r, &req); err != nil {
		return err
	}
	prod, err := a.Products.Create(r.Context(), p, req)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusCreated, prod)
	return nil
}

func (a *API) getProduct(w http.ResponseWriter, r *http.Request) error {
	d, err := a.Products.Get(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	d.History, d.Tasks = nonNil(d.History), nonNil(d.Tasks)
	httpjson.Write(w, http.StatusOK, d)
	return nil
}

// productWrite is the handler of a change to product {id}: it checks that
// the caller may write the product before reading the body (so that a
// caller without the right learns nothing from validation messages),
// decodes the body strictly and answers with what do returns.
func productWrite[Req, Resp any](a *API, status int, do func(context.Context, auth.Principal, string, Req) (Resp, error)) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, id := auth.FromContext(r.Context()), r.PathValue("id")
		if _, err := a.Products.Writable(r.Context(), p, id); err != nil {
			return err
		}
		var req Req
		if err := httpjson.Decode(w, r, &req); err != nil {
			return err
		}
		out, err := do(r.Context(), p, id, req)
		if err != nil {
			return err
		}
		httpjson.Write(w, status, out)
		return nil
	}
}

func (a *API) listReclassificationTasks(w http.ResponseWriter, r *http.Request) error {
	var openOnly bool
	switch r.URL.Query().Get("state") {
	case "", "open":
		openOnly = true
	case "all":
	default:
		return apperr.Field(apperr.Invalid, "state", "must be open (the default) or all")
	}
	ts, err := a.Products.Tasks(r.Context(), auth.FromContext(r.Context()), openOnly)
	if err != nil {
		return err
	}
	httpjson.Write(w, http.StatusOK, map[string]any{"tasks": nonNil(ts)})
	return nil
}
