package controllist

import (
	"sort"
	"strings"
)

// Change is what happened to one entry between two versions of a list.
type Change struct {
	Code string `json:"code"`
	// Kind is "added", "removed" or "changed".
	Kind string `json:"kind"`
	// Old and New are the entry's full text (own text and notes) in each
	// version; empty for added/removed entries.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// TextDiff is a word-level diff of Old and New: "[-removed-]" and
	// "{+added+}" marks, as in `git diff --word-diff`.
	TextDiff string `json:"text_diff,omitempty"`
}

// ListDiff is the difference between two versions of a list.
type ListDiff struct {
	OldVersion string   `json:"old_version"`
	NewVersion string   `json:"new_version"`
	Added      []Change `json:"added"`
	Removed    []Change `json:"removed"`
	Changed    []Change `json:"changed"`
}

// Diff returns the entries added, removed and changed from old to new. An
// entry changes when its own text or notes differ (white space ignored).
func Diff(old, new *List) ListDiff {
	d := ListDiff{OldVersion: old.Version.ID, NewVersion: new.Version.ID,
		Added: []Change{}, Removed: []Change{}, Changed: []Change{}}
	for _, e := range new.Entries {
		o, ok := old.byCode[e.Code]
		if !ok {
			d.Added = append(d.Added, Change{Code: e.Code, Kind: "added", New: entryText(e)})
			continue
		}
		ot, nt := entryText(o), entryText(e)
		if ot != nt {
			d.Changed = append(d.Changed, Change{Code: e.Code, Kind: "changed", Old: ot, New: nt, TextDiff: WordDiff(ot, nt)})
		}
	}
	for _, e := range old.Entries {
		if _, ok := new.byCode[e.Code]; !ok {
			d.Removed = append(d.Removed, Change{Code: e.Code, Kind: "removed", Old: entryText(e)})
		}
	}
	return d
}

// Affects reports whether a product classified under code must be
// re-classified: its entry, an enclosing entry or a sub-item changed or was
// removed.
func (d ListDiff) Affects(code string) (Change, bool) {
	for _, set := range [][]Change{d.Changed, d.Removed} {
		for _, c := range set {
			if Covers(c.Code, code) || Covers(code, c.Code) {
				return c, true
			}
		}
	}
	return Change{}, false
}

// entryText is the comparable text of an entry: own text and notes.
func entryText(e *Entry) string {
	var b strings.Builder
	b.WriteString(clean(e.Text))
	for _, n := range e.Notes {
		b.WriteString(" " + n.Label + ": " + clean(n.Text))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// WordDiff marks the words removed from a ("[-…-]") and added in b ("{+…+}"),
// from their longest common subsequence of words.
func WordDiff(a, b string) string {
	x, y := strings.Fields(a), strings.Fields(b)
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	var del, ins []string
	flush := func() {
		if len(del) > 0 {
			out = append(out, "[-"+strings.Join(del, " ")+"-]")
			del = nil
		}
		if len(ins) > 0 {
			out = append(out, "{+"+strings.Join(ins, " ")+"+}")
			ins = nil
		}
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			flush()
			out = append(out, x[i])
			i++
			j++
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			ins = append(ins, y[j])
			j++
		default:
			del = append(del, x[i])
			i++
		}
	}
	flush()
	return strings.Join(out, " ")
}

// Codes returns the codes of a set of changes, sorted.
func Codes(cs []Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	sort.Strings(out)
	return out
}
