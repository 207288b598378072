package screening_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/normalize"
)

// TestRanking is a deterministic proxy of the held-out ranking evaluation
// of the screening issue: "exact, misspelt, reordered, alias, legal-form,
// Arabic-script, Cyrillic-script and romanisation-variant queries against
// the OFAC and UN lists, and real people and companies that are on no list.
// It expects the listed entity first for at least 97% of the listed queries
// and within the first three for at least 95% of each script, while at most
// 1% of the unlisted ones score as high as those hits."
//
// The listed queries are built from the entities of the OFAC SDN list (the
// newest full set the fixture loads) and the UN list as loaded by the
// engine, sampled every k-th in list order; the Cyrillic ones also use the
// original-script names of the OFAC consolidated (enhanced XML) and
// OpenSanctions files. Each query is the name alone (no type, birth date or
// country) screened at the default threshold, and the expected entity is
// matched by source and source id among a hit's Sources (a party listed on
// several lists is one hit). The unlisted queries are US members of
// Congress (yente's fixture; their own PEP entries in the OpenSanctions
// us_congress file are not counted as hits) and hand-picked real people
// and companies that are on none of the loaded lists.
//
// Each rate is given strictly (the hit that lists the expected entity is
// first) and, for reading only, counting a hit that is another listing of
// the same party as a success (sameParty: the engine did not merge, say,
// the EU and SDN listings of one person, and tied hits are ordered by
// list). With -v the test also prints the rates by sub-kind, and the
// failures by cause, up to 15 per category (RANKING_ALL=1 prints all),
// and the unlisted queries that scored highest.
//
// The targets are asserted on the OFAC and UN lists alone, as the
// held-out evaluation is described; against every list the test reports
// the same rates and guards floors a little below what the engine reaches.
func TestRanking(t *testing.T) {
	eng := allEngine(t)
	byID := map[string]*screening.List{}
	for _, l := range allLists {
		byID[l.Version.Source] = l
	}
	qs := firstSample(t, byID)
	res := screenAll(t, eng, qs, 0, 10)
	var all rankStats
	cats, subs, scripts, rules := map[string]*rankStats{}, map[string]*rankStats{}, map[string]*rankStats{}, map[string]*rankStats{}
	var okScores []float64
	var failed []int
	for i, q := range qs {
		rank, party := rankOf(res[i], q.want), partyRank(eng, res[i], q.want)
		targets := []*rankStats{&all, stat(cats, q.cat), stat(subs, q.cat+" / "+q.sub), stat(scripts, q.script)}
		if q.detail != "" {
			for _, r := range strings.Split(q.detail, " + ") {
				targets = append(targets, stat(rules, r))
			}
		}
		for _, s := range targets {
			s.add(rank, party)
		}
		if rank == 1 {
			okScores = append(okScores, res[i][0].Score)
		} else {
			failed = append(failed, i)
		}
	}

	report(t, "listed queries: %v (issue target: top-1 >= 0.97)", &all)
	held, heldScripts := ofacUNRanking(t, qs)
	for _, c := range rankCategories {
		report(t, "  %-20s %v", c, cats[c])
		if testing.Verbose() {
			for _, k := range sortedKeys(subs) {
				if strings.HasPrefix(k, c+" / ") {
					t.Logf("      %-40s %v", strings.TrimPrefix(k, c+" / "), subs[k])
				}
			}
			if c == "romanisation-variant" {
				for _, k := range sortedKeys(rules) {
					t.Logf("      rule %-35s %v", k, rules[k])
				}
			}
		}
	}
	for _, s := range sortedKeys(scripts) {
		report(t, "  script %-13s %v (issue target: top-3 >= 0.95)", s, scripts[s])
	}

	// Failures, with the expected entity's own score and rank at a low
	// threshold, so that the cause shows: another listing of the same party
	// first, not found, below the threshold, tied or outranked.
	if testing.Verbose() && len(failed) > 0 {
		diag := make([]rankQuery, len(failed))
		for j, i := range failed {
			diag[j] = qs[i]
		}
		low := screenAll(t, eng, diag, 0.3, 100)
		shown := map[string]int{}
		causes := map[string]map[string]int{}
		for j, i := range failed {
			q := qs[i]
			cause, detail := failureCause(eng, q.query, res[i], low[j], q.want)
			if causes[q.cat] == nil {
				causes[q.cat] = map[string]int{}
			}
			causes[q.cat][cause]++
			limit := 15
			if cause == "other-listing" {
				limit = 3 // the same party on a list the engine did not merge
			}
			if shown[q.cat+cause] >= limit && !envSet("RANKING_ALL") || shown[q.cat] >= 15 && !envSet("RANKING_ALL") {
				continue
			}
			shown[q.cat+cause]++
			shown[q.cat]++
			rule := ""
			if q.detail != "" {
				rule = ": " + q.detail
			}
			t.Logf("  FAIL %-16s %-13s %q → want %s %q (%s%s); %s", q.cat, cause, q.query, q.want.Source, q.want.PrimaryName(), q.sub, rule, detail)
		}
		for _, c := range rankCategories {
			if len(causes[c]) > 0 {
				t.Logf("  causes %-20s %v", c, causes[c])
			}
		}
	}

	// Unlisted real people and companies.
	unl := unlistedQueries(t)
	ures := screenAll(t, eng, unl, 0.5, 10)
	sort.Float64s(okScores)
	p5, med := quantile(okScores, 0.05), quantile(okScores, 0.5)
	report(t, "correct top-1 hits: %d, score 5th percentile %.3f, median %.3f", len(okScores), p5, med)
	type unlStat struct{ n, atP5, atMed, atThr int }
	groups := map[string]*unlStat{}
	var total unlStat
	type fp struct {
		score float64
		line  string
	}
	var fps []fp
	for i, q := range unl {
		top, h := topUnlisted(ures[i])
		g := groups[q.sub]
		if g == nil {
			g = &unlStat{}
			groups[q.sub] = g
		}
		for _, s := range []*unlStat{g, &total} {
			s.n++
			if top >= p5 {
				s.atP5++
			}
			if top >= med {
				s.atMed++
			}
			if top >= screening.DefaultThreshold {
				s.atThr++
			}
		}
		if top >= screening.DefaultThreshold || top >= p5 {
			fps = append(fps, fp{top, fmt.Sprintf("%q (%s) → %s %q via %q %.3f", q.query, q.sub, h.Source, h.Name, h.Explanation.ListName, top)})
		}
	}
	for _, k := range sortedKeys(groups) {
		g := groups[k]
		report(t, "  unlisted %-26s n=%4d  >=p5 %.4f  >=median %.4f  >=threshold %.2f: %.4f", k, g.n, ratio(g.atP5, g.n), ratio(g.atMed, g.n), screening.DefaultThreshold, ratio(g.atThr, g.n))
	}
	uP5, uMed, uThr := ratio(total.atP5, total.n), ratio(total.atMed, total.n), ratio(total.atThr, total.n)
	report(t, "unlisted queries: %d; share scoring >= p5 of correct hits %.4f, >= median %.4f, >= threshold %.4f (issue target <= 0.01)", total.n, uP5, uMed, uThr)
	// The same on the OFAC and UN lists alone, as the held-out evaluation.
	var heldP5, heldThr int
	for _, hits := range screenAll(t, heldEngine(t), unl, 0.5, 10) {
		top, _ := topUnlisted(hits)
		heldP5 += b2i(top >= p5)
		heldThr += b2i(top >= screening.DefaultThreshold)
	}
	report(t, "unlisted queries on the OFAC and UN lists: share scoring >= p5 of correct hits %.4f, >= threshold %.4f", ratio(heldP5, len(unl)), ratio(heldThr, len(unl)))
	if r := ratio(heldThr, len(unl)); r > 0.01 {
		// The 1 %, read strictly: no unlisted name may score as high
		// as a hit is reported (0.0091 reached, 2026-11-26).
		t.Errorf("%.4f of the unlisted score at least the default threshold on the OFAC and UN lists, above 0.01", r)
	}
	if testing.Verbose() {
		slices.SortStableFunc(fps, func(a, b fp) int {
			if a.score != b.score {
				if a.score > b.score {
					return -1
				}
				return 1
			}
			return 0
		})
		for _, f := range fps[:min(len(fps), 30)] {
			t.Logf("  UNLISTED HIT %s", f.line)
		}
	}

	// The targets, on the OFAC and UN lists as the held-out
	// evaluation is described: top-1 for 97 % of the listed queries, top-3
	// for 95 % of each script, and at most 1 % of the unlisted scoring as
	// high as the correct hits (read here as their 5th percentile). The
	// queries are generated, deterministically, from the lists themselves.
	const targetTop1, targetTop3, targetUnlisted = 0.97, 0.95, 0.01
	if r := held.rate(1); r < targetTop1 {
		t.Errorf("OFAC and UN top-1 %.4f is below the issue's %.2f", r, targetTop1)
	}
	for _, s := range sortedKeys(heldScripts) {
		if r := heldScripts[s].rate(3); r < targetTop3 {
			t.Errorf("OFAC and UN script %s top-3 %.4f is below the issue's %.2f", s, r, targetTop3)
		}
	}
	if uP5 > targetUnlisted {
		t.Errorf("%.4f of the unlisted score as high as the 5th percentile of the correct hits, above the issue's %.2f", uP5, targetUnlisted)
	}

	// Against every list, where the same party is also listed by the EU,
	// the UK and the CSL, floors a little below what the engine reaches
	// (top-1 0.982 overall, exact 0.998, misspelt 0.980, legal form 0.988,
	// Arabic 0.975, 2026-11-26, fifth session), and a ceiling on
	// the unlisted scoring at least the default threshold (1.7 %: common names such as
	// "Jason Smith" meet "Jason Dean Smith").
	floors := map[string]float64{
		"exact": 0.99, "misspelt": 0.97, "reordered": 0.975, "alias": 0.97, "legal-form": 0.98,
		"arabic-script": 0.96, "cyrillic-script": 0.96, "romanisation-variant": 0.97,
	}
	for _, c := range rankCategories {
		if r := cats[c].rate(1); r < floors[c] {
			t.Errorf("%s top-1 %.4f fell below the %.2f reached", c, r, floors[c])
		}
	}
	if r := all.rate(1); r < 0.97 {
		t.Errorf("overall top-1 %.4f fell below the 0.97 reached", r)
	}
	if uThr > 0.02 {
		t.Errorf("%.4f of the unlisted score at least the default threshold, above the 0.02 reached", uThr)
	}
}

