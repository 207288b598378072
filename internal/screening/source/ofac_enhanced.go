package source

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// ofacEntity is one <entity> of the OFAC enhanced XML.
type ofacEntity struct {
	ID       string   `xml:"id,attr"`
	Type     string   `xml:"generalInfo>entityType"`
	Lists    []string `xml:"sanctionsLists>sanctionsList"`
	Programs []string `xml:"sanctionsPrograms>sanctionsProgram"`
	Names    []struct {
		IsPrimary    bool   `xml:"isPrimary"`
		AliasType    string `xml:"aliasType"`
		IsLowQuality bool   `xml:"isLowQuality"`
		Translations []struct {
			Script string `xml:"script"`
			Full   string `xml:"formattedFullName"`
		} `xml:"translations>translation"`
	} `xml:"names>name"`
	Addresses []struct {
		Country string `xml:"country"`
		Parts   []struct {
			Value string `xml:"value"`
		} `xml:"translations>translation>addressParts>addressPart"`
	} `xml:"addresses>address"`
	Features []struct {
		Type  string `xml:"type"`
		Value string `xml:"value"`
		From  string `xml:"valueDate>fromDateBegin"`
		To    string `xml:"valueDate>toDateBegin"`
	} `xml:"features>feature"`
	Documents []struct {
		Type    string `xml:"type"`
		Number  string `xml:"documentNumber"`
		Country string `xml:"issuingCountry"`
	} `xml:"identityDocuments>identityDocument"`
}

// featureIDs are enhanced-XML features that are identifiers.
var featureIDs = map[string]bool{"ISIN": true, "SWIFT/BIC": true, "BIK (RU)": true, "Equity Ticker": true, "IMO": true, "MMSI": true, "LEI": true, "Legal Entity Number": true}

func parseOFACEnhanced(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = OFACEnhanced
	is := issues{f.path, &l.Issues}
	err := walkXML(f, map[string]bool{"dataAsOf": true, "entity": true}, func(name string, n int, d *xml.Decoder, se xml.StartElement) error {
		if name == "dataAsOf" {
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				return err
			}
			if t, ok := parseTime(s, "2006-01-02T15:04:05", "2006-01-02"); ok {
				l.Version.Date = t
			}
			return nil
		}
		var r ofacEntity
		if err := d.DecodeElement(&r, &se); err != nil {
			return err
		}
		rec := r.ID
		if rec == "" {
			rec = fmt.Sprintf("#%d", n)
			is.add(rec, "id", "entity without id", true)
			return nil
		}
		e := &screening.Entity{SourceID: rec, Links: []string{"ofac:" + rec}, Programs: r.Programs}
		e.Kind = parseKind(r.Type, is, rec, "entityType")
		for _, nm := range r.Names {
			t := screening.NameAlias
			switch {
			case nm.IsPrimary:
				t = screening.NamePrimary
			case nm.IsLowQuality:
				t = screening.NameWeak
			case strings.HasPrefix(nm.AliasType, "F.K.A"):
				t = screening.NameFormer
			}
			for _, tr := range nm.Translations {
				if v := strings.TrimSpace(tr.Full); v != "" {
					e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
				}
			}
		}
		if len(e.Names) == 0 {
			is.add(rec, "names", "entity without a name", true)
			return nil
		}
		for _, a := range r.Addresses {
			var parts []string
			for _, p := range a.Parts {
				parts = append(parts, p.Value)
			}
			if a.Country != "" {
				parts = append(parts, a.Country)
				addCountry(e, a.Country)
			}
			if len(parts) > 0 {
				e.Addresses = append(e.Addresses, strings.Join(parts, ", "))
			}
		}
		for _, ft := range r.Features {
			switch {
			case ft.Type == "Birthdate":
				switch {
				case len(ft.From) < 4 || (ft.To != "" && len(ft.To) < 4):
					// Not a date range the list uses: keep the value as written.
					e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(ft.Value)...)
				case ft.To != "" && ft.From[:4] != ft.To[:4]:
					e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(ft.From[:4]+" to "+ft.To[:4])...)
				case strings.HasSuffix(ft.From, "-01-01") && strings.HasSuffix(ft.To, "-12-31"):
					e.BirthDates = appendUnique(e.BirthDates, ft.From[:4])
				default:
					e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(ft.From)...)
				}
			case ft.Type == "Nationality Country" || ft.Type == "Citizenship Country" || ft.Type == "Nationality of Registration":
				addCountry(e, ft.Value)
			case featureIDs[ft.Type]:
				e.Identifiers = append(e.Identifiers, screening.Identifier{Type: ft.Type, Value: strings.TrimSpace(ft.Value)})
			}
		}
		for _, doc := range r.Documents {
			if v := strings.TrimSpace(doc.Number); v != "" {
				e.Identifiers = append(e.Identifiers, screening.Identifier{Type: doc.Type, Value: v, Country: normalize.Country(doc.Country)})
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
