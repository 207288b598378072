package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// ftmEntity is one FollowTheMoney entity of an OpenSanctions JSON-lines export.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"`
	FirstSeen  string              `json:"first_seen"`
	LastChange string              `json:"last_change"`
}

// ftmKinds maps the FtM schemata that are parties to entity kinds. Other
// schemata (Sanction, Ownership, Address, Passport ...) describe parties and
// are folded into them where they can be.
var ftmKinds = map[string]screening.Kind{
	"Person": screening.Person, "Company": screening.Organisation, "Organization": screening.Organisation,
	"LegalEntity": screening.Unknown, "PublicBody": screening.Organisation, "Vessel": screening.Vessel,
	"Airplane": screening.Aircraft,
}

// ftmIDProps are the FtM properties holding identifiers.
var ftmIDProps = []string{"idNumber", "passportNumber", "taxNumber", "innCode", "ogrnCode", "leiCode", "registrationNumber",
	"imoNumber", "mmsi", "swiftBic", "uniqueEntityId", "dunsCode", "vatCode", "kppCode", "permId", "bikCode", "okpoCode"}

// jsonLines calls fn for each non-empty line. Lines longer than 64 MB fail.
func jsonLines(f *file, fn func(line int, raw []byte) error) error {
	sc := bufio.NewScanner(bytes.NewReader(f.data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := fn(n, b); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", f.path, n+1, err)
	}
	return nil
}

// parseFtM reads FtM JSON-lines files; the files of one folder form one list.
func parseFtM(files []*file) (*screening.List, error) {
	l := &screening.List{}
	l.Version.Source = OpenSanction
	byID := map[string]*screening.Entity{}
	var sanctions []ftmEntity
	others := map[string]int{}
	newest := ""
	var is issues
	for _, f := range files {
		is = issues{f.path, &l.Issues}
		if err := parseFtMFile(f, is, l, byID, &sanctions, others, &newest); err != nil {
			return nil, err
		}
	}
	foldSanctions(l, is, byID, sanctions, others, newest)
	return l, nil
}

func parseFtMFile(f *file, is issues, l *screening.List, byID map[string]*screening.Entity, sanctions *[]ftmEntity, others map[string]int, newest *string) error {
	return jsonLines(f, func(line int, raw []byte) error {
		var r ftmEntity
		if err := json.Unmarshal(raw, &r); err != nil {
			is.add("line "+strconv.Itoa(line), "", "malformed JSON: "+err.Error(), true)
			return nil
		}
		if r.LastChange > *newest {
			*newest = r.LastChange
		}
		kind, party := ftmKinds[r.Schema]
		if !party {
			if r.Schema == "Sanction" {
				*sanctions = append(*sanctions, r)
			}
			others[r.Schema]++
			return nil
		}
		if r.ID == "" {
			is.add("line "+strconv.Itoa(line), "id", "entity without id", true)
			return nil
		}
		p := r.Properties
		e := &screening.Entity{SourceID: r.ID, Kind: kind}
		for _, prop := range []struct {
			name string
			t    screening.NameType
		}{{"name", screening.NamePrimary}, {"alias", screening.NameAlias}, {"previousName", screening.NameFormer}, {"weakAlias", screening.NameWeak}, {"abbreviation", screening.NameWeak}} {
			for _, v := range p[prop.name] {
				if v = strings.TrimSpace(v); v != "" && !hasName(e, v) {
					e.Names = append(e.Names, screening.Name{Value: v, Type: prop.t, Script: normalize.Script(v)})
				}
			}
		}
		if len(e.Names) == 0 {
			is.add(r.ID, "name", "entity without a name", true)
			return nil
		}
		e.BirthDates = append(e.BirthDates, p["birthDate"]...)
		for _, c := range [][]string{p["nationality"], p["citizenship"], p["country"], p["jurisdiction"], p["flag"]} {
			for _, v := range c {
				addCountry(e, v)
			}
		}
		for _, k := range ftmIDProps {
			for _, v := range p[k] {
				e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: k, Value: v})
			}
		}
		e.Addresses = p["address"]
		e.Programs = p["programId"]
		e.Remarks = strings.Join(p["notes"], " ")
		for _, ref := range r.Referents {
			e.Links = append(e.Links, "ftm:"+ref)
		}
		if byID[r.ID] != nil {
			is.add(r.ID, "id", "duplicate entity id", true)
			return nil
		}
		byID[r.ID] = e
		l.Entities = append(l.Entities, e)
		return nil
	})
}

