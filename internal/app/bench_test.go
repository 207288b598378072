package app_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/dualuse/dualuse/internal/store/storetest"
)

// BenchmarkAuthenticatedRequest measures GET /api/v1/me with a bearer token
// through the whole middleware chain (token lookup in the database included).
func BenchmarkAuthenticatedRequest(b *testing.B) {
	for _, e := range storetest.Engines(b) {
		b.Run(e.Name, func(b *testing.B) {
			f := startB(b, e.DSN(b))
			u, err := f.app.Accounts.SignIn(context.Background(), "export@nordlicht.example", "demo-exporter-password", "bench")
			if err != nil {
				b.Fatal(err)
			}
			tok, err := f.app.Accounts.IssueCredential(context.Background(), u, "token")
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", "/api/v1/me", nil)
					req.Header.Set("Authorization", "Bearer "+tok)
					rec := httptest.NewRecorder()
					f.app.Handler.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Fatalf("%d %s", rec.Code, rec.Body)
					}
				}
			})
		})
	}
}
