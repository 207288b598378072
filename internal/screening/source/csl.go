package source

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// readCSVHeader reads a CSV with a header row and calls fn with each record
// as a column map. Rows with the wrong field count are reported and skipped;
// a syntax error fails the file. required lists columns the header must have.
func readCSVHeader(f *file, comma rune, required []string, is issues, fn func(line int, row map[string]string)) error {
	r := csv.NewReader(bytes.NewReader(f.data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.ReuseRecord = true // rows are copied into a map below
	head, err := r.Read()
	if err != nil {
		return apperr.Field(apperr.Invalid, f.path+":1", "malformed header: %v", err)
	}
	head = slices.Clone(head) // the reader reuses its record
	for i := range head {
		head[i] = strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff"))
	}
	for _, c := range required {
		found := false
		for _, h := range head {
			if h == c {
				found = true
			}
		}
		if !found {
			return apperr.Field(apperr.Invalid, f.path+":1", "header has no column %q", c)
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			line := csvErrLine(err)
			return apperr.Field(apperr.Invalid, fmt.Sprintf("%s:%d", f.path, line), "malformed CSV: %v", err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(head) {
			is.add("line "+strconv.Itoa(line), "", fmt.Sprintf("%d fields, header has %d", len(rec), len(head)), true)
			continue
		}
		row := make(map[string]string, len(head))
		for i, h := range head {
			row[h] = strings.TrimSpace(rec[i])
		}
		fn(line, row)
	}
}

// splitList splits a "; "-joined multi-value cell.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseCSL reads the trade.gov Consolidated Screening List CSV. The
// sub-list (Entity List, Denied Persons, Unverified, MEU, SDN ...) is kept in
// Entity.SubList; rows copied from the SDN list link to the OFAC record.
func parseCSL(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = CSL
	is := issues{f.path, &l.Issues}
	err := readCSVHeader(f, ',', []string{"_id", "source", "name", "type", "alt_names", "ids"}, is, func(line int, row map[string]string) {
		id := row["_id"]
		rec := id
		if rec == "" {
			rec = "line " + strconv.Itoa(line)
			is.add(rec, "_id", "missing id", true)
			return
		}
		name := row["name"]
		if name == "" {
			is.add(rec, "name", "empty name", true)
			return
		}
		e := &screening.Entity{SourceID: id, SubList: row["source"], Remarks: row["remarks"]}
		e.Kind = parseKind(row["type"], is, rec, "type")
		e.Names = append(e.Names, screening.Name{Value: name, Type: screening.NamePrimary, Script: normalize.Script(name)})
		for _, a := range splitList(row["alt_names"]) {
			e.Names = append(e.Names, screening.Name{Value: a, Type: screening.NameAlias, Script: normalize.Script(a)})
		}
		e.Programs = splitList(row["programs"])
		e.ListedOn = row["start_date"]
		for _, d := range splitList(row["dates_of_birth"]) {
			e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(d)...)
		}
		for _, c := range append(splitList(row["nationalities"]), splitList(row["citizenships"])...) {
			addCountry(e, c)
		}
		if a := row["addresses"]; a != "" {
			e.Addresses = splitList(a)
			for _, ad := range e.Addresses {
				if i := strings.LastIndex(ad, ", "); i >= 0 {
					addCountry(e, ad[i+2:])
				} else {
					addCountry(e, ad)
				}
			}
		}
		// ids: "type, number, country; ..." or "CA, BC166787, Passport"
		for _, idv := range splitList(row["ids"]) {
			parts := strings.Split(idv, ", ")
			if len(parts) < 2 {
				continue
			}
			id := screening.Identifier{Type: parts[0], Value: parts[1]}
			if len(parts) >= 3 {
				if c := normalize.Country(parts[0]); c != "" && len(parts[0]) == 2 {
					id = screening.Identifier{Type: parts[2], Value: parts[1], Country: c}
				} else {
					id.Country = normalize.Country(parts[2])
				}
			}
			if strings.Contains(strings.ToLower(id.Type), "gender") || strings.Contains(strings.ToLower(id.Value), "sanction") {
				continue
			}
			e.Identifiers = append(e.Identifiers, id)
		}
		if strings.Contains(row["source"], "(SDN)") || strings.Contains(row["source"], "Non-SDN") {
			if n := row["entity_number"]; n != "" {
				e.Links = append(e.Links, "ofac:"+n)
			}
		}
		l.Entities = append(l.Entities, e)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// parseDPL reads the BIS Denied Persons List (tab-separated, quoted). A
// person may have several rows (addresses); rows with the same name and
// effective date are one entity.
func parseDPL(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = DPL
	is := issues{f.path, &l.Issues}
	byKey := map[string]*screening.Entity{}
	newest := ""
	err := readCSVHeader(f, '\t', []string{"Name", "Country", "Effective_Date", "Last_Update"}, is, func(line int, row map[string]string) {
		name := row["Name"]
		rec := "line " + strconv.Itoa(line)
		if name == "" {
			is.add(rec, "Name", "empty name", true)
			return
		}
		key := name + "|" + row["Effective_Date"]
		e := byKey[key]
		if e == nil {
			e = &screening.Entity{SourceID: rec, Kind: screening.Unknown, Names: []screening.Name{{Value: name, Type: screening.NamePrimary, Script: normalize.Script(name)}}}
			if t, ok := parseTime(row["Effective_Date"], "01/02/2006", "2006-01-02"); ok {
				e.ListedOn = t.Format("2006-01-02")
			} else if row["Effective_Date"] != "" {
				is.add(rec, "Effective_Date", "unreadable date "+strconv.Quote(row["Effective_Date"]), false)
			}
			e.Remarks = row["FR_Citation"]
			byKey[key] = e
			l.Entities = append(l.Entities, e)
		}
		addr := strings.Join(nonEmpty(row["Street_Address"], row["City"], row["State"], row["Postal_Code"], row["Country"]), ", ")
		if addr != "" {
			e.Addresses = append(e.Addresses, addr)
		}
		addCountry(e, row["Country"])
		if t, ok := parseTime(row["Last_Update"], "2006-01-02", "01/02/2006"); ok && t.Year() < 2100 {
			if s := t.Format("2006-01-02"); s > newest {
				newest = s
			}
		} else if row["Last_Update"] != "" {
			is.add(rec, "Last_Update", "unreadable or impossible date "+strconv.Quote(row["Last_Update"]), false)
		}
	})
	if err != nil {
		return nil, err
	}
	if t, ok := parseTime(newest, "2006-01-02"); ok {
		l.Version.Date = t
	}
	return l, nil
}

func nonEmpty(v ...string) []string {
	var out []string
	for _, s := range v {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseKind reads a list's party type, reporting an unknown one.
func parseKind(v string, is issues, rec, field string) screening.Kind {
	k, err := screening.ParseKind(strings.TrimSpace(v))
	if err != nil {
		is.add(rec, field, err.Error(), false)
	}
	return k
}
