package controllist

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
)

// Version identifies one published state of a control list.
type Version struct {
	// ID is unique across lists and versions, e.g. "eu-annex-i/2025-11".
	ID string `json:"id"`
	// SourceAct is the act that published this state of the list, e.g.
	// "Commission Delegated Regulation (EU) 2025/2003".
	SourceAct string `json:"source_act"`
	// EffectiveDate is the day the version entered into force.
	EffectiveDate time.Time `json:"effective_date"`
	// Source describes the file the version was read from.
	Source string `json:"source,omitempty"`
}

// List is one control list in one version: the EU Annex I, a third country's
// transposition of it, or a Member State's national list (Art. 9).
type List struct {
	// ID names the list across its versions, e.g. "eu-annex-i".
	ID string `json:"id"`
	// Name is the list's human-readable title.
	Name string `json:"name"`
	// Scope is where the list applies: "EU" for Annex I, otherwise the
	// ISO 3166 alpha-2 code of the state (e.g. "NO", or "NL" for a national
	// list).
	Scope string `json:"scope"`
	// National is true for a Member State's national control list (Art. 9).
	National bool `json:"national"`
	// LegalBasis cites what makes the list binding, e.g. "Art. 3(1)
	// Regulation (EU) 2021/821".
	LegalBasis string `json:"legal_basis"`
	// Version is the version of the list these entries belong to.
	Version Version `json:"version"`
	// Entries holds every entry in document order (depth first).
	Entries []*Entry `json:"entries"`
	// GroupNotes are the notes printed under a category or product-group
	// heading (e.g. the Cryptography Note before Category 5 Part 2), keyed
	// by heading ("1C", "5 Part 2").
	GroupNotes map[string]string `json:"group_notes,omitempty"`
	// Repairs lists what the loader repaired in the source file.
	Repairs []Repair `json:"repairs,omitempty"`

	byCode map[string]*Entry
}

// Repair records one fault of a source file that the loader repaired or
// could not repair.
type Repair struct {
	// Fault names the kind of fault (see the Fault* constants).
	Fault string `json:"fault"`
	// Code is the entry concerned.
	Code string `json:"code"`
	// Record is the source record's code or position, when it differs.
	Record string `json:"record,omitempty"`
	// Detail says what was done.
	Detail string `json:"detail"`
	// Repaired is false when the fault is only reported.
	Repaired bool `json:"repaired"`
}

// NoteKind classifies the notes printed under an entry.
type NoteKind string

// The kinds of note in a control list.
const (
	NoteGeneral   NoteKind = "note"           // "Note:" that neither defines nor decontrols
	NoteTechnical NoteKind = "technical_note" // "Technical Note:", defines terms or measurement
	NoteDecontrol NoteKind = "decontrol_note" // a note saying what the entry does not control
	NoteNB        NoteKind = "nb"             // "N.B." cross-reference
)

