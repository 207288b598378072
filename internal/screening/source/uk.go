package source

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// decodeCP1252 converts Windows-1252 text to UTF-8 unless it is valid UTF-8.
func decodeCP1252(b []byte) []byte {
	if isUTF8(b) {
		return b
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

func isUTF8(b []byte) bool {
	return strings.ToValidUTF8(string(b), "\uFFFD") == string(b)
}

var reUNRef = regexp.MustCompile(`UN Ref ([A-Z]{2}[ie]\.\d+)`)

// parseUKConList reads the OFSI ConList.csv: line 1 "Last Updated,<date>",
// line 2 the header, one row per name of a target, rows grouped by Group ID.
func parseUKConList(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = UKOFSI
	data := decodeCP1252(f.data)
	first, rest, ok := strings.Cut(string(data), "\n")
	if !ok {
		return nil, apperr.Field(apperr.Invalid, f.path+":1", "no header line")
	}
	if d := strings.Split(first, ","); len(d) > 1 {
		if t, ok := parseTime(d[1], "02/01/2006"); ok {
			l.Version.Date = t
		}
	}
	g := &file{path: f.path, data: []byte(rest)}
	is := issues{f.path, &l.Issues}
	byGroup := map[string]*screening.Entity{}
	err := readCSVHeader(g, ',', []string{"Name 6", "Group ID", "Group Type", "Alias Type"}, is, func(line int, row map[string]string) {
		line++ // the date line
		gid := row["Group ID"]
		rec := "line " + strconv.Itoa(line)
		if gid == "" {
			is.add(rec, "Group ID", "missing group id", true)
			return
		}
		name := strings.Join(nonEmpty(row["Name 1"], row["Name 2"], row["Name 3"], row["Name 4"], row["Name 5"], row["Name 6"]), " ")
		if name == "" {
			is.add(rec, "Name 6", "empty name", true)
			return
		}
		e := byGroup[gid]
		if e == nil {
			e = &screening.Entity{SourceID: gid, Links: []string{"ofsi:" + gid}}
			switch strings.ToLower(row["Group Type"]) {
			case "individual":
				e.Kind = screening.Person
			case "entity":
				e.Kind = screening.Organisation
			case "ship":
				e.Kind = screening.Vessel
			default:
				e.Kind = screening.Unknown
				is.add(rec, "Group Type", "unknown group type "+strconv.Quote(row["Group Type"]), false)
			}
			if t, ok := parseTime(row["Listed On"], "02/01/2006"); ok {
				e.ListedOn = t.Format("2006-01-02")
			}
			e.Remarks = row["Other Information"]
			if m := reUNRef.FindStringSubmatch(e.Remarks); m != nil {
				e.Links = append(e.Links, "unref:"+m[1])
			}
			byGroup[gid] = e
			l.Entities = append(l.Entities, e)
		}
		t := screening.NameAlias
		switch strings.ToLower(row["Alias Type"]) {
		case "prime alias", "primary name":
			t = screening.NamePrimary
		case "fka":
			t = screening.NameFormer
		case "aka", "":
		default:
			if strings.Contains(strings.ToLower(row["Alias Type"]), "weak") || strings.Contains(strings.ToLower(row["Alias Type"]), "low") {
				t = screening.NameWeak
			}
		}
		if !hasName(e, name) {
			e.Names = append(e.Names, screening.Name{Value: name, Type: t, Script: normalize.Script(name)})
		}
		if d := row["DOB"]; d != "" {
			if iso := ddmmyyyy(d); iso != "" {
				e.BirthDates = appendUnique(e.BirthDates, iso)
			} else {
				is.add(rec, "DOB", "unreadable date "+strconv.Quote(d), false)
			}
		}
		for _, c := range splitNumbered(row["Nationality"]) {
			addCountry(e, c)
		}
		if p := row["Passport Details"]; p != "" {
			e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: "Passport", Value: firstToken(p)})
		}
		if p := row["NI Number"]; p != "" {
			e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: "National ID", Value: firstToken(p)})
		}
		if a := strings.Join(nonEmpty(row["Address 1"], row["Address 2"], row["Address 3"], row["Address 4"], row["Address 5"], row["Address 6"], row["Post/Zip Code"], row["Country"]), ", "); a != "" {
			e.Addresses = appendUnique(e.Addresses, a)
		}
		if r := row["Regime"]; r != "" {
			e.Programs = appendUnique(e.Programs, r)
		}
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

func hasName(e *screening.Entity, v string) bool {
	for _, n := range e.Names {
		if n.Value == v {
			return true
		}
	}
	return false
}

func appendID(ids []screening.Identifier, id screening.Identifier) []screening.Identifier {
	if id.Value == "" {
		return ids
	}
	for _, x := range ids {
		if x.Value == id.Value {
			return ids
		}
	}
	return append(ids, id)
}

var reNumbered = regexp.MustCompile(`\(?\d+\)\s*`)

// splitNumbered splits "1) Saudi Arabia 2) Qatar".
func splitNumbered(s string) []string {
	var out []string
	for _, p := range reNumbered.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// firstToken returns the identifier at the start of free text such as
// "Passport No: 592667 (Qatari passport ...)".
func firstToken(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"Passport No:", "Passport Number:", "Passport number:", "Passport No.", "Passport", "National ID number:", "National identification number:", "(1)", "1)"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '(' })
	if len(f) == 0 {
		return ""
	}
	if k := normalize.IdentifierKey(f[0]); len(k) >= 4 && strings.ContainsAny(k, "0123456789") {
		return f[0]
	}
	return ""
}