// TestRankingOutOfSample draws a second, larger proxy from the OFAC SDN
// and UN lists with other random choices than TestRanking's (whose
// failures the rules were written against): misspelt names, reordered
// persons' names, legal forms changed, SDN names written in Arabic script,
// Russian names written in Cyrillic and romanisation variants, about
// 11,000 queries, screened against the
// OFAC and UN lists alone. It reports top-1 per category and guards floors
// a little below what the engine reaches, so that a rule fitted to the
// first sample alone shows here.
func TestRankingOutOfSample(t *testing.T) {
	eng := heldEngine(t)
	byID := map[string]*screening.List{}
	for _, l := range allLists {
		byID[l.Version.Source] = l
	}
	qs := secondSample(byID)
	res := screenAll(t, eng, qs, 0, 10)
	cats := map[string]*rankStats{}
	var all rankStats
	for i, q := range qs {
		rank, party := rankOf(res[i], q.want), partyRank(eng, res[i], q.want)
		all.add(rank, party)
		stat(cats, q.cat).add(rank, party)
		if rank != 1 && envSet("RANKING_ALL") {
			t.Logf("  FAIL %-20s %-22s %q → want %s %q", q.cat, q.sub, q.query, q.want.Source, q.want.PrimaryName())
		}
	}
	report(t, "second sample, OFAC and UN lists only: %v", &all)
	// 2026-11-26, fifth session: misspelt 0.978, reordered 0.989, legal
	// form 0.988, Arabic script 0.931 (102 queries), Cyrillic script 0.992
	// (130), romanisation 0.991; 10,338 queries, top-1 0.983.
	floors := map[string]float64{"misspelt": 0.97, "reordered": 0.98, "legal-form": 0.98, "arabic-script": 0.9, "cyrillic-script": 0.97, "romanisation-variant": 0.985}
	for _, c := range sortedKeys(cats) {
		report(t, "  %-20s %v", c, cats[c])
		if r := cats[c].rate(1); r < floors[c] {
			t.Errorf("%s top-1 %.4f fell below the %.3f reached", c, r, floors[c])
		}
	}
}

var rankCategories = []string{"exact", "misspelt", "reordered", "alias", "legal-form", "arabic-script", "cyrillic-script", "romanisation-variant"}

// rankQuery is one query of the proxy: a name built from a listed entity
// (want), or for unlisted queries a real name on no list (want nil).
type rankQuery struct {
	cat, sub string
	query    string
	script   string
	want     *screening.Entity
	detail   string // for romanisation variants, the rules applied
}

// ofacUNRanking screens the listed queries against the OFAC and UN lists
// alone, as the held-out evaluation describes it, and reports top-1
// per category and top-3 per script. Queries whose listing is on another
// list are left out.
func ofacUNRanking(t *testing.T, qs []rankQuery) (*rankStats, map[string]*rankStats) {
	eng := heldEngine(t)
	var kept []rankQuery
	for _, q := range qs {
		if heldSource(q.want.Source) {
			kept = append(kept, q)
		}
	}
	res := screenAll(t, eng, kept, 0, 10)
	var all rankStats
	cats, scripts := map[string]*rankStats{}, map[string]*rankStats{}
	for i, q := range kept {
		rank, party := rankOf(res[i], q.want), partyRank(eng, res[i], q.want)
		for _, s := range []*rankStats{&all, stat(cats, q.cat), stat(scripts, q.script)} {
			s.add(rank, party)
		}
	}
	report(t, "OFAC and UN lists only: %v", &all)
	for _, c := range rankCategories {
		if cats[c] != nil {
			report(t, "  %-20s %v", c, cats[c])
		}
	}
	for _, k := range sortedKeys(scripts) {
		report(t, "  script %-12s %v", k, scripts[k])
	}
	return &all, scripts
}

// firstSample returns the listed queries of TestRanking, drawn from the
// OFAC SDN and UN lists in byID.
func firstSample(t *testing.T, byID map[string]*screening.List) []rankQuery {
	t.Helper()
	sdn, un := byID["us_ofac_sdn"], byID["un_sc"]
	if sdn == nil || un == nil {
		t.Fatal("the fixture has no OFAC SDN or UN list")
	}
	var qs []rankQuery
	qs = append(qs, exactQueries(sdn, un)...)
	qs = append(qs, misspeltQueries(sdn, un)...)
	qs = append(qs, reorderedQueries(sdn, un)...)
	qs = append(qs, aliasQueries(sdn, un)...)
	qs = append(qs, legalFormQueries(sdn, un)...)
	qs = append(qs, arabicQueries(sdn, un)...)
	qs = append(qs, cyrillicQueries(sdn, un, byID["us_ofac_cons_enhanced"], byID["opensanctions"])...)
	return append(qs, romanisationQueries(sdn, un)...)
}

// secondSample returns the listed queries of TestRankingOutOfSample: other
// entities of the same lists, with other random choices.
func secondSample(byID map[string]*screening.List) []rankQuery {
	var qs []rankQuery
	for _, l := range []*screening.List{byID["us_ofac_sdn"], byID["un_sc"]} {
		for i, e := range sample(l, 4000, 5, named) {
			add := func(cat, q, how string) {
				if q != "" {
					qs = append(qs, newQuery(cat, listName(l)+" "+how, q, e))
				}
			}
			if q, edits := misspell(e.PrimaryName(), rngFor(e, "misspelt, second sample")); edits > 0 {
				add("misspelt", q, fmt.Sprintf("%d edit(s)", edits))
			}
			if isPerson(e) && len(strings.Fields(e.PrimaryName())) >= 2 {
				q, how := reorder(e.PrimaryName(), i%3 == 2, rngFor(e, "reordered, second sample"))
				add("reordered", q, how)
			}
			if isOrg(e) {
				q, how := changeLegalForm(e.PrimaryName(), rngFor(e, "legal-form, second sample"))
				add("legal-form", q, how)
			}
			if a, ok := toArabic(e.PrimaryName()); ok && l.Version.Source == "us_ofac_sdn" {
				add("arabic-script", a, "written in Arabic")
			}
			if russian(e) {
				c, _ := toCyrillic(e.PrimaryName(), isPerson(e))
				add("cyrillic-script", c, "transliterated")
			}
			if isPerson(e) {
				rules, fam := russianRules, "Russian"
				switch {
				case slices.ContainsFunc(e.Countries, func(c string) bool { return arabCountries[c] }):
					rules, fam = arabicRules, "Arabic"
				case !slices.ContainsFunc(e.Countries, func(c string) bool { return slavCountries[c] }) || !slavicName(e.PrimaryName()):
					rules = nil
				}
				if rules != nil {
					if q, _, ok := romanise(e.PrimaryName(), rules, rngFor(e, "romanisation, second sample")); ok {
						add("romanisation-variant", q, fam)
					}
				}
			}
		}
	}
	return qs
}

func newQuery(cat, sub, q string, want *screening.Entity) rankQuery {
	sc := scriptOf(q)
	if sc == "" {
		sc = "Latin" // "G.L.G. S.A.": as many dots as letters
	}
	return rankQuery{cat: cat, sub: sub, query: q, script: sc, want: want}
}

// rankStats counts queries whose entity came first or in the first three,
// strictly (top1, top3) and counting another listing of the same party as
// the entity (party1, party3; see sameParty).
type rankStats struct{ n, top1, top3, party1, party3 int }

func (s *rankStats) add(rank, party int) {
	s.n++
	if rank == 1 {
		s.top1++
	}
	if rank >= 1 && rank <= 3 {
		s.top3++
	}
	if party == 1 {
		s.party1++
	}
	if party >= 1 && party <= 3 {
		s.party3++
	}
}

func (s *rankStats) rate(k int) float64 {
	if s == nil {
		return 0
	}
	if k == 1 {
		return ratio(s.top1, s.n)
	}
	return ratio(s.top3, s.n)
}

func (s *rankStats) String() string {
	if s == nil {
		return "n=0"
	}
	return fmt.Sprintf("n=%4d  top-1 %.4f  top-3 %.4f  (same party: top-1 %.4f top-3 %.4f)", s.n, s.rate(1), s.rate(3), ratio(s.party1, s.n), ratio(s.party3, s.n))
}

func stat(m map[string]*rankStats, k string) *rankStats {
	if m[k] == nil {
		m[k] = &rankStats{}
	}
	return m[k]
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func envSet(k string) bool {
	v := os.Getenv(k)
	return v != "" && v != "0"
}

func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(q*float64(len(sorted)-1))]
}

// screenAll screens the queries by name alone; threshold 0 is the default.
func screenAll(t *testing.T, eng *screening.Engine, qs []rankQuery, threshold float64, limit int) [][]screening.Hit {
	t.Helper()
	sq := make([]screening.Query, len(qs))
	for i, q := range qs {
		sq[i] = screening.Query{Name: q.query, Threshold: threshold, Limit: limit}
	}
	return screenQueries(t, eng, sq)
}

// isEntity reports whether hit h lists entity e.
func isEntity(h screening.Hit, e *screening.Entity) bool {
	return slices.ContainsFunc(h.Sources, func(s screening.SourceRef) bool { return s.Source == e.Source && s.SourceID == e.SourceID })
}

// rankOf returns the 1-based rank of e among hits, or 0.
func rankOf(hits []screening.Hit, e *screening.Entity) int {
	for i, h := range hits {
		if isEntity(h, e) {
			return i + 1
		}
	}
	return 0
}

// partyRank is the rank of the first hit that is e or, by sameParty,
// another listing of the same party.
func partyRank(eng *screening.Engine, hits []screening.Hit, e *screening.Entity) int {
	for i, h := range hits {
		if isEntity(h, e) || sameParty(eng, h.Entity, e) {
			return i + 1
		}
	}
	return 0
}

