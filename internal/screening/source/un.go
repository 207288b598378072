package source

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// unRecord is an INDIVIDUAL or ENTITY of the UN Security Council
// consolidated list XML.
type unRecord struct {
	DataID         string   `xml:"DATAID"`
	First          string   `xml:"FIRST_NAME"`
	Second         string   `xml:"SECOND_NAME"`
	Third          string   `xml:"THIRD_NAME"`
	Fourth         string   `xml:"FOURTH_NAME"`
	ListType       string   `xml:"UN_LIST_TYPE"`
	Reference      string   `xml:"REFERENCE_NUMBER"`
	ListedOn       string   `xml:"LISTED_ON"`
	OriginalScript string   `xml:"NAME_ORIGINAL_SCRIPT"`
	Comments       string   `xml:"COMMENTS1"`
	Nationality    []string `xml:"NATIONALITY>VALUE"`
	Aliases        []struct {
		Quality string `xml:"QUALITY"`
		Name    string `xml:"ALIAS_NAME"`
	} `xml:"INDIVIDUAL_ALIAS"`
	EntityAliases []struct {
		Quality string `xml:"QUALITY"`
		Name    string `xml:"ALIAS_NAME"`
	} `xml:"ENTITY_ALIAS"`
	Addresses []unAddress `xml:"INDIVIDUAL_ADDRESS"`
	EntAddr   []unAddress `xml:"ENTITY_ADDRESS"`
	DOBs      []struct {
		Type     string `xml:"TYPE_OF_DATE"`
		Date     string `xml:"DATE"`
		Year     string `xml:"YEAR"`
		FromYear string `xml:"FROM_YEAR"`
		ToYear   string `xml:"TO_YEAR"`
	} `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	Documents []struct {
		Type    string `xml:"TYPE_OF_DOCUMENT"`
		Type2   string `xml:"TYPE_OF_DOCUMENT2"`
		Number  string `xml:"NUMBER"`
		Country string `xml:"ISSUING_COUNTRY"`
	} `xml:"INDIVIDUAL_DOCUMENT"`
}

type unAddress struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Country string `xml:"COUNTRY"`
}

func parseUN(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = UN
	if t, ok := parseTime(attrOfRoot(f.data, "dateGenerated"), "2006-01-02T15:04:05.999Z07:00", "2006-01-02T15:04:05Z07:00"); ok {
		l.Version.Date = t
	}
	is := issues{f.path, &l.Issues}
	err := walkXML(f, map[string]bool{"INDIVIDUAL": true, "ENTITY": true}, func(name string, n int, d *xml.Decoder, se xml.StartElement) error {
		var r unRecord
		if err := d.DecodeElement(&r, &se); err != nil {
			return err
		}
		rec := strings.TrimSpace(r.DataID)
		if rec == "" {
			rec = fmt.Sprintf("#%d", n)
			is.add(rec, "DATAID", "missing DATAID", true)
			return nil
		}
		e := &screening.Entity{SourceID: rec, Kind: screening.Organisation, ListedOn: strings.TrimSpace(r.ListedOn), Remarks: strings.TrimSpace(r.Comments)}
		if name == "INDIVIDUAL" {
			e.Kind = screening.Person
		}
		full := strings.Join(strings.Fields(strings.Join([]string{r.First, r.Second, r.Third, r.Fourth}, " ")), " ")
		if full == "" {
			is.add(rec, "FIRST_NAME", "no name", true)
			return nil
		}
		e.Names = append(e.Names, screening.Name{Value: full, Type: screening.NamePrimary, Script: normalize.Script(full)})
		if o := strings.TrimSpace(r.OriginalScript); o != "" {
			e.Names = append(e.Names, screening.Name{Value: o, Type: screening.NameOriginal, Script: normalize.Script(o)})
		}
		for _, a := range append(r.Aliases, r.EntityAliases...) {
			v := strings.TrimSpace(a.Name)
			if v == "" {
				continue
			}
			t := screening.NameAlias
			switch strings.ToLower(strings.TrimSpace(a.Quality)) {
			case "low":
				t = screening.NameWeak
			case "f.k.a.", "fka":
				t = screening.NameFormer
			case "good", "a.k.a.", "aka", "", "n.k.a.":
			default:
				is.add(rec, "ALIAS/QUALITY", "unknown alias quality "+strconv.Quote(a.Quality), false)
			}
			e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
		}
		if ref := strings.TrimSpace(r.Reference); ref != "" {
			e.Links = append(e.Links, "unref:"+ref)
			e.Identifiers = append(e.Identifiers, screening.Identifier{Type: "UN reference", Value: ref})
		}
		if lt := strings.TrimSpace(r.ListType); lt != "" {
			e.Programs = append(e.Programs, lt)
		}
		for _, c := range r.Nationality {
			addCountry(e, c)
		}
		for _, a := range append(r.Addresses, r.EntAddr...) {
			var parts []string
			for _, p := range []string{a.Street, a.City, a.State, a.Country} {
				if p = strings.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
			if len(parts) > 0 {
				e.Addresses = append(e.Addresses, strings.Join(parts, ", "))
			}
		}
		for _, b := range r.DOBs {
			switch {
			case strings.TrimSpace(b.Date) != "":
				e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(b.Date)...)
			case strings.TrimSpace(b.Year) != "":
				e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(b.Year)...)
			case strings.TrimSpace(b.FromYear) != "":
				e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(b.FromYear+" to "+b.ToYear)...)
			}
		}
		for _, doc := range r.Documents {
			if v := strings.TrimSpace(doc.Number); v != "" {
				t := strings.TrimSpace(doc.Type)
				if doc.Type2 != "" {
					t += " (" + strings.TrimSpace(doc.Type2) + ")"
				}
				e.Identifiers = append(e.Identifiers, screening.Identifier{Type: t, Value: v, Country: normalize.Country(doc.Country)})
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

// attrOfRoot returns an attribute of the document's root element.
func attrOfRoot(data []byte, name string) string {
	d := xml.NewDecoder(strings.NewReader(string(data[:min(len(data), 4096)])))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return attr(se, name)
		}
	}
}
