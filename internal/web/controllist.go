package web

import (
	"net/http"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/determination"
)

// segment is a piece of a snippet, highlighted or not.
type segment struct {
	Text string
	Mark bool
}

// segments splits a search result's snippet at its highlights, so that the
// template can mark them without trusting any HTML.
func segments(r controllist.Result) []segment {
	var out []segment
	last := 0
	for _, h := range r.Highlights {
		if h.Start < last || h.End > len(r.Snippet) || h.Start > h.End {
			continue
		}
		out = append(out, segment{r.Snippet[last:h.Start], false}, segment{r.Snippet[h.Start:h.End], true})
		last = h.End
	}
	return append(out, segment{r.Snippet[last:], false})
}

type searchView struct {
	Query    string
	Response controllist.Response
	Snippets [][]segment
	Tree     []*controllist.Category
	Version  controllist.Version
}

func (w *Web) controlList(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	v := searchView{Query: strings.TrimSpace(r.URL.Query().Get("q")), Version: w.ControlList.List().Version}
	if v.Query != "" {
		if len(v.Query) > 2000 {
			return apperr.Field(apperr.Invalid, "q", "the description is longer than 2000 characters")
		}
		resp, err := w.ControlList.Search(p, controllist.Query{Text: v.Query, Limit: 10})
		if err != nil {
			return err
		}
		v.Response = resp
		for _, res := range resp.Results {
			v.Snippets = append(v.Snippets, segments(res))
		}
	} else {
		tree, err := w.ControlList.Tree(p)
		if err != nil {
			return err
		}
		v.Tree = tree
	}
	w.Render(rw, r, http.StatusOK, "controllist", View{Title: "Control list", Data: v})
	return nil
}

func (w *Web) controlListEntry(rw http.ResponseWriter, r *http.Request) error {
	ev, err := w.ControlList.Entry(auth.FromContext(r.Context()), r.PathValue("code"))
	if apperr.Is(err, apperr.Invalid) {
		msg, _ := apperr.Safe(err)
		return apperr.New(apperr.NotFound, "%s", msg)
	} else if err != nil {
		return err
	}
	w.Render(rw, r, http.StatusOK, "entry", View{Title: ev.Entry.Code, Data: ev})
	return nil
}

type licenceView struct {
	Asked         bool
	Form          determination.Request
	Result        determination.Result
	EndUserTypes  []determination.EndUserType
	Operations    []determination.Operation
	Countries     any
	DestinationOK bool
}

func (w *Web) licenceCheck(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := auth.Authorize(p, auth.Determine, auth.Resource{OrgID: p.OrgID, State: p.State}); err != nil {
		return err
	}
	q := r.URL.Query()
	v := licenceView{EndUserTypes: determination.EndUserTypes, Operations: determination.Operations, Countries: w.Accounts.Countries.All()}
	v.Form = determination.Request{
		Item:              strings.TrimSpace(q.Get("item")),
		CyberSurveillance: q.Get("cyber_surveillance") == "on",
		Destination:       strings.TrimSpace(q.Get("destination")),
		EndUserType:       determination.EndUserType(q.Get("end_user_type")),
		Operation:         determination.Operation(q.Get("operation")),
		Informed:          q.Get("informed") == "on",
		Aware:             q.Get("aware") == "on",
	}
	view := View{Title: "Do I need a licence?"}
	if v.Form.Item != "" || v.Form.Destination != "" {
		res, err := w.Determiner.DetermineFor(p, v.Form)
		switch {
		case apperr.Is(err, apperr.Invalid):
			view.Error = errorText(err)
		case err != nil:
			return err
		default:
			v.Asked, v.Result = true, res
		}
	}
	view.Data = v
	w.Render(rw, r, http.StatusOK, "licence", view)
	return nil
}

// diffPart is a piece of a word diff: kept ("") text, removed ("-") or added ("+").
type diffPart struct {
	Op, Text string
}

// wordDiff splits a word diff with [-removed-] and {+added+} marks.
func wordDiff(d string) []diffPart {
	var out []diffPart
	for d != "" {
		i := strings.IndexAny(d, "[{")
		if i < 0 {
			return append(out, diffPart{"", d})
		}
		open, close, op := "[-", "-]", "-"
		if d[i] == '{' {
			open, close, op = "{+", "+}", "+"
		}
		if !strings.HasPrefix(d[i:], open) {
			out = append(out, diffPart{"", d[:i+1]})
			d = d[i+1:]
			continue
		}
		j := strings.Index(d[i+2:], close)
		if j < 0 {
			return append(out, diffPart{"", d})
		}
		out = append(out, diffPart{"", d[:i]}, diffPart{op, d[i+2 : i+2+j]})
		d = d[i+2+j+2:]
	}
	return out
}