// sameParty guesses whether two listings are one party that the engine
// did not merge into one hit: they share an identifier, or they are on
// different lists, of compatible kinds, with no conflicting birth year,
// and have a name written with the same words or primary names that
// compare at 0.9 or more. It is a heuristic for reading the results only.
func sameParty(eng *screening.Engine, a, b *screening.Entity) bool {
	if a == nil || b == nil {
		return false
	}
	if a == b {
		return true
	}
	for _, x := range a.Identifiers {
		k := normalize.IdentifierKey(x.Value)
		if len(k) < 5 {
			continue
		}
		for _, y := range b.Identifiers {
			if normalize.IdentifierKey(y.Value) == k {
				return true
			}
		}
	}
	if a.Source == b.Source || a.Kind != b.Kind && a.Kind != screening.Unknown && b.Kind != screening.Unknown {
		return false
	}
	if len(a.BirthDates) > 0 && len(b.BirthDates) > 0 && !slices.ContainsFunc(a.BirthDates, func(d string) bool {
		return slices.ContainsFunc(b.BirthDates, func(e string) bool { return len(d) >= 4 && len(e) >= 4 && d[:4] == e[:4] })
	}) {
		return false
	}
	if eng.CompareNames(a.PrimaryName(), b.PrimaryName(), a.Kind) >= 0.9 {
		return true
	}
	keys := map[string]bool{}
	for _, n := range a.Names {
		keys[wordKey(n.Value)] = true
	}
	return slices.ContainsFunc(b.Names, func(n screening.Name) bool { return keys[wordKey(n.Value)] })
}

// failureCause classifies a listed query whose entity was not first.
func failureCause(eng *screening.Engine, q string, hits, low []screening.Hit, e *screening.Entity) (string, string) {
	var full []screening.Hit
	if rankOf(low, e) == 0 {
		full, _ = eng.Screen(context.Background(), screening.Query{Name: q, Threshold: 0.3, Limit: 20, Exhaustive: true})
	}
	first := "nothing"
	if len(hits) > 0 {
		first = fmt.Sprintf("first %s %q via %q %.3f", hits[0].Source, hits[0].Name, hits[0].Explanation.ListName, hits[0].Score)
	}
	r := rankOf(low, e)
	own := ""
	if r > 0 {
		own = fmt.Sprintf("own score %.3f via %q (rank %d); ", low[r-1].Score, low[r-1].Explanation.ListName, r)
	}
	switch {
	case len(hits) > 0 && sameParty(eng, hits[0].Entity, e):
		return "other-listing", own + first
	case r == 0 && len(full) > 0 && isEntity(full[0], e) && full[0].Score >= screening.DefaultThreshold:
		return "candidates", fmt.Sprintf("the index did not propose it: a scan of every name scores it %.3f via %q; %s", full[0].Score, full[0].Explanation.ListName, first)
	case r == 0:
		best := ""
		if k := rankOf(full, e); k > 0 {
			best = fmt.Sprintf(" (a scan of every name: %.3f via %q, rank %d)", full[k-1].Score, full[k-1].Explanation.ListName, k)
		}
		return "not-found", "not found at threshold 0.3" + best + "; " + first
	case low[r-1].Score < screening.DefaultThreshold:
		return "below-thr", own + first
	case len(hits) > 0 && low[r-1].Score == hits[0].Score:
		return "tie", own + first
	default:
		return "outranked", own + first
	}
}

// pepSources are lists of politically exposed persons, not sanctions: the
// unlisted members of Congress are on it under their own names.
var pepSources = map[string]bool{"senzing_os_us_congress": true}

// topUnlisted returns the best score among the hits that are not only PEP
// entries.
func topUnlisted(hits []screening.Hit) (float64, screening.Hit) {
	for _, h := range hits {
		if !slices.ContainsFunc(h.Sources, func(s screening.SourceRef) bool { return !pepSources[s.Source] }) {
			continue
		}
		return h.Score, h
	}
	return 0, screening.Hit{}
}

// ---- sampling ----

// rngFor returns a generator seeded by the entity and the category, so that
// each query is the same whatever else is sampled.
func rngFor(e *screening.Entity, cat string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(cat + "\x00" + e.Source + "\x00" + e.SourceID))
	return rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
}

// sample returns about n entities of l that keep accepts, every k-th in
// list order starting at offset (offset < k).
func sample(l *screening.List, n, offset int, keep func(*screening.Entity) bool) []*screening.Entity {
	var ok []*screening.Entity
	for _, e := range l.Entities {
		if keep(e) {
			ok = append(ok, e)
		}
	}
	k := max(1, len(ok)/max(n, 1))
	var out []*screening.Entity
	for i := offset % k; i < len(ok) && len(out) < n; i += k {
		out = append(out, ok[i])
	}
	return out
}

func listName(l *screening.List) string {
	if l.Version.Source == "us_ofac_sdn" {
		return "sdn"
	}
	return strings.TrimPrefix(l.Version.Source, "us_")
}

func named(e *screening.Entity) bool {
	return e.Kind != screening.Aircraft && strings.IndexFunc(e.PrimaryName(), unicode.IsLetter) >= 0
}

func isPerson(e *screening.Entity) bool { return e.Kind == screening.Person }
func isOrg(e *screening.Entity) bool    { return e.Kind == screening.Organisation }

// ---- exact, misspelt, reordered, alias ----

func exactQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	for _, l := range []*screening.List{sdn, un} {
		n := map[bool]int{true: 300, false: 150}[l == sdn]
		for _, e := range sample(l, n, 0, named) {
			out = append(out, newQuery("exact", listName(l)+" "+string(e.Kind), e.PrimaryName(), e))
		}
	}
	return out
}

func misspeltQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	for _, l := range []*screening.List{sdn, un} {
		n := map[bool]int{true: 300, false: 150}[l == sdn]
		for _, e := range sample(l, n, 1, named) {
			q, edits := misspell(e.PrimaryName(), rngFor(e, "misspelt"))
			if edits == 0 {
				continue
			}
			out = append(out, newQuery("misspelt", fmt.Sprintf("%s %d edit(s)", listName(l), edits), q, e))
		}
	}
	return out
}

