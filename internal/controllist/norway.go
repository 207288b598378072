package controllist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// NorwayListIIPath is where Norway's List II sits below the reference data
// folder.
var NorwayListIIPath = filepath.Join("controllist", "norway_list2_dual_use", "regulations.json")

// norwayObject is one Django fixture object of regulations.json.
type norwayObject struct {
	Model  string          `json:"model"`
	PK     int             `json:"pk"`
	Fields json.RawMessage `json:"fields"`
}

type norwayRegulation struct {
	Code string `json:"code"`
}

type norwayParagraph struct {
	Path       string `json:"path"`
	Depth      int    `json:"depth"`
	Code       string `json:"code"`
	NoteType   string `json:"note_type"`
	Text       string `json:"text"`
	Regulation int    `json:"regulation"`
}

var (
	htmlTagRE   = regexp.MustCompile(`<[^>]*>`)
	continuedRE = regexp.MustCompile(`\b[0-9][A-E][0-9]{3}(?:\.[a-z0-9]{1,3})*\.?\s*continued\b`)
)

// LoadNorwayListII reads Norway's List II (2022), a Django fixture whose
// paragraphs form a tree by materialised path. Paragraph codes are relative
// ("a.", "1."); notes are paragraphs with a note_type other than "base".
func LoadNorwayListII(path string) (*List, error) {
	return loadFile("LoadNorwayListII", path, ParseNorwayListII)
}

// ParseNorwayListII is LoadNorwayListII on the file's bytes.
func ParseNorwayListII(data []byte, name string) (*List, error) {
	var objs []norwayObject
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&objs); err != nil {
		return nil, jsonError(name, data, err)
	}
	regs := map[int]string{}
	var paras []norwayParagraph
	for i, o := range objs {
		place := fmt.Sprintf("[%d] (%s pk %d)", i, o.Model, o.PK)
		switch o.Model {
		case "regulations.regulation":
			var r norwayRegulation
			if err := json.Unmarshal(o.Fields, &r); err != nil {
				return nil, corrupt(name, place, "%v", err)
			}
			if !codePattern.MatchString(r.Code) {
				return nil, corrupt(name, place, "code %q is not an entry code", r.Code)
			}
			regs[o.PK] = r.Code
		case "regulations.paragraph":
			var p norwayParagraph
			if err := json.Unmarshal(o.Fields, &p); err != nil {
				return nil, corrupt(name, place, "%v", err)
			}
			if p.Path == "" || len(p.Path)%4 != 0 || p.Depth != len(p.Path)/4 {
				return nil, corrupt(name, place, "path %q does not match depth %d", p.Path, p.Depth)
			}
			paras = append(paras, p)
		}
	}
	if len(regs) == 0 {
		return nil, corrupt(name, "", "no regulations.regulation objects")
	}
	sort.Slice(paras, func(i, j int) bool { return paras[i].Path < paras[j].Path })
	l := &List{
		ID: "no-list-ii", Name: "Norway List II (dual-use goods)", Scope: "NO",
		LegalBasis: "Norwegian export control regulations, List II (transposing EU Annex I)",
		Version: Version{ID: "no-list-ii/2022", SourceAct: "List II as amended to transpose Delegated Regulation (EU) 2022/1",
			EffectiveDate: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC),
			Source:        name + " (safetecnordic/export-control fixture)"},
	}
	byPath := map[string]*Entry{}
	seen := map[string]bool{}
	notePath := map[string]noteRef{}
	for i, p := range paras {
		place := fmt.Sprintf("paragraph %s", p.Path)
		code, ok := regs[p.Regulation]
		if !ok {
			return nil, corrupt(name, place, "regulation %d unknown", p.Regulation)
		}
		text := cleanNorway(p.Text)
		if p.Depth == 1 {
			e := &Entry{Code: code, Category: int(code[0] - '0'), Type: code[1:2], Text: text}
			byPath[p.Path] = e
			l.Entries = append(l.Entries, e)
			continue
		}
		up := p.Path[:len(p.Path)-4]
		if n, ok := notePath[up]; ok { // a paragraph inside a note
			n.owner.Notes[n.index].Text += " " + strings.TrimSpace(p.Code+" "+text)
			notePath[p.Path] = n
			continue
		}
		parent := byPath[up]
		if parent == nil {
			return nil, corrupt(name, place, "parent paragraph missing")
		}
		if p.NoteType != "base" {
			label := strings.TrimSuffix(strings.TrimSpace(p.NoteType), ":")
			text = strings.TrimSpace(strings.TrimPrefix(text, p.NoteType))
			parent.Notes = append(parent.Notes, Note{Kind: noteKind(label, text), Label: label, Text: text})
			notePath[p.Path] = noteRef{parent, len(parent.Notes) - 1}
			continue
		}
		label := strings.TrimSuffix(strings.TrimSpace(p.Code), ".")
		if label == "" || strings.ContainsAny(label, " .") {
			l.Repairs = append(l.Repairs, Repair{Fault: FaultMalformedCode, Code: parent.Code, Record: p.Path,
				Detail: fmt.Sprintf("paragraph label %q is not a sub-item label; its text was kept in the parent", p.Code)})
			parent.Text = strings.TrimSpace(parent.Text + " " + text)
			byPath[p.Path] = parent
			continue
		}
		e := &Entry{Code: parent.Code + "." + label, Parent: parent.Code, Level: parent.Level + 1,
			Category: parent.Category, Type: parent.Type, Text: text}
		if _, dup := byPath[p.Path]; dup {
			return nil, corrupt(name, place, "duplicate path")
		}
		byPath[p.Path] = e
		if seen[e.Code] {
			l.Repairs = append(l.Repairs, Repair{Fault: FaultMalformedCode, Code: e.Code, Record: p.Path,
				Detail: "duplicate sub-item label; the paragraph was renamed"})
			e.Code = fmt.Sprintf("%s-%d", e.Code, i)
		}
		seen[e.Code] = true
		parent.Children = append(parent.Children, e.Code)
		l.Entries = append(l.Entries, e)
	}
	for _, e := range l.Entries {
		e.Text = trimConnector(e.Text)
		e.NotUsed = strings.EqualFold(strings.TrimRight(e.Text, ".;"), "Not used")
		e.Heading = headingOf(e.Text)
	}
	if err := l.finish(); err != nil {
		return nil, corrupt(name, "", "%v", err)
	}
	return l, nil
}

// noteRef points at a note being read.
type noteRef struct {
	owner *Entry
	index int
}

// cleanNorway strips the fixture's HTML and page-break artefacts.
func cleanNorway(s string) string {
	s = htmlTagRE.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = continuedRE.ReplaceAllString(s, " ")
	return clean(s)
}
