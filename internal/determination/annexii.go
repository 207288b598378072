package determination

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/controllist"
)

// AnnexIIPath is where the Annex II data sits below the reference data
// folder.
var AnnexIIPath = filepath.Join("controllist", "annex_ii", "annex_ii.json")

// AnnexII holds the Union general export authorisations EU001–EU008, the
// Section I excluded items and Annex IV of Regulation (EU) 2021/821, as
// compiled in annex_ii.json, with each part's verified marking.
type AnnexII struct {
	Authorisations []Authorisation `json:"authorisations"`
	SectionI       CodeList        `json:"section_i_excluded_items"`
	AnnexIV        AnnexIV         `json:"annex_iv"`
	DeveloperNotes []string        `json:"developer_notes"`
}

// Authorisation is one Union general export authorisation (Annex II
// Sections A–H).
type Authorisation struct {
	ID      string `json:"id"`
	Section string `json:"section"`
	Title   string `json:"title"`
	Items   struct {
		Covered struct {
			Scope string     `json:"scope"`
			Codes []ItemCode `json:"codes"`
			Text  string     `json:"text"`
		} `json:"covered"`
		Excluded []ItemCode `json:"excluded"`
	} `json:"items"`
	DestinationsMode     string        `json:"destinations_mode"`
	Destinations         []Destination `json:"destinations"`
	DestinationsExcluded *struct {
		EU001  []string      `json:"a_eu001_destinations"`
		Listed []Destination `json:"b_listed"`
		Rule   string        `json:"c_rule"`
	} `json:"destinations_excluded"`
	Conditions []Condition `json:"conditions"`
	Verified   bool        `json:"verified"`
}

// ItemCode is an Annex I code, or an "@" reference token, with any
// limitation.
type ItemCode struct {
	Code string `json:"code"`
	Kind string `json:"kind"`
	Note string `json:"note"`
	Name string `json:"name"`
}

// Destination is a destination of an authorisation.
type Destination struct {
	Name          string   `json:"name"`
	ISO2          string   `json:"iso2"`
	Includes      []string `json:"includes_iso2"`
	Note          string   `json:"note"`
	Candidates    []string `json:"iso2_candidates"`
	CandidatesVer *bool    `json:"iso2_candidates_verified"`
}

// Condition is one condition of an authorisation (Part 3 and others).
type Condition struct {
	ID   string `json:"id"`
	Kind string `json:"kind"` // scope, precondition, bar, obligation, member_state_option, definition
	Ref  string `json:"ref"`
	Text string `json:"text"`
}

// CodeList is Annex II Section I: codes, "@annex_iv_all" included.
type CodeList struct {
	Codes    []string `json:"codes"`
	Verified bool     `json:"verified"`
}

// AnnexIV is the list of items whose intra-EU transfer needs an
// authorisation (Art. 11).
type AnnexIV struct {
	PartI struct {
		Codes []string `json:"codes"`
	} `json:"part_i"`
	PartII struct {
		Codes []string `json:"codes"`
	} `json:"part_ii"`
	Verified bool `json:"verified"`
}

// LoadAnnexII reads annex_ii.json below the data folder.
func LoadAnnexII(dataDir string) (a *AnnexII, err error) {
	path := filepath.Join(dataDir, AnnexIIPath)
	defer apperr.Wrap(&err, "determination.LoadAnnexII(%q)", path)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading Annex II: %w", err)
	}
	return ParseAnnexII(data)
}

// ParseAnnexII decodes and checks Annex II data; errors name the
// authorisation or part at fault.
func ParseAnnexII(data []byte) (*AnnexII, error) {
	var a AnnexII
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&a); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n")) + 1
			return nil, invalid(fmt.Sprintf("annex_ii.json:%d", line), "%v", err)
		}
		return nil, invalid("annex_ii.json", "%v", err)
	}
	if len(a.Authorisations) == 0 {
		return nil, invalid("annex_ii.json: authorisations", "none")
	}
	for i, au := range a.Authorisations {
		place := fmt.Sprintf("annex_ii.json: authorisations[%d] (%s)", i, au.ID)
		switch {
		case !strings.HasPrefix(au.ID, "EU"):
			return nil, invalid(place, "id %q is not EU001…EU008", au.ID)
		case au.DestinationsMode != "listed" && au.DestinationsMode != "all_except":
			return nil, invalid(place, "destinations_mode %q", au.DestinationsMode)
		case au.DestinationsMode == "all_except" && au.DestinationsExcluded == nil:
			return nil, invalid(place, "all_except without destinations_excluded")
		case au.Items.Covered.Scope == "":
			return nil, invalid(place, "items.covered.scope missing")
		}
		for _, c := range au.Items.Covered.Codes {
			if !strings.HasPrefix(c.Code, "@") && !controllist.IsCode(c.Code) {
				return nil, invalid(place, "covered code %q is not an Annex I code", c.Code)
			}
		}
	}
	return &a, nil
}

func invalid(place, format string, args ...any) error {
	return &apperr.Error{Kind: apperr.Invalid, Field: place, Message: "corrupt Annex II data: " + fmt.Sprintf(format, args...)}
}

// InSectionI reports whether an Annex I code is excluded from the "all items"
// general authorisations by Annex II Section I (which includes Annex IV).
func (a *AnnexII) InSectionI(code string) (string, bool) {
	for _, c := range a.SectionI.Codes {
		if c == "@annex_iv_all" {
			if ref, ok := a.InAnnexIV(code); ok {
				return ref, true
			}
			continue
		}
		if controllist.Covers(c, code) {
			return c, true
		}
	}
	return "", false
}

// InAnnexIV reports whether a code is in Annex IV (intra-EU transfer needs an
// authorisation, Art. 11(1)). Category 0 items follow Annex IV's Category 0
// rule and are reported as covered, the rule to be read.
func (a *AnnexII) InAnnexIV(code string) (string, bool) {
	for _, part := range [][]string{a.AnnexIV.PartI.Codes, a.AnnexIV.PartII.Codes} {
		for _, c := range part {
			if c == "@category_0_per_rule" {
				if strings.HasPrefix(code, "0") {
					return "Annex IV Part II (Category 0 rule)", true
				}
				continue
			}
			if controllist.Covers(c, code) {
				return c, true
			}
		}
	}
	return "", false
}

// Authorisation returns the authorisation with the given id.
func (a *AnnexII) Authorisation(id string) (Authorisation, bool) {
	for _, au := range a.Authorisations {
		if au.ID == id {
			return au, true
		}
	}
	return Authorisation{}, false
}
