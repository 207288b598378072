package controllist

import (
	"regexp"
	"strconv"
	"strings"
)

// This file turns the flattened text of one Annex I entry ("a. … 1. … a. …
// Note: … Technical Note: …") back into its tree of sub-items and notes.
//
// Sub-item labels alternate between letters and numbers by level and run in
// sequence, so a label is read as a sub-item only when it is the first child
// of an item that announces a list (text ending in ":") or the next label at
// an open level. Notes run until the next label that continues the item list
// (not the note's own a./1. list). A list item after "; or"/"; and" is the
// last of its list, which settles most "b." after "a.2.b" ambiguities.

// markerRE finds candidate item labels ("a.", "12.") and note labels. An
// item label must be followed by a space and the start of a sentence, which
// the parser checks.
var markerRE = regexp.MustCompile(`(?:^|\s)(?:(Technical Notes?(?:\s+\d+)?\s*:|TECHNICAL NOTE ON|Notes?(?:\s+\d+)?\s*:|Note to the [A-Za-z ]{1,40}?:|N\.B\.(?:\s?\d+\.)?:?)|([a-z]|[0-9]{1,3})\.)`)

// noteCodeRE finds the code a note is about ("5A001.j. does not control",
// "For the purposes of 5A001.d., …", "In 0B001.b. …").
var noteCodeRE = regexp.MustCompile(`^(?:In |For the purposes of |The )?([0-9][A-E][0-9]{3}(?:\.[a-z0-9]{1,3})*)\.?`)

// trimConnector drops a list item's trailing "; or", "; and" and ";".
func trimConnector(s string) string {
	s = strings.TrimRight(s, " ;,")
	for _, c := range []string{" or", " and"} {
		if strings.HasSuffix(s, c) {
			s = strings.TrimRight(strings.TrimSuffix(s, c), " ;,")
			break
		}
	}
	return s
}

// itemParser holds the state of parsing one entry's text.
type itemParser struct {
	entries []*Entry
	stack   []*Entry // stack[k] is the current item at level k
	labels  []string // labels[k] is the label of stack[k]
	closed  []bool   // closed[k]: stack[k] is the last item of its list

	note      *Note  // the open note, nil when reading item text
	noteOwner *Entry // the item the open note is printed under
	// noteLists are the open lists inside the notes being read, outermost
	// first; notes nested in notes (a Technical Note inside a Note) share them.
	noteLists []noteLevel

	lastLevel int  // level of the item that received the last text
	sawNote   bool // a note has been read in this entry
}

// parseEntryText builds the entry code with its sub-items from its heading
// and flattened body text. The first returned entry is the top-level one.
func parseEntryText(code string, category int, typ, heading, body string) []*Entry {
	root := &Entry{Code: code, Category: category, Type: typ, Text: clean(heading)}
	p := &itemParser{entries: []*Entry{root}, stack: []*Entry{root}, labels: []string{""}, closed: []bool{false}}
	body = clean(body)
	pos := 0
	for _, m := range markerRE.FindAllStringSubmatchIndex(body, -1) {
		start, end := m[0], m[1]
		if start < pos {
			continue
		}
		if m[2] >= 0 { // note label
			p.text(body[pos:start])
			p.openNote(strings.TrimSuffix(strings.TrimSpace(body[m[2]:m[3]]), ":"))
			pos = end
			continue
		}
		if end >= len(body) || body[end] != ' ' || !startsItem(body[end+1:]) {
			continue
		}
		p.text(body[pos:start])
		pos = start
		if p.item(body[m[4]:m[5]]) {
			pos = end
		}
	}
	p.text(body[pos:])
	p.finish()
	return p.entries
}

// startsItem reports whether s can begin the text of a list item.
func startsItem(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '"' || c == '\'' || c == '(' ||
		strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "“")
}

// item decides whether label starts a new item, the text before it being
// already read. It returns false when label is plain text.
func (p *itemParser) item(label string) bool {
	d := len(p.stack) - 1
	if p.note != nil {
		for i := len(p.noteLists) - 1; i >= 0; i-- {
			if nl := p.noteLists[i]; !nl.done && successor(nl.label) == label {
				p.noteLists = append(p.noteLists[:i], noteLevel{label, endsWithConnector(p.note.Text)})
				return false
			}
		}
		if k := p.successorLevel(label); k > 0 {
			p.closeNote()
			p.sibling(k, label)
			return true
		}
		nb := strings.HasPrefix(p.note.Label, "N.B")
		if isFirstLabel(label) && labelFits(d+1, label, !nb) {
			fresh := nb || !strings.HasSuffix(p.note.Text, ":") && len(p.noteLists) == 0
			if (fresh || p.noteListsDone()) && awaiting(p.stack[d]) {
				p.closeNote()
				p.child(label)
				return true
			}
		}
		if isFirstLabel(label) {
			p.noteLists = append(p.noteLists, noteLevel{label: label})
		}
		return false
	}
	if isFirstLabel(label) && awaiting(p.stack[d]) && labelFits(d+1, label, p.sawNote) {
		p.child(label)
		return true
	}
	if k := p.successorLevel(label); k > 0 {
		p.sibling(k, label)
		return true
	}
	return false
}