// ddmmyyyy converts "dd/mm/yyyy" with "00" for unknown parts to ISO.
func ddmmyyyy(s string) string {
	p := strings.Split(strings.TrimSpace(s), "/")
	if len(p) != 3 || len(p[2]) != 4 {
		return ""
	}
	y, err1 := strconv.Atoi(p[2])
	m, err2 := strconv.Atoi(p[1])
	d, err3 := strconv.Atoi(p[0])
	if err1 != nil || err2 != nil || err3 != nil || y < 1800 || m > 12 || d > 31 {
		return ""
	}
	switch {
	case m == 0:
		return strconv.Itoa(y)
	case d == 0:
		return p[2] + "-" + p[1]
	}
	return p[2] + "-" + p[1] + "-" + p[0]
}

func ukSet(byFmt map[format][]*file) []*file {
	if len(byFmt[fmtUKSubjects]) == 0 && len(byFmt[fmtUKNames]) == 0 {
		return nil
	}
	var fs []*file
	for _, f := range []format{fmtUKSubjects, fmtUKNames, fmtUKDOBs, fmtUKIdentifiers, fmtUKCountries} {
		fs = append(fs, byFmt[f]...)
	}
	return fs
}

// parseUKTables reads the FCDO UK Sanctions List as re-structured tables
// keyed by unique_id (subjects, names, dobs, identifiers, countries).
func parseUKTables(files []*file) (*screening.List, error) {
	l := &screening.List{}
	l.Version.Source = UK
	byFmt := map[format]*file{}
	for _, f := range files {
		if byFmt[f.fmt] != nil {
			return nil, apperr.Field(apperr.Invalid, f.path, "two UK tables of the same kind in one folder")
		}
		byFmt[f.fmt] = f
	}
	subj, names := byFmt[fmtUKSubjects], byFmt[fmtUKNames]
	if subj == nil || names == nil {
		p := files[0].path
		return nil, apperr.Field(apperr.Invalid, p, "the UK list needs both the subjects and the names table")
	}
	ents := map[string]*screening.Entity{}
	newest := ""
	is := issues{subj.path, &l.Issues}
	err := readCSVHeader(subj, ',', []string{"unique_id", "subject_type"}, is, func(line int, row map[string]string) {
		id := row["unique_id"]
		if id == "" {
			is.add("line "+strconv.Itoa(line), "unique_id", "missing id", true)
			return
		}
		if ents[id] != nil {
			is.add(id, "unique_id", "duplicate subject", true)
			return
		}
		e := &screening.Entity{SourceID: id}
		switch row["subject_type"] {
		case "individual":
			e.Kind = screening.Person
		case "entity":
			e.Kind = screening.Organisation
		case "ship":
			e.Kind = screening.Vessel
		default:
			e.Kind = screening.Unknown
			is.add(id, "subject_type", "unknown subject type "+strconv.Quote(row["subject_type"]), false)
		}
		if r := row["un_reference_number"]; r != "" {
			e.Links = append(e.Links, "unref:"+r)
		}
		if g := row["ofsi_group_id"]; g != "" {
			e.Links = append(e.Links, "ofsi:"+g)
		}
		if iso := ddmmyyyy(row["date_designated"]); iso != "" {
			e.ListedOn = iso
		}
		if iso := ddmmyyyy(row["last_updated"]); iso > newest {
			newest = iso
		}
		e.Programs = []string{strings.TrimRight(id, "0123456789")}
		ents[id] = e
		l.Entities = append(l.Entities, e)
	})
	if err != nil {
		return nil, err
	}
	lookup := func(is issues, line int, row map[string]string) *screening.Entity {
		e := ents[row["unique_id"]]
		if e == nil {
			is.add("line "+strconv.Itoa(line), "unique_id", "unknown subject "+strconv.Quote(row["unique_id"]), true)
		}
		return e
	}
	is = issues{names.path, &l.Issues}
	err = readCSVHeader(names, ',', []string{"unique_id", "name_type", "full_name"}, is, func(line int, row map[string]string) {
		e := lookup(is, line, row)
		if e == nil {
			return
		}
		v := row["full_name"]
		if v == "" {
			is.add("line "+strconv.Itoa(line), "full_name", "empty name", true)
			return
		}
		t := screening.NameAlias
		switch {
		case row["alias_strength"] == "low_quality_aka":
			t = screening.NameWeak
		case row["name_type"] == "primary":
			t = screening.NamePrimary
		}
		if !hasName(e, v) {
			e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
		}
	})
	if err != nil {
		return nil, err
	}
	if f := byFmt[fmtUKDOBs]; f != nil {
		is := issues{f.path, &l.Issues}
		err = readCSVHeader(f, ',', []string{"unique_id", "year", "month", "day"}, is, func(line int, row map[string]string) {
			e := lookup(is, line, row)
			if e == nil {
				return
			}
			y, m, d := row["year"], row["month"], row["day"]
			switch {
			case len(y) != 4:
				is.add("line "+strconv.Itoa(line), "year", "no birth year", false)
			case m == "":
				e.BirthDates = appendUnique(e.BirthDates, y)
			case d == "":
				e.BirthDates = appendUnique(e.BirthDates, y+"-"+m)
			default:
				e.BirthDates = appendUnique(e.BirthDates, y+"-"+m+"-"+d)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if f := byFmt[fmtUKIdentifiers]; f != nil {
		is := issues{f.path, &l.Issues}
		err = readCSVHeader(f, ',', []string{"unique_id", "raw_value", "identifier_type"}, is, func(line int, row map[string]string) {
			if e := lookup(is, line, row); e != nil {
				e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: row["identifier_type"], Value: row["raw_value"]})
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if f := byFmt[fmtUKCountries]; f != nil {
		is := issues{f.path, &l.Issues}
		err = readCSVHeader(f, ',', []string{"unique_id", "iso", "country_type"}, is, func(line int, row map[string]string) {
			e := lookup(is, line, row)
			if e == nil || row["country_type"] == "address" {
				return
			}
			if iso := row["iso"]; len(iso) == 2 {
				addCountry(e, iso)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for _, e := range l.Entities {
		if len(e.Names) == 0 {
			l.Issues = append(l.Issues, screening.Issue{File: names.path, Record: e.SourceID, Field: "full_name", Reason: "subject has no name", Dropped: true})
		}
	}
	l.Entities = dropNameless(l.Entities)
	if t, ok := parseTime(newest, "2006-01-02"); ok {
		l.Version.Date = t
	}
	return l, nil
}

func dropNameless(es []*screening.Entity) []*screening.Entity {
	out := es[:0]
	for _, e := range es {
		if len(e.Names) > 0 {
			out = append(out, e)
		}
	}
	return out
}
