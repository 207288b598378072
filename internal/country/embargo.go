package country

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// embargoesFile is the arms-embargo table below the data folder.
const embargoesFile = "countries/embargoes/embargoes.csv"

// Coverage is a yes/no/partial/unknown cell of the embargo table.
type Coverage string

// The values of a coverage cell.
const (
	CoverageYes     Coverage = "yes"
	CoverageNo      Coverage = "no"
	CoveragePartial Coverage = "partial"
	CoverageUnknown Coverage = "unknown"
)

// Embargo is one arms embargo or related restrictive regime imposed by the EU
// or the UN Security Council on a country (one row of embargoes.csv).
type Embargo struct {
	// Alpha2 is the country; "" for regimes that follow listed parties
	// wherever they are (ISIL/Al-Qaida).
	Alpha2  string `json:"alpha2"`
	Country string `json:"country"`
	// Body is "EU" or "UN".
	Body   string `json:"body"`
	Regime string `json:"regime"`
	Scope  string `json:"scope"`
	// DualUse: all dual-use items are prohibited or need authorisation.
	DualUse Coverage `json:"covers_dual_use"`
	// InternalRepression: equipment which might be used for internal
	// repression is banned.
	InternalRepression Coverage `json:"covers_internal_repression_equipment"`
	// MonitoringInterception: equipment, technology or software for
	// monitoring or interception of telecommunications needs prior
	// authorisation.
	MonitoringInterception Coverage `json:"covers_monitoring_interception_equipment"`
	LegalActs              string   `json:"legal_acts"`
	FirstImposed           string   `json:"first_imposed"`
	// Verified is "yes" or "partial; unverified: …".
	Verified string `json:"verified"`
	Source   string `json:"source"`
}

// IsVerified reports whether every fact of the row was confirmed.
func (e Embargo) IsVerified() bool { return e.Verified == "yes" }

// Political reports whether the regime is a political commitment with no
// legal act (e.g. the EU arms embargo on China).
func (e Embargo) Political() bool {
	s := strings.ToLower(e.Scope)
	return strings.Contains(s, "political")
}

// Embargoes is the arms-embargo table, by country.
type Embargoes struct {
	all       []Embargo
	byCountry map[string][]Embargo
}

// LoadEmbargoes reads countries/embargoes/embargoes.csv below dataDir.
func LoadEmbargoes(dataDir string) (*Embargoes, error) {
	f, err := os.Open(filepath.Join(dataDir, embargoesFile))
	if err != nil {
		return nil, fmt.Errorf("country.LoadEmbargoes: %w", err)
	}
	defer f.Close()
	return ParseEmbargoes(f)
}

var embargoColumns = []string{"iso2", "country", "body", "regime", "scope", "covers_dual_use",
	"covers_internal_repression_equipment", "covers_monitoring_interception_equipment",
	"legal_acts", "first_imposed", "verified", "source"}

// ParseEmbargoes reads the embargo CSV; errors name the file, line and
// column.
func ParseEmbargoes(r io.Reader) (*Embargoes, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, placeErr(embargoesFile, 1, "", "reading header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, c := range embargoColumns {
		if _, ok := col[c]; !ok {
			return nil, placeErr(embargoesFile, 1, c, "column missing from header")
		}
	}
	out := &Embargoes{byCountry: map[string][]Embargo{}}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, placeErr(embargoesFile, line, "", "%v", err)
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		e := Embargo{
			Alpha2: strings.ToUpper(get("iso2")), Country: get("country"), Body: get("body"),
			Regime: get("regime"), Scope: get("scope"), LegalActs: get("legal_acts"),
			FirstImposed: get("first_imposed"), Verified: get("verified"), Source: get("source"),
		}
		if e.Alpha2 != "" && len(e.Alpha2) != 2 {
			return nil, placeErr(embargoesFile, line, "iso2", "%q is not an alpha-2 code", e.Alpha2)
		}
		if e.Body != "EU" && e.Body != "UN" {
			return nil, placeErr(embargoesFile, line, "body", "%q is neither EU nor UN", e.Body)
		}
		for _, c := range []struct {
			name string
			dst  *Coverage
		}{
			{"covers_dual_use", &e.DualUse},
			{"covers_internal_repression_equipment", &e.InternalRepression},
			{"covers_monitoring_interception_equipment", &e.MonitoringInterception},
		} {
			v := Coverage(strings.ToLower(get(c.name)))
			switch v {
			case CoverageYes, CoverageNo, CoveragePartial, CoverageUnknown:
			default:
				return nil, placeErr(embargoesFile, line, c.name, "%q is not yes/no/partial/unknown", v)
			}
			*c.dst = v
		}
		out.all = append(out.all, e)
		out.byCountry[e.Alpha2] = append(out.byCountry[e.Alpha2], e)
	}
	return out, nil
}

// For returns the embargoes on a country (alpha-2, any case), EU rows first
// as in the file.
func (es *Embargoes) For(alpha2 string) []Embargo {
	return es.byCountry[strings.ToUpper(strings.TrimSpace(alpha2))]
}

// All returns every row.
func (es *Embargoes) All() []Embargo { return es.all }

// ArmsEmbargoed reports whether a country is under any EU or UN arms embargo
// or related regime in the table.
func (es *Embargoes) ArmsEmbargoed(alpha2 string) bool { return len(es.For(alpha2)) > 0 }