// qwerty lists the neighbouring keys of each letter.
var qwerty = map[byte]string{
	'q': "wa", 'w': "qes", 'e': "wrd", 'r': "etf", 't': "ryg", 'y': "tuh", 'u': "yij", 'i': "uok", 'o': "ipl", 'p': "ol",
	'a': "qsz", 's': "awdzx", 'd': "sefxc", 'f': "drgcv", 'g': "fthvb", 'h': "gyjbn", 'j': "hukmn", 'k': "jilm", 'l': "kop",
	'z': "asx", 'x': "zsdc", 'c': "xdfv", 'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

// misspell makes one edit, or two in different words for half of the
// names of 12 letters or more, each at a letter that is not the first of
// its word, in words of 4 letters or more: a neighbouring key, a dropped
// letter, a doubled letter or two letters swapped.
func misspell(name string, r *rand.Rand) (string, int) {
	b := []byte(name)
	if !isASCIIString(name) {
		return name, 0
	}
	var words [][]int // eligible positions by word
	letters := 0
	for i := 0; i < len(b); {
		if !isASCIILetter(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isASCIILetter(b[j]) {
			j++
		}
		letters += j - i
		if j-i >= 4 {
			var pos []int
			for p := i + 1; p < j; p++ {
				pos = append(pos, p)
			}
			words = append(words, pos)
		}
		i = j
	}
	if len(words) == 0 {
		return name, 0
	}
	want := 1
	if letters >= 12 && len(words) >= 2 && r.IntN(2) == 1 {
		want = 2
	}
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	var picked []int
	for _, w := range words[:want] {
		picked = append(picked, w[r.IntN(len(w))])
	}
	// Edit from the right so that earlier positions stay valid.
	sort.Sort(sort.Reverse(sort.IntSlice(picked)))
	for _, p := range picked {
		c := b[p]
		lowerC := c | 0x20
		upper := c != lowerC
		switch op := r.IntN(4); {
		case op == 0 && qwerty[lowerC] != "":
			nb := qwerty[lowerC]
			n := nb[r.IntN(len(nb))]
			if upper {
				n &^= 0x20
			}
			b[p] = n
		case op == 1 || op == 0:
			b = append(b[:p], b[p+1:]...)
		case op == 2:
			b = append(b[:p+1], b[p:]...)
		default:
			if p+1 < len(b) && isASCIILetter(b[p+1]) && b[p+1]|0x20 != lowerC {
				b[p], b[p+1] = b[p+1], b[p]
			} else {
				b[p-1], b[p] = b[p], b[p-1]
			}
		}
	}
	return string(b), len(picked)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func reorderedQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	for _, l := range []*screening.List{sdn, un} {
		n := map[bool]int{true: 300, false: 150}[l == sdn]
		keep := func(e *screening.Entity) bool { return isPerson(e) && len(strings.Fields(e.PrimaryName())) >= 2 }
		for i, e := range sample(l, n, 2, keep) {
			q, how := reorder(e.PrimaryName(), i%3 == 2, rngFor(e, "reordered"))
			if q == "" {
				continue
			}
			out = append(out, newQuery("reordered", listName(l)+" "+how, q, e))
		}
	}
	return out
}

// nameParticles are words that stay with the word after them when a
// name is reordered ("Abd al-Rahman", "bin Laden", "de la Cruz").
var nameParticles = map[string]bool{"abd": true, "abdul": true, "abdel": true, "abu": true, "bin": true, "ben": true, "ibn": true,
	"bint": true, "al": true, "el": true, "ould": true, "de": true, "del": true, "la": true, "van": true, "von": true, "da": true,
	"dos": true, "das": true, "di": true, "le": true, "mac": true, "st": true}

// reorder writes "SURNAME, Given Middle" as "Given Middle SURNAME" and a
// name in natural order surname first; with shuffle, the words (a particle
// kept with the word after it) are permuted at random instead.
func reorder(name string, shuffle bool, r *rand.Rand) (string, string) {
	words := strings.Fields(strings.ReplaceAll(name, ",", " "))
	var units []string
	for i := 0; i < len(words); i++ {
		u := words[i]
		for nameParticles[strings.ToLower(strings.Trim(words[i], "'"))] && i+1 < len(words) {
			i++
			u += " " + words[i]
		}
		units = append(units, u)
	}
	if shuffle && len(units) >= 3 {
		p := slices.Clone(units)
		for range 10 {
			r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
			if !slices.Equal(p, units) {
				return strings.Join(p, " "), "shuffled"
			}
		}
	}
	if sur, given, ok := strings.Cut(name, ","); ok && strings.TrimSpace(given) != "" {
		return strings.TrimSpace(given) + " " + strings.TrimSpace(sur), "given first"
	}
	if len(units) < 2 {
		return "", ""
	}
	return units[len(units)-1] + " " + strings.Join(units[:len(units)-1], " "), "surname first"
}

func aliasQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	aliases := func(e *screening.Entity) []string {
		var as []string
		p := strings.ToLower(e.PrimaryName())
		for _, n := range e.Names {
			// A few UN aliases are several names joined by ";" as loaded.
			if n.Type == screening.NameAlias && !n.Derived && n.Script == "Latin" && strings.ToLower(n.Value) != p && !strings.Contains(n.Value, ";") {
				as = append(as, n.Value)
			}
		}
		return as
	}
	for _, l := range []*screening.List{sdn, un} {
		n := map[bool]int{true: 300, false: 150}[l == sdn]
		keep := func(e *screening.Entity) bool { return named(e) && len(aliases(e)) > 0 }
		for _, e := range sample(l, n, 3, keep) {
			as := aliases(e)
			out = append(out, newQuery("alias", listName(l)+" "+string(e.Kind), as[rngFor(e, "alias").IntN(len(as))], e))
		}
	}
	return out
}

// ---- legal forms ----

// legalForm is a legal form as written in the lists (upper case, no
// punctuation) and the other ways of writing it.
type legalForm struct {
	form string
	alts []string
}

var legalFormTable = []legalForm{
	{"LIMITED LIABILITY COMPANY", []string{"LLC", "OOO", "L.L.C."}},
	{"OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", []string{"OOO", "LLC"}},
	{"PUBLIC JOINT STOCK COMPANY", []string{"PJSC", "PAO"}},
	{"OPEN JOINT STOCK COMPANY", []string{"OJSC", "OAO"}},
	{"CLOSED JOINT STOCK COMPANY", []string{"CJSC", "ZAO"}},
	{"JOINT STOCK COMPANY", []string{"JSC", "AO"}},
	{"PRIVATE LIMITED COMPANY", []string{"Pvt. Ltd.", "Private Ltd"}},
	{"COMPANY LIMITED", []string{"Co., Ltd.", "Co Ltd"}},
	{"CO LTD", []string{"Company Limited", "Co., Limited"}},
	{"PTE LTD", []string{"Private Limited", "Pte. Limited"}},
	{"PVT LTD", []string{"Private Limited"}},
	{"SDN BHD", []string{"Sendirian Berhad"}},
	{"S DE RL DE CV", []string{"S. de R.L. de C.V.", "SRL de CV"}},
	{"SA DE CV", []string{"S.A. de C.V.", "Sociedad Anonima de Capital Variable"}},
	{"S A DE C V", []string{"SA de CV", "Sociedad Anonima de Capital Variable"}},
	{"LIMITED", []string{"Ltd", "Ltd."}},
	{"LTD", []string{"Limited"}},
	{"LLC", []string{"Limited Liability Company", "L.L.C.", "OOO"}},
	{"L L C", []string{"LLC", "Limited Liability Company"}},
	{"OOO", []string{"LLC", "ООО", "Limited Liability Company"}},
	{"TOV", []string{"LLC", "ТОВ"}},
	{"PJSC", []string{"Public Joint Stock Company", "PAO"}},
	{"OJSC", []string{"Open Joint Stock Company", "OAO"}},
	{"CJSC", []string{"Closed Joint Stock Company", "ZAO"}},
	{"JSC", []string{"Joint Stock Company", "AO"}},
	{"PAO", []string{"PJSC", "Public Joint Stock Company"}},
	{"OAO", []string{"OJSC", "Open Joint Stock Company"}},
	{"ZAO", []string{"CJSC", "Closed Joint Stock Company"}},
	{"AO", []string{"JSC", "Joint Stock Company"}},
	{"INCORPORATED", []string{"Inc", "Inc."}},
	{"INC", []string{"Incorporated"}},
	{"CORPORATION", []string{"Corp", "Corp."}},
	{"CORP", []string{"Corporation"}},
	{"COMPANY", []string{"Co", "Co."}},
	{"CO", []string{"Company"}},
	{"GMBH", []string{"Gesellschaft mit beschrankter Haftung", "mbH"}},
	{"AG", []string{"Aktiengesellschaft"}},
	{"PLC", []string{"Public Limited Company", "P.L.C."}},
	{"SRL", []string{"S.R.L.", "Sociedad de Responsabilidad Limitada"}},
	{"S R L", []string{"SRL", "Sociedad de Responsabilidad Limitada"}},
	{"SARL", []string{"S.A.R.L.", "Societe a Responsabilite Limitee"}},
	{"SA", []string{"S.A.", "Sociedad Anonima"}},
	{"S A", []string{"SA", "Sociedad Anonima"}},
	{"CA", []string{"C.A.", "Compania Anonima"}},
	{"C A", []string{"CA", "Compania Anonima"}},
	{"LTDA", []string{"Limitada"}},
	{"FZE", []string{"Free Zone Establishment", "FZ LLC"}},
	{"FZCO", []string{"Free Zone Company", "FZE"}},
	{"FZC", []string{"FZCO", "Free Zone Company"}},
	{"LLP", []string{"Limited Liability Partnership"}},
	{"BV", []string{"B.V.", "Besloten Vennootschap"}},
}

// cisForms are the legal forms written before or after the name.
var cisForms = map[string]bool{"LIMITED LIABILITY COMPANY": true, "PUBLIC JOINT STOCK COMPANY": true, "OPEN JOINT STOCK COMPANY": true,
	"CLOSED JOINT STOCK COMPANY": true, "JOINT STOCK COMPANY": true, "LLC": true, "OOO": true, "TOV": true, "PJSC": true, "OJSC": true,
	"CJSC": true, "JSC": true, "PAO": true, "OAO": true, "ZAO": true, "AO": true}

// addedForms are put after an organisation name that has no legal form.
var addedForms = []string{"LLC", "Ltd", "GmbH", "Co., Ltd.", "Inc.", "JSC", "S.A."}

var punctRe = regexp.MustCompile(`[.,()'"“”«»]`)

// formWords splits a name into upper-case words without punctuation.
func formWords(s string) []string {
	return strings.Fields(strings.ToUpper(punctRe.ReplaceAllString(s, " ")))
}

func legalFormQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	for _, l := range []*screening.List{sdn, un} {
		n := map[bool]int{true: 350, false: 120}[l == sdn]
		for _, e := range sample(l, n, 4, func(e *screening.Entity) bool { return isOrg(e) && named(e) }) {
			q, how := changeLegalForm(e.PrimaryName(), rngFor(e, "legal-form"))
			if q == "" {
				continue
			}
			out = append(out, newQuery("legal-form", listName(l)+" "+how, q, e))
		}
	}
	return out
}

// changeLegalForm finds a legal form at the start or end of name and
// writes it another way, drops it or (a CIS form) writes it another way at
// the other end; a name without one gets one.
func changeLegalForm(name string, r *rand.Rand) (string, string) {
	w := formWords(name)
	if len(w) == 0 {
		return "", ""
	}
	for _, f := range legalFormTable {
		fw := strings.Fields(f.form)
		if len(fw) >= len(w) {
			continue
		}
		var rest []string
		atEnd := false
		switch {
		case slices.Equal(w[len(w)-len(fw):], fw):
			rest, atEnd = w[:len(w)-len(fw)], true
		case slices.Equal(w[:len(fw)], fw):
			rest = w[len(fw):]
		default:
			continue
		}
		body := strings.Join(rest, " ")
		ops := 2
		if cisForms[f.form] {
			ops = 3 // only these are written before or after the name
		}
		switch op := r.IntN(ops); op {
		case 0:
			alt := f.alts[r.IntN(len(f.alts))]
			if atEnd {
				return body + " " + alt, "swapped"
			}
			return alt + " " + body, "swapped"
		case 1:
			return body, "dropped"
		default:
			alt := f.alts[r.IntN(len(f.alts))]
			if atEnd {
				return alt + " " + body, "moved and swapped"
			}
			return body + " " + alt, "moved and swapped"
		}
	}
	if normalize.IsLegalForm(strings.ToLower(w[len(w)-1])) || !slices.ContainsFunc(w, func(x string) bool {
		return slices.ContainsFunc(businessWords, func(b string) bool { return strings.HasPrefix(x, b) })
	}) {
		return "", "" // a form this table lacks, or no business (a group, a ministry ...)
	}
	return strings.Join(w, " ") + " " + addedForms[r.IntN(len(addedForms))], "added"
}

// businessWords start words of the names of businesses, to which a legal
// form may be added.
var businessWords = strings.Fields(`COMPAN TRADING INDUSTR BANK GROUP ENTERPRISE SHIPPING INVEST SERVICE HOLDING INTERNATIONAL CORPORA
	EXCHANGE IMPORT EXPORT CONSTRUCT ENGINEER TECHNOLOG ELECTRONIC MANAGEMENT MARINE AVIATION AIRLINE PETRO OIL GAS CHEMICAL
	COMMERCIAL TRANSPORT LOGISTIC DEVELOPMENT MINING METAL STEEL PHARMA MEDICAL TRAVEL TOURS HOTEL INMOBILIARIA COMERCIAL
	DISTRIBUIDORA CONSTRUCTORA INVERSIONES SERVICIOS GRUPO EMPRESA AGRICOLA GANADERIA FARMACIA LABORATORIO TRADE SUPPLY
	EQUIPMENT MACHINE MOTOR AUTO SHIP TANKER NAVIGATION CARGO FREIGHT EXPRESS SYSTEMS SOLUTIONS FINANCE CAPITAL`)

// ---- Arabic script ----

func arabicQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	for _, e := range un.Entities {
		for _, n := range e.Names {
			if n.Type != screening.NameOriginal || n.Script != "Arabic" {
				continue
			}
			out = append(out, newQuery("arabic-script", "un original script", n.Value, e))
			if v := arabicSpelling(n.Value); v != n.Value {
				out = append(out, newQuery("arabic-script", "un original, spelling normalised", v, e))
			}
			break
		}
	}
	keep := func(e *screening.Entity) bool { _, ok := toArabic(e.PrimaryName()); return named(e) && ok }
	for _, e := range sample(sdn, 250, 0, keep) {
		a, _ := toArabic(e.PrimaryName())
		out = append(out, newQuery("arabic-script", "sdn written in Arabic", a, e))
	}
	keep = func(e *screening.Entity) bool {
		if !named(e) || slices.ContainsFunc(e.Names, func(n screening.Name) bool { return n.Script == "Arabic" }) {
			return false
		}
		_, ok := toArabic(e.PrimaryName())
		return ok
	}
	for _, e := range sample(un, 100, 0, keep) {
		a, _ := toArabic(e.PrimaryName())
		out = append(out, newQuery("arabic-script", "un (no Arabic listed) written in Arabic", a, e))
	}
	return out
}

