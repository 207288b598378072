package screening

import (
	"fmt"
	"slices"
	"time"
)

// Kind is what sort of party an entity is.
type Kind string

// The kinds of entity on the lists. Unknown is used when the list does not say.
const (
	Person       Kind = "person"
	Organisation Kind = "organisation"
	Vessel       Kind = "vessel"
	Aircraft     Kind = "aircraft"
	Unknown      Kind = "unknown"
)

// ParseKind reads a kind as written in queries and lists ("individual",
// "entity", "company", "ship" ...). The empty string and "any" give Unknown.
func ParseKind(s string) (Kind, error) {
	switch lower(s) {
	case "", "any", "unknown", "-0-":
		return Unknown, nil
	case "person", "individual", "p", "people", "natural person":
		return Person, nil
	case "organisation", "organization", "entity", "company", "business", "e", "legalentity", "legal entity", "org":
		return Organisation, nil
	case "vessel", "ship", "boat":
		return Vessel, nil
	case "aircraft", "airplane", "plane":
		return Aircraft, nil
	}
	return Unknown, fmt.Errorf("unknown party type %q (want person, organisation, vessel, aircraft or any)", s)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// NameType says what a name is to its entity.
type NameType string

// The name types. Weak aliases (OFAC "weak a.k.a.", UN "Low" quality, UK
// "low quality a.k.a.") carry NameWeak and count less in matching.
const (
	NamePrimary  NameType = "primary"
	NameAlias    NameType = "alias"
	NameFormer   NameType = "former"
	NameWeak     NameType = "weak"
	NameOriginal NameType = "original_script"
)

// Name is one name of an entity as the list writes it, or (Derived) as the
// loader read it out of a name field that holds more than a name:
// "Avin Electronics Technology Co., Ltd." and the weak alias "AETC" out of
// the Entity List's "Avin Electronics Technology Co., Ltd. (AETC)".
type Name struct {
	Value   string   `json:"value"`
	Type    NameType `json:"type"`
	Script  string   `json:"script,omitempty"` // ISO 15924 name of the dominant script, e.g. "Latin", "Arabic"
	Derived bool     `json:"derived,omitempty"`
}

// Identifier is an identifying number: passport, national ID, IMO, LEI, tax or
// registration number.
type Identifier struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Country string `json:"country,omitempty"`
}

// Entity is one listed party in the one model shared by all list formats.
type Entity struct {
	Source      string       `json:"source"`             // list id, e.g. "us_ofac_sdn"
	SourceID    string       `json:"source_id"`          // the publisher's id (ent_num, DATAID, logicalId ...)
	SubList     string       `json:"sub_list,omitempty"` // e.g. the CSL's "Entity List (EL) - Bureau of Industry and Security"
	Kind        Kind         `json:"kind"`
	Names       []Name       `json:"names"`
	BirthDates  []string     `json:"birth_dates,omitempty"` // ISO 8601, possibly partial: "1962", "1962-03", "1962-03-25"
	Countries   []string     `json:"countries,omitempty"`   // ISO 3166 alpha-2 where known, else the list's text
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Addresses   []string     `json:"addresses,omitempty"`
	Programs    []string     `json:"programs,omitempty"`
	ListedOn    string       `json:"listed_on,omitempty"` // ISO date
	Remarks     string       `json:"remarks,omitempty"`
	Version     string       `json:"list_version"` // ListVersion.ID() of the list it came from
	// Links are "source:id" keys of the same party on other lists, as the list
	// itself states them (UK/UN reference numbers, CSL rows that copy SDN rows).
	Links []string `json:"-"`
}

// PrimaryName returns the entity's first primary name, or its first name.
func (e *Entity) PrimaryName() string {
	if i := e.primaryIndex(); i >= 0 {
		return e.Names[i].Value
	}
	return ""
}

// primaryIndex returns the index in Names of the name PrimaryName returns,
// or -1 when there is no name.
func (e *Entity) primaryIndex() int {
	if i := slices.IndexFunc(e.Names, func(n Name) bool { return n.Type == NamePrimary }); i >= 0 {
		return i
	}
	if len(e.Names) > 0 {
		return 0
	}
	return -1
}

// ListVersion identifies one published version of one list.
type ListVersion struct {
	Source   string    `json:"source"`
	Hash     string    `json:"hash"`          // hex SHA-256 over the list's files, in name order
	Date     time.Time `json:"date,omitzero"` // the publisher's date where the file has one, else zero (and absent in JSON)
	Entities int       `json:"entities"`      // number of entities loaded
}

// ID is a short printable id of the version: "source@date/hash12".
func (v ListVersion) ID() string {
	d := "undated"
	if !v.Date.IsZero() {
		d = v.Date.Format("2006-01-02")
	}
	h := v.Hash
	if len(h) > 12 {
		h = h[:12]
	}
	return v.Source + "@" + d + "/" + h
}

// Issue is a record that a loader could not take whole: the file, the record
// (line number or id), the field and the reason. Loaders never skip a record
// without an Issue.
type Issue struct {
	File   string `json:"file"`
	Record string `json:"record"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
	// Dropped is true when the record was not loaded at all; false when it was
	// loaded without the named field.
	Dropped bool `json:"dropped"`
}

func (i Issue) String() string {
	s := i.File + ": record " + i.Record
	if i.Field != "" {
		s += ": field " + i.Field
	}
	s += ": " + i.Reason
	if i.Dropped {
		s += " (record not loaded)"
	}
	return s
}

// List is one loaded version of one list.
type List struct {
	Version  ListVersion `json:"version"`
	Files    []string    `json:"files"`
	Entities []*Entity   `json:"-"`
	Issues   []Issue     `json:"issues,omitempty"`
}
