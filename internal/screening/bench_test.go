package screening_test

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
)

// benchQueries mixes listed persons (UN positives, treated) with unlisted
// ones (yente synthetic negatives), as a realistic screening workload.
func benchQueries(b *testing.B) []screening.Query {
	var qs []screening.Query
	for _, f := range []string{"yente_positives_un_treated.csv", "yente_negatives_global.csv", "yente_positives_us_congress_untreated.csv"} {
		rows := readCSV(b, "namematching", f)
		for _, r := range rows[:min(len(rows), 3000)] {
			qs = append(qs, personQuery(r))
		}
	}
	return qs
}

// BenchmarkLoad loads every list in shared/data/sanctions (newest version of
// each, so the newest full OFAC SDN set) and builds the index.
func BenchmarkLoad(b *testing.B) {
	dir := datatest.Path(b, "sanctions")
	var ms runtime.MemStats
	for b.Loop() {
		res, err := source.Load(dir)
		if err != nil || len(res.Failed) > 0 {
			b.Fatal(err, res.Failed)
		}
		e := screening.New(res.Lists...)
		if e.Size() == 0 {
			b.Fatal("empty")
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
		b.ReportMetric(float64(e.Size()), "entities")
	}
}

// BenchmarkScreenBatch measures in-process batch throughput on all cores.
func BenchmarkScreenBatch(b *testing.B) {
	eng := allEngine(b)
	qs := benchQueries(b)
	b.ResetTimer()
	n := 0
	start := time.Now()
	for b.Loop() {
		if _, err := eng.ScreenBatch(context.Background(), qs); err != nil {
			b.Fatal(err)
		}
		n += len(qs)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "queries/s")
}

// BenchmarkScreenSingle measures one query at a time, reporting p50 and p99.
func BenchmarkScreenSingle(b *testing.B) {
	eng := allEngine(b)
	qs := benchQueries(b)
	lat := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		t0 := time.Now()
		if _, err := eng.Screen(context.Background(), qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		i++
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	}
}
