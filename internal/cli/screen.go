package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
)

func init() {
	commands["screen"] = command{summary: "screen parties against sanctions and restricted-party lists", run: runScreen}
}

// screenRow is one party read from --input or the command line, with the
// error that made it unreadable, if any.
type screenRow struct {
	id    string
	query screening.Query
	err   error
}

// screenOutput is one line of --output (JSON lines).
type screenOutput struct {
	ID      string        `json:"id"`
	Error   string        `json:"error,omitempty"`
	Matches []screenMatch `json:"matches"`
}

type screenMatch struct {
	Source      string                `json:"source"`
	SourceID    string                `json:"source_id"`
	Name        string                `json:"name"`
	Score       float64               `json:"score"`
	Explanation screening.Explanation `json:"explanation"`
	Sources     []screening.SourceRef `json:"sources"`
}

func runScreen(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "screen")
	var lists stringList
	fs.Var(&lists, "lists", "list file or folder, recognised by content (repeatable)")
	threshold := fs.Float64("threshold", screening.DefaultThreshold, "report matches scoring at least this (0..1)")
	limit := fs.Int("limit", screening.DefaultLimit, "at most this many matches per party")
	input := fs.String("input", "", "CSV (header id,name[,type,country,birth_date]) or JSON lines of parties")
	output := fs.String("output", "", "write JSON lines here, one per party in input order (default: a table on stdout)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dualuse screen --lists PATH [--lists PATH ...] [--threshold T] [--limit K] [--input FILE] [--output FILE] [NAME ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(lists) == 0 {
		return usageError("--lists is required")
	}
	if *threshold < 0 || *threshold > 1 {
		return usageError("--threshold %v is outside [0, 1]", *threshold)
	}
	if *limit < 1 {
		return usageError("--limit must be at least 1")
	}
	if *input == "" && fs.NArg() == 0 {
		return usageError("give names to screen or --input FILE")
	}
	res, err := source.Load(lists...)
	if err != nil {
		return err
	}
	for _, f := range res.Failed {
		fmt.Fprintf(env.Stderr, "dualuse screen: list not loaded: %v\n", f)
	}
	if len(res.Lists) == 0 {
		return errors.New("no list could be loaded")
	}
	for _, l := range res.Lists {
		dropped := 0
		for _, is := range l.Issues {
			if is.Dropped {
				dropped++
			}
		}
		fmt.Fprintf(env.Stderr, "loaded %s: %d entities, %d issues (%d records not loaded)\n", l.Version.ID(), l.Version.Entities, len(l.Issues), dropped)
	}
	eng := screening.New(res.Lists...)

	var rows []screenRow
	if *input != "" {
		rows, err = readScreenInput(*input)
		if err != nil {
			return err
		}
	}
	for i, n := range fs.Args() {
		rows = append(rows, screenRow{id: strconv.Itoa(i + 1), query: screening.Query{Name: n}})
	}
	for i := range rows {
		rows[i].query.Threshold = *threshold
		rows[i].query.Limit = *limit
		if rows[i].err == nil {
			rows[i].err = rows[i].query.Validate()
		}
	}
	results := screenAll(ctx, env, eng, rows)
	if results == nil {
		return ctx.Err()
	}
	if *output == "" {
		return writeScreenTable(env.Stdout, rows, results)
	}
	f, err := os.Create(*output)
	if err != nil {
		return fmt.Errorf("creating output: %w", err)
	}
	if err := writeScreenJSON(f, rows, results); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// screenAll screens the rows in batches on all cores, showing progress on
// stderr when it is a terminal.
func screenAll(ctx context.Context, env *Env, eng *screening.Engine, rows []screenRow) []screening.BatchResult {
	out := make([]screening.BatchResult, len(rows))
	tty := isTerminal(env.Stderr) && len(rows) >= 1000
	const chunk = 4096
	for start := 0; start < len(rows); start += chunk {
		end := min(start+chunk, len(rows))
		qs := make([]screening.Query, 0, end-start)
		idx := make([]int, 0, end-start)
		for i := start; i < end; i++ {
			if rows[i].err == nil {
				qs = append(qs, rows[i].query)
				idx = append(idx, i)
			}
		}
		res, err := eng.ScreenBatch(ctx, qs)
		if err != nil {
			return nil
		}
		for k, r := range res {
			out[idx[k]] = r
		}
		if tty {
			fmt.Fprintf(env.Stderr, "\rscreened %d/%d", end, len(rows))
		}
	}
	if tty {
		fmt.Fprintln(env.Stderr)
	}
	return out
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// readScreenInput reads CSV with a header (id,name[,type,country,birth_date])
// or JSON lines ({"id":..,"name":..,"type":..,"country":..,"birth_date":..}).
// A malformed row becomes a row with an error; the others are kept.
func readScreenInput(path string) ([]screenRow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading --input: %w", err)
	}
	trimmed := strings.TrimLeft(strings.TrimPrefix(string(data), "\ufeff"), " \t\r\n")
	if strings.HasPrefix(trimmed, "{") {
		return readScreenJSONL(trimmed), nil
	}
	return readScreenCSV(path, trimmed)
}

