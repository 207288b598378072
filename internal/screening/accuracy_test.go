package screening_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening"
)

// prf holds a confusion matrix.
type prf struct{ tp, fp, fn, tn int }

func (c prf) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c prf) recall() float64    { return ratio(c.tp, c.tp+c.fn) }
func (c prf) f1() float64 {
	p, r := c.precision(), c.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
func (c prf) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d tn=%d)", c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn, c.tn)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// report prints a result line both to the test log and to stdout, so that
// `go test -v` and plain `go test` runs with -run show the numbers.
func report(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	t.Log(msg)
	if testing.Verbose() {
		return
	}
	fmt.Fprintln(os.Stdout, t.Name()+": "+msg)
}

func schemaKind(s string) screening.Kind {
	switch s {
	case "Person":
		return screening.Person
	case "Company", "Organization":
		return screening.Organisation
	case "Vessel":
		return screening.Vessel
	}
	return screening.Unknown
}

// TestNameBench scores the nomenklatura name-bench pairs (826 labelled
// pairs; OpenSanctions' logic-v2 reaches F1 0.79 on them).
func TestNameBench(t *testing.T) {
	eng := allEngine(t)
	rows := readCSV(t, "namematching", "nomenklatura_name_bench_cases.csv")
	scores := make([]float64, len(rows))
	for i, r := range rows {
		scores[i] = eng.CompareNames(r["name1"], r["name2"], schemaKind(r["schema"]))
	}
	at := func(th float64) prf {
		var c prf
		for i, r := range rows {
			match, pred := r["is_match"] == "true", scores[i] >= th
			switch {
			case match && pred:
				c.tp++
			case match:
				c.fn++
			case pred:
				c.fp++
			default:
				c.tn++
			}
		}
		return c
	}
	c := at(screening.DefaultThreshold)
	report(t, "name-bench at threshold %.2f: %v", screening.DefaultThreshold, c)
	if testing.Verbose() {
		for th := 0.5; th < 0.96; th += 0.05 {
			t.Logf("  threshold %.2f: %v", th, at(th))
		}
		if os.Getenv("NAMEBENCH_ERRORS") != "" {
			for i, r := range rows {
				if (r["is_match"] == "true") != (scores[i] >= screening.DefaultThreshold) {
					t.Logf("  miss %s %.3f %s | %s | %s", r["is_match"], scores[i], r["schema"], r["name1"], r["name2"])
				}
			}
		}
	}
	// Issue 3's floor. The rules were set looking at these pairs (the
	// figure is in-sample); TestRanking and the yente sets check them on
	// data they were not tuned on.
	if f := c.f1(); f < 0.90 {
		t.Errorf("name-bench F1 %.3f is below the floor 0.90", f)
	}
}

// TestUNPositives checks that the persons of the UN list, as yente's
// benchmark wrote them (untreated, and with typos and reorderings), find
// their UN listing among all lists.
func TestUNPositives(t *testing.T) {
	eng := allEngine(t)
	for _, set := range []string{"untreated", "treated"} {
		t.Run(set, func(t *testing.T) {
			rows := readCSV(t, "namematching", "yente_positives_un_"+set+".csv")
			qs, res := screenPersons(t, eng, rows)
			found := 0
			var missed []string
			for i, hits := range res {
				if hasSource(hits, "un_sc") {
					found++
				} else {
					missed = append(missed, qs[i].Name)
				}
			}
			rec := ratio(found, len(qs))
			report(t, "UN positives (%s): recall %.4f (%d/%d) at threshold %.2f", set, rec, found, len(qs), screening.DefaultThreshold)
			if testing.Verbose() && len(missed) > 0 {
				t.Logf("  missed: %s", strings.Join(missed[:min(len(missed), 30)], " | "))
			}
			if rec < 0.98 {
				t.Errorf("recall %.4f is below the floor 0.98", rec)
			}
		})
	}
}

// TestCandidateRecall measures the candidate generation alone: for each
// query, the best party found by scoring every name on every list
// (Exhaustive) must also be found through the index, or a party scoring
// as high. Two samples: the UN positives (names with birth dates and
// nationalities), and TestRanking's listed and unlisted queries (bare
// names: misspelt, reordered, aliases, other scripts, unlisted people).
func TestCandidateRecall(t *testing.T) {
	eng := allEngine(t)
	step := 1
	if testing.Short() {
		step = 7
	}
	var un, ranked []screening.Query
	rows := readCSV(t, "namematching", "yente_positives_un_treated.csv")
	for i := 0; i < len(rows); i += step {
		un = append(un, personQuery(rows[i]))
	}
	byID := map[string]*screening.List{}
	for _, l := range allLists {
		byID[l.Version.Source] = l
	}
	rq := append(firstSample(t, byID), unlistedQueries(t)...)
	for i := 0; i < len(rq); i += step {
		ranked = append(ranked, screening.Query{Name: rq[i].query})
	}
	// 2026-11-26, eighth session: 680/680 and 4,954/4,959 (was 4,952; lost:
	// two names written as one word in Arabic script, two aliases of
	// organisations that share one word with the query, one long alias).
	for _, set := range []struct {
		name  string
		qs    []screening.Query
		floor float64
	}{{"UN positives", un, 0.99}, {"ranking queries", ranked, 0.998}} {
		kept, total, lost := candidateRecall(t, eng, set.qs)
		rec := ratio(kept, total)
		report(t, "candidate recall vs exhaustive scan, %s: %.4f (%d/%d queries with a hit)", set.name, rec, kept, total)
		if len(lost) > 0 {
			t.Logf("  lost: %s", strings.Join(lost[:min(len(lost), 20)], " | "))
		}
		if rec < set.floor {
			t.Errorf("candidate recall on the %s %.4f is below %.3f", set.name, rec, set.floor)
		}
	}
}

