package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/screenfile"
	"github.com/dualuse/dualuse/internal/screening"
)

// MaxUpload is the largest party file accepted, in bytes.
const MaxUpload = 20 << 20

type screenView struct {
	Form    screenForm
	Rows    []screenfile.Row
	Results []screenfile.Result
	Asked   bool
	Lists   []screening.ListVersion
	Hits    int
	Errors  int
}

type screenForm struct {
	Name, Type, Country, BirthDate string
}

// screeningPage shows the form; with a name in the query it screens that one
// party.
func (w *Web) screeningPage(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	lists, err := w.Screening.Lists(p)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v := screenView{Lists: lists, Form: screenForm{Name: q.Get("name"), Type: q.Get("type"), Country: q.Get("country"), BirthDate: q.Get("birth_date")}}
	view := View{Title: "Screen a party"}
	if strings.TrimSpace(v.Form.Name) != "" {
		f := v.Form
		rows := []screenfile.Row{screenfile.Party("", "the form", f.Name, f.Type, f.Country, f.BirthDate)}
		if rows[0].Err != nil {
			view.Error = errorText(rows[0].Err)
		} else if err := w.screenRows(r, p, &v, rows); err != nil {
			return err
		}
	}
	view.Data = v
	w.Render(rw, r, http.StatusOK, "screening", view)
	return nil
}

func (w *Web) screenRows(r *http.Request, p auth.Principal, v *screenView, rows []screenfile.Row) error {
	batch, err := w.Screening.Screen(r.Context(), p, screenfile.Queries(rows), screenfile.MaxRows)
	if err != nil {
		return err
	}
	v.Asked, v.Rows, v.Results = true, rows, screenfile.Results(rows, batch)
	for _, res := range v.Results {
		if res.Error != "" {
			v.Errors++
		}
		if len(res.Matches) > 0 {
			v.Hits++
		}
	}
	return nil
}

// screeningListing shows the records of one listed party (source and id in
// the query), for an officer clearing a hit.
func (w *Web) screeningListing(rw http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	ents, err := w.Screening.Listing(auth.FromContext(r.Context()), q.Get("source"), q.Get("id"))
	if err != nil {
		return err
	}
	w.Render(rw, r, http.StatusOK, "listing", View{Title: ents[0].PrimaryName(), Data: ents})
	return nil
}

// screeningUpload screens an uploaded CSV, JSON-lines or XLSX file and shows
// the results, or sends them as a CSV or JSON-lines download.
func (w *Web) screeningUpload(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	lists, err := w.Screening.Lists(p)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(rw, r.Body, MaxUpload+64<<10)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return apperr.Field(apperr.Invalid, "file", "the file is larger than %d MB", MaxUpload>>20)
		}
		return apperr.Field(apperr.Invalid, "file", "choose a CSV, JSON-lines or XLSX file to upload")
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return apperr.Field(apperr.Invalid, "file", "the upload could not be read")
	}
	name := filepath.Base(hdr.Filename)
	v := screenView{Lists: lists}
	view := View{Title: "Screen a party"}
	rows, err := screenfile.Read(name, data)
	if err != nil {
		view.Error = errorText(err)
		view.Data = v
		w.Render(rw, r, http.StatusBadRequest, "screening", view)
		return nil
	}
	if len(rows) == 0 {
		return apperr.Field(apperr.Invalid, "file", "%s holds no parties", name)
	}
	if err := w.screenRows(r, p, &v, rows); err != nil {
		return err
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	switch r.FormValue("format") {
	case "csv":
		rw.Header().Set("Content-Type", "text/csv; charset=utf-8")
		rw.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", base+"-screened.csv"))
		return screenfile.WriteCSV(rw, v.Rows, v.Results)
	case "jsonl":
		rw.Header().Set("Content-Type", "application/x-ndjson")
		rw.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", base+"-screened.jsonl"))
		return screenfile.WriteJSONL(rw, v.Results)
	}
	view.Flash = fmt.Sprintf("%s: %d parties screened, %d with matches, %d with errors", name, len(rows), v.Hits, v.Errors)
	view.Data = v
	w.Render(rw, r, http.StatusOK, "screening", view)
	return nil
}
