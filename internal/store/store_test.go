package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/country"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/store"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

var (
	countriesOnce sync.Once
	countries     *country.Registry
)

func newService(t *testing.T, db *store.DB) *account.Service {
	t.Helper()
	countriesOnce.Do(func() {
		var err error
		if countries, err = country.Load(datatest.Dir(t)); err != nil {
			t.Fatal(err)
		}
	})
	if countries == nil {
		t.Fatal("country registry not loaded")
	}
	s := &account.Service{Store: db, Countries: countries, Argon2: auth.DefaultArgon2}
	if _, err := s.SeedAuthorities(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestConformance runs the storage contract on every engine.
func TestConformance(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newService(t, db)
		sys := auth.System()

		t.Run("authorities seeded once", func(t *testing.T) {
			n, err := s.SeedAuthorities(ctx)
			if err != nil || n != 0 {
				t.Fatalf("second seed created %d (err %v)", n, err)
			}
			orgs, err := db.Orgs(ctx, account.OrgFilter{Kind: account.KindAuthority})
			if err != nil || len(orgs) != 27 {
				t.Fatalf("authorities = %d (err %v), want 27", len(orgs), err)
			}
		})

		acme, err := s.CreateOrg(ctx, sys, account.Organisation{Kind: account.KindExporter, Name: "Acme Vision GmbH", Country: "de"})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("organisation round trip", func(t *testing.T) {
			got, err := db.Org(ctx, acme.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != "Acme Vision GmbH" || got.Country != "DE" || got.Kind != account.KindExporter || got.Created.IsZero() {
				t.Errorf("Org = %+v", got)
			}
			if _, err := db.Org(ctx, 999999); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("missing org: %v, want NotFound", err)
			}
		})

		t.Run("bad organisations", func(t *testing.T) {
			tests := []struct {
				org   account.Organisation
				kind  apperr.Kind
				field string
			}{
				{account.Organisation{Kind: account.KindExporter, Name: "Acme Vision GmbH", Country: "DE"}, apperr.Conflict, "name"},
				{account.Organisation{Kind: account.KindExporter, Name: "X", Country: "ZZ"}, apperr.Invalid, "country"},
				{account.Organisation{Kind: account.KindAuthority, Name: "Y", Country: "NO"}, apperr.Invalid, "country"},
				{account.Organisation{Kind: "bank", Name: "Z"}, apperr.Invalid, "kind"},
				{account.Organisation{Kind: account.KindExporter, Name: strings.Repeat("n", 201), Country: "DE"}, apperr.Invalid, "name"},
			}
			for _, tt := range tests {
				_, err := s.CreateOrg(ctx, sys, tt.org)
				var e *apperr.Error
				if !errors.As(err, &e) || e.Kind != tt.kind || e.Field != tt.field {
					t.Errorf("CreateOrg(%+v) = %v, want %s on %s", tt.org, err, tt.kind, tt.field)
				}
			}
		})

		alice, err := s.CreateUser(ctx, sys, account.NewUser{Email: "Alice@Acme.example", Role: "exporter", Org: "Acme Vision GmbH", Password: "a long enough password"})
		if err != nil {
			t.Fatal(err)
		}
		bob, err := s.CreateUser(ctx, sys, account.NewUser{Email: "bob@bafa.example", Role: "officer", State: "DE", Password: "another long password"})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("users", func(t *testing.T) {
			if alice.Email != "alice@acme.example" || alice.Principal().OrgID != acme.ID {
				t.Errorf("alice = %+v", alice)
			}
			if p := bob.Principal(); p.State != "DE" || p.Role != auth.Officer {
				t.Errorf("bob's principal = %+v", p)
			}
			bad := []account.NewUser{
				{Email: "alice@acme.example", Role: "exporter", Org: "Acme Vision GmbH", Password: "a long enough password"},
				{Email: "c@x.example", Role: "officer", Org: "Acme Vision GmbH", Password: "a long enough password"},
				{Email: "not-an-address", Role: "exporter", Org: "Acme Vision GmbH", Password: "a long enough password"},
				{Email: "d@x.example", Role: "wizard", Org: "Acme Vision GmbH", Password: "a long enough password"},
				{Email: "e@x.example", Role: "exporter", Org: "Nobody Ltd", Password: "a long enough password"},
				{Email: "f@x.example", Role: "exporter", Org: "Acme Vision GmbH", Password: "short"},
			}
			for _, nu := range bad {
				if _, err := s.CreateUser(ctx, sys, nu); err == nil {
					t.Errorf("CreateUser(%+v) succeeded", nu)
				}
			}
			users, err := s.Users(ctx, sys)
			if err != nil || len(users) != 2 {
				t.Errorf("users = %d (err %v), want 2", len(users), err)
			}
		})

		t.Run("sign-in and credentials", func(t *testing.T) {
			u, err := s.SignIn(ctx, "alice@acme.example", "a long enough password", "192.0.2.1")
			if err != nil {
				t.Fatal(err)
			}
			tok, err := s.IssueCredential(ctx, u, "token")
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Authenticate(ctx, "token", tok)
			if err != nil || got.ID != alice.ID {
				t.Fatalf("Authenticate = %+v, %v", got, err)
			}
			if _, err := s.Authenticate(ctx, "session", tok); !apperr.Is(err, apperr.Unauthenticated) {
				t.Errorf("token used as session: %v", err)
			}
			if err := s.Revoke(ctx, u.Principal(), "token", tok); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Authenticate(ctx, "token", tok); !apperr.Is(err, apperr.Unauthenticated) {
				t.Errorf("revoked token: %v", err)
			}
			// With the credential cache, a revocation on this process holds at once.
			cached := &account.Service{Store: db, Countries: countries, Argon2: auth.DefaultArgon2, CacheTTL: time.Minute}
			tok3, _ := cached.IssueCredential(ctx, u, "token")
			for range 2 {
				if _, err := cached.Authenticate(ctx, "token", tok3); err != nil {
					t.Fatalf("cached authenticate: %v", err)
				}
			}
			if err := cached.Revoke(ctx, u.Principal(), "token", tok3); err != nil {
				t.Fatal(err)
			}
			if _, err := cached.Authenticate(ctx, "token", tok3); !apperr.Is(err, apperr.Unauthenticated) {
				t.Errorf("revoked cached token: %v", err)
			}
			// Expired credentials do not authenticate.
			later := &account.Service{Store: db, Countries: countries, Argon2: auth.DefaultArgon2, Now: func() time.Time { return time.Now().Add(account.TokenLifetime + time.Hour) }}
			tok2, _ := s.IssueCredential(ctx, u, "token")
			if _, err := later.Authenticate(ctx, "token", tok2); !apperr.Is(err, apperr.Unauthenticated) {
				t.Errorf("expired token: %v", err)
			}
		})

		t.Run("sign-in throttling", func(t *testing.T) {
			for i := 0; i < account.MaxFailuresAccount; i++ {
				if _, err := s.SignIn(ctx, "bob@bafa.example", "wrong password!!", "198.51.100.7"); !apperr.Is(err, apperr.Unauthenticated) {
					t.Fatalf("failure %d: %v", i, err)
				}
			}
			if _, err := s.SignIn(ctx, "bob@bafa.example", "another long password", "198.51.100.8"); !apperr.Is(err, apperr.TooManyRequests) {
				t.Errorf("after %d failures: %v, want TooManyRequests", account.MaxFailuresAccount, err)
			}
			// Another account from the same address still works.
			if _, err := s.SignIn(ctx, "alice@acme.example", "a long enough password", "198.51.100.7"); err != nil {
				t.Errorf("other account throttled: %v", err)
			}
		})

		t.Run("audit chain", func(t *testing.T) {
			n, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatalf("intact chain: %v", err)
			}
			if n < 30 {
				t.Errorf("only %d events", n)
			}
			hist, err := db.AuditHistory(ctx, "organisation", itoa(acme.ID))
			if err != nil || len(hist) != 1 || hist[0].Action != "org.create" || hist[0].Hash == "" {
				t.Errorf("history = %+v (err %v)", hist, err)
			}
		})

		t.Run("concurrent audit writers keep one chain", func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			for i := 0; i < 8; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					_, err := s.CreateOrg(ctx, sys, account.Organisation{Kind: account.KindExporter, Name: "Parallel " + itoa(int64(i)), Country: "FR"})
					errs <- err
				}(i)
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Errorf("chain after concurrent writes: %v", err)
			}
		})

		t.Run("settings", func(t *testing.T) {
			if err := db.SetSetting(ctx, "demo", "true", audit.Event{Action: "setting.set"}); err != nil {
				t.Fatal(err)
			}
			if err := db.SetSetting(ctx, "demo", "false", audit.Event{Action: "setting.set"}); err != nil {
				t.Fatal(err)
			}
			if v, err := db.Setting(ctx, "demo"); v != "false" || err != nil {
				t.Errorf("setting = %q, %v", v, err)
			}
			if v, err := db.Setting(ctx, "absent"); v != "" || err != nil {
				t.Errorf("absent setting = %q, %v", v, err)
			}
		})
	})
}

