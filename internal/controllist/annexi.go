package controllist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
)

// AnnexIPath is where the EU Annex I file sits below the reference data
// folder.
var AnnexIPath = filepath.Join("controllist", "eu_annex_i_2025-11", "annex_i_en_2025-11.json")

// The faults the Annex I loader repairs or reports (see
// shared/data/controllist/eu_annex_i_2025-11/PROVENANCE.md, "Parse
// imperfections").
const (
	// FaultNoteAsEntry: a record with a dotted code is really a Note about
	// that sub-item ("Note: 5A001.j does not control …" became entry
	// "5A001.j" with label "does not control …"), and the sub-item's control
	// text sits in the preceding record. Repaired by joining every record of
	// an entry back into one text, in file order, and re-parsing the
	// sub-items from the text.
	FaultNoteAsEntry = "note-parsed-as-entry"
	// FaultDanglingNote: the text before such a record ends with the note's
	// label ("Note:", "Note 2:") alone. Repaired by the same join.
	FaultDanglingNote = "dangling-note-label"
	// FaultMalformedCode: a record code with a word glued on
	// ("3A002.d.includes"). Repaired by moving the word back into the text.
	FaultMalformedCode = "malformed-code"
	// FaultGluedHeading: category and product-group headings, and the notes
	// printed under them, are glued to the end of the preceding entry's text
	// ("… 0B Test, Inspection and Production Equipment"). Repaired by cutting
	// them off into List.GroupNotes.
	FaultGluedHeading = "glued-heading"
	// FaultMissingText: control text lost by the parser. 5A001.e and 5A001.f
	// (and the Note 2 and Technical Note of 5A001.d before them) are
	// restored from the same Wassenaar wording in Norway's List II (2022);
	// other gaps are detected (a sub-item list that skips a label) and
	// reported, not repaired.
	FaultMissingText = "missing-text"
)

// annexIFile is the third-party JSON layout.
type annexIFile struct {
	Metadata struct {
		Source            string `json:"source"`
		Language          string `json:"language"`
		Version           string `json:"version"`
		ConsolidationDate string `json:"consolidation_date"`
		EntryCount        int    `json:"entry_count"`
	} `json:"metadata"`
	Entries []annexIRecord `json:"entries"`
}

type annexIRecord struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	Category    string `json:"category"`
	Subgroup    string `json:"subgroup"`
	Depth       int    `json:"depth"`
	FullContent string `json:"full_content"`
}

// textRepair restores text the source lost, inserted before a record.
type textRepair struct {
	entry, beforeRecord string
	unless              string // skip when the entry's text already has this
	text, detail        string
}

// annexIRepairs holds the restored text. The wording is the Wassenaar text as
// published in Norway's List II (shared/data/controllist/norway_list2_dual_use,
// export-control-appendix2.txt, 5A001.d Note 2 to 5A001.f.4), which
// transposes the same Annex I wording; 5A001.e/.f were not amended between
// that edition and 2025 as far as we know (unverified against the 2025 OJ text).
var annexIRepairs = []textRepair{{
	entry:        "5A001",
	beforeRecord: "5A001.f.1",
	unless:       "Mobile telecommunications interception",
	detail:       "restored 5A001.d Note 2, its Technical Note, 5A001.e and 5A001.f.1–f.4 from Norway List II (2022) wording; unverified against the 2025 text",
	text: `5A001.d. does not control antennae specially designed for any of the following: a. Civil cellular or WLAN radio-communications systems; b. IEEE 802.15 or wireless HDMI; or c. Fixed or mobile "satellite" earth stations for commercial civil telecommunications. ` +
		`Technical Note: For the purposes of 5A001.d. 'electronically steerable phased array antenna' is an antenna which forms a beam by means of phase coupling, (i.e., the beam direction is controlled by the complex excitation coefficients of the radiating elements) and the direction of that beam can be varied (both in transmission and reception) in azimuth or in elevation, or both, by application of an electrical signal. ` +
		`e. Radio direction finding equipment operating at frequencies above 30 MHz and having all of the following, and specially designed components therefor: 1. "Instantaneous bandwidth" of 10 MHz or more; and 2. Capable of finding a Line Of Bearing (LOB) to non-cooperating radio transmitters with a signal duration of less than 1 ms; ` +
		`f. Mobile telecommunications interception or jamming equipment, and monitoring equipment therefor, as follows, and specially designed components therefor: 1. Interception equipment designed for the extraction of voice or data, transmitted over the air interface; 2. Interception equipment not specified in 5A001.f.1., designed for the extraction of client device or subscriber identifiers (e.g., IMSI, TIMSI or IMEI), signalling, or other metadata transmitted over the air interface; 3. Jamming equipment specially designed or modified to intentionally and selectively interfere with, deny, inhibit, degrade or seduce mobile telecommunication services and performing any of the following: a. Simulate the functions of Radio Access Network (RAN) equipment; b. Detect and exploit specific characteristics of the mobile telecommunications protocol employed (e.g., GSM); or c. Exploit specific characteristics of the mobile telecommunications protocol employed (e.g. GSM); 4. RF monitoring equipment designed or modified to identify the operation of items specified in 5A001.f.1., 5A001.f.2. or 5A001.f.3.; Note:`,
}}