// successorLevel returns the deepest open level whose next label is label,
// or 0.
func (p *itemParser) successorLevel(label string) int {
	for k := len(p.stack) - 1; k >= 1; k-- {
		if !p.closed[k] && successor(p.labels[k]) == label {
			return k
		}
	}
	return 0
}

func (p *itemParser) child(label string) {
	parent := p.stack[len(p.stack)-1]
	e := &Entry{Code: parent.Code + "." + label, Parent: parent.Code, Level: parent.Level + 1,
		Category: parent.Category, Type: parent.Type}
	parent.Children = append(parent.Children, e.Code)
	p.entries = append(p.entries, e)
	p.stack = append(p.stack, e)
	p.labels = append(p.labels, label)
	p.closed = append(p.closed, false)
	p.lastLevel = e.Level
}

func (p *itemParser) sibling(k int, label string) {
	closed := p.lastLevel == k && endsWithConnector(p.stack[k].Text)
	p.stack, p.labels, p.closed = p.stack[:k], p.labels[:k], p.closed[:k]
	p.child(label)
	p.closed[k] = closed
}

// text appends s to the open note or to the current item.
func (p *itemParser) text(s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if p.note != nil {
		p.note.Text = strings.TrimSpace(p.note.Text + " " + s)
		return
	}
	cur := p.stack[len(p.stack)-1]
	cur.Text = strings.TrimSpace(cur.Text + " " + s)
	p.lastLevel = cur.Level
}

// noteLevel is one list inside a note: its last label and whether that was
// announced as the list's last item ("; or").
type noteLevel struct {
	label string
	done  bool
}

func (p *itemParser) noteListsDone() bool {
	for _, nl := range p.noteLists {
		if !nl.done {
			return false
		}
	}
	return true
}

func (p *itemParser) openNote(label string) {
	if p.note == nil {
		p.noteLists = nil
	}
	p.closeNote()
	p.sawNote = true
	p.note = &Note{Label: label}
	p.noteOwner = p.stack[len(p.stack)-1]
}

func (p *itemParser) closeNote() {
	if p.note == nil {
		return
	}
	n := *p.note
	p.note = nil
	n.Text = strings.TrimSpace(n.Text)
	n.Kind = noteKind(n.Label, n.Text)
	owner := p.noteOwner
	// A note names the item it is about; attach it there when that item
	// belongs to this entry.
	if m := noteCodeRE.FindStringSubmatch(n.Text); m != nil {
		for _, e := range p.entries {
			if e.Code == m[1] {
				owner = e
				break
			}
		}
	}
	owner.Notes = append(owner.Notes, n)
}

func (p *itemParser) finish() {
	p.closeNote()
	for _, e := range p.entries {
		e.Text = trimConnector(e.Text)
		if strings.EqualFold(strings.TrimRight(e.Text, ".;"), "Not used") {
			e.NotUsed = true
		}
		e.Heading = headingOf(e.Text)
	}
}

// noteKind classifies a note by its label and wording.
func noteKind(label, text string) NoteKind {
	switch {
	case strings.HasPrefix(label, "N.B"):
		return NoteNB
	case strings.HasPrefix(strings.ToLower(label), "technical note"):
		return NoteTechnical
	case strings.Contains(text, "not control") || strings.Contains(text, "not controlled") ||
		strings.Contains(text, "does not apply") || strings.Contains(text, "do not apply"):
		return NoteDecontrol
	}
	return NoteGeneral
}

// awaiting reports whether the item announces a list of sub-items.
func awaiting(e *Entry) bool {
	if len(e.Children) > 0 {
		return false
	}
	t := strings.TrimSpace(e.Text)
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "following") || strings.HasSuffix(t, "as follows")
}

func endsWithConnector(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ";,. ")
	return strings.HasSuffix(s, " or") || strings.HasSuffix(s, " and")
}

func isFirstLabel(l string) bool { return l == "a" || l == "1" }

// labelFits reports whether a first label suits the level: letters at odd
// levels, numbers at even ones. Lists of chemicals number their first level
// ("1C350.1"), which is accepted only while no note has been read, since
// the numbered lists inside notes are otherwise mistaken for it.
func labelFits(level int, label string, strict bool) bool {
	letter := label == "a"
	if level%2 == 1 {
		return letter || level == 1 && !strict
	}
	return !letter
}

// successor returns the label after l: "a"→"b", "9"→"10".
func successor(l string) string {
	if n, err := strconv.Atoi(l); err == nil {
		return strconv.Itoa(n + 1)
	}
	if len(l) == 1 && l[0] >= 'a' && l[0] < 'z' {
		return string(l[0] + 1)
	}
	return ""
}

// headingOf shortens an item's text to a one-line heading.
func headingOf(text string) string {
	h := strings.TrimSpace(text)
	for _, cut := range []string{", as follows:", " as follows:", ", as follows", " as follows"} {
		if i := strings.Index(h, cut); i > 0 {
			h = h[:i]
			break
		}
	}
	h = strings.TrimRight(h, ":;, ")
	const max = 160
	if len(h) > max {
		i := strings.LastIndex(h[:max], " ")
		if i < 40 {
			i = max
		}
		h = h[:i] + " …"
	}
	return h
}

// clean collapses white space.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
