package controllist

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dualuse/dualuse/internal/apperr"
)

// Field weights of an entry's document: its own text counts most, then its
// sub-items, the technical notes that define its terms, the entries it
// refers to ("software for equipment specified in 5A004.b"), and the text of
// the entries around it.
const (
	weightOwn        = 3.0
	weightSubtree    = 1.4
	weightTechNote   = 0.8
	weightReference  = 0.6
	weightAncestor   = 0.8
	weightSynonym    = 0.6
	weightDefined    = 0.5
	weightDefinition = 0.5
	bm25K1           = 1.2
	bm25B            = 0.6
)

// drillRatio is how close a sub-item's score must come to its parent's for
// the search to show the sub-item instead.
// drillRatioDeep applies below the first sub-item level, where items are
// single conditions ("Indexing of extracted data") rather than products.
const (
	drillRatio     = 0.6
	drillRatioDeep = 0.85
)

// minScore drops entries that share only a common word with the query.
const minScore = 5.0

// DefaultLimit is the number of results Search returns when Query.Limit is 0.
const DefaultLimit = 10

var refRE = regexp.MustCompile(`\b([0-9][A-E][0-9]{3}(?:\.[a-z0-9]{1,3})*)\b`)

// Index is the search index over one list. It is immutable and safe for
// concurrent use; build a new one for a new list version and swap it in.
type Index struct {
	list     *List
	docs     []*Entry
	lengths  []float64
	avgLen   float64
	postings map[string][]posting
	bigrams  []map[[2]string]bool
	byCode   map[string]int
	defs     []defIndex
	syns     []synIndex
}

type posting struct {
	doc int
	tf  float64
}

type defIndex struct {
	term  string
	stems []string
	words map[string]bool
}

type synIndex struct {
	words     []string
	expansion []string
}

// NewIndex builds the search index of a list.
func NewIndex(l *List) *Index {
	ix := &Index{list: l, postings: map[string][]posting{}, byCode: map[string]int{}}
	for _, e := range l.Entries {
		if e.NotUsed {
			continue
		}
		tf := map[string]float64{}
		add := func(text string, w float64) {
			for _, s := range stems(text) {
				tf[s] += w
			}
		}
		add(e.Text, weightOwn)
		sub := l.subtreeText(e)
		add(strings.TrimPrefix(sub, e.Text), weightSubtree)
		for _, n := range e.Notes {
			if n.Kind == NoteTechnical {
				add(n.Text, weightTechNote)
			}
		}
		for _, ref := range refRE.FindAllString(e.Text, -1) {
			if r := l.byCode[NormalizeCode(ref)]; r != nil && !Covers(r.Code, e.Code) && !Covers(e.Code, r.Code) {
				add(l.subtreeText(r), weightReference/2)
				add(r.Text, weightReference/2)
			}
		}
		// The list's defined terms: an entry using "intrusion software"
		// also matches the words of its definition.
		folded := fold(sub)
		for _, d := range definedTerms {
			if strings.Contains(folded, d.term) {
				add(d.definition, weightDefinition)
			}
		}
		if ps, err := l.Parents(e.Code); err == nil {
			for _, p := range ps {
				add(p.Text, weightAncestor)
			}
		}
		doc := len(ix.docs)
		ix.byCode[e.Code] = doc
		length := 0.0
		for s, f := range tf {
			ix.postings[s] = append(ix.postings[s], posting{doc, f})
			length += f
		}
		ix.docs = append(ix.docs, e)
		ix.lengths = append(ix.lengths, length)
		bg := map[[2]string]bool{}
		ss := stems(sub)
		for i := 1; i < len(ss); i++ {
			bg[[2]string{ss[i-1], ss[i]}] = true
		}
		ix.bigrams = append(ix.bigrams, bg)
	}
	total := 0.0
	for _, n := range ix.lengths {
		total += n
	}
	if len(ix.docs) > 0 {
		ix.avgLen = total / float64(len(ix.docs))
	}
	for _, d := range definedTerms {
		di := defIndex{term: d.term, stems: stems(d.term), words: map[string]bool{}}
		for _, s := range stems(d.definition) {
			di.words[s] = true
		}
		ix.defs = append(ix.defs, di)
	}
	for _, s := range synonyms {
		ix.syns = append(ix.syns, synIndex{words: splitWords(fold(s.phrase)), expansion: stems(s.expansion)})
	}
	return ix
}