// Note is a note, technical note, decontrol note or N.B. under an entry.
type Note struct {
	Kind NoteKind `json:"kind"`
	// Label is the note's printed label, e.g. "Note 2", "Technical Note".
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Entry is one controlled item: a five-character entry such as "5A001" (Level
// 0) or one of its sub-items such as "5A001.j" (Level 1) or "5A001.j.1.a"
// (Level 3).
type Entry struct {
	Code string `json:"code"`
	// Parent is the code of the enclosing entry, "" for Level 0.
	Parent string `json:"parent,omitempty"`
	// Level is the number of dotted segments after the five-character code.
	Level int `json:"level"`
	// Category is 0–9.
	Category int `json:"category"`
	// Type is the product group: A systems/equipment, B test/production
	// equipment, C materials, D software, E technology.
	Type string `json:"type"`
	// Part is 1 or 2 in Category 5 (telecommunications / information
	// security), 0 elsewhere.
	Part int `json:"part,omitempty"`
	// Regime is the multilateral regime the entry comes from.
	Regime Regime `json:"regime"`
	// Heading is a one-line title: the entry's own words up to "as follows",
	// shortened for sub-items.
	Heading string `json:"heading"`
	// Text is the entry's own control text, without sub-items and notes.
	Text string `json:"text"`
	// Notes are the notes, technical notes, decontrol notes and N.B.s
	// printed under the entry.
	Notes []Note `json:"notes,omitempty"`
	// Children are the codes of the direct sub-items, in order.
	Children []string `json:"children,omitempty"`
	// CyberSurveillance marks the listed cyber-surveillance items of
	// Commission Recommendation (EU) 2024/2659 and their sub-items.
	CyberSurveillance bool `json:"cyber_surveillance"`
	// NotUsed marks numbers kept as "Not used".
	NotUsed bool `json:"not_used,omitempty"`
	// Repaired is true when the loader had to repair this entry's text.
	Repaired bool `json:"repaired,omitempty"`
}

// Regime is a multilateral export-control regime, read from an entry's
// hundreds digit.
type Regime string

// The regimes behind Annex I numbering (domain.md §1.13).
const (
	RegimeWassenaar  Regime = "Wassenaar Arrangement"
	RegimeNSGTrigger Regime = "Nuclear Suppliers Group (trigger list)"
	RegimeMTCR       Regime = "Missile Technology Control Regime"
	RegimeNSG        Regime = "Nuclear Suppliers Group (dual-use)"
	RegimeAG         Regime = "Australia Group"
	RegimeCWC        Regime = "Chemical Weapons Convention"
	RegimeEU         Regime = "EU addition (5xx series, unverified)"
	RegimeNational   Regime = "National (Art. 9)"
)

// regimeOf returns the regime of a five-character code.
func regimeOf(code string) Regime {
	if len(code) < 5 {
		return ""
	}
	switch code[2] {
	case '0':
		if code[0] == '0' {
			return RegimeNSGTrigger
		}
		return RegimeWassenaar
	case '1':
		return RegimeMTCR
	case '2':
		return RegimeNSG
	case '3':
		return RegimeAG
	case '4':
		return RegimeCWC
	case '5':
		return RegimeEU
	}
	return ""
}

// CategoryNames are the Annex I category titles.
var CategoryNames = [10]string{
	"Nuclear materials, facilities and equipment",
	"Special materials and related equipment",
	"Materials processing",
	"Electronics",
	"Computers",
	"Telecommunications and \"information security\"",
	"Sensors and lasers",
	"Navigation and avionics",
	"Marine",
	"Aerospace and propulsion",
}

// TypeNames are the Annex I product groups.
var TypeNames = map[string]string{
	"A": "Systems, equipment and components",
	"B": "Test, inspection and production equipment",
	"C": "Materials",
	"D": "Software",
	"E": "Technology",
}

// Entry returns the entry with the given code. The code may carry a trailing
// dot or spaces ("5A001.j. ") and any letter case. An unknown code gives an
// apperr.NotFound error listing the closest valid codes.
func (l *List) Entry(code string) (*Entry, error) {
	c := NormalizeCode(code)
	if e, ok := l.byCode[c]; ok {
		return e, nil
	}
	if !l.National && !codePattern.MatchString(c) {
		return nil, &apperr.Error{Kind: apperr.Invalid, Field: "code",
			Message: fmt.Sprintf("%q is not a control-list code (expected e.g. 5A001 or 5A001.j); closest valid codes: %s",
				code, strings.Join(l.Closest(c, 5), ", "))}
	}
	return nil, &apperr.Error{Kind: apperr.NotFound, Field: "code",
		Message: fmt.Sprintf("no entry %s in %s %s; closest valid codes: %s",
			c, l.Name, l.Version.ID, strings.Join(l.Closest(c, 5), ", "))}
}

// Has reports whether the list has an entry with the code.
func (l *List) Has(code string) bool {
	_, ok := l.byCode[NormalizeCode(code)]
	return ok
}

// Children returns the direct sub-items of the entry, in order.
func (l *List) Children(code string) ([]*Entry, error) {
	e, err := l.Entry(code)
	if err != nil {
		return nil, err
	}
	out := make([]*Entry, 0, len(e.Children))
	for _, c := range e.Children {
		out = append(out, l.byCode[c])
	}
	return out, nil
}

// Parents returns the enclosing entries of code, outermost first.
func (l *List) Parents(code string) ([]*Entry, error) {
	e, err := l.Entry(code)
	if err != nil {
		return nil, err
	}
	var out []*Entry
	for p := e.Parent; p != ""; {
		pe := l.byCode[p]
		if pe == nil {
			break
		}
		out = append(out, pe)
		p = pe.Parent
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// Category is one node of the browse tree: a category with its product
// groups.
type Category struct {
	Number int      `json:"number"`
	Name   string   `json:"name"`
	Groups []*Group `json:"groups"`
}

// Group is a product group (A–E) of one category, holding its top-level
// entries.
type Group struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Entries []*Entry `json:"entries"`
}

// Tree returns the list's top-level entries grouped by category and product
// group, for browsing. Use Children to descend into an entry.
func (l *List) Tree() []*Category {
	cats := map[int]*Category{}
	groups := map[string]*Group{}
	for _, e := range l.Entries {
		if e.Level != 0 {
			continue
		}
		c := cats[e.Category]
		if c == nil {
			c = &Category{Number: e.Category, Name: CategoryNames[e.Category]}
			cats[e.Category] = c
		}
		key := fmt.Sprintf("%d%s", e.Category, e.Type)
		g := groups[key]
		if g == nil {
			g = &Group{Type: e.Type, Name: TypeNames[e.Type]}
			groups[key] = g
			c.Groups = append(c.Groups, g)
		}
		g.Entries = append(g.Entries, e)
	}
	out := make([]*Category, 0, len(cats))
	for _, c := range cats {
		sort.Slice(c.Groups, func(i, j int) bool { return c.Groups[i].Type < c.Groups[j].Type })
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

// FullText returns the entry's text with all its sub-items, as printed:
// "code text" lines, indented by level, with notes.
func (l *List) FullText(code string) (string, error) {
	e, err := l.Entry(code)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	l.writeText(&b, e, e.Level)
	return b.String(), nil
}

func (l *List) writeText(b *strings.Builder, e *Entry, base int) {
	indent := strings.Repeat("  ", e.Level-base)
	fmt.Fprintf(b, "%s%s %s\n", indent, e.Code, e.Text)
	for _, n := range e.Notes {
		fmt.Fprintf(b, "%s  %s: %s\n", indent, n.Label, n.Text)
	}
	for _, c := range e.Children {
		l.writeText(b, l.byCode[c], base)
	}
}

// subtreeText returns the entry's own text and that of all its sub-items.
func (l *List) subtreeText(e *Entry) string {
	var b strings.Builder
	var walk func(*Entry)
	walk = func(x *Entry) {
		b.WriteString(x.Text)
		b.WriteByte(' ')
		for _, c := range x.Children {
			walk(l.byCode[c])
		}
	}
	walk(e)
	return b.String()
}

// finish indexes the entries by code, fills derived fields and checks the
// list's consistency.
func (l *List) finish() error {
	l.byCode = make(map[string]*Entry, len(l.Entries))
	for _, e := range l.Entries {
		if _, dup := l.byCode[e.Code]; dup {
			return fmt.Errorf("duplicate entry %s", e.Code)
		}
		l.byCode[e.Code] = e
	}
	for _, e := range l.Entries {
		root := e.Code
		if len(root) > 5 {
			root = root[:5]
		}
		e.Regime = regimeOf(root)
		if l.National {
			e.Regime = RegimeNational
		} else if e.Category == 5 {
			e.Part = 1
			if n := root[2:]; n == "002" || n == "003" || n == "004" {
				e.Part = 2
			}
		}
		if !l.National {
			e.CyberSurveillance = IsCyberSurveillance(e.Code)
		}
		if e.Parent != "" && l.byCode[e.Parent] == nil {
			return fmt.Errorf("entry %s: parent %s missing", e.Code, e.Parent)
		}
	}
	return nil
}
