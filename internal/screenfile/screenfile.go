// Package screenfile reads the party files compliance officers screen in
// bulk — CSV with the header id,name[,type,country,birth_date], JSON lines,
// or an XLSX workbook with the same columns on its first sheet — and writes
// the results as JSON lines or CSV. A malformed row becomes a row with an
// error naming it; the other rows are still screened.
package screenfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening"
)

// MaxRows is the most parties one file may hold.
const MaxRows = 100_000

// MaxUnzipped bounds the unpacked size of an XLSX workbook.
const MaxUnzipped = 256 << 20

// Row is one party read from a file, or the error that made it unreadable.
type Row struct {
	ID    string
	Query screening.Query
	Err   error
}

// Read reads a party file, recognising the format by content: an XLSX
// workbook (a ZIP archive), JSON lines (starting with "{"), or CSV.
func Read(name string, data []byte) ([]Row, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(name, data)
	}
	text := strings.TrimLeft(strings.TrimPrefix(string(data), "\ufeff"), " \t\r\n")
	if strings.HasPrefix(text, "{") {
		return readJSONL(name, text)
	}
	return readCSV(name, text)
}

type jsonParty struct {
	ID        json.RawMessage `json:"id"`
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	Country   string          `json:"country"`
	BirthDate string          `json:"birth_date"`
}

func readJSONL(name, data string) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if len(rows) >= MaxRows {
			return nil, tooMany(name)
		}
		place := fmt.Sprintf("%s: line %d", name, line)
		var p jsonParty
		if err := json.Unmarshal([]byte(text), &p); err != nil {
			rows = append(rows, Row{ID: "line " + strconv.Itoa(line), Err: apperr.Field(apperr.Invalid, place, "malformed JSON: %v", err)})
			continue
		}
		id := strings.Trim(string(p.ID), `"`)
		if id == "" || id == "null" {
			id = "line " + strconv.Itoa(line)
		}
		rows = append(rows, Party(id, place, p.Name, p.Type, p.Country, p.BirthDate))
	}
	if err := sc.Err(); err != nil {
		return nil, apperr.Field(apperr.Invalid, name, "%v", err)
	}
	return rows, nil
}

func readCSV(name, data string) ([]Row, error) {
	r := csv.NewReader(strings.NewReader(data))
	r.FieldsPerRecord = -1
	var recs [][]string
	var lines []int // the line each record starts on (blank lines are skipped)
	var bad []Row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			n := 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				n = pe.StartLine
			}
			if len(recs) == 0 {
				return nil, apperr.Field(apperr.Invalid, name+": row 1", "malformed CSV header: %v", err)
			}
			// The reader cannot resynchronise after a quote error: report
			// the row and stop reading.
			bad = append(bad, Row{ID: "row " + strconv.Itoa(n), Err: apperr.Field(apperr.Invalid, fmt.Sprintf("%s: row %d", name, n), "malformed CSV: %v", err)})
			break
		}
		line, _ := r.FieldPos(0)
		recs, lines = append(recs, rec), append(lines, line)
		if len(recs) > MaxRows+1 {
			return nil, tooMany(name)
		}
	}
	rows, err := fromTable(name, recs, lines)
	return append(rows, bad...), err
}

func readXLSX(name string, data []byte) ([]Row, error) {
	// Bound what a small upload may unpack to (a "zip bomb").
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, apperr.Field(apperr.Invalid, name, "not a readable XLSX workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, apperr.Field(apperr.Invalid, name, "the workbook has no sheet")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, apperr.Field(apperr.Invalid, name, "reading sheet %q: %v", sheets[0], err)
	}
	defer it.Close()
	var recs [][]string
	for it.Next() {
		rec, err := it.Columns()
		if err != nil {
			return nil, apperr.Field(apperr.Invalid, fmt.Sprintf("%s: sheet %q row %d", name, sheets[0], len(recs)+1), "%v", err)
		}
		recs = append(recs, rec)
		if len(recs) > MaxRows+1 {
			return nil, tooMany(name)
		}
	}
	return fromTable(name+": sheet "+strconv.Quote(sheets[0]), recs, nil)
}