// List returns the list the index searches.
func (ix *Index) List() *List { return ix.list }

// Query is a classification search.
type Query struct {
	// Text is a product description, or an entry code such as "5A001.j".
	Text string
	// Limit caps the number of results; 0 means DefaultLimit.
	Limit int
}

// Span is a highlighted byte range [Start, End) of a snippet.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Result is one ranked entry.
type Result struct {
	Code    string  `json:"code"`
	Heading string  `json:"heading"`
	Score   float64 `json:"score"`
	// CyberSurveillance marks a listed cyber-surveillance item.
	CyberSurveillance bool   `json:"cyber_surveillance"`
	ListVersion       string `json:"list_version"`
	// Matched are the query words (or their synonyms and defined terms)
	// found in the entry.
	Matched []string `json:"matched"`
	// Why says in words why the entry matched.
	Why string `json:"why"`
	// Snippet is the entry text around the matches; Highlights marks the
	// matched words in it.
	Snippet    string `json:"snippet"`
	Highlights []Span `json:"highlights,omitempty"`
}

// Marked returns the snippet with each highlight wrapped in open and close,
// e.g. Marked("**", "**"). It does not escape the text.
func (r Result) Marked(open, close string) string {
	var b strings.Builder
	last := 0
	for _, h := range r.Highlights {
		b.WriteString(r.Snippet[last:h.Start])
		b.WriteString(open + r.Snippet[h.Start:h.End] + close)
		last = h.End
	}
	b.WriteString(r.Snippet[last:])
	return b.String()
}

// Response is the answer to a Query.
type Response struct {
	Query       string   `json:"query"`
	ListVersion string   `json:"list_version"`
	Results     []Result `json:"results"`
	// Unlisted names surveillance technologies in the query that Annex I
	// does not list (facial recognition, location tracking, …): the Art. 5
	// catch-all may apply to them even when no entry fits.
	Unlisted []string `json:"unlisted,omitempty"`
	// Notice explains Unlisted.
	Notice string `json:"notice,omitempty"`
}

// queryTerm is a stem searched for, with its weight and where it came from.
type queryTerm struct {
	stem   string
	weight float64
	source string // the query word, or "synonym of X" / "defined term X"
}

