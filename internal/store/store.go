// Package store keeps dualuse's data in SQLite (embedded, the default) or
// PostgreSQL, with hand-written SQL that runs on both. It implements the
// Store interfaces of the domain packages; every change is written in one
// transaction together with its audit event.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/dualuse/dualuse/internal/apperr"
)

// Dialect names the SQL engine.
type Dialect string

// The supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database: a writer pool (one connection on SQLite, which has
// a single writer) and a reader pool (the same pool on PostgreSQL).
type DB struct {
	Dialect Dialect
	write   *sql.DB
	read    *sql.DB
}

// DefaultDSN is where the embedded database lives unless --db says otherwise.
const DefaultDSN = "sqlite:./dualuse-data/dualuse.db"

// Open connects to the database named by dsn: "sqlite:PATH" or a
// "postgres://" (or "postgresql://") URL. It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	}
	return nil, apperr.Field(apperr.Invalid, "db", "%q is neither sqlite:PATH nor a postgres:// URL", redact(dsn))
}

// sqlitePragmas make every committed transaction durable (WAL with
// synchronous=FULL survives power loss), wait for locks instead of failing,
// and enforce foreign keys. _txlock=immediate takes the write lock at BEGIN,
// so a transaction never fails half-way with SQLITE_BUSY.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, apperr.Field(apperr.Invalid, "db", "sqlite: needs a file path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: creating %s: %w", dir, err)
		}
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas
	w, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn+"&mode=ro")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	db := &DB{Dialect: SQLite, write: w, read: r}
	// The first connection creates the file and switches it to WAL.
	if err := w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	return db, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", redact(dsn), err)
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(10)
	p.SetConnMaxIdleTime(5 * time.Minute)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("store: connecting to %s: %w", redact(dsn), err)
	}
	return &DB{Dialect: Postgres, write: p, read: p}, nil
}

// redact hides a password in a URL for messages and logs.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// rebind turns the ? placeholders of our portable SQL into $1, $2, ... for
// PostgreSQL. Our SQL never has a literal question mark.
func (db *DB) rebind(q string) string {
	if db.Dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tx is a write transaction.
type Tx struct {
	db *DB
	tx *sql.Tx
}

// exec runs a statement.
func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.db.rebind(q), args...)
}

// queryRow runs a query returning one row.
func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.db.rebind(q), args...)
}

// inTx runs fn in a write transaction, committing when it returns nil and
// rolling back otherwise, so that nothing is half-written.
func (db *DB) inTx(ctx context.Context, fn func(*Tx) error) (err error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			return
		}
		if cerr := tx.Commit(); cerr != nil {
			err = fmt.Errorf("store: commit: %w", cerr)
		}
	}()
	return fn(&Tx{db: db, tx: tx})
}

// query runs a read query on the reader pool.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.rebind(q), args...)
}

// queryRow runs a read query returning one row on the reader pool.
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.rebind(q), args...)
}

// notFound turns sql.ErrNoRows into a NotFound error about what.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.New(apperr.NotFound, "%s not found", what)
	}
	return err
}

// isUniqueViolation reports a unique-constraint failure on either engine.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}
