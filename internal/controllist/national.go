package controllist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// nationalCodeRE is the form of a national list code: a national prefix or
// an Annex I-like code ("NL-CS-001", "0A521").
var nationalCodeRE = regexp.MustCompile(`^[A-Z0-9][A-Za-z0-9.\-]{1,40}$`)

// nationalFile is the JSON layout of a national control list (Art. 9), a
// format of our own: the Commission publishes the compilation only as text.
type nationalFile struct {
	MemberState string `json:"member_state"`
	Name        string `json:"name"`
	LegalBasis  string `json:"legal_basis"`
	Version     struct {
		ID            string `json:"id"`
		SourceAct     string `json:"source_act"`
		EffectiveDate string `json:"effective_date"`
	} `json:"version"`
	Entries []struct {
		Code              string `json:"code"`
		Parent            string `json:"parent"`
		Category          int    `json:"category"`
		Type              string `json:"type"`
		Heading           string `json:"heading"`
		Text              string `json:"text"`
		Notes             []Note `json:"notes"`
		CyberSurveillance bool   `json:"cyber_surveillance"`
	} `json:"entries"`
}

// MemberStates are the ISO 3166 alpha-2 codes of the EU Member States, the
// only states that may adopt Art. 9 national lists under the Regulation.
var MemberStates = strings.Fields("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")

// LoadNational reads a Member State's national control list (Art. 9
// Regulation (EU) 2021/821). The list is scoped to that Member State: it
// applies to exports from it only.
func LoadNational(path string) (*List, error) {
	return loadFile("LoadNational", path, ParseNational)
}

// ParseNational is LoadNational on the file's bytes.
func ParseNational(data []byte, name string) (*List, error) {
	var f nationalFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(name, data, err)
	}
	ms := strings.ToUpper(strings.TrimSpace(f.MemberState))
	isMS := false
	for _, m := range MemberStates {
		isMS = isMS || m == ms
	}
	if !isMS {
		return nil, corrupt(name, "member_state", "%q is not an EU Member State", f.MemberState)
	}
	eff, err := time.Parse("2006-01-02", f.Version.EffectiveDate)
	if err != nil {
		return nil, corrupt(name, "version.effective_date", "not a date: %q", f.Version.EffectiveDate)
	}
	if f.Version.ID == "" || f.Version.SourceAct == "" {
		return nil, corrupt(name, "version", "id and source_act are required")
	}
	legal := f.LegalBasis
	if legal == "" {
		legal = "Art. 9 Regulation (EU) 2021/821"
	}
	l := &List{ID: "national-" + strings.ToLower(ms), Name: f.Name, Scope: ms, National: true, LegalBasis: legal,
		Version: Version{ID: f.Version.ID, SourceAct: f.Version.SourceAct, EffectiveDate: eff, Source: name}}
	for i, r := range f.Entries {
		place := fmt.Sprintf("entries[%d] (%s)", i, r.Code)
		switch {
		case !nationalCodeRE.MatchString(r.Code):
			return nil, corrupt(name, place, "code %q is not a list code", r.Code)
		case r.Category < 0 || r.Category > 9:
			return nil, corrupt(name, place, "category %d is not 0–9", r.Category)
		case TypeNames[r.Type] == "":
			return nil, corrupt(name, place, "type %q is not A–E", r.Type)
		case strings.TrimSpace(r.Text) == "":
			return nil, corrupt(name, place, "entry has no text")
		}
		e := &Entry{Code: r.Code, Parent: r.Parent, Category: r.Category, Type: r.Type,
			Heading: r.Heading, Text: clean(r.Text), Notes: r.Notes, CyberSurveillance: r.CyberSurveillance}
		if e.Heading == "" {
			e.Heading = headingOf(e.Text)
		}
		l.Entries = append(l.Entries, e)
	}
	if len(l.Entries) == 0 {
		return nil, corrupt(name, "entries", "no entries")
	}
	if err := l.finish(); err != nil {
		return nil, corrupt(name, "entries", "%v", err)
	}
	// Levels follow the parent chain, whatever the order of the file; a
	// chain that comes back to an entry is refused.
	for _, e := range l.Entries {
		seen := map[string]bool{e.Code: true}
		for p := e.Parent; p != ""; p = l.byCode[p].Parent {
			if seen[p] {
				return nil, corrupt(name, "entries ("+e.Code+")", "parent cycle through %s", p)
			}
			seen[p] = true
			e.Level++
		}
		if e.Parent != "" {
			p := l.byCode[e.Parent]
			p.Children = append(p.Children, e.Code)
		}
	}
	return l, nil
}

// AppliesTo reports whether the list binds an export from the given Member
// State: the EU list binds all, a national list only its own state.
func (l *List) AppliesTo(memberState string) bool {
	return !l.National || strings.EqualFold(l.Scope, memberState)
}
