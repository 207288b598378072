package source

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// euLegacyEntity is an <ENTITY> of the legacy FSF XML (before 2017).
type euLegacyEntity struct {
	ID        string `xml:"Id,attr"`
	Type      string `xml:"Type,attr"`
	Programme string `xml:"programme,attr"`
	RegDate   string `xml:"reg_date,attr"`
	Remark    string `xml:"remark,attr"`
	Names     []struct {
		LastX   string `xml:"LASTNAME"`
		FirstX  string `xml:"FIRSTNAME"`
		MiddleX string `xml:"MIDDLENAME"`
		WholeX  string `xml:"WHOLENAME"`
	} `xml:"NAME"`
	Births []struct {
		Date    string `xml:"DATE"`
		Country string `xml:"COUNTRY"`
	} `xml:"BIRTH"`
	Passports []struct {
		Number  string `xml:"NUMBER"`
		Country string `xml:"COUNTRY"`
	} `xml:"PASSPORT"`
	Citizens []struct {
		Country string `xml:"COUNTRY"`
	} `xml:"CITIZEN"`
	Addresses []struct {
		StreetX  string `xml:"STREET"`
		CityX    string `xml:"CITY"`
		CountryX string `xml:"COUNTRY"`
	} `xml:"ADDRESS"`
}

func euKind(t string) screening.Kind {
	switch strings.ToUpper(strings.TrimSpace(t)) {
	case "P", "PERSON":
		return screening.Person
	case "E", "ENTERPRISE", "ENTITY":
		return screening.Organisation
	}
	return screening.Unknown
}