// headingRE finds category/group headings glued into entry text.
var headingRE = regexp.MustCompile(`(?:PART [IVXL]+ Category \d|Part 2 - "INFORMATION SECURITY"|\b\d[A-E] (?:Systems, Equipment and Components|Test, Inspection and Production Equipment|Materials|Software|Technology)\b)`)

// groupKeyRE names the heading a glued block ends in.
var groupKeyRE = regexp.MustCompile(`\b(\d[A-E]) (?:Systems, Equipment and Components|Test, Inspection and Production Equipment|Materials|Software|Technology)\b|Part 2 - "INFORMATION SECURITY"`)

// LoadAnnexI reads the EU Annex I JSON (a third party's parse of the
// consolidated text) and repairs its known parse faults, each recorded in
// List.Repairs. A file that is not that JSON, or a record that breaks its
// schema, gives an apperr.Invalid error naming the file and the record.
func LoadAnnexI(path string) (*List, error) {
	return loadFile("LoadAnnexI", path, ParseAnnexI)
}

// loadFile reads a list file and parses it, wrapping errors with the
// operation.
func loadFile(op, path string, parse func(data []byte, name string) (*List, error)) (l *List, err error) {
	defer apperr.Wrap(&err, "controllist.%s(%q)", op, path)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading control list: %w", err)
	}
	return parse(data, filepath.Base(path))
}

// ParseAnnexI is LoadAnnexI on the file's bytes; name is used in errors.
func ParseAnnexI(data []byte, name string) (*List, error) {
	var f annexIFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(name, data, err)
	}
	if len(f.Entries) == 0 {
		return nil, corrupt(name, "entries", "no entries")
	}
	if n := f.Metadata.EntryCount; n != 0 && n != len(f.Entries) {
		return nil, corrupt(name, "metadata.entry_count", "says %d entries, the file holds %d (truncated?)", n, len(f.Entries))
	}
	eff, err := time.Parse("2006-01-02", f.Metadata.ConsolidationDate)
	if err != nil {
		return nil, corrupt(name, "metadata.consolidation_date", "not a date: %q", f.Metadata.ConsolidationDate)
	}
	l := &List{
		ID:         "eu-annex-i",
		Name:       "EU Annex I (Regulation (EU) 2021/821)",
		Scope:      "EU",
		LegalBasis: "Art. 3(1) Regulation (EU) 2021/821",
		Version: Version{
			ID:            "eu-annex-i/" + f.Metadata.Version,
			SourceAct:     "Regulation (EU) 2021/821 Annex I as amended by Commission Delegated Regulation (EU) 2025/2003",
			EffectiveDate: eff,
			Source:        name + " (dkmcustoms-web/dual-use-v1 parse of the EUR-Lex consolidated text)",
		},
		GroupNotes: map[string]string{},
	}

	type group struct {
		rec  annexIRecord
		body strings.Builder
	}
	var groups []*group
	for i, r := range f.Entries {
		place := fmt.Sprintf("entries[%d] (%s)", i, r.Code)
		if r.Depth > 0 {
			if fixed, word, ok := splitGluedWord(r.Code); ok {
				l.Repairs = append(l.Repairs, Repair{Fault: FaultMalformedCode, Code: fixed, Record: r.Code,
					Detail: fmt.Sprintf("code %q read as %q with %q moved back into the note text", r.Code, fixed, word), Repaired: true})
				r.Code, r.Label, r.Depth = fixed, word+" "+r.Label, strings.Count(fixed, ".")
			}
		}
		if err := checkRecord(r); err != nil {
			return nil, corrupt(name, place, "%v", err)
		}
		if r.Depth == 0 {
			g := &group{rec: r}
			g.body.WriteString(r.FullContent)
			groups = append(groups, g)
			continue
		}
		if len(groups) == 0 || !strings.HasPrefix(r.Code, groups[len(groups)-1].rec.Code+".") {
			return nil, corrupt(name, place, "sub-code outside the entry before it")
		}
		g := groups[len(groups)-1]
		for _, tr := range annexIRepairs {
			if tr.entry == g.rec.Code && tr.beforeRecord == r.Code && !strings.Contains(g.body.String(), tr.unless) {
				g.body.WriteString(" " + tr.text)
				l.Repairs = append(l.Repairs, Repair{Fault: FaultMissingText, Code: tr.entry, Record: r.Code, Detail: tr.detail, Repaired: true})
			}
		}
		// Rejoin the note: "…Note:" + " 5A001.j. does not control …".
		prev := strings.TrimSpace(g.body.String())
		fault := FaultNoteAsEntry
		if strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, "Note") {
			fault = FaultDanglingNote
		}
		if strings.HasSuffix(prev, "Note") {
			g.body.WriteString(":")
		}
		fmt.Fprintf(&g.body, " %s. %s %s", r.Code, r.Label, r.FullContent)
		l.Repairs = append(l.Repairs, Repair{Fault: fault, Code: g.rec.Code, Record: r.Code,
			Detail: "note record joined back into the entry text", Repaired: true})
	}

	for _, g := range groups {
		body := g.body.String()
		if loc := headingRE.FindStringIndex(body); loc != nil {
			tail := strings.TrimSpace(body[loc[0]:])
			body = body[:loc[0]]
			key := g.rec.Code[:2]
			if ms := groupKeyRE.FindAllStringSubmatch(tail, -1); len(ms) > 0 {
				last := ms[len(ms)-1]
				key = last[1]
				if key == "" {
					key = "5 Part 2"
				}
			}
			l.GroupNotes[key] = clean(tail)
			l.Repairs = append(l.Repairs, Repair{Fault: FaultGluedHeading, Code: g.rec.Code,
				Detail: fmt.Sprintf("heading block %q cut off into group notes %s", apperr.Shorten(tail, 60), key), Repaired: true})
		}
		cat := int(g.rec.Category[0] - '0')
		entries := parseEntryText(g.rec.Code, cat, g.rec.Subgroup, g.rec.Label, body)
		for _, rp := range l.Repairs {
			if rp.Code == g.rec.Code && rp.Fault == FaultMissingText {
				entries[0].Repaired = true
			}
		}
		l.Entries = append(l.Entries, entries...)
	}
	if err := l.finish(); err != nil {
		return nil, corrupt(name, "entries", "%v", err)
	}
	l.Repairs = append(l.Repairs, detectGaps(l)...)
	return l, nil
}

