package screening_test

import (
	"context"
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
)

// The whole sanctions folder is loaded once per test binary and shared.
var (
	allOnce  sync.Once
	allLists []*screening.List
	allErr   error
	allEng   *screening.Engine
	usOnce   sync.Once
	usEng    *screening.Engine
	heldOnce sync.Once
	heldEng  *screening.Engine
)

// allEngine returns an engine over every list in shared/data/sanctions (the
// newest version of each list, so the newest full OFAC SDN set).
func allEngine(tb testing.TB) *screening.Engine {
	tb.Helper()
	dir := datatest.Path(tb, "sanctions")
	allOnce.Do(func() {
		res, err := source.Load(dir)
		if err != nil {
			allErr = err
			return
		}
		if len(res.Failed) > 0 {
			allErr = res.Failed[0]
			return
		}
		allLists = res.Lists
		allEng = screening.New(res.Lists...)
	})
	if allErr != nil {
		tb.Fatal(allErr)
	}
	return allEng
}

// usEngine returns an engine over the US lists only.
func usEngine(tb testing.TB) *screening.Engine {
	allEngine(tb)
	usOnce.Do(func() {
		usEng = screening.New(listsWhere(func(source string) bool { return strings.HasPrefix(source, "us_") })...)
	})
	return usEng
}

// heldSource reports whether a list is one of the held-out
// evaluation: the OFAC lists and the UN list.
func heldSource(source string) bool {
	return strings.HasPrefix(source, "us_ofac") || source == "un_sc"
}

// heldEngine returns an engine over the held-out evaluation's lists only.
func heldEngine(tb testing.TB) *screening.Engine {
	allEngine(tb)
	heldOnce.Do(func() { heldEng = screening.New(listsWhere(heldSource)...) })
	return heldEng
}

// listsWhere returns the loaded lists whose source keep accepts.
func listsWhere(keep func(source string) bool) []*screening.List {
	var ls []*screening.List
	for _, l := range allLists {
		if keep(l.Version.Source) {
			ls = append(ls, l)
		}
	}
	return ls
}

// readCSV reads a CSV with a header into maps, skipping "#" comment lines.
func readCSV(tb testing.TB, elem ...string) []map[string]string {
	tb.Helper()
	return readCSVColumns(tb, nil, elem...)
}

// readCSVColumns reads a CSV into maps; with head nil the first record is
// the header.
func readCSVColumns(tb testing.TB, head []string, elem ...string) []map[string]string {
	tb.Helper()
	f, err := os.Open(datatest.Path(tb, elem...))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if head == nil {
		head, recs = recs[0], recs[1:]
	}
	var out []map[string]string
	for _, rec := range recs {
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// personQuery turns a yente fixture row into a query.
func personQuery(row map[string]string) screening.Query {
	q := screening.Query{Name: row["full_name"], Kind: screening.Person}
	if d := row["date_of_birth"]; d != "" {
		if _, err := time.Parse("2006-01-02", d); err == nil || len(d) == 4 {
			q.BirthDate = d // a few synthetic rows have impossible dates such as 1974-01-32
		}
	}
	if c := row["nationality"]; c != "" {
		q.Countries = []string{c}
	}
	return q
}

func hasSource(hits []screening.Hit, src string) bool {
	for _, h := range hits {
		if slices.ContainsFunc(h.Sources, func(s screening.SourceRef) bool { return s.Source == src }) {
			return true
		}
	}
	return false
}

// screenPersons screens the people of a yente fixture (see personQuery)
// and returns their queries and hits, in row order.
func screenPersons(t *testing.T, eng *screening.Engine, rows []map[string]string) ([]screening.Query, [][]screening.Hit) {
	t.Helper()
	qs := make([]screening.Query, len(rows))
	for i, r := range rows {
		qs[i] = personQuery(r)
	}
	return qs, screenQueries(t, eng, qs)
}

// screenQueries screens qs as one batch and fails on any query's error.
func screenQueries(t *testing.T, eng *screening.Engine, qs []screening.Query) [][]screening.Hit {
	t.Helper()
	res, err := eng.ScreenBatch(context.Background(), qs)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]screening.Hit, len(res))
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("query %d %q: %v", i, qs[i].Name, r.Err)
		}
		out[i] = r.Hits
	}
	return out
}