// arabicSpelling writes an Arabic name as it is often typed: hamzated alifs
// as bare alif, final ta marbuta as ha, alif maqsura as ya, and "عبد" joined
// to or split from the article that follows.
func arabicSpelling(s string) string {
	s = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا").Replace(s)
	words := strings.Fields(s)
	for i, w := range words {
		w = strings.TrimSuffix(w, "ة") + map[bool]string{true: "ه", false: ""}[strings.HasSuffix(w, "ة")]
		if strings.HasSuffix(w, "ى") {
			w = strings.TrimSuffix(w, "ى") + "ي"
		}
		words[i] = w
	}
	s = strings.Join(words, " ")
	switch {
	case strings.Contains(s, "عبد ال"):
		s = strings.ReplaceAll(s, "عبد ال", "عبدال")
	case strings.Contains(s, "عبدال"):
		s = strings.ReplaceAll(s, "عبدال", "عبد ال")
	}
	return s
}

// arabicNames spells frequent name words of the lists in Arabic script.
var arabicNames = map[string]string{
	"muhammad": "محمد", "mohammed": "محمد", "mohamed": "محمد", "mohammad": "محمد", "mohamad": "محمد", "muhammed": "محمد",
	"ahmad": "أحمد", "ahmed": "أحمد", "ali": "علي", "ibrahim": "إبراهيم", "ebrahim": "إبراهيم",
	"hasan": "حسن", "hassan": "حسن", "husayn": "حسين", "hussein": "حسين", "husain": "حسين", "hussain": "حسين", "husein": "حسين",
	"mustafa": "مصطفى", "mostafa": "مصطفى", "mustapha": "مصطفى", "moustafa": "مصطفى",
	"khalid": "خالد", "khaled": "خالد", "yusuf": "يوسف", "yousef": "يوسف", "youssef": "يوسف", "yousif": "يوسف", "yusif": "يوسف",
	"hamid": "حامد", "hamed": "حامد", "salih": "صالح", "saleh": "صالح", "said": "سعيد", "saeed": "سعيد",
	"rashid": "راشد", "khalil": "خليل", "amin": "أمين", "mahmud": "محمود", "mahmoud": "محمود", "mahmood": "محمود",
	"hafiz": "حافظ", "hafez": "حافظ", "salim": "سليم", "salem": "سالم", "yahya": "يحيى", "habib": "حبيب",
	"ismail": "إسماعيل", "salam": "سلام", "sultan": "سلطان", "karim": "كريم", "majid": "ماجد", "majed": "ماجد",
	"muhsin": "محسن", "mohsen": "محسن", "aziz": "عزيز", "amir": "أمير", "jamal": "جمال", "gamal": "جمال",
	"rahim": "رحيم", "nasir": "ناصر", "nasser": "ناصر", "naser": "ناصر", "latif": "لطيف", "fuad": "فؤاد",
	"malik": "مالك", "turki": "تركي", "faysal": "فيصل", "faisal": "فيصل", "sad": "سعد", "saad": "سعد",
	"hadi": "هادي", "fawaz": "فواز", "sulayman": "سليمان", "sulaiman": "سليمان", "suleiman": "سليمان",
	"musa": "موسى", "saddam": "صدام", "talib": "طالب", "darwish": "درويش", "salman": "سلمان", "hakim": "حكيم",
	"salah": "صلاح", "samir": "سمير", "husam": "حسام", "hossam": "حسام", "ayman": "أيمن", "taha": "طه",
	"imad": "عماد", "emad": "عماد", "hamza": "حمزة", "hamzah": "حمزة", "bilal": "بلال", "iyad": "إياد",
	"mahdi": "مهدي", "nabil": "نبيل", "akram": "أكرم", "khalifa": "خليفة", "adnan": "عدنان",
	"qasim": "قاسم", "qassim": "قاسم", "qassem": "قاسم", "hamad": "حمد", "mansur": "منصور", "mansour": "منصور",
	"adel": "عادل", "adil": "عادل", "kamal": "كمال", "kamil": "كامل", "kamel": "كامل", "anwar": "أنور",
	"hikmat": "حكمت", "ammar": "عمار", "jalal": "جلال", "fahd": "فهد", "fahad": "فهد", "ramadan": "رمضان",
	"anas": "أنس", "firas": "فراس", "ashraf": "أشرف", "abbas": "عباس", "badr": "بدر", "walid": "وليد",
	"zaki": "زكي", "ghassan": "غسان", "mubarak": "مبارك", "fadi": "فادي", "hashim": "هاشم", "hashem": "هاشم",
	"marwan": "مروان", "yunis": "يونس", "younis": "يونس", "yunus": "يونس", "nur": "نور", "noor": "نور",
	"umar": "عمر", "omar": "عمر", "uthman": "عثمان", "othman": "عثمان", "isa": "عيسى", "issa": "عيسى",
	"maher": "ماهر", "mahir": "ماهر", "basil": "باسل", "nadir": "نادر", "nasr": "نصر", "hani": "هاني",
	"samer": "سامر", "saif": "سيف", "sayf": "سيف", "hisham": "هشام", "bashir": "بشير", "bashar": "بشار",
	"sami": "سامي", "jawad": "جواد", "abid": "عابد", "tahir": "طاهر", "taher": "طاهر", "ziyad": "زياد",
	"ziad": "زياد", "jihad": "جهاد", "usama": "أسامة", "osama": "أسامة", "usamah": "أسامة", "faraj": "فرج",
	"khalaf": "خلف", "yasin": "ياسين", "yassin": "ياسين", "nayif": "نايف", "nayef": "نايف", "hamdan": "حمدان",
	"jasim": "جاسم", "jassim": "جاسم", "zakariya": "زكريا", "haytham": "هيثم", "haitham": "هيثم",
	"barzan": "برزان", "sabawi": "سبعاوي", "watban": "وطبان", "qusay": "قصي", "uday": "عدي", "izzat": "عزت",
	"tariq": "طارق", "tareq": "طارق", "rami": "رامي", "riyad": "رياض", "fadil": "فاضل", "fadel": "فاضل",
	"fathi": "فتحي", "mazen": "مازن", "mazin": "مازن", "munir": "منير", "nizar": "نزار", "safwan": "صفوان",
	"shawkat": "شوكت", "sharif": "شريف", "suhayl": "سهيل", "suhail": "سهيل", "yasir": "ياسر", "yasser": "ياسر",
	"zuhayr": "زهير", "zuhair": "زهير", "zayd": "زيد", "zaid": "زيد", "bakr": "بكر", "allah": "الله",
	"din": "دين", "abu": "أبو", "bin": "بن", "ben": "بن", "ibn": "بن", "bint": "بنت", "ould": "ولد",
	"abdullah": "عبد الله", "abdallah": "عبد الله", "abdalla": "عبد الله", "abdulaziz": "عبد العزيز",
	"abdulrahman": "عبد الرحمن", "abdelrahman": "عبد الرحمن", "abdelkader": "عبد القادر", "abdulkarim": "عبد الكريم",
	"nasrallah": "نصر الله", "tikriti": "تكريتي", "rawi": "راوي", "masri": "مصري", "shami": "شامي", "iraqi": "عراقي",
	"libi": "ليبي", "yemeni": "يمني", "baghdadi": "بغدادي", "zawahiri": "ظواهري", "qadhafi": "قذافي", "qaddafi": "قذافي",
	"duri": "دوري", "douri": "دوري", "jaburi": "جبوري", "dulaymi": "دليمي", "dulaimi": "دليمي", "ubaydi": "عبيدي",
	"ubaidi": "عبيدي", "azzawi": "عزاوي", "azawi": "عزاوي", "zubaydi": "زبيدي", "zubaidi": "زبيدي", "hashimi": "هاشمي",
	"janabi": "جنابي", "kubaysi": "كبيسي", "kubaisi": "كبيسي", "shammari": "شمري", "tamimi": "تميمي", "qahtani": "قحطاني",
	"ghamdi": "غامدي", "harbi": "حربي", "utaybi": "عتيبي", "otaibi": "عتيبي", "mutairi": "مطيري", "shehri": "شهري",
	"zahrani": "زهراني", "ansari": "أنصاري", "haqqani": "حقاني", "assad": "أسد", "asad": "أسد", "makhluf": "مخلوف",
	"makhlouf": "مخلوف", "hamsho": "حمشو", "khatib": "خطيب", "najjar": "نجار", "haddad": "حداد", "saadi": "سعدي",
	"sudani": "سوداني", "sabbagh": "صباغ", "kurdi": "كردي", "awlaki": "عولقي", "huthi": "حوثي", "houthi": "حوثي",
	"amiri": "عامري", "fayyad": "فياض", "kuwaiti": "كويتي", "hamdani": "همداني", "qadi": "قاضي", "akhras": "أخرس",
	"katrangi": "قاطرجي", "ahmar": "أحمر", "hajj": "حاج", "shaykh": "شيخ", "sheikh": "شيخ",
}

// abdNames spells the word after "Abd" (one of the names of God, with
// the article).
var abdNames = map[string]string{
	"rahman": "الرحمن", "rahim": "الرحيم", "aziz": "العزيز", "karim": "الكريم", "hamid": "الحميد", "majid": "المجيد",
	"latif": "اللطيف", "qadir": "القادر", "kader": "القادر", "qader": "القادر", "kadir": "القادر", "salam": "السلام",
	"ghafur": "الغفور", "ghafour": "الغفور", "sattar": "الستار", "samad": "الصمد", "jalil": "الجليل", "razzaq": "الرزاق",
	"razaq": "الرزاق", "wahab": "الوهاب", "wahhab": "الوهاب", "hadi": "الهادي", "hakim": "الحكيم", "nasir": "الناصر",
	"nasser": "الناصر", "malik": "الملك", "malek": "الملك", "ilah": "الإله", "allah": "الله", "halim": "الحليم",
	"rashid": "الرشيد", "basit": "الباسط", "fattah": "الفتاح", "jabbar": "الجبار", "wahid": "الواحد", "hafiz": "الحافظ",
	"munim": "المنعم", "monem": "المنعم", "rauf": "الرؤوف", "muttalib": "المطلب", "baqi": "الباقي", "qawi": "القوي",
	"wadud": "الودود", "ghani": "الغني", "jawad": "الجواد", "muhsin": "المحسن", "nur": "النور", "khaliq": "الخالق",
}