// splitGluedWord splits "3A002.d.includes" into "3A002.d" and "includes".
func splitGluedWord(code string) (fixed, word string, ok bool) {
	i := strings.LastIndex(code, ".")
	if i < 5 {
		return "", "", false
	}
	last := code[i+1:]
	if len(last) <= 3 {
		return "", "", false
	}
	for _, c := range last {
		if c < 'a' || c > 'z' {
			return "", "", false
		}
	}
	return code[:i], last, true
}

func checkRecord(r annexIRecord) error {
	switch {
	case !codePattern.MatchString(r.Code):
		return fmt.Errorf("code %q is not an Annex I code", r.Code)
	case r.Category == "" || r.Category[0] != r.Code[0]:
		return fmt.Errorf("category %q does not match code %s", r.Category, r.Code)
	case r.Subgroup == "" || r.Subgroup[0] != r.Code[1]:
		return fmt.Errorf("subgroup %q does not match code %s", r.Subgroup, r.Code)
	case r.Depth != strings.Count(r.Code, "."):
		return fmt.Errorf("depth %d does not match code %s", r.Depth, r.Code)
	case r.Depth == 0 && strings.TrimSpace(r.Label) == "":
		return fmt.Errorf("entry %s has no heading", r.Code)
	}
	return nil
}

// detectGaps reports sub-item lists that skip a label: text the source lost.
func detectGaps(l *List) []Repair {
	var out []Repair
	for _, e := range l.Entries {
		if awaiting(e) {
			out = append(out, Repair{Fault: FaultMissingText, Code: e.Code,
				Detail: fmt.Sprintf("%s announces sub-items but none could be read: its text is missing from the source", e.Code)})
		}
		prev := ""
		for _, c := range e.Children {
			label := c[strings.LastIndex(c, ".")+1:]
			if prev != "" && successor(prev) != label {
				out = append(out, Repair{Fault: FaultMissingText, Code: e.Code,
					Detail: fmt.Sprintf("sub-items jump from %s.%s to %s: text between them is missing from the source", e.Code, prev, c)})
			}
			prev = label
		}
	}
	return out
}

// corrupt returns the error for a file that breaks its format.
func corrupt(file, place, format string, args ...any) error {
	return &apperr.Error{Kind: apperr.Invalid, Field: file + ": " + place,
		Message: "corrupt control list file: " + fmt.Sprintf(format, args...)}
}

// jsonError turns a decoding error into one naming the file and line.
func jsonError(file string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return corrupt(file, fmt.Sprintf("line %d", lineOf(data, se.Offset)), "%v", err)
	case errors.As(err, &te):
		return corrupt(file, fmt.Sprintf("line %d, field %s", lineOf(data, te.Offset), te.Field), "%v", err)
	}
	return corrupt(file, "", "%v", err)
}

func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// LoadEUAnnexI loads the EU Annex I from the reference data folder.
func LoadEUAnnexI(dataDir string) (*List, error) {
	return LoadAnnexI(filepath.Join(dataDir, AnnexIPath))
}
