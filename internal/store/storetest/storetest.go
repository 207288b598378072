// Package storetest opens fresh, migrated databases for tests: SQLite always,
// and PostgreSQL whenever DUALUSE_TEST_POSTGRES holds a server URL (required
// under CI=true). Each call gets its own database, dropped at cleanup.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/dualuse/dualuse/internal/store"
)

// Engine is one database engine to run tests on.
type Engine struct {
	Name string
	// DSN returns the address of a fresh, empty database on this engine.
	DSN func(t testing.TB) string
}

// Engines returns SQLite and, when configured, PostgreSQL.
func Engines(t testing.TB) []Engine {
	t.Helper()
	es := []Engine{{Name: "sqlite", DSN: func(t testing.TB) string {
		return "sqlite:" + filepath.Join(t.TempDir(), "dualuse.db")
	}}}
	pg := os.Getenv("DUALUSE_TEST_POSTGRES")
	if pg == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("DUALUSE_TEST_POSTGRES is not set: PostgreSQL tests are required in CI")
		}
		t.Log("SKIPPING PostgreSQL: set DUALUSE_TEST_POSTGRES=postgres://... to run these tests on it too")
		return es
	}
	return append(es, Engine{Name: "postgres", DSN: func(t testing.TB) string { return freshPostgres(t, pg) }})
}

// freshPostgres creates a new database on the server at base and drops it
// when the test ends.
func freshPostgres(t testing.TB, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "dualuse_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating test database on %s: %v", base, err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		if _, err := a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a fresh, migrated database on the engine, closed at cleanup.
func Open(t testing.TB, e Engine) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), e.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// ForEach runs fn as a subtest on a fresh database of every engine.
func ForEach(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines(t) {
		t.Run(e.Name, func(t *testing.T) { fn(t, Open(t, e)) })
	}
}
