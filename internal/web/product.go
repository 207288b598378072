package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/product"
)

// maxProductForm is the largest product or classification form accepted.
const maxProductForm = 256 << 10

// productPages are the product registry's pages.
func productPages() []Page {
	return []Page{
		{"GET /products", (*Web).productList},
		{"GET /products/new", (*Web).productNew},
		{"POST /products", (*Web).productCreate},
		{"GET /products/{id}", (*Web).productPage},
		{"GET /products/{id}/edit", (*Web).productEdit},
		{"POST /products/{id}/edit", (*Web).productSave},
		{"POST /products/{id}/classifications", (*Web).productClassify},
	}
}

// flashes are the messages a redirect after a change may ask for.
var flashes = map[string]string{
	"created":    "Product registered. Classify it against the control list below.",
	"saved":      "Changes saved.",
	"classified": "Classification recorded.",
}

type productsView struct {
	Products []product.Product
	Tasks    []product.Task // open re-classification tasks
	CanWrite bool
	// ShowOwner is set for callers who see several organisations' products.
	ShowOwner bool
}

func (w *Web) productList(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	ps, err := w.Products.List(r.Context(), p)
	if err != nil {
		return err
	}
	tasks, err := w.Products.Tasks(r.Context(), p, true)
	if err != nil {
		return err
	}
	v := productsView{Products: ps, Tasks: tasks, CanWrite: auth.ScopeOf(p, auth.WriteProduct) != auth.None,
		ShowOwner: auth.ScopeOf(p, auth.ReadProduct) != auth.OwnOrg}
	w.Render(rw, r, http.StatusOK, "products", View{Title: "Products", Data: v})
	return nil
}

// productForm is the new and edit product form.
type productForm struct {
	ID          string // "" for a new product
	Name        string
	Description string
	Parameters  string // one "name: value" a line
}

func (w *Web) productNew(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := auth.Authorize(p, auth.WriteProduct, auth.Resource{OrgID: p.OrgID}); err != nil {
		return err
	}
	w.Render(rw, r, http.StatusOK, "product_form", View{Title: "New product", Data: productForm{}})
	return nil
}

// readProductForm parses the product form into the domain's details.
func readProductForm(rw http.ResponseWriter, r *http.Request) (productForm, product.Details, error) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxProductForm)
	if err := r.ParseForm(); err != nil {
		return productForm{}, product.Details{}, apperr.New(apperr.Invalid, "the form could not be read")
	}
	f := productForm{ID: r.PathValue("id"), Name: r.PostForm.Get("name"), Description: r.PostForm.Get("description"), Parameters: r.PostForm.Get("parameters")}
	params, err := parseParameters(f.Parameters)
	return f, product.Details{Name: f.Name, Description: f.Description, Parameters: params}, err
}

// parseParameters reads "name: value" lines; blank lines are skipped.
func parseParameters(text string) (map[string]string, error) {
	out := map[string]string{}
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, apperr.Field(apperr.Invalid, "parameters", "line %d: write the parameter as name: value", i+1)
		}
		if _, dup := out[name]; dup {
			return nil, apperr.Field(apperr.Invalid, "parameters", "line %d: %q is given twice", i+1, name)
		}
		out[name] = strings.TrimSpace(value)
	}
	return out, nil
}

// formatParameters writes parameters as the form's "name: value" lines.
func formatParameters(ps map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(ps)) {
		fmt.Fprintf(&b, "%s: %s\n", k, ps[k])
	}
	return b.String()
}

// formError re-renders a form with the error of a refused input, or returns
// any other error.
func (w *Web) formError(rw http.ResponseWriter, r *http.Request, err error, page, title string, data any) error {
	if !apperr.Is(err, apperr.Invalid) {
		return err
	}
	msg, field := apperr.Safe(err)
	if field != "" {
		f := strings.Replace(field, product.AssessmentPrefix, "art_2_20_assessment: ", 1)
		f = strings.Replace(f, "art_2_20_assessment", "Art. 2(20) assessment", 1)
		msg = strings.ReplaceAll(f, "_", " ") + ": " + msg
	}
	w.Render(rw, r, http.StatusBadRequest, page, View{Title: title, Error: msg, Data: data})
	return nil
}

func (w *Web) productCreate(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := auth.Authorize(p, auth.WriteProduct, auth.Resource{OrgID: p.OrgID}); err != nil {
		return err
	}
	f, d, err := readProductForm(rw, r)
	if err == nil {
		var prod product.Product
		if prod, err = w.Products.Create(r.Context(), p, d); err == nil {
			http.Redirect(rw, r, "/products/"+prod.ID+"?done=created", http.StatusSeeOther)
			return nil
		}
	}
	return w.formError(rw, r, err, "product_form", "New product", f)
}