// fromTable reads rows under a header row that names the columns. lines
// holds each record's line number; nil means record i is row i+1.
func fromTable(name string, recs [][]string, lines []int) ([]Row, error) {
	if len(recs) == 0 {
		return nil, apperr.Field(apperr.Invalid, name, "the file is empty; want a header id,name[,type,country,birth_date]")
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, apperr.Field(apperr.Invalid, name+": row 1", "the header needs a name column (id,name[,type,country,birth_date])")
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	var rows []Row
	for i, rec := range recs[1:] {
		n := i + 2
		if lines != nil {
			n = lines[i+1]
		}
		if len(rec) == 0 || strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		place := fmt.Sprintf("%s: row %d", name, n)
		id := strings.TrimSpace(get(rec, "id"))
		if id == "" {
			id = "row " + strconv.Itoa(n)
		}
		if len(rec) > len(recs[0]) {
			rows = append(rows, Row{ID: id, Err: apperr.Field(apperr.Invalid, place, "%d fields, the header has %d", len(rec), len(recs[0]))})
			continue
		}
		rows = append(rows, Party(id, place, get(rec, "name"), get(rec, "type"), get(rec, "country"), get(rec, "birth_date")))
	}
	return rows, nil
}

// Party builds and checks the query of one party; place names it in errors.
func Party(id, place, name, typ, country, dob string) Row {
	r := Row{ID: id, Query: screening.Query{ID: id, Name: strings.TrimSpace(name), BirthDate: strings.TrimSpace(dob)}}
	k, err := screening.ParseKind(strings.TrimSpace(typ))
	if err != nil {
		r.Err = apperr.Field(apperr.Invalid, place+": type", "%v", err)
		return r
	}
	r.Query.Kind = k
	if c := strings.TrimSpace(country); c != "" {
		r.Query.Countries = []string{c}
	}
	if err := r.Query.Validate(); err != nil {
		r.Err = at(place, err)
	}
	return r
}

// at puts a row's place in front of the field an error names, keeping its
// kind and message, so that "file: row 3: birth_date" says where to look.
func at(place string, err error) error {
	var e *apperr.Error
	if !errors.As(err, &e) {
		return apperr.Field(apperr.Invalid, place, "%v", err)
	}
	field := place
	if e.Field != "" {
		field += ": " + e.Field
	}
	return &apperr.Error{Kind: e.Kind, Field: field, Message: e.Message}
}

func tooMany(name string) error {
	return apperr.Field(apperr.Invalid, name, "more than %d parties; split the file", MaxRows)
}

// Result is the screening outcome of one party, as written to JSON.
type Result struct {
	ID      string  `json:"id"`
	Error   string  `json:"error,omitempty"`
	Matches []Match `json:"matches"`
}

// Match is one hit of a Result.
type Match struct {
	Source      string                `json:"source"`
	SourceID    string                `json:"source_id"`
	Name        string                `json:"name"`
	Score       float64               `json:"score"`
	Explanation screening.Explanation `json:"explanation"`
	Sources     []screening.SourceRef `json:"sources"`
}

// Results pairs rows with their batch outcomes, in row order. An unreadable
// row keeps its own error.
func Results(rows []Row, batch []screening.BatchResult) []Result {
	out := make([]Result, len(rows))
	for i, r := range rows {
		res := Result{ID: r.ID, Matches: []Match{}}
		err := r.Err
		if err == nil && i < len(batch) {
			err = batch[i].Err
		}
		if err != nil {
			res.Error = err.Error()
		} else if i < len(batch) {
			for _, h := range batch[i].Hits {
				res.Matches = append(res.Matches, Match{Source: h.Source, SourceID: h.SourceID, Name: h.Name, Score: h.Score, Explanation: h.Explanation, Sources: h.Sources})
			}
		}
		out[i] = res
	}
	return out
}

// Queries returns the query of every row, in order. Results reports a row's
// own error whatever the batch answered for it.
func Queries(rows []Row) []screening.Query {
	qs := make([]screening.Query, len(rows))
	for i, r := range rows {
		qs[i] = r.Query
	}
	return qs
}

// WriteJSONL writes one JSON object per result.
func WriteJSONL(w io.Writer, results []Result) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("writing results: %w", err)
		}
	}
	return bw.Flush()
}

// AlsoListed names a hit's listings after the first, as Label does,
// separated by spaces.
func AlsoListed(sources []screening.SourceRef) string {
	var also []string
	for _, s := range sources[min(1, len(sources)):] {
		also = append(also, s.Label())
	}
	return strings.Join(also, " ")
}

// WriteCSV writes one line per match (and one per party without a match or
// with an error): id, query, score, source, source_id, sub_list,
// listed_name, also_listed_on, list_version, error.
func WriteCSV(w io.Writer, rows []Row, results []Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "query", "score", "source", "source_id", "sub_list", "listed_name", "also_listed_on", "list_version", "error"})
	for i, r := range results {
		q := ""
		if i < len(rows) {
			q = rows[i].Query.Name
		}
		if r.Error != "" || len(r.Matches) == 0 {
			cw.Write([]string{r.ID, q, "", "", "", "", "", "", "", r.Error})
			continue
		}
		for _, m := range r.Matches {
			sub := ""
			if len(m.Sources) > 0 {
				sub = m.Sources[0].SubList
			}
			cw.Write([]string{r.ID, q, strconv.FormatFloat(m.Score, 'f', 3, 64), m.Source, m.SourceID, sub, m.Name, AlsoListed(m.Sources), m.Explanation.ListVersion, ""})
		}
	}
	cw.Flush()
	return cw.Error()
}