var arabicArticle = map[string]bool{"al": true, "el": true, "ad": true, "ar": true, "as": true, "ash": true, "at": true, "az": true, "an": true, "adh": true, "ath": true}

// toArabic writes a Latin name of the lists in Arabic script, given names
// first ("AL-TIKRITI, Barzan Ibrahim" → "برزان إبراهيم التكريتي"), when
// every word is one it knows.
func toArabic(name string) (string, bool) {
	if sur, given, ok := strings.Cut(name, ","); ok {
		name = given + " " + sur
	}
	name = strings.NewReplacer("'", "", "’", "", "‘", "", "`", "").Replace(strings.ToLower(name))
	var parts []string
	article := false
	for _, w := range strings.Fields(name) {
		sub := strings.Split(w, "-")
		for i, p := range sub {
			if p == "" {
				continue
			}
			if (p == "al" || p == "el") || (arabicArticle[p] && i+1 < len(sub)) {
				article = true
				continue
			}
			parts = append(parts, map[bool]string{true: "al ", false: ""}[article]+p)
			article = false
		}
	}
	if article || len(parts) < 2 {
		return "", false
	}
	var out []string
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		art := strings.HasPrefix(p, "al ")
		p = strings.TrimPrefix(p, "al ")
		if p == "abd" || p == "abdul" || p == "abdel" || p == "abdal" || p == "abdol" {
			if i+1 == len(parts) {
				return "", false
			}
			tail, ok := abdNames[strings.TrimPrefix(parts[i+1], "al ")]
			if !ok {
				return "", false
			}
			out = append(out, "عبد "+tail)
			i++
			continue
		}
		a, ok := arabicNames[p]
		if !ok {
			return "", false
		}
		if art && !strings.HasPrefix(a, "ال") {
			a = "ال" + a
		}
		out = append(out, a)
	}
	return strings.Join(out, " "), true
}

// ---- Cyrillic script ----

func cyrillicQueries(sdn, un, consEnh, os *screening.List) []rankQuery {
	var out []rankQuery
	for _, l := range []*screening.List{un, consEnh, os} {
		if l == nil {
			continue
		}
		for _, e := range l.Entities {
			for _, n := range e.Names {
				if n.Script == "Cyrillic" && n.Type != screening.NameWeak {
					out = append(out, newQuery("cyrillic-script", listName(l)+" listed Cyrillic", n.Value, e))
					break
				}
			}
		}
	}
	for _, l := range []*screening.List{sdn, un} {
		n := map[bool]int{true: 300, false: 60}[l == sdn]
		for _, e := range sample(l, n, 0, russian) {
			c, _ := toCyrillic(e.PrimaryName(), e.Kind == screening.Person)
			out = append(out, newQuery("cyrillic-script", listName(l)+" "+string(e.Kind)+" transliterated", c, e))
		}
	}
	return out
}

// russian reports whether e is a Russian or Belarusian party whose name
// toCyrillic writes in Cyrillic script.
func russian(e *screening.Entity) bool {
	if !named(e) || e.Kind == screening.Vessel || !slices.ContainsFunc(e.Countries, func(c string) bool { return c == "RU" || c == "BY" }) {
		return false
	}
	if e.Kind == screening.Person && (!slavicName(e.PrimaryName()) || strings.ContainsAny(strings.ToLower(e.PrimaryName()), "wj")) {
		return false // a Korean or Arabic name of someone living in Russia, or a Belarusian Lacinka spelling
	}
	_, ok := toCyrillic(e.PrimaryName(), e.Kind == screening.Person)
	return ok
}

// slavicName reports whether a Latin name has a word with a typical East
// Slavic ending (surname or patronymic).
func slavicName(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(name, ",", " "))) {
		for _, suf := range []string{"ov", "ova", "ev", "eva", "yov", "yova", "in", "ina", "yn", "yna", "sky", "skiy", "skii", "skaya",
			"ich", "vna", "enko", "chuk", "iy", "yy", "ko"} {
			if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// englishWords are words of organisation names that a Russian writer
// would translate, not transliterate: such names are left out.
var englishWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`AND OF THE FOR SCIENTIFIC RESEARCH INSTITUTE STATE FEDERAL ENTERPRISE PLANT
		CENTER CENTRE GROUP INTERNATIONAL TRADING HOLDING HOLDINGS INDUSTRIAL INDUSTRIES INDUSTRY PRODUCTION DESIGN
		BUREAU ASSOCIATION UNITED RUSSIAN RUSSIA NATIONAL CORPORATION CORP COMPANY LIMITED LIABILITY JOINT STOCK OPEN
		CLOSED PUBLIC MANAGEMENT SERVICE SERVICES SYSTEMS TECHNOLOGIES TECHNOLOGY ENGINEERING COMMERCIAL DEVELOPMENT
		INVESTMENT INVESTMENTS CONSTRUCTION SHIPPING FLEET OIL GAS ENERGY POWER ELECTRONICS AVIATION AIRCRAFT MILITARY
		DEFENSE DEFENCE MINISTRY FUND FOUNDATION UNIVERSITY ACADEMY SCHOOL NEWS AGENCY PARTY MOVEMENT REPUBLIC PEOPLES
		PEOPLE'S DONETSK LUHANSK LUGANSK CRIMEA CRIMEAN SEA PORT SECURITY GLOBAL WORLD LTD INC GMBH SA LLP FZE FZCO
		BRANCH OFFICE DEPARTMENT DIRECTORATE MAIN GENERAL INTELLIGENCE STAFF FORCES ARMED MARITIME TRANSPORT LOGISTICS
		FINANCE FINANCIAL CAPITAL PARTNERS CONSULTING SOLUTIONS TRADE EXPORT IMPORT SUPPLY RESOURCES MINING METALS
		STEEL CHEMICAL MACHINE BUILDING WORKS FACTORY SHIPYARD SHIPBUILDING NAVAL`) {
		englishWords[w] = true
	}
}

// cyrillicForms writes the legal forms of Russian organisations.
var cyrillicForms = []struct{ latin, cyr string }{
	{"LIMITED LIABILITY COMPANY", "ООО"}, {"PUBLIC JOINT STOCK COMPANY", "ПАО"}, {"OPEN JOINT STOCK COMPANY", "ОАО"},
	{"CLOSED JOINT STOCK COMPANY", "ЗАО"}, {"JOINT STOCK COMPANY", "АО"}, {"LLC", "ООО"}, {"OOO", "ООО"}, {"PJSC", "ПАО"},
	{"PAO", "ПАО"}, {"OJSC", "ОАО"}, {"OAO", "ОАО"}, {"CJSC", "ЗАО"}, {"ZAO", "ЗАО"}, {"JSC", "АО"}, {"AO", "АО"},
	{"FGUP", "ФГУП"}, {"NPO", "НПО"}, {"NPP", "НПП"}, {"OKB", "ОКБ"}, {"KB", "КБ"}, {"BANK", "БАНК"},
}

// toCyrillic writes a Latin (BGN/PCGN-style) Russian name in Cyrillic, a
// person surname first ("IVANOV, Sergey Viktorovich" → "Иванов Сергей
// Викторович"), an organisation with its legal form in front and its name
// in guillemets ("LLC BALTECH" → "ООО «БАЛТЕХ»"); names with English words
// are refused.
func toCyrillic(name string, person bool) (string, bool) {
	if person {
		if sur, given, ok := strings.Cut(name, ","); ok {
			name = sur + " " + given
		}
		var out []string
		for _, w := range strings.Fields(name) {
			if strings.ContainsAny(w, "0123456789().") {
				return "", false
			}
			out = append(out, titleRunes(cyrWord(strings.ToLower(w), true)))
		}
		return strings.Join(out, " "), len(out) >= 2
	}
	w := formWords(name)
	form := ""
	for _, f := range cyrillicForms[:20] {
		fw := strings.Fields(f.latin)
		if len(fw) < len(w) && slices.Equal(w[:len(fw)], fw) {
			form, w = f.cyr, w[len(fw):]
			break
		}
		if len(fw) < len(w) && slices.Equal(w[len(w)-len(fw):], fw) {
			form, w = f.cyr, w[:len(w)-len(fw)]
			break
		}
	}
	var out []string
	for _, x := range w {
		if englishWords[x] || strings.ContainsAny(x, "0123456789") {
			return "", false
		}
		out = append(out, strings.ToUpper(cyrWord(strings.ToLower(x), false)))
	}
	if len(out) == 0 || form == "" {
		return "", false
	}
	return form + " «" + strings.Join(out, " ") + "»", true
}

func titleRunes(s string) string {
	r := []rune(s)
	for i := range r {
		if i == 0 || r[i-1] == '-' {
			r[i] = unicode.ToUpper(r[i])
		}
	}
	return string(r)
}

