package store

import (
	"context"
	"testing"
)

// A migration that fails half-way leaves the database as it was before it.
func TestMigrationIsAtomic(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+t.TempDir()+"/m.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms := []Migration{
		{Version: 1, Name: "one", SQL: "CREATE TABLE one (x INTEGER);"},
		{Version: 2, Name: "two", SQL: "CREATE TABLE two (x INTEGER); INSERT INTO one VALUES (1); CREATE TABLE broken (;"},
	}
	applied, err := db.apply(ctx, ms)
	if err == nil {
		t.Fatal("broken migration succeeded")
	}
	if len(applied) != 1 || applied[0] != 1 {
		t.Errorf("applied = %v, want [1]", applied)
	}
	if v, _ := db.SchemaVersion(ctx); v != 1 {
		t.Errorf("schema version = %d, want 1", v)
	}
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'two'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("table from the failed migration exists (n=%d, err=%v)", n, err)
	}
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM one`).Scan(&n); err != nil || n != 0 {
		t.Errorf("row from the failed migration exists (n=%d, err=%v)", n, err)
	}
}

func TestMigrationFilesMatch(t *testing.T) {
	s, err := Migrations(SQLite)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Migrations(Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != len(p) || len(s) == 0 {
		t.Fatalf("%d sqlite and %d postgres migrations", len(s), len(p))
	}
	for i := range s {
		if s[i].Version != p[i].Version || s[i].Name != p[i].Name {
			t.Errorf("migration %d: sqlite %04d_%s, postgres %04d_%s", i, s[i].Version, s[i].Name, p[i].Version, p[i].Name)
		}
	}
}
