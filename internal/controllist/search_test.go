package controllist_test

import (
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/controllist"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	ix := controllist.NewIndex(loadEU(t))
	for _, tc := range []struct {
		name, query string
		top         string // expected code of the first result ("" = none)
		cyber       bool
		unlisted    bool
		kind        apperr.Kind
	}{
		{"code goes to entry", "5A001.j", "5A001.j", true, false, ""},
		{"code any case", "5d001.E.", "5D001.e", true, false, ""},
		{"unknown code", "5A001.q", "", false, false, apperr.NotFound},
		{"empty", "   ", "", false, false, apperr.Invalid},
		{"stop words only", "the and of", "", false, false, apperr.Invalid},
		{"imsi catcher", "IMSI catcher", "5A001.f.2", true, false, ""},
		{"stemming", "intercepting mobile telephone communications over the air", "5A001.f.1", true, false, ""},
		{"synonym", "stingray", "5A001.f.2", true, false, ""},
		{"defined term", "software that avoids detection by monitoring tools and executes externally provided instructions", "4D004", true, false, ""},
		{"unlisted", "face recognition cameras", "", false, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := ix.Search(controllist.Query{Text: tc.query, Limit: 3})
			if tc.kind != "" {
				if !apperr.Is(err, tc.kind) {
					t.Fatalf("err %v, want %s", err, tc.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (len(resp.Unlisted) > 0) != tc.unlisted {
				t.Errorf("unlisted %v", resp.Unlisted)
			}
			if tc.top == "" {
				return
			}
			if len(resp.Results) == 0 {
				t.Fatal("no results")
			}
			r := resp.Results[0]
			if r.Code != tc.top || r.CyberSurveillance != tc.cyber || r.ListVersion != "eu-annex-i/2025-11" {
				t.Errorf("top = %s cyber=%v %s, want %s", r.Code, r.CyberSurveillance, r.ListVersion, tc.top)
			}
			if r.Why == "" || r.Heading == "" {
				t.Errorf("result without why/heading: %+v", r)
			}
			for _, h := range r.Highlights {
				if h.Start >= h.End || h.End > len(r.Snippet) {
					t.Errorf("bad highlight %v in %q", h, r.Snippet)
				}
			}
		})
	}
}

func TestSearchHighlight(t *testing.T) {
	t.Parallel()
	ix := controllist.NewIndex(loadEU(t))
	resp, err := ix.Search(controllist.Query{Text: "IP network surveillance with hard selectors"})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Results[0]
	if got := r.Marked("<mark>", "</mark>"); !strings.Contains(got, "<mark>") {
		t.Errorf("no highlight in %q", got)
	}
	if len(resp.Results) > controllist.DefaultLimit {
		t.Errorf("%d results", len(resp.Results))
	}
}

func BenchmarkLoadAnnexI(b *testing.B) {
	path := annexIPath(b)
	for b.Loop() {
		if _, err := controllist.LoadAnnexI(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewIndex(b *testing.B) {
	l := loadEU(b)
	for b.Loop() {
		controllist.NewIndex(l)
	}
}

func BenchmarkSearch(b *testing.B) {
	ix := controllist.NewIndex(loadEU(b))
	q := controllist.Query{Text: "Carrier-grade internet surveillance platform performing deep packet inspection, indexing emails and mapping contacts of targets", Limit: 10}
	for b.Loop() {
		if _, err := ix.Search(q); err != nil {
			b.Fatal(err)
		}
	}
}

// Results read best first: each score is at most the one before it.
func TestSearchScoresDescend(t *testing.T) {
	ix := controllist.NewIndex(loadEU(t))
	for _, q := range []string{
		"IP network surveillance system that analyses intercepted traffic of individuals",
		"IMSI catcher for intercepting mobile phone calls",
		"high speed camera for filming explosions",
	} {
		resp, err := ix.Search(controllist.Query{Text: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(resp.Results); i++ {
			if resp.Results[i].Score > resp.Results[i-1].Score {
				t.Errorf("%q: result %d (%s, %.1f) scores above result %d (%s, %.1f)", q, i, resp.Results[i].Code, resp.Results[i].Score, i-1, resp.Results[i-1].Code, resp.Results[i-1].Score)
			}
		}
	}
}