func (w *Web) productEdit(rw http.ResponseWriter, r *http.Request) error {
	prod, err := w.Products.Writable(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := productForm{ID: prod.ID, Name: prod.Name, Description: prod.Description, Parameters: formatParameters(prod.Parameters)}
	w.Render(rw, r, http.StatusOK, "product_form", View{Title: "Edit " + prod.Name, Data: f})
	return nil
}

func (w *Web) productSave(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	prod, err := w.Products.Writable(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	f, d, err := readProductForm(rw, r)
	if err == nil {
		if _, err = w.Products.Update(r.Context(), p, prod.ID, d); err == nil {
			http.Redirect(rw, r, "/products/"+prod.ID+"?done=saved", http.StatusSeeOther)
			return nil
		}
	}
	return w.formError(rw, r, err, "product_form", "Edit "+prod.Name, f)
}

// element is one question of the Art. 2(20) assessment on the form.
type element struct {
	Name     string // form field; its reason is Name + "_reason"
	Question string
	Answer   string // "yes", "no" or "" (not answered)
	Reason   string
}

// elements are the four elements of the Art. 2(20) definition.
var elements = []element{
	{Name: "specially_designed", Question: "Is it specially designed for surveillance, rather than a general-purpose item that could be misused?"},
	{Name: "covert", Question: "Does it enable covert surveillance, without the knowledge of the persons concerned?"},
	{Name: "natural_persons", Question: "Is the surveillance aimed at natural persons?"},
	{Name: "ict_data", Question: "Does it work by monitoring, extracting, collecting or analysing data from information and telecommunication systems?"},
}

// classifyForm is the classification form's content.
type classifyForm struct {
	NotListed   bool
	Code        string
	Rationale   string
	ListVersion string
	Elements    []element
}

type productView struct {
	product.Detail
	CanWrite bool
	Form     classifyForm
	// SearchLink searches the control list for the product's description.
	SearchLink string
}

// newProductView is the product page's data.
func newProductView(r *http.Request, d product.Detail, f classifyForm) productView {
	p := auth.FromContext(r.Context())
	q := []rune(d.Description)
	if len(q) > 300 {
		q = q[:300]
	}
	return productView{Detail: d, Form: f,
		CanWrite:   auth.Authorize(p, auth.WriteProduct, d.Resource()) == nil,
		SearchLink: "/controllist?q=" + url.QueryEscape(string(q)),
	}
}

func (w *Web) productPage(rw http.ResponseWriter, r *http.Request) error {
	d, err := w.Products.Get(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	f := classifyForm{ListVersion: w.ControlList.List().Version.ID, Elements: slices.Clone(elements)}
	w.Render(rw, r, http.StatusOK, "product", View{Title: d.Name, Flash: flashes[r.URL.Query().Get("done")], Data: newProductView(r, d, f)})
	return nil
}

// readClassifyForm parses the classification form into a request.
func readClassifyForm(rw http.ResponseWriter, r *http.Request) (classifyForm, product.ClassifyRequest, error) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxProductForm)
	if err := r.ParseForm(); err != nil {
		return classifyForm{}, product.ClassifyRequest{}, apperr.New(apperr.Invalid, "the form could not be read")
	}
	pf := r.PostForm
	f := classifyForm{NotListed: pf.Get("kind") == "not-listed", Code: pf.Get("code"), Rationale: pf.Get("rationale"),
		ListVersion: pf.Get("list_version"), Elements: slices.Clone(elements)}
	for i := range f.Elements {
		e := &f.Elements[i]
		e.Answer, e.Reason = pf.Get(e.Name), pf.Get(e.Name+"_reason")
	}
	req := product.ClassifyRequest{Code: f.Code, Rationale: f.Rationale, ListVersion: f.ListVersion}
	if !f.NotListed {
		return f, req, nil
	}
	req.Code = controllist.NotListedCode
	a := &controllist.Art220Assessment{}
	fields := map[string]struct {
		answer *bool
		reason *string
	}{
		"specially_designed": {&a.SpeciallyDesigned, &a.SpeciallyReason},
		"covert":             {&a.Covert, &a.CovertReason},
		"natural_persons":    {&a.NaturalPersons, &a.NaturalPersonsReason},
		"ict_data":           {&a.ICTData, &a.ICTDataReason},
	}
	for _, e := range f.Elements {
		if e.Answer != "yes" && e.Answer != "no" {
			return f, req, apperr.Field(apperr.Invalid, product.AssessmentPrefix+e.Name, "answer yes or no: %s", e.Question)
		}
		*fields[e.Name].answer, *fields[e.Name].reason = e.Answer == "yes", e.Reason
	}
	req.Assessment = a
	return f, req, nil
}

func (w *Web) productClassify(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	prod, err := w.Products.Writable(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	f, req, err := readClassifyForm(rw, r)
	if err == nil {
		if _, err = w.Products.Classify(r.Context(), p, prod.ID, req); err == nil {
			http.Redirect(rw, r, "/products/"+prod.ID+"?done=classified", http.StatusSeeOther)
			return nil
		}
	}
	if !apperr.Is(err, apperr.Invalid) {
		return err
	}
	d, derr := w.Products.Get(r.Context(), p, prod.ID)
	if derr != nil {
		return derr
	}
	return w.formError(rw, r, err, "product", d.Name, newProductView(r, d, f))
}