// initialYe reports whether a word that starts with "e" is one of the
// names written with Е, not Э, in Russian (Evgeny, Elena, Ekaterina, Egor).
func initialYe(w string) bool {
	for _, p := range []string{"ev", "eg", "ek", "ef", "ele", "eli", "eme", "era", "ero"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

var latinVowel = map[byte]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true, 'y': true}

// cyrWord transliterates one lower-case Latin word into Russian Cyrillic;
// a final "y" after a consonant is "ий" in a person's name ("Gennady"),
// "ы" in other words ("kompleksy").
func cyrWord(w string, person bool) string {
	var b strings.Builder
	for i := 0; i < len(w); {
		prevVowel := i == 0 || latinVowel[w[i-1]] || w[i-1] == '-'
		rest := w[i:]
		switch {
		case strings.HasPrefix(rest, "shch"):
			b.WriteString("щ")
			i += 4
		case strings.HasPrefix(rest, "zh"):
			b.WriteString("ж")
			i += 2
		case strings.HasPrefix(rest, "kh"):
			b.WriteString("х")
			i += 2
		case strings.HasPrefix(rest, "ts"):
			b.WriteString("ц")
			i += 2
		case strings.HasPrefix(rest, "ch"):
			b.WriteString("ч")
			i += 2
		case strings.HasPrefix(rest, "sh"):
			b.WriteString("ш")
			i += 2
		case rest == "iy" || rest == "yy":
			b.WriteString(map[bool]string{true: "ий", false: "ый"}[rest == "iy"])
			i += 2
		case len(rest) >= 2 && rest[0] == 'y' && strings.IndexByte("eauoi", rest[1]) >= 0:
			v := map[byte]string{'e': "е", 'a': "я", 'u': "ю", 'o': "ё", 'i': "ьи"}[rest[1]]
			if !prevVowel && rest[1] != 'i' {
				b.WriteString("ь")
			}
			b.WriteString(v)
			i += 2
		case rest[0] == 'y':
			switch {
			case prevVowel:
				b.WriteString("й")
			case len(rest) == 1 && i > 0 && (person || strings.IndexByte("kgh", w[i-1]) >= 0):
				b.WriteString("ий")
			default:
				b.WriteString("ы")
			}
			i++
		case rest[0] == 'e' && (i == 0 || w[i-1] == '-') && !initialYe(rest):
			b.WriteString("э")
			i++
		case rest == "i" && i > 0 && latinVowel[w[i-1]]:
			b.WriteString("й") // Aleksei, Nikolai
			i++
		case rest[0] == '\'':
			b.WriteString("ь")
			i++
		default:
			c := rest[0]
			m := map[byte]string{'a': "а", 'b': "б", 'v': "в", 'g': "г", 'd': "д", 'e': "е", 'z': "з", 'i': "и", 'k': "к",
				'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'r': "р", 's': "с", 't': "т", 'u': "у", 'f': "ф",
				'h': "х", 'c': "к", 'w': "в", 'x': "кс", 'q': "к", 'j': "дж", '-': "-"}[c]
			b.WriteString(m)
			i++
		}
	}
	return b.String()
}

// ---- romanisation variants ----

var arabCountries = map[string]bool{}
var slavCountries = map[string]bool{"RU": true, "BY": true, "UA": true, "KZ": true, "KG": true, "TJ": true, "UZ": true, "MD": true}

func init() {
	for _, c := range strings.Fields("IQ SY LB YE SA EG JO KW QA AE LY SD PS BH OM TN DZ MA SO MR AF PK IR") {
		arabCountries[c] = true
	}
}

// romRule rewrites one lower-case word, or returns "".
type romRule struct {
	name string
	f    func(w string) string
}

func swapWords(pairs ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return func(w string) string { return m[w] }
}

var arabicRules = []romRule{
	{"Muhammad/Mohammed", swapWords("muhammad", "mohammed", "mohammed", "muhammad", "mohamed", "muhammad", "mohammad", "mohamed",
		"mohamad", "muhammad", "muhammed", "mohamad")},
	{"Ahmad/Ahmed", swapWords("ahmad", "ahmed", "ahmed", "ahmad")},
	{"Yusuf/Youssef", swapWords("yusuf", "youssef", "youssef", "yusuf", "yousef", "yusuf", "yousif", "youssef", "yusif", "yousef")},
	{"Husayn/Hussein", swapWords("husayn", "hussein", "hussein", "husayn", "husain", "hussein", "hussain", "husayn")},
	{"Usama/Osama Umar/Omar", swapWords("usama", "osama", "osama", "usama", "umar", "omar", "omar", "umar", "uthman", "othman", "othman", "uthman")},
	{"al-/el-", func(w string) string {
		switch {
		case strings.HasPrefix(w, "al-"):
			return "el-" + w[3:]
		case strings.HasPrefix(w, "el-"):
			return "al-" + w[3:]
		}
		return ""
	}},
	{"ou/u", func(w string) string {
		if strings.Contains(w[1:], "ou") {
			return w[:1] + strings.Replace(w[1:], "ou", "u", 1)
		}
		if i := strings.IndexByte(w[1:], 'u'); i >= 0 && w[i] != 'q' && w[i] != 'o' {
			return w[:i+1] + "o" + w[i+1:]
		}
		return ""
	}},
	{"kh/h", func(w string) string {
		if strings.Contains(w, "kh") {
			return strings.Replace(w, "kh", "h", 1)
		}
		return ""
	}},
	{"ay/ai", func(w string) string {
		switch {
		case strings.Contains(w, "ay"):
			return strings.Replace(w, "ay", "ai", 1)
		case strings.Contains(w, "ai"):
			return strings.Replace(w, "ai", "ay", 1)
		}
		return ""
	}},
	{"Hasan/Hassan", swapWords("hasan", "hassan", "hassan", "hasan", "salih", "saleh", "saleh", "salih", "said", "saeed", "saeed", "said")},
	{"q/k", func(w string) string {
		if i := strings.IndexByte(w, 'q'); i >= 0 {
			return w[:i] + "k" + w[i+1:]
		}
		return ""
	}},
}

var russianRules = []romRule{
	{"-iy/-y/-ii", func(w string) string {
		switch {
		case strings.HasSuffix(w, "iy"):
			return strings.TrimSuffix(w, "iy") + []string{"y", "ii"}[len(w)%2]
		case strings.HasSuffix(w, "yy"):
			return strings.TrimSuffix(w, "yy") + "iy"
		case strings.HasSuffix(w, "sky") || strings.HasSuffix(w, "skiy"):
			return strings.TrimSuffix(strings.TrimSuffix(w, "y"), "i") + "ii"
		}
		return ""
	}},
	{"Ye/E", func(w string) string {
		switch {
		case strings.HasPrefix(w, "ye"):
			return w[1:]
		case strings.HasPrefix(w, "e"):
			return "y" + w
		}
		return ""
	}},
	{"-ov/-off", func(w string) string {
		if strings.HasSuffix(w, "ov") || strings.HasSuffix(w, "ev") {
			return w[:len(w)-1] + "ff"
		}
		return ""
	}},
	{"ks/x", func(w string) string {
		if strings.Contains(w, "ks") {
			return strings.Replace(w, "ks", "x", 1)
		}
		return ""
	}},
	{"ya/ia yu/iu", func(w string) string {
		for _, p := range [][2]string{{"ya", "ia"}, {"yu", "iu"}} {
			if i := strings.Index(w[1:], p[0]); i >= 0 {
				return w[:i+1] + p[1] + w[i+3:]
			}
		}
		return ""
	}},
	{"kh/h", func(w string) string {
		if strings.Contains(w, "kh") {
			return strings.Replace(w, "kh", "h", 1)
		}
		return ""
	}},
	{"-yevich/-ievich", func(w string) string {
		for _, p := range [][2]string{{"yevich", "ievich"}, {"yevna", "ievna"}, {"ievich", "yevich"}, {"yeva", "eva"}} {
			if strings.HasSuffix(w, p[0]) {
				return strings.TrimSuffix(w, p[0]) + p[1]
			}
		}
		return ""
	}},
}

func romanisationQueries(sdn, un *screening.List) []rankQuery {
	var out []rankQuery
	for _, l := range []*screening.List{sdn, un} {
		for _, fam := range []struct {
			name  string
			rules []romRule
			keep  func(e *screening.Entity) bool
			n     int
		}{
			{"Arabic", arabicRules, func(e *screening.Entity) bool {
				return slices.ContainsFunc(e.Countries, func(c string) bool { return arabCountries[c] }) ||
					slices.ContainsFunc(e.Names, func(n screening.Name) bool { return n.Script == "Arabic" })
			}, map[bool]int{true: 200, false: 100}[l == sdn]},
			{"Russian", russianRules, func(e *screening.Entity) bool {
				return slices.ContainsFunc(e.Countries, func(c string) bool { return slavCountries[c] }) && slavicName(e.PrimaryName())
			}, map[bool]int{true: 150, false: 30}[l == sdn]},
		} {
			keep := func(e *screening.Entity) bool {
				if !named(e) || !isPerson(e) || !fam.keep(e) {
					return false
				}
				_, _, ok := romanise(e.PrimaryName(), fam.rules, nil)
				return ok
			}
			for _, e := range sample(l, fam.n, 5, keep) {
				q, rules, _ := romanise(e.PrimaryName(), fam.rules, rngFor(e, "romanisation"))
				rq := newQuery("romanisation-variant", listName(l)+" "+fam.name, q, e)
				rq.detail = rules
				out = append(out, rq)
			}
		}
	}
	return out
}

// romanise applies up to two of rules to different words of name (chosen
// by r; with r nil it only tells whether one applies).
func romanise(name string, rules []romRule, r *rand.Rand) (string, string, bool) {
	words := strings.Split(name, " ")
	type app struct{ word, rule int }
	var apps []app
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ","))
		if len(lw) < 2 {
			continue
		}
		for j, rule := range rules {
			if v := rule.f(lw); v != "" && v != lw {
				apps = append(apps, app{i, j})
			}
		}
	}
	if len(apps) == 0 {
		return name, "", false
	}
	if r == nil {
		return name, "", true
	}
	r.Shuffle(len(apps), func(i, j int) { apps[i], apps[j] = apps[j], apps[i] })
	used := map[int]bool{}
	var names []string
	for _, a := range apps {
		if used[a.word] || len(used) == 2 {
			continue
		}
		used[a.word] = true
		w := words[a.word]
		comma := strings.HasSuffix(w, ",")
		lw := strings.ToLower(strings.TrimSuffix(w, ","))
		v := rules[a.rule].f(lw)
		v = recase(v, strings.TrimSuffix(w, ","))
		if comma {
			v += ","
		}
		words[a.word] = v
		names = append(names, rules[a.rule].name)
	}
	sort.Strings(names)
	return strings.Join(words, " "), strings.Join(names, " + "), true
}

// recase writes v in the case pattern of like (upper, title or lower).
func recase(v, like string) string {
	switch {
	case like == strings.ToUpper(like):
		return strings.ToUpper(v)
	case like == strings.ToLower(like):
		return v
	default:
		return titleRunes(v)
	}
}

// ---- unlisted ----

