package source

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// The OFAC legacy CSV layout ("delimited" format): no header, "-0- " for
// null, an ASCII SUB (0x1A) line at the end. Files by field count:
// primary (sdn.csv, cons_prim.csv) 12, addresses 6, aliases 5, remarks 2.

func sniffOFAC(first []byte) format {
	if len(first) == 0 || first[0] < '0' || first[0] > '9' {
		return fmtUnknown
	}
	r := csv.NewReader(bytes.NewReader(first))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return fmtUnknown
	}
	if _, err := strconv.Atoi(rec[0]); err != nil {
		return fmtUnknown
	}
	switch len(rec) {
	case 12:
		return fmtOFACPrimary
	case 6:
		return fmtOFACAddress
	case 5:
		return fmtOFACAlias
	case 2:
		return fmtOFACComments
	}
	return fmtUnknown
}

func ofacSet(byFmt map[format][]*file) []*file {
	var fs []*file
	for _, f := range []format{fmtOFACPrimary, fmtOFACAddress, fmtOFACAlias, fmtOFACComments} {
		fs = append(fs, byFmt[f]...)
	}
	return fs
}

// ofacNull reports the OFAC null marker "-0-".
func ofacValue(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

// readOFACCSV reads one OFAC legacy CSV file and calls fn for each record
// with its line number. A record with the wrong field count is reported and
// skipped; a CSV syntax error fails the file.
func readOFACCSV(f *file, want int, is issues, fn func(line int, rec []string)) error {
	r := csv.NewReader(bytes.NewReader(f.data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
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
		if len(rec) == 1 && strings.Trim(rec[0], "\x1a \r\n") == "" {
			continue // the SUB terminator line
		}
		if len(rec) != want {
			is.add("line "+strconv.Itoa(line), "", fmt.Sprintf("%d fields, want %d", len(rec), want), true)
			continue
		}
		fn(line, rec)
	}
}

// nonSDNPrograms are the programme tags of OFAC's consolidated non-SDN list.
var nonSDNPrograms = regexp.MustCompile(`^(NS-|FSE|SSI|UKRAINE-EO13662|CAPTA|MBS|CMIC|561|PLC|NS-ISA|EO13662|HK-EO13936)`)

func parseOFACSet(files []*file) (*screening.List, error) {
	l := &screening.List{}
	byFmt := map[format]*file{}
	for _, f := range files {
		if byFmt[f.fmt] != nil {
			return nil, apperr.Field(apperr.Invalid, f.path, "two OFAC files of the same kind in one folder (also %s)", byFmt[f.fmt].path)
		}
		byFmt[f.fmt] = f
	}
	ents := map[string]*screening.Entity{}
	var order []string
	get := func(id string) *screening.Entity {
		e := ents[id]
		if e == nil {
			e = &screening.Entity{SourceID: id, Kind: screening.Unknown, Links: []string{"ofac:" + id}}
			ents[id] = e
			order = append(order, id)
		}
		return e
	}
	nonSDN, total := 0, 0
	if f := byFmt[fmtOFACPrimary]; f != nil {
		is := issues{f.path, &l.Issues}
		err := readOFACCSV(f, 12, is, func(line int, rec []string) {
			id := strings.TrimSpace(rec[0])
			if id == "" {
				is.add("line "+strconv.Itoa(line), "ent_num", "missing id", true)
				return
			}
			name := ofacValue(rec[1])
			if name == "" {
				is.add(id, "SDN_Name", "empty name", true)
				return
			}
			if ents[id] != nil {
				is.add(id, "ent_num", "duplicate ent_num", true)
				return
			}
			e := get(id)
			e.Names = append(e.Names, screening.Name{Value: name, Type: screening.NamePrimary, Script: normalize.Script(name)})
			switch strings.ToLower(ofacValue(rec[2])) {
			case "individual":
				e.Kind = screening.Person
			case "vessel":
				e.Kind = screening.Vessel
			case "aircraft":
				e.Kind = screening.Aircraft
			case "":
				e.Kind = screening.Organisation
			default:
				is.add(id, "SDN_Type", "unknown type "+strconv.Quote(rec[2]), false)
			}
			for _, p := range strings.Split(strings.Trim(ofacValue(rec[3]), "[] "), "] [") {
				if p = strings.TrimSpace(p); p != "" {
					e.Programs = append(e.Programs, p)
					if nonSDNPrograms.MatchString(p) {
						nonSDN++
					}
				}
			}
			total++
			if v := ofacValue(rec[9]); v != "" && e.Kind == screening.Vessel {
				addCountry(e, v)
			}
			e.Remarks = ofacValue(rec[11])
		})
		if err != nil {
			return nil, err
		}
	}
	partial := byFmt[fmtOFACPrimary] == nil
	if f := byFmt[fmtOFACAlias]; f != nil {
		is := issues{f.path, &l.Issues}
		err := readOFACCSV(f, 5, is, func(line int, rec []string) {
			id := strings.TrimSpace(rec[0])
			name := ofacValue(rec[3])
			if name == "" {
				is.add(id+"/"+strings.TrimSpace(rec[1]), "alt_name", "empty alias", true)
				return
			}
			if ents[id] == nil && !partial {
				is.add(id+"/"+strings.TrimSpace(rec[1]), "ent_num", "alias of an ent_num not in the primary file", true)
				return
			}
			t := screening.NameAlias
			switch strings.ToLower(ofacValue(rec[2])) {
			case "fka":
				t = screening.NameFormer
			case "aka", "nka":
			default:
				is.add(id+"/"+strings.TrimSpace(rec[1]), "alt_type", "unknown alias type "+strconv.Quote(rec[2]), false)
			}
			if strings.Contains(strings.ToLower(ofacValue(rec[4])), "weak") {
				t = screening.NameWeak
			}
			e := get(id)
			if partial && len(e.Names) == 0 {
				t = screening.NamePrimary // the best name we have
			}
			e.Names = append(e.Names, screening.Name{Value: name, Type: t, Script: normalize.Script(name)})
		})
		if err != nil {
			return nil, err
		}
	}
	if f := byFmt[fmtOFACAddress]; f != nil {
		is := issues{f.path, &l.Issues}
		err := readOFACCSV(f, 6, is, func(line int, rec []string) {
			id := strings.TrimSpace(rec[0])
			e := ents[id]
			if e == nil {
				is.add(id+"/"+strings.TrimSpace(rec[1]), "ent_num", "address of an ent_num not in the primary or alias file", true)
				return
			}
			var parts []string
			for _, p := range rec[2:5] {
				if v := ofacValue(p); v != "" {
					parts = append(parts, v)
				}
			}
			if len(parts) > 0 {
				e.Addresses = append(e.Addresses, strings.Join(parts, ", "))
			}
			if c := ofacValue(rec[4]); c != "" {
				addCountry(e, c)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if f := byFmt[fmtOFACComments]; f != nil {
		is := issues{f.path, &l.Issues}
		err := readOFACCSV(f, 2, is, func(line int, rec []string) {
			id := strings.TrimSpace(rec[0])
			e := ents[id]
			if e == nil {
				is.add(id, "ent_num", "remarks of an ent_num not in the primary file", true)
				return
			}
			e.Remarks += ofacValue(rec[1])
		})
		if err != nil {
			return nil, err
		}
	}
	l.Version.Source = OFACSDN
	if total > 0 && nonSDN*10 >= total*9 {
		l.Version.Source = OFACCons
	}
	if partial {
		file := files[0].path
		l.Issues = append(l.Issues, screening.Issue{File: file, Record: "*", Field: "sdn.csv",
			Reason: fmt.Sprintf("the primary file is missing: %d entities built from aliases only, without type, programme or remarks", len(order))})
	}
	for _, id := range order {
		e := ents[id]
		if len(e.Names) == 0 {
			continue
		}
		parseOFACRemarks(e, issues{files[0].path, &l.Issues})
		l.Entities = append(l.Entities, e)
	}
	return l, nil
}

func addCountry(e *screening.Entity, s string) {
	c := normalize.Country(s)
	if c == "" {
		return
	}
	for _, have := range e.Countries {
		if have == c {
			return
		}
	}
	e.Countries = append(e.Countries, c)
}

// OFAC remarks: "DOB 25 Mar 1973; alt. DOB 1974; POB Tehran, Iran;
// nationality Iran; Passport A123 (Iran); a.k.a. 'BNC'; IMO 9187629; ..."
var (
	reDOB     = regexp.MustCompile(`^(?:alt\. )?DOB (.+)$`)
	reWeakAKA = regexp.MustCompile(`a\.k\.a\. '([^']+)'`)
	reIDPart  = regexp.MustCompile(`^(Passport|National ID No\.|Cedula No\.|Tax ID No\.|Registration Number|Registration ID|Legal Entity Number|IMO|MMSI|SWIFT/BIC|RFC|NIT #|C\.U\.R\.P\.|Identification Number|D-U-N-S Number|Business Registration Number|Company Number|Vessel Registration Identification|Aircraft Manufacturer's Serial Number \(MSN\)|Aircraft Tail Number|Personal ID Card|Residency Number|Driver's License No\.|Birth Certificate Number|V\.A\.T\. Number|Kenya ID No\.|Social Security Number|Citizen's Card Number|Public Security and Immigration No\.|UK Company Number|Trade License No\.|Commercial Registry Number|Government Gazette Number|Chinese Commercial Code|Stateless Person ID Card|Bosnian Personal ID No\.|Serial No\.|Digital Currency Address - [A-Z]+) (?:No\. )?([^()]+?)\s*(?:\(([^)]*)\))?\.?$`)
	reCountry = regexp.MustCompile(`^(?:nationality|citizen|alt\. nationality|alt\. citizen) (.+)$`)
)

func parseOFACRemarks(e *screening.Entity, is issues) {
	r := e.Remarks
	if r == "" {
		return
	}
	for _, m := range reWeakAKA.FindAllStringSubmatch(r, -1) {
		e.Names = append(e.Names, screening.Name{Value: m[1], Type: screening.NameWeak, Script: normalize.Script(m[1])})
	}
	for _, part := range strings.Split(r, ";") {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "."))
		if m := reDOB.FindStringSubmatch(part); m != nil {
			ds := parseLooseDates(m[1])
			if len(ds) == 0 {
				is.add(e.SourceID, "Remarks/DOB", "unreadable birth date "+strconv.Quote(m[1]), false)
			}
			e.BirthDates = appendUnique(e.BirthDates, ds...)
			continue
		}
		if m := reCountry.FindStringSubmatch(part); m != nil {
			addCountry(e, m[1])
			continue
		}
		if m := reIDPart.FindStringSubmatch(part); m != nil {
			id := screening.Identifier{Type: m[1], Value: strings.TrimSpace(m[2])}
			if m[3] != "" {
				id.Country = normalize.Country(m[3])
			}
			e.Identifiers = append(e.Identifiers, id)
		}
	}
}

func appendUnique(s []string, v ...string) []string {
	for _, x := range v {
		dup := false
		for _, y := range s {
			if x == y {
				dup = true
				break
			}
		}
		if !dup {
			s = append(s, x)
		}
	}
	return s
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

var reLooseDate = regexp.MustCompile(`(?i)(?:(\d{1,2})[ -/.])?(?:([A-Za-z]{3})[a-z]*[ -/.]|(\d{1,2})[-/.])?(\d{4})`)

// parseLooseDates reads the dates in free text such as "25 Mar 1973",
// "circa 1962", "1960 to 1962", "Mar 1973", "1962-03-25", "25/03/1973"
// into ISO partial dates. A range "1960 to 1962" gives every year.
func parseLooseDates(s string) []string {
	s = strings.TrimSpace(s)
	if d, ok := parseTime(s, "2006-01-02"); ok {
		return []string{d.Format("2006-01-02")}
	}
	ms := reLooseDate.FindAllStringSubmatch(s, -1)
	var out []string
	for _, m := range ms {
		y, _ := strconv.Atoi(m[4])
		if y < 1800 || y > 2100 {
			continue
		}
		mon := 0
		if m[2] != "" {
			mon = months[strings.ToLower(m[2])]
		} else if m[3] != "" {
			mon, _ = strconv.Atoi(m[3])
		}
		day, _ := strconv.Atoi(m[1])
		switch {
		case mon >= 1 && mon <= 12 && day >= 1 && day <= 31:
			out = append(out, fmt.Sprintf("%04d-%02d-%02d", y, mon, day))
		case mon >= 1 && mon <= 12:
			out = append(out, fmt.Sprintf("%04d-%02d", y, mon))
		default:
			out = append(out, fmt.Sprintf("%04d", y))
		}
	}
	if len(out) == 2 && strings.Contains(s, " to ") && len(out[0]) == 4 && len(out[1]) == 4 {
		a, _ := strconv.Atoi(out[0])
		b, _ := strconv.Atoi(out[1])
		out = out[:0]
		for y := a; y <= b && y-a < 20; y++ {
			out = append(out, strconv.Itoa(y))
		}
	}
	return out
}