func parseEULegacyXML(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = EU
	if t, ok := parseTime(attrOfRoot(f.data, "Date"), "02/01/2006"); ok {
		l.Version.Date = t
	}
	is := issues{f.path, &l.Issues}
	err := walkXML(f, map[string]bool{"ENTITY": true}, func(_ string, n int, d *xml.Decoder, se xml.StartElement) error {
		var r euLegacyEntity
		if err := d.DecodeElement(&r, &se); err != nil {
			return err
		}
		rec := r.ID
		if rec == "" {
			is.add(fmt.Sprintf("#%d", n), "Id", "entity without Id", true)
			return nil
		}
		e := &screening.Entity{SourceID: rec, Kind: euKind(r.Type), ListedOn: r.RegDate, Remarks: r.Remark}
		if e.Kind == screening.Unknown {
			is.add(rec, "Type", "unknown type "+strconv.Quote(r.Type), false)
		}
		if r.Programme != "" {
			e.Programs = []string{r.Programme}
		}
		for _, nm := range r.Names {
			v := strings.TrimSpace(nm.WholeX)
			if v == "" {
				v = strings.Join(nonEmpty(nm.FirstX, nm.MiddleX, nm.LastX), " ")
			}
			if v == "" || hasName(e, v) {
				continue
			}
			t := screening.NameAlias
			if len(e.Names) == 0 {
				t = screening.NamePrimary
			}
			e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
		}
		if len(e.Names) == 0 {
			is.add(rec, "NAME", "entity without a name", true)
			return nil
		}
		for _, b := range r.Births {
			if ds := parseLooseDates(b.Date); len(ds) > 0 {
				e.BirthDates = appendUnique(e.BirthDates, ds...)
			} else if strings.TrimSpace(b.Date) != "" {
				is.add(rec, "BIRTH/DATE", "unreadable date "+strconv.Quote(b.Date), false)
			}
		}
		for _, p := range r.Passports {
			if v := strings.TrimSpace(p.Number); v != "" {
				if i := strings.Index(v, " ("); i > 0 {
					v = v[:i]
				}
				e.Identifiers = append(e.Identifiers, screening.Identifier{Type: "Passport", Value: v, Country: normalize.Country(p.Country)})
			}
		}
		for _, c := range r.Citizens {
			addCountry(e, c.Country)
		}
		for _, a := range r.Addresses {
			if s := strings.Join(nonEmpty(a.StreetX, a.CityX, a.CountryX), ", "); s != "" {
				e.Addresses = append(e.Addresses, s)
			}
		}
		l.Entities = append(l.Entities, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// parseEULegacyCSV reads the legacy FSF CSV ("1.0"): ";"-separated, one row
// per entity and sub-record. Files re-saved with every line quoted whole
// (as in the sample) are unwrapped first.
func parseEULegacyCSV(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = EU
	data := decodeCP1252(f.data)
	lines, err := euLines(f.path, data)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, apperr.Field(apperr.Invalid, f.path, "empty file")
	}
	head := lines[0]
	col := map[string]int{}
	for i, h := range head {
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, c := range []string{"Entity_logical_id", "Subject_type", "Naal_wholename", "Birt_date", "Citi_country", "Iden_number"} {
		if _, ok := col[c]; !ok {
			return nil, apperr.Field(apperr.Invalid, f.path+":1", "header has no column %q", c)
		}
	}
	get := func(rec []string, c string) string {
		if i, ok := col[c]; ok && i < len(rec) {
			return strings.TrimSpace(strings.ReplaceAll(rec[i], `\n`, " "))
		}
		return ""
	}
	is := issues{f.path, &l.Issues}
	byID := map[string]*screening.Entity{}
	for n, rec := range lines[1:] {
		line := "line " + strconv.Itoa(n+2)
		if len(rec) < len(col) {
			is.add(line, "", fmt.Sprintf("%d fields, header has at least %d", len(rec), len(col)), true)
			continue
		}
		id := get(rec, "Entity_logical_id")
		if id == "" {
			is.add(line, "Entity_logical_id", "missing id", true)
			continue
		}
		if d := get(rec, "Date_filexxxx"); d != "" && l.Version.Date.IsZero() {
			if t, ok := parseTime(d, "02/01/2006"); ok {
				l.Version.Date = t
			}
		}
		e := byID[id]
		if e == nil {
			e = &screening.Entity{SourceID: id, Kind: euKind(get(rec, "Subject_type")), Remarks: get(rec, "Entity_remark")}
			if p := get(rec, "Programme"); p != "" {
				e.Programs = []string{p}
			}
			byID[id] = e
			l.Entities = append(l.Entities, e)
		}
		if v := get(rec, "Naal_wholename"); v != "" && !hasName(e, v) {
			t := screening.NameAlias
			if len(e.Names) == 0 {
				t = screening.NamePrimary
			}
			e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
		}
		if d := get(rec, "Birt_date"); d != "" {
			e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(d)...)
		}
		if c := get(rec, "Citi_country"); c != "" {
			addCountry(e, c)
		}
		if v := get(rec, "Iden_number"); v != "" {
			e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: "Identification", Value: firstField(v), Country: normalize.Country(get(rec, "Iden_country"))})
		}
		if a := strings.Join(nonEmpty(get(rec, "Addr_street"), get(rec, "Addr_city"), get(rec, "Addr_country")), ", "); a != "" {
			e.Addresses = appendUnique(e.Addresses, a)
		}
	}
	for _, e := range l.Entities {
		if len(e.Names) == 0 {
			is.add(e.SourceID, "Naal_wholename", "entity without a name", true)
		}
	}
	l.Entities = dropNameless(l.Entities)
	return l, nil
}

func firstField(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

// euLines splits the legacy CSV into records of ";"-separated fields,
// unwrapping lines that were quoted whole.
func euLines(path string, data []byte) ([][]string, error) {
	wrapped := bytes.HasPrefix(bytes.TrimLeft(data, "\ufeff"), []byte(`"Date_file`))
	var out [][]string
	if wrapped {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = '\x1f'
		r.FieldsPerRecord = -1
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				line := csvErrLine(err)
				return nil, apperr.Field(apperr.Invalid, fmt.Sprintf("%s:%d", path, line), "malformed quoted line: %v", err)
			}
			out = append(out, strings.Split(strings.TrimRight(strings.Join(rec, ""), "\t\r "), ";"))
		}
		return out, nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := csvErrLine(err)
			return nil, apperr.Field(apperr.Invalid, fmt.Sprintf("%s:%d", path, line), "malformed CSV: %v", err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// euExportEntity is a <sanctionEntity> of the current FSF XML 1.1 ("export").
type euExportEntity struct {
	LogicalID   string `xml:"logicalId,attr"`
	SubjectType struct {
		Code string `xml:"code,attr"`
	} `xml:"subjectType"`
	Regulations []struct {
		Programme string `xml:"programme,attr"`
	} `xml:"regulation"`
	Names []struct {
		Whole    string `xml:"wholeName,attr"`
		Strong   string `xml:"strong,attr"`
		Language string `xml:"nameLanguage,attr"`
	} `xml:"nameAlias"`
	Births []struct {
		Date string `xml:"birthdate,attr"`
		Year string `xml:"year,attr"`
	} `xml:"birthdate"`
	Citizens []struct {
		Country string `xml:"countryIso2Code,attr"`
	} `xml:"citizenship"`
	IDs []struct {
		Number  string `xml:"number,attr"`
		Type    string `xml:"identificationTypeDescription,attr"`
		Country string `xml:"countryIso2Code,attr"`
	} `xml:"identification"`
	Addresses []struct {
		Street  string `xml:"street,attr"`
		City    string `xml:"city,attr"`
		Country string `xml:"countryIso2Code,attr"`
	} `xml:"address"`
}

func parseEUExportXML(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = EU
	if t, ok := parseTime(attrOfRoot(f.data, "generationDate"), "2006-01-02T15:04:05.999-07:00", "2006-01-02T15:04:05Z07:00", "2006-01-02"); ok {
		l.Version.Date = t
	}
	is := issues{f.path, &l.Issues}
	err := walkXML(f, map[string]bool{"sanctionEntity": true}, func(_ string, n int, d *xml.Decoder, se xml.StartElement) error {
		var r euExportEntity
		if err := d.DecodeElement(&r, &se); err != nil {
			return err
		}
		if r.LogicalID == "" {
			is.add(fmt.Sprintf("#%d", n), "logicalId", "entity without logicalId", true)
			return nil
		}
		e := &screening.Entity{SourceID: r.LogicalID, Kind: euKind(strings.TrimPrefix(r.SubjectType.Code, "legal"))}
		if r.SubjectType.Code == "enterprise" {
			e.Kind = screening.Organisation
		}
		for _, rg := range r.Regulations {
			e.Programs = appendUnique(e.Programs, rg.Programme)
		}
		for _, nm := range r.Names {
			v := strings.TrimSpace(nm.Whole)
			if v == "" || hasName(e, v) {
				continue
			}
			t := screening.NameAlias
			switch {
			case len(e.Names) == 0:
				t = screening.NamePrimary
			case nm.Strong == "false":
				t = screening.NameWeak
			}
			e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
		}
		if len(e.Names) == 0 {
			is.add(r.LogicalID, "nameAlias", "entity without a name", true)
			return nil
		}
		for _, b := range r.Births {
			d := b.Date
			if d == "" {
				d = b.Year
			}
			e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(d)...)
		}
		for _, c := range r.Citizens {
			addCountry(e, c.Country)
		}
		for _, id := range r.IDs {
			e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: id.Type, Value: id.Number, Country: normalize.Country(id.Country)})
		}
		for _, a := range r.Addresses {
			if s := strings.Join(nonEmpty(a.Street, a.City, a.Country), ", "); s != "" {
				e.Addresses = append(e.Addresses, s)
			}
		}
		l.Entities = append(l.Entities, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}