type inputParty struct {
	ID        json.RawMessage `json:"id"`
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	Country   string          `json:"country"`
	BirthDate string          `json:"birth_date"`
}

func readScreenJSONL(data string) []screenRow {
	var rows []screenRow
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var p inputParty
		if err := json.Unmarshal([]byte(text), &p); err != nil {
			rows = append(rows, screenRow{id: "line " + strconv.Itoa(line), err: fmt.Errorf("line %d: malformed JSON: %w", line, err)})
			continue
		}
		id := strings.Trim(string(p.ID), `"`)
		if id == "" {
			id = "line " + strconv.Itoa(line)
		}
		rows = append(rows, partyRow(id, fmt.Sprintf("line %d", line), p.Name, p.Type, p.Country, p.BirthDate))
	}
	return rows
}

func partyRow(id, place, name, typ, country, dob string) screenRow {
	r := screenRow{id: id, query: screening.Query{ID: id, Name: strings.TrimSpace(name), BirthDate: strings.TrimSpace(dob)}}
	k, err := screening.ParseKind(strings.TrimSpace(typ))
	if err != nil {
		r.err = fmt.Errorf("%s: %w", place, err)
		return r
	}
	r.query.Kind = k
	if c := strings.TrimSpace(country); c != "" {
		r.query.Countries = []string{c}
	}
	if err := r.query.Validate(); err != nil {
		r.err = fmt.Errorf("%s: %w", place, err)
	}
	return r
}

func readScreenCSV(path, data string) ([]screenRow, error) {
	r := csv.NewReader(strings.NewReader(data))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, usageError("--input %s: malformed CSV header: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, usageError("--input %s: the CSV header needs id,name[,type,country,birth_date]", path)
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	var rows []screenRow
	for n := 2; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		place := "row " + strconv.Itoa(n)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err != csv.ErrQuote && pe.Err != csv.ErrBareQuote {
				return nil, fmt.Errorf("--input %s: %w", path, err)
			}
			rows = append(rows, screenRow{id: place, err: fmt.Errorf("%s: malformed CSV: %w", place, err)})
			if pe != nil {
				return rows, nil // the reader cannot resynchronise after a quote error
			}
			continue
		}
		id := strings.TrimSpace(get(rec, "id"))
		if id == "" {
			id = place
		}
		if len(rec) != len(head) {
			rows = append(rows, screenRow{id: id, err: fmt.Errorf("%s: %d fields, header has %d", place, len(rec), len(head))})
			continue
		}
		rows = append(rows, partyRow(id, place, get(rec, "name"), get(rec, "type"), get(rec, "country"), get(rec, "birth_date")))
	}
}

func writeScreenJSON(w io.Writer, rows []screenRow, results []screening.BatchResult) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, r := range rows {
		o := screenOutput{ID: r.id, Matches: []screenMatch{}}
		err := r.err
		if err == nil {
			err = results[i].Err
		}
		if err != nil {
			o.Error = err.Error()
		}
		for _, h := range results[i].Hits {
			o.Matches = append(o.Matches, screenMatch{Source: h.Source, SourceID: h.SourceID, Name: h.Name, Score: h.Score, Explanation: h.Explanation, Sources: h.Sources})
		}
		if err := enc.Encode(o); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	return bw.Flush()
}

func writeScreenTable(w io.Writer, rows []screenRow, results []screening.BatchResult) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tQUERY\tSCORE\tSOURCE\tSOURCE ID\tLISTED NAME\tMATCHED NAME\tALSO ON")
	for i, r := range rows {
		err := r.err
		if err == nil {
			err = results[i].Err
		}
		if err != nil {
			fmt.Fprintf(tw, "%s\t%s\t-\terror: %v\t\t\t\t\n", r.id, r.query.Name, err)
			continue
		}
		if len(results[i].Hits) == 0 {
			fmt.Fprintf(tw, "%s\t%s\t-\tno match\t\t\t\t\n", r.id, r.query.Name)
		}
		for _, h := range results[i].Hits {
			var also []string
			for _, s := range h.Sources[1:] {
				also = append(also, s.Source+":"+s.SourceID)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%s\t%s\t%s\t%s\t%s\n", r.id, r.query.Name, h.Score, h.Source, h.SourceID, h.Name, h.Explanation.ListName, strings.Join(also, " "))
		}
	}
	return tw.Flush()
}