func foldSanctions(l *screening.List, is issues, byID map[string]*screening.Entity, sanctions []ftmEntity, others map[string]int, newest string) {
	for _, s := range sanctions {
		for _, target := range s.Properties["entity"] {
			if e := byID[target]; e != nil {
				e.Programs = appendUnique(e.Programs, s.Properties["program"]...)
				if d := s.Properties["listingDate"]; len(d) > 0 && e.ListedOn == "" {
					e.ListedOn = d[0]
				}
			}
		}
	}
	schemas := make([]string, 0, len(others))
	for k := range others {
		schemas = append(schemas, k)
	}
	sort.Strings(schemas)
	for _, k := range schemas {
		is.add("*", "schema", fmt.Sprintf("%d %s records are not parties: folded into their parties where possible, not screened", others[k], k), true)
	}
	if t, ok := parseTime(newest, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999", "2006-01-02"); ok {
		l.Version.Date = t
	}
}

// senzingRecord is one record of the Senzing entity-specification JSON.
type senzingRecord struct {
	DataSource string              `json:"DATA_SOURCE"`
	RecordID   string              `json:"RECORD_ID"`
	RecordType string              `json:"RECORD_TYPE"`
	LastChange string              `json:"LAST_CHANGE"`
	Names      []map[string]string `json:"NAMES"`
	Dates      []map[string]string `json:"DATES"`
	Countries  []map[string]string `json:"COUNTRIES"`
	IDs        []map[string]string `json:"IDENTIFIERS"`
	Addresses  []map[string]string `json:"ADDRESSES"`
	Risks      []map[string]string `json:"RISKS"`
}

func parseSenzing(files []*file) (*screening.List, error) {
	f := files[0]
	l := &screening.List{}
	l.Version.Source = Senzing
	is := issues{f.path, &l.Issues}
	newest := ""
	err := jsonLines(f, func(line int, raw []byte) error {
		var r senzingRecord
		if err := json.Unmarshal(raw, &r); err != nil {
			is.add("line "+strconv.Itoa(line), "", "malformed JSON: "+err.Error(), true)
			return nil
		}
		if r.RecordID == "" {
			is.add("line "+strconv.Itoa(line), "RECORD_ID", "record without id", true)
			return nil
		}
		if l.Version.Source == Senzing && r.DataSource != "" {
			l.Version.Source = "senzing_" + strings.ToLower(r.DataSource)
		}
		if r.LastChange > newest {
			newest = r.LastChange
		}
		e := &screening.Entity{SourceID: r.RecordID}
		switch strings.ToUpper(r.RecordType) {
		case "PERSON":
			e.Kind = screening.Person
		case "ORGANIZATION":
			e.Kind = screening.Organisation
		default:
			e.Kind = screening.Unknown
		}
		for _, n := range r.Names {
			v := n["NAME_FULL"]
			if v == "" {
				v = n["NAME_ORG"]
			}
			if v == "" {
				v = strings.Join(nonEmpty(n["NAME_FIRST"], n["NAME_MIDDLE"], n["NAME_LAST"]), " ")
			}
			if v == "" || hasName(e, v) {
				continue
			}
			t := screening.NameAlias
			if strings.EqualFold(n["NAME_TYPE"], "PRIMARY") {
				t = screening.NamePrimary
			}
			e.Names = append(e.Names, screening.Name{Value: v, Type: t, Script: normalize.Script(v)})
		}
		if len(e.Names) == 0 {
			is.add(r.RecordID, "NAMES", "record without a name", true)
			return nil
		}
		for _, d := range r.Dates {
			if v := d["DATE_OF_BIRTH"]; v != "" {
				e.BirthDates = appendUnique(e.BirthDates, parseLooseDates(v)...)
			}
		}
		for _, c := range r.Countries {
			for _, v := range c {
				addCountry(e, v)
			}
		}
		for _, id := range r.IDs {
			if v := id["OTHER_ID_NUMBER"]; v != "" && id["OTHER_ID_TYPE"] != "OPEN_SANCTIONS" {
				e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: id["OTHER_ID_TYPE"], Value: v})
			}
			if v := id["PASSPORT_NUMBER"]; v != "" {
				e.Identifiers = appendID(e.Identifiers, screening.Identifier{Type: "Passport", Value: v, Country: normalize.Country(id["PASSPORT_COUNTRY"])})
			}
		}
		for _, a := range r.Addresses {
			if v := a["ADDR_FULL"]; v != "" {
				e.Addresses = append(e.Addresses, v)
			}
		}
		for _, rk := range r.Risks {
			if t := rk["TOPIC"]; t != "" {
				e.Programs = appendUnique(e.Programs, t)
			}
		}
		e.Links = []string{"ftm:" + r.RecordID}
		l.Entities = append(l.Entities, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if t, ok := parseTime(newest, "2006-01-02T15:04:05", "2006-01-02"); ok {
		l.Version.Date = t
	}
	return l, nil
}