// TestAuditTamper changes, removes and reorders stored events behind the
// application's back; verification names the first bad one.
func TestAuditTamper(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			tests := []struct {
				name    string
				sql     string
				wantSeq int64
			}{
				{"altered", `UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 5`, 5},
				{"removed", `DELETE FROM audit_events WHERE seq = 7`, 7},
				{"tail removed", `DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)`, -1},
				// Swap two events through a free number (the key is checked per row).
				{"reordered", `UPDATE audit_events SET seq = -1 WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = -1`, 3},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					dsn := e.DSN(t)
					db, err := store.Open(context.Background(), dsn)
					if err != nil {
						t.Fatal(err)
					}
					defer db.Close()
					if _, err := db.Migrate(context.Background()); err != nil {
						t.Fatal(err)
					}
					newService(t, db)
					total, err := db.VerifyAudit(context.Background())
					if err != nil {
						t.Fatal(err)
					}
					raw := rawDB(t, dsn)
					if _, err := raw.Exec(tt.sql); err != nil {
						t.Fatal(err)
					}
					_, err = db.VerifyAudit(context.Background())
					var p *audit.Problem
					if !errors.As(err, &p) {
						t.Fatalf("tampered chain verified: %v", err)
					}
					want := tt.wantSeq
					if want < 0 {
						want = total
					}
					if p.Seq != want {
						t.Errorf("first bad event = %d (%s), want %d", p.Seq, p.Reason, want)
					}
				})
			}
		})
	}
}

func rawDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, src := "pgx", dsn
	if strings.HasPrefix(dsn, "sqlite:") {
		driver, src = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
	}
	raw, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
