package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migration is one numbered schema change for one engine.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations of a dialect in order. Files
// are named NNNN_name.DIALECT.sql; every number exists for both engines.
func Migrations(d Dialect) ([]Migration, error) {
	files, err := fs.Glob(migrationFS, "migrations/*."+string(d)+".sql")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, f := range files {
		base := strings.TrimSuffix(strings.TrimPrefix(f, "migrations/"), "."+string(d)+".sql")
		num, name, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration file %s: want NNNN_name.%s.sql", f, d)
		}
		b, err := migrationFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("store: %s migrations: expected number %d, found %d (%s)", d, i+1, m.Version, m.Name)
		}
	}
	return ms, nil
}

// Migrate applies every migration not yet applied, each in its own
// transaction: a failed migration leaves the database as it was. It returns
// the versions it applied. Replicas starting together on PostgreSQL take an
// advisory lock, so each migration runs once.
func (db *DB) Migrate(ctx context.Context) ([]int, error) {
	ms, err := Migrations(db.Dialect)
	if err != nil {
		return nil, err
	}
	return db.apply(ctx, ms)
}

// apply runs the given migrations in order, skipping those already applied.
func (db *DB) apply(ctx context.Context, ms []Migration) ([]int, error) {
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`
	if db.Dialect == Postgres {
		create = strings.Replace(create, "TIMESTAMP", "TIMESTAMPTZ", 1)
	}
	if err := db.inTx(ctx, func(tx *Tx) error {
		if db.Dialect == Postgres {
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(8210)`); err != nil {
				return err
			}
		}
		_, err := tx.exec(ctx, create)
		return err
	}); err != nil {
		return nil, fmt.Errorf("store: creating schema_migrations: %w", err)
	}
	var applied []int
	for _, m := range ms {
		done := false
		err := db.inTx(ctx, func(tx *Tx) error {
			if db.Dialect == Postgres {
				if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(8210)`); err != nil {
					return err
				}
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := tx.exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.Version, m.Name, time.Now().UTC())
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("store: migration %04d_%s failed, database left at the version before it: %w", m.Version, m.Name, err)
		}
		if !done {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

// SchemaVersion returns the newest applied migration, 0 for none.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: reading schema version: %w", err)
	}
	return v, nil
}