// Search ranks the list's entries for a product description. A query that is
// just a code returns that entry; an unknown code gives an apperr.NotFound
// error listing the closest valid codes. An empty query is apperr.Invalid.
func (ix *Index) Search(q Query) (resp Response, err error) {
	defer apperr.Wrap(&err, "controllist.Search(%q)", q.Text)
	text := strings.TrimSpace(q.Text)
	resp = Response{Query: text, ListVersion: ix.list.Version.ID, Results: []Result{}}
	if text == "" {
		return resp, apperr.Field(apperr.Invalid, "q", "describe the product or give an entry code")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	if IsCode(text) {
		e, err := ix.list.Entry(text)
		if err != nil {
			return resp, err
		}
		resp.Results = append(resp.Results, Result{Code: e.Code, Heading: e.Heading, Score: 1,
			CyberSurveillance: e.CyberSurveillance, ListVersion: ix.list.Version.ID,
			Matched: []string{e.Code}, Why: "the query is this entry's code", Snippet: e.Text})
		return resp, nil
	}

	words := splitWords(fold(text))
	terms := ix.expand(words)
	if len(terms) == 0 {
		return resp, apperr.Field(apperr.Invalid, "q", "the description has no searchable words")
	}
	resp.Unlisted = unlistedIn(words)
	if len(resp.Unlisted) > 0 {
		resp.Notice = "Annex I does not list " + strings.Join(resp.Unlisted, ", ") +
			"; an unlisted cyber-surveillance item may still need a licence under the Art. 5 catch-all of Regulation (EU) 2021/821 (see the Art. 2(20) assessment)"
	}

	scores := make([]float64, len(ix.docs))
	matched := make([]map[string]bool, len(ix.docs))
	n := float64(len(ix.docs))
	for _, t := range terms {
		ps := ix.postings[t.stem]
		if len(ps) == 0 {
			continue
		}
		idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			norm := bm25K1 * (1 - bm25B + bm25B*ix.lengths[p.doc]/ix.avgLen)
			scores[p.doc] += t.weight * idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
			if matched[p.doc] == nil {
				matched[p.doc] = map[string]bool{}
			}
			matched[p.doc][t.source] = true
		}
	}
	qstems := stems(text)
	hint := groupHint(qstems)
	for d := range scores {
		if scores[d] == 0 {
			continue
		}
		for i := 1; i < len(qstems); i++ {
			if ix.bigrams[d][[2]string{qstems[i-1], qstems[i]}] {
				scores[d] *= 1.08
			}
		}
		if f, ok := hint[ix.docs[d].Type]; ok {
			scores[d] *= f
		}
		// Coverage: entries matching more of the query's own words rank higher.
		own := 0
		for src := range matched[d] {
			if !strings.Contains(src, " of ") && !strings.HasPrefix(src, "defined term") {
				own++
			}
		}
		scores[d] *= 1 + 0.05*float64(own)
	}

	order := make([]int, 0, len(scores))
	for d, s := range scores {
		if s >= minScore {
			order = append(order, d)
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if scores[a] != scores[b] {
			return scores[a] > scores[b]
		}
		return ix.docs[a].Code < ix.docs[b].Code
	})
	var chosen []*Entry
	for _, d := range order {
		if len(resp.Results) == limit {
			break
		}
		rank := scores[d] // the score that ranked it, so results read best first
		d = ix.drillDown(d, scores)
		e := ix.docs[d]
		if related(chosen, e) {
			continue
		}
		chosen = append(chosen, e)
		resp.Results = append(resp.Results, ix.result(e, rank, matched[d], terms))
	}
	return resp, nil
}

// drillDown prefers the most specific entry: while the best-scoring direct
// sub-item of doc scores at least drillRatio of it, it takes its place.
func (ix *Index) drillDown(doc int, scores []float64) int {
	for {
		best, bestScore := -1, 0.0
		for _, c := range ix.docs[doc].Children {
			if i, ok := ix.byCode[c]; ok && scores[i] > bestScore {
				best, bestScore = i, scores[i]
			}
		}
		ratio := drillRatio
		if ix.docs[doc].Level >= 1 {
			ratio = drillRatioDeep
		}
		if best < 0 || bestScore < ratio*scores[doc] {
			return doc
		}
		doc = best
	}
}

// related reports whether e is an ancestor or descendant of a chosen entry,
// or in the same first-level sub-item: one result per branch keeps the top of
// the list diverse.
func related(chosen []*Entry, e *Entry) bool {
	for _, c := range chosen {
		if Covers(c.Code, e.Code) || Covers(e.Code, c.Code) || branch(c.Code) == branch(e.Code) {
			return true
		}
	}
	return false
}

// branch returns the code up to its first sub-item ("5A001.f.2" → "5A001.f").
func branch(code string) string {
	parts := strings.SplitN(code, ".", 3)
	if len(parts) < 2 {
		return code
	}
	return parts[0] + "." + parts[1]
}

// groupHint favours software (D) or technology (E) entries when the query
// says it describes software or technology, and systems otherwise.
func groupHint(qstems []string) map[string]float64 {
	has := map[string]bool{}
	for _, s := range qstems {
		has[s] = true
	}
	switch {
	case has["technologi"] || has["know"] && has["how"]:
		return map[string]float64{"E": 1.3, "D": 1.0, "A": 0.9}
	case has["softwar"] || has["app"]:
		return map[string]float64{"D": 1.25, "E": 0.85}
	}
	return map[string]float64{"D": 0.85, "E": 0.75}
}

