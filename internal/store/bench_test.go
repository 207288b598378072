package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

// BenchmarkAuditedWrite measures one audited change: a transaction that
// writes a row and appends to the hash chain.
func BenchmarkAuditedWrite(b *testing.B) {
	for _, e := range storetest.Engines(b) {
		b.Run(e.Name, func(b *testing.B) {
			db := storetest.Open(b, e)
			ctx := context.Background()
			b.ResetTimer()
			for i := range b.N {
				if err := db.SetSetting(ctx, "bench", fmt.Sprint(i), audit.Event{Action: "setting.set", ObjectType: "setting", ObjectID: "bench"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyAudit measures recomputing the chain, per event.
func BenchmarkVerifyAudit(b *testing.B) {
	for _, e := range storetest.Engines(b) {
		b.Run(e.Name, func(b *testing.B) {
			db := storetest.Open(b, e)
			ctx := context.Background()
			for i := range 2000 {
				if err := db.SetSetting(ctx, "bench", fmt.Sprint(i), audit.Event{Action: "setting.set"}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for range b.N {
				n, err := db.VerifyAudit(ctx)
				if err != nil || n != 2000 {
					b.Fatal(n, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/2000, "ns/event")
		})
	}
}
