// Package country is the ISO 3166 country registry dualuse checks every
// destination and establishment against, with EU membership. It reads
// countries/iso3166 of the reference data folder.
package country

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
)

// Country is one ISO 3166-1 country.
type Country struct {
	Alpha2 string // upper case, e.g. "DE"
	Alpha3 string // upper case, e.g. "DEU"
	Name   string // English short name
	EU     bool   // member state of the European Union
}

// Registry holds every known country, looked up by alpha-2 code.
type Registry struct {
	byCode map[string]Country
	all    []Country // sorted by Alpha2
}

// Files below the data folder that Load reads.
const (
	codesFile       = "countries/iso3166/country-codes.csv"
	territoriesFile = "countries/iso3166/rigour_territories.jsonl"
)

// Load reads the ISO 3166 table and the territories file (for EU membership)
// below dataDir.
func Load(dataDir string) (*Registry, error) {
	codes, err := os.Open(filepath.Join(dataDir, codesFile))
	if err != nil {
		return nil, fmt.Errorf("country: %w", err)
	}
	defer codes.Close()
	terr, err := os.Open(filepath.Join(dataDir, territoriesFile))
	if err != nil {
		return nil, fmt.Errorf("country: %w", err)
	}
	defer terr.Close()
	return Parse(codes, terr)
}

// Parse builds a registry from the country-codes CSV and the rigour
// territories JSON lines; errors name the file, line and field.
func Parse(codesCSV, territoriesJSONL io.Reader) (*Registry, error) {
	eu, err := parseEU(territoriesJSONL)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(codesCSV)
	header, err := r.Read()
	if err != nil {
		return nil, placeErr(codesFile, 1, "", "reading header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	need := []string{"ISO3166-1-Alpha-2", "ISO3166-1-Alpha-3", "CLDR display name", "official_name_en"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, placeErr(codesFile, 1, n, "column missing from header")
		}
	}
	reg := &Registry{byCode: map[string]Country{}}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, placeErr(codesFile, line, "", "%v", err)
		}
		a2 := strings.ToUpper(strings.TrimSpace(rec[col["ISO3166-1-Alpha-2"]]))
		if a2 == "" {
			continue // rows for entities without an ISO code (e.g. Kosovo is XK elsewhere)
		}
		if len(a2) != 2 || a2[0] < 'A' || a2[0] > 'Z' || a2[1] < 'A' || a2[1] > 'Z' {
			return nil, placeErr(codesFile, line, "ISO3166-1-Alpha-2", "invalid code %q", a2)
		}
		name := rec[col["CLDR display name"]]
		if name == "" {
			name = rec[col["official_name_en"]]
		}
		c := Country{Alpha2: a2, Alpha3: strings.ToUpper(rec[col["ISO3166-1-Alpha-3"]]), Name: name, EU: eu[a2]}
		reg.byCode[a2] = c
	}
	// Kosovo has no ISO code yet but is used by the EU and by sanctions lists.
	if _, ok := reg.byCode["XK"]; !ok {
		reg.byCode["XK"] = Country{Alpha2: "XK", Alpha3: "XKX", Name: "Kosovo"}
	}
	for _, c := range reg.byCode {
		reg.all = append(reg.all, c)
	}
	sort.Slice(reg.all, func(i, j int) bool { return reg.all[i].Alpha2 < reg.all[j].Alpha2 })
	if n := len(reg.EUMembers()); n != 27 {
		return nil, fmt.Errorf("country: %s: found %d EU member states, want 27", territoriesFile, n)
	}
	return reg, nil
}

// parseEU returns the alpha-2 codes (upper case) of the territories that
// refer to "eu" in their "see" list and are countries.
func parseEU(rd io.Reader) (map[string]bool, error) {
	eu := map[string]bool{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var t struct {
			Code      string   `json:"code"`
			IsCountry bool     `json:"is_country"`
			See       []string `json:"see"`
		}
		if err := json.Unmarshal(sc.Bytes(), &t); err != nil {
			return nil, placeErr(territoriesFile, line, "", "%v", err)
		}
		for _, s := range t.See {
			if s == "eu" && t.IsCountry && len(t.Code) == 2 {
				eu[strings.ToUpper(t.Code)] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("country: %s: %w", territoriesFile, err)
	}
	return eu, nil
}

func placeErr(file string, line int, field, format string, args ...any) error {
	place := fmt.Sprintf("%s:%d", file, line)
	if field != "" {
		place += ": " + field
	}
	return &apperr.Error{Kind: apperr.Invalid, Field: place, Message: fmt.Sprintf(format, args...)}
}

// Lookup returns the country with the given alpha-2 code (any case). An
// unknown code is an Invalid error that lists the closest valid codes.
func (r *Registry) Lookup(code string) (Country, error) {
	c, ok := r.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Country{}, apperr.New(apperr.Invalid, "unknown country code %q; closest: %s", code, strings.Join(r.closest(code, 5), ", "))
	}
	return c, nil
}

// All returns every country, sorted by alpha-2 code.
func (r *Registry) All() []Country { return append([]Country(nil), r.all...) }

// EUMembers returns the 27 member states, sorted by alpha-2 code.
func (r *Registry) EUMembers() []Country {
	var out []Country
	for _, c := range r.all {
		if c.EU {
			out = append(out, c)
		}
	}
	return out
}

// closest ranks codes and names by how near they are to the query: codes
// sharing letters with it, and names that start with it.
func (r *Registry) closest(q string, n int) []string {
	q = strings.ToUpper(strings.TrimSpace(q))
	type cand struct {
		code string
		d    int
	}
	var cs []cand
	for _, c := range r.all {
		d := editDistance(q, c.Alpha2)
		if q != "" && (strings.HasPrefix(strings.ToUpper(c.Name), q) || c.Alpha3 == q) {
			d = 0
		}
		cs = append(cs, cand{c.Alpha2 + " (" + c.Name + ")", d})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	out := make([]string, 0, n)
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.code)
	}
	return out
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