// expand turns query words into weighted stems: the words themselves, the
// list wording of any synonym phrase in the query, and defined terms whose
// definition the query paraphrases.
func (ix *Index) expand(words []string) []queryTerm {
	seen := map[string]int{}
	var terms []queryTerm
	addTerm := func(s string, w float64, src string) {
		if i, ok := seen[s]; ok {
			if terms[i].weight < w {
				terms[i].weight, terms[i].source = w, src
			}
			return
		}
		seen[s] = len(terms)
		terms = append(terms, queryTerm{s, w, src})
	}
	for _, w := range words {
		if stopWords[w] {
			continue
		}
		addTerm(stem(w), 1, w)
	}
	for _, syn := range ix.syns {
		if !containsPhrase(words, syn.words) {
			continue
		}
		src := "synonym of " + strings.Join(syn.words, " ")
		for _, s := range syn.expansion {
			addTerm(s, weightSynonym, src)
		}
	}
	qs := map[string]bool{}
	for _, t := range terms {
		qs[t.stem] = true
	}
	for _, d := range ix.defs {
		overlap := 0
		for s := range qs {
			if d.words[s] {
				overlap++
			}
		}
		if overlap >= 3 {
			w := math.Min(weightDefined+0.1*float64(overlap-3), 1)
			for _, s := range d.stems {
				addTerm(s, w, "defined term "+d.term)
			}
		}
	}
	return terms
}

func containsPhrase(words, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(words); i++ {
		ok := true
		for j, p := range phrase {
			if words[i+j] != p && !(j == len(phrase)-1 && words[i+j] == p+"s") {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func unlistedIn(words []string) []string {
	var out []string
	for _, u := range unlistedTechnologies {
		for _, p := range u.phrases {
			if containsPhrase(words, splitWords(p)) {
				out = append(out, u.name)
				break
			}
		}
	}
	return out
}

// result builds the result for a matched entry.
func (ix *Index) result(e *Entry, score float64, matched map[string]bool, terms []queryTerm) Result {
	srcs := make([]string, 0, len(matched))
	for s := range matched {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	var direct, derived []string
	for _, s := range srcs {
		if strings.Contains(s, " of ") || strings.HasPrefix(s, "defined term") {
			derived = append(derived, s)
		} else {
			direct = append(direct, s)
		}
	}
	why := ""
	if len(direct) > 0 {
		why = "matched " + strings.Join(quoteAll(direct), ", ")
	}
	if len(derived) > 0 {
		if why != "" {
			why += "; "
		}
		why += "via " + strings.Join(derived, "; ")
	}
	if e.CyberSurveillance {
		why += "; listed cyber-surveillance item"
	}
	want := map[string]bool{}
	for _, t := range terms {
		if matched[t.source] {
			want[t.stem] = true
		}
	}
	text := ix.list.subtreeText(e)
	snippet, spans := highlight(text, want, 240)
	return Result{Code: e.Code, Heading: e.Heading, Score: math.Round(score*1000) / 1000,
		CyberSurveillance: e.CyberSurveillance, ListVersion: ix.list.Version.ID,
		Matched: srcs, Why: why, Snippet: snippet, Highlights: spans}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// wordRE finds words in original text for highlighting.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// highlight cuts a window of about max bytes around the first matching word
// of text and returns it with the spans of all words whose stem is wanted.
func highlight(text string, want map[string]bool, max int) (string, []Span) {
	text = strings.TrimSpace(text)
	locs := wordRE.FindAllStringIndex(text, -1)
	first := -1
	for _, l := range locs {
		if want[stem(fold(text[l[0]:l[1]]))] {
			first = l[0]
			break
		}
	}
	start := 0
	if first > max/3 {
		start = first - max/3
		for start < len(text) && text[start] != ' ' {
			start++
		}
		start++
	}
	end := len(text)
	if end-start > max {
		end = start + max
		for end > start && text[end-1] != ' ' {
			end--
		}
	}
	if start > end || start > len(text) {
		start, end = 0, min(len(text), max)
	}
	snippet := text[start:end]
	var spans []Span
	for _, l := range wordRE.FindAllStringIndex(snippet, -1) {
		if want[stem(fold(snippet[l[0]:l[1]]))] {
			spans = append(spans, Span{l[0], l[1]})
		}
	}
	return snippet, spans
}

// fold lower-cases s and strips accents.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// splitWords splits folded text into words of letters and digits.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// stems returns the stems of the text's words, stop words dropped.
func stems(text string) []string {
	ws := splitWords(fold(text))
	out := ws[:0]
	for _, w := range ws {
		if stopWords[w] || len(w) == 1 {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}