// unlistedPeople are real, well-known people on none of the loaded lists
// (checked by hand and, for namesakes, by unlistedQueries).
var unlistedPeople = []string{
	"Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Justin Trudeau", "Jacinda Ardern", "Narendra Modi", "Shinzo Abe",
	"Moon Jae-in", "Cyril Ramaphosa", "Nelson Mandela", "Kofi Annan", "Ban Ki-moon", "Antonio Guterres", "Lionel Messi",
	"Cristiano Ronaldo", "Mohamed Salah", "Zinedine Zidane", "Karim Benzema", "Riyad Mahrez", "Mesut Ozil", "Sadiq Khan",
	"Rishi Sunak", "Malala Yousafzai", "Imran Khan", "Benazir Bhutto", "Mohamed ElBaradei", "Ahmed Zewail",
	"Naguib Mahfouz", "Naguib Sawiris", "Mohamed Al-Fayed", "Mohammed bin Rashid Al Maktoum", "Tamim bin Hamad Al Thani",
	"Rania Al-Yassin", "Amr Diab", "Omar Sharif", "Hakeem Olajuwon", "Kareem Abdul-Jabbar", "Mo Farah", "Hasan Minhaj",
	"Ramy Youssef", "Khaled Hosseini", "Fareed Zakaria", "Mehmet Oz", "Recep Tayyip Erdogan", "Ahmet Davutoglu",
	"Orhan Pamuk", "Garry Kasparov", "Maria Sharapova", "Daniil Medvedev", "Alexei Navalny", "Mikhail Gorbachev",
	"Sergey Brin", "Pavel Durov", "Yulia Navalnaya", "Mikhail Baryshnikov", "Vladimir Nabokov", "Anna Politkovskaya",
	"Svetlana Alexievich", "Andrei Sakharov", "Yuri Gagarin", "Natalia Vodianova", "Alexander Ovechkin",
	"Volodymyr Zelenskyy", "Lech Walesa", "Vaclav Havel", "Jack Ma", "Li Ka-shing", "Jackie Chan", "Yao Ming",
	"Haruki Murakami", "Ichiro Suzuki", "Son Heung-min", "Joko Widodo", "Mahathir Mohamad", "Shimon Peres",
	"Gal Gadot", "Hamid Karzai", "Ashraf Ghani", "Nawaz Sharif", "Pervez Musharraf", "Abdel Fattah el-Sisi",
	"Anwar Sadat", "Gamal Abdel Nasser", "Yasser Arafat", "Mahmoud Abbas", "Saad Hariri", "Najib Mikati",
	"Walid Jumblatt", "Michel Aoun", "Nancy Ajram", "Amal Clooney", "Carlos Ghosn", "Salma Hayek", "Rami Malek",
	"Tony Shalhoub", "Barack Obama", "Boris Johnson", "Andrzej Duda", "Francois Hollande", "Fredrik Reinfeldt",
	"Jean-Claude Juncker", "Kersti Kaljulaid", "Jose Luis Rodriguez Zapatero", "Lars Lokke Rasmussen",
	"Luiz Inacio Lula da Silva", "Mark Rutte", "Sauli Niinisto", "Sean Connery", "Kyriakos Mitsotakis",
	"Gitanas Nauseda", "Dalia Grybauskaite", "Mikheil Saakashvili", "Wolfgang Ischinger", "Mohammed bin Salman Al Saud",
	"Nursultan Nazarbayev", "Helle Thorning-Schmidt", "Goran Persson",
	"محمد صلاح", "نجيب محفوظ", "جمال عبد الناصر", "ياسر عرفات", "محمود عباس", "أم كلثوم", "عمرو دياب", "محمد بن سلمان آل سعود",
	"Гарри Каспаров", "Мария Шарапова", "Даниил Медведев", "Алексей Навальный", "Михаил Горбачёв", "Юрий Гагарин",
	"Павел Дуров", "Сергей Брин", "Лев Толстой", "Фёдор Достоевский", "Андрей Сахаров", "Владимир Набоков",
}

// unlistedCompanies are real companies on none of the loaded lists.
var unlistedCompanies = []string{
	"Siemens AG", "BASF SE", "Bayer AG", "Volkswagen AG", "Daimler Truck Holding AG", "Bayerische Motoren Werke AG",
	"Robert Bosch GmbH", "SAP SE", "Allianz SE", "Deutsche Telekom AG", "Airbus SE", "Thales S.A.", "Safran S.A.",
	"TotalEnergies SE", "L'Oreal S.A.", "Danone S.A.", "Nestle S.A.", "Novartis AG", "Roche Holding AG", "ABB Ltd",
	"UBS Group AG", "Unilever PLC", "BP p.l.c.", "Shell plc", "HSBC Holdings plc", "Barclays PLC", "Rolls-Royce Holdings plc",
	"BAE Systems plc", "Vodafone Group Plc", "Tesco PLC", "GSK plc", "AstraZeneca PLC", "Koninklijke Philips N.V.",
	"ASML Holding N.V.", "Heineken N.V.", "Telefonaktiebolaget LM Ericsson", "AB Volvo", "Nokia Oyj", "Novo Nordisk A/S",
	"A.P. Moller - Maersk A/S", "Equinor ASA", "Toyota Motor Corporation", "Sony Group Corporation", "Honda Motor Co., Ltd.",
	"Mitsubishi Corporation", "Hitachi, Ltd.", "Panasonic Holdings Corporation", "Nintendo Co., Ltd.",
	"Samsung Electronics Co., Ltd.", "Hyundai Motor Company", "LG Electronics Inc.", "SK Hynix Inc.", "POSCO Holdings Inc.",
	"Tata Consultancy Services Limited", "Infosys Limited", "Reliance Industries Limited", "Wipro Limited",
	"Mahindra & Mahindra Limited", "Apple Inc.", "Microsoft Corporation", "Alphabet Inc.", "Amazon.com, Inc.",
	"Meta Platforms, Inc.", "Walmart Inc.", "Exxon Mobil Corporation", "Chevron Corporation", "General Electric Company",
	"The Boeing Company", "Lockheed Martin Corporation", "Johnson & Johnson", "Pfizer Inc.", "The Procter & Gamble Company",
	"The Coca-Cola Company", "PepsiCo, Inc.", "Intel Corporation", "NVIDIA Corporation", "Cisco Systems, Inc.",
	"Oracle Corporation", "JPMorgan Chase & Co.", "The Goldman Sachs Group, Inc.", "Citigroup Inc.",
	"Bank of America Corporation", "Wells Fargo & Company", "Caterpillar Inc.", "3M Company", "Ford Motor Company",
	"General Motors Company", "Tesla, Inc.", "Petroleo Brasileiro S.A.", "Vale S.A.", "Embraer S.A.", "Grupo Bimbo S.A.B. de C.V.",
	"America Movil S.A.B. de C.V.", "Cemex S.A.B. de C.V.", "Banco Santander, S.A.", "Banco Bilbao Vizcaya Argentaria, S.A.",
	"Telefonica, S.A.", "Industria de Diseno Textil, S.A.", "Iberdrola, S.A.", "Enel S.p.A.", "Leonardo S.p.A.",
	"Assicurazioni Generali S.p.A.", "UniCredit S.p.A.", "Royal Bank of Canada", "Shopify Inc.", "BHP Group Limited",
	"Rio Tinto plc", "Commonwealth Bank of Australia", "Qantas Airways Limited", "MTN Group Limited", "Naspers Limited",
	"Dangote Cement Plc", "Safaricom PLC", "Ethiopian Airlines Group", "Saudi Arabian Oil Company", "Emirates NBD Bank PJSC",
	"Qatar National Bank", "Etihad Airways", "Emirates Airline", "Abu Dhabi National Oil Company", "Dubai Islamic Bank PJSC",
	"Al Rajhi Banking and Investment Corporation", "Saudi Basic Industries Corporation", "Almarai Company",
	"Emaar Properties PJSC", "DP World Limited", "Mubadala Investment Company", "National Bank of Kuwait",
	"Mobile Telecommunications Company K.S.C.P.", "Orascom Construction PLC", "Commercial International Bank (Egypt) S.A.E.",
	"Maroc Telecom", "Attijariwafa Bank", "Turkcell Iletisim Hizmetleri A.S.", "Koc Holding A.S.", "Haci Omer Sabanci Holding A.S.",
	"Alibaba Group Holding Limited", "BYD Company Limited", "Lenovo Group Limited", "Haier Group Corporation",
	"Midea Group Co., Ltd.", "Ping An Insurance (Group) Company of China, Ltd.", "Industrial and Commercial Bank of China Limited",
	"China Merchants Bank Co., Ltd.", "Geely Automobile Holdings Limited", "JD.com, Inc.", "Anta Sports Products Limited",
	"Tsingtao Brewery Company Limited", "Kweichow Moutai Co., Ltd.", "Deutsche Bank AG", "Societe Generale S.A.",
	"International Business Machines Corporation", "Faberlic Europe Sp. z o.o.",
	"شركة أرامكو السعودية", "طيران الإمارات", "بنك قطر الوطني", "招商银行有限公司",
}

// unlistedQueries returns the congress members (yente's fixture) and the
// hand-picked people and companies, less those whose words are the words
// of a listed name (a namesake the proxy cannot tell apart).
func unlistedQueries(t *testing.T) []rankQuery {
	t.Helper()
	listed := map[string]bool{}
	for _, l := range allLists {
		if pepSources[l.Version.Source] {
			continue
		}
		for _, e := range l.Entities {
			for _, n := range e.Names {
				listed[wordKey(n.Value)] = true
			}
		}
	}
	var out []rankQuery
	var skipped []string
	add := func(sub, name string) {
		if listed[wordKey(name)] {
			skipped = append(skipped, name)
			return
		}
		out = append(out, newQuery("unlisted", sub, name, nil))
	}
	seen := map[string]bool{}
	for _, r := range readCSV(t, "namematching", "yente_positives_us_congress_untreated.csv") {
		if n := r["full_name"]; n != "" && !seen[n] {
			seen[n] = true
			add("us congress (PEP hits ignored)", n)
		}
	}
	for _, n := range unlistedPeople {
		add("people "+scriptOf(n), n)
	}
	for _, n := range unlistedCompanies {
		add("companies "+scriptOf(n), n)
	}
	if len(skipped) > 0 {
		t.Logf("unlisted names skipped as namesakes of a listed name: %s", strings.Join(skipped, " | "))
	}
	return out
}

// wordKey is the sorted folded words of a name.
func wordKey(s string) string {
	w := strings.Fields(normalize.Fold(s))
	sort.Strings(w)
	return strings.Join(w, " ")
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