// candidateRecall screens qs through the index and by scoring every name,
// and counts the queries whose exhaustive best party the index also finds
// (or one scoring as high), of those with an exhaustive hit.
func candidateRecall(t *testing.T, eng *screening.Engine, qs []screening.Query) (kept, total int, lost []string) {
	t.Helper()
	full, idx := slices.Clone(qs), slices.Clone(qs)
	for i := range qs {
		full[i].Limit, full[i].Exhaustive = 1, true
		idx[i].Limit = 50
	}
	fres, ires := screenQueries(t, eng, full), screenQueries(t, eng, idx)
	for i, q := range qs {
		if len(fres[i]) == 0 {
			continue
		}
		total++
		best := fres[i][0]
		if slices.ContainsFunc(ires[i], func(h screening.Hit) bool {
			return h.Score >= best.Score || slices.ContainsFunc(h.Sources, func(s screening.SourceRef) bool {
				return s.Source == best.Source && s.SourceID == best.SourceID
			})
		}) {
			kept++
		} else {
			lost = append(lost, fmt.Sprintf("%s → %s %q %.3f", q.Name, best.Source, best.Name, best.Score))
		}
	}
	return kept, total, lost
}

// TestSyntheticNegatives screens yente's synthetic persons, who are on no
// list, against the lists they were drawn for: the global set against all
// lists, the US set against the US lists.
func TestSyntheticNegatives(t *testing.T) {
	for _, set := range []struct {
		file string
		eng  func(testing.TB) *screening.Engine
	}{{"yente_negatives_global.csv", allEngine}, {"yente_negatives_us.csv", usEngine}} {
		t.Run(strings.TrimSuffix(set.file, ".csv"), func(t *testing.T) {
			eng := set.eng(t)
			rows := readCSV(t, "namematching", set.file)
			if testing.Short() {
				rows = rows[:min(5000, len(rows))]
			}
			qs, res := screenPersons(t, eng, rows)
			fp := 0
			var ex []string
			for i, hits := range res {
				if len(hits) > 0 {
					fp++
					if len(ex) < 15 {
						ex = append(ex, fmt.Sprintf("%s %s → %s (%s) %.3f", qs[i].Name, qs[i].BirthDate, hits[0].Explanation.ListName, hits[0].Source, hits[0].Score))
					}
				}
			}
			rate := ratio(fp, len(qs))
			report(t, "synthetic negatives %s: false-positive rate %.4f (%d/%d) at threshold %.2f", set.file, rate, fp, len(qs), screening.DefaultThreshold)
			if testing.Verbose() {
				for _, e := range ex {
					t.Logf("  FP %s", e)
				}
			}
			if rate > 0.005 {
				t.Errorf("false-positive rate %.4f is above the ceiling 0.005", rate)
			}
		})
	}
}

// TestCrossScript checks that names in other scripts find their Latin
// listing and back (watchman's cross-script pairs, nomenklatura's Putin
// names). Arabic, Cyrillic, Greek, Hebrew and Hangul must all be found;
// Han, Kana and Thai readings are reported only (their Latin forms are
// Korean/Japanese readings or need a dictionary we do not have).
func TestCrossScript(t *testing.T) {
	eng := allEngine(t)
	// The file's header is itself a "#" comment: name the columns here.
	rows := readCSVColumns(t, []string{"Query", "Expected Match", "Min Score", "Description"}, "namematching", "watchman_cross_script_pairs.csv")
	required := map[string]bool{"Arabic": true, "Cyrillic": true, "Greek": true, "Hebrew": true, "Hangul": true}
	for _, r := range rows {
		q, want := r["Query"], r["Expected Match"]
		fwd := eng.CompareNames(q, want, screening.Unknown)
		back := eng.CompareNames(want, q, screening.Unknown)
		sc := scriptOf(q)
		found := fwd >= screening.DefaultThreshold && back >= screening.DefaultThreshold
		report(t, "%-8s %s ↔ %s: %.3f / %.3f found=%v", sc, q, want, fwd, back, found)
		if required[sc] && !found {
			t.Errorf("%s name %q does not find %q (%.3f / %.3f)", sc, q, want, fwd, back)
		}
	}
	data, err := os.ReadFile(datatest.Path(t, "namematching", "nomenklatura_putin_names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	found, total := 0, 0
	for _, n := range strings.Split(string(data), "\n") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		total++
		s := eng.CompareNames(n, "Vladimir Vladimirovich Putin", screening.Person)
		if s >= screening.DefaultThreshold {
			found++
		} else if sc := scriptOf(n); sc == "Cyrillic" || sc == "Latin" && strings.Contains(strings.ToLower(n), "vladimir") {
			t.Errorf("Putin variant %q (%s) scores %.3f", n, sc, s)
		}
	}
	report(t, "Putin name variants found: %d/%d", found, total)
}
