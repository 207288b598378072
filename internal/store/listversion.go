package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/listversion"
)

var _ listversion.Store = (*DB)(nil)

// AddVersion stores a list version and its entities; an active version
// supersedes the source's previous one in the same transaction.
func (db *DB) AddVersion(ctx context.Context, v *listversion.Version, entities []listversion.Stored, ev audit.Event) error {
	files, _ := json.Marshal(v.Files)
	var published any
	if !v.Published.IsZero() {
		published = v.Published.UTC()
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if v.Status == listversion.Active {
			if _, err := tx.exec(ctx, `UPDATE list_versions SET status = 'superseded' WHERE source = ? AND status = 'active'`, v.Source); err != nil {
				return fmt.Errorf("store: superseding %s: %w", v.Source, err)
			}
		}
		err := tx.queryRow(ctx, `INSERT INTO list_versions (source, hash, published, entities, issues, files, status, reason, loaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			v.Source, v.Hash, published, v.Entities, v.Issues, string(files), v.Status, v.Reason, v.LoadedAt).Scan(&v.ID)
		if err != nil {
			return fmt.Errorf("store: adding version of %s: %w", v.Source, err)
		}
		// Multi-row inserts, a few hundred rows at a time.
		const batch = 200
		for i := 0; i < len(entities); i += batch {
			part := entities[i:min(i+batch, len(entities))]
			var q strings.Builder
			q.WriteString(`INSERT INTO list_entities (version_id, source_id, name, digest, body) VALUES `)
			args := make([]any, 0, len(part)*5)
			for j, e := range part {
				if j > 0 {
					q.WriteString(", ")
				}
				q.WriteString("(?, ?, ?, ?, ?)")
				body, err := listversion.EncodeEntity(e.Entity)
				if err != nil {
					return err
				}
				args = append(args, v.ID, e.SourceID, e.Name, e.Digest, string(body))
			}
			if _, err := tx.exec(ctx, q.String(), args...); err != nil {
				return fmt.Errorf("store: adding entities of %s: %w", v.Source, err)
			}
		}
		return tx.appendAudit(ctx, ev, 0)
	})
}

const versionColumns = `id, source, hash, published, entities, issues, files, status, reason, loaded_at`

func scanVersion(sc interface{ Scan(...any) error }) (listversion.Version, error) {
	var v listversion.Version
	var published sql.NullTime
	var files string
	if err := sc.Scan(&v.ID, &v.Source, &v.Hash, &published, &v.Entities, &v.Issues, &files, &v.Status, &v.Reason, &v.LoadedAt); err != nil {
		return v, err
	}
	if published.Valid {
		v.Published = published.Time.UTC()
	}
	v.LoadedAt = v.LoadedAt.UTC()
	json.Unmarshal([]byte(files), &v.Files)
	return v, nil
}

// Versions lists a source's versions, newest first; all sources when source is "".
func (db *DB) Versions(ctx context.Context, source string) ([]listversion.Version, error) {
	rows, err := db.query(ctx, `SELECT `+versionColumns+` FROM list_versions WHERE (? = '' OR source = ?) ORDER BY source, id DESC`, source, source)
	if err != nil {
		return nil, fmt.Errorf("store: listing versions: %w", err)
	}
	defer rows.Close()
	var out []listversion.Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("store: listing versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Version returns one stored version.
func (db *DB) Version(ctx context.Context, id int64) (listversion.Version, error) {
	v, err := scanVersion(db.queryRow(ctx, `SELECT `+versionColumns+` FROM list_versions WHERE id = ?`, id))
	return v, notFound(err, "list version")
}

// Entities returns the entities of a stored version.
func (db *DB) Entities(ctx context.Context, versionID int64) ([]listversion.Stored, error) {
	rows, err := db.query(ctx, `SELECT source_id, name, digest, body FROM list_entities WHERE version_id = ? ORDER BY source_id`, versionID)
	if err != nil {
		return nil, fmt.Errorf("store: reading entities: %w", err)
	}
	defer rows.Close()
	var out []listversion.Stored
	for rows.Next() {
		var s listversion.Stored
		var body string
		if err := rows.Scan(&s.SourceID, &s.Name, &s.Digest, &body); err != nil {
			return nil, fmt.Errorf("store: reading entities: %w", err)
		}
		if s.Entity, err = listversion.DecodeEntity([]byte(body)); err != nil {
			return nil, fmt.Errorf("store: entity %s of version %d: %w", s.SourceID, versionID, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ActiveStamp changes whenever the set of active versions changes.
func (db *DB) ActiveStamp(ctx context.Context) (string, error) {
	var n, max int64
	err := db.queryRow(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0) FROM list_versions WHERE status = 'active'`).Scan(&n, &max)
	return fmt.Sprintf("%d/%d", n, max), err
}

// AddHits stores the hits not raised before and returns those it added.
func (db *DB) AddHits(ctx context.Context, hits []listversion.Hit, ev audit.Event) ([]listversion.Hit, error) {
	var added []listversion.Hit
	err := db.inTx(ctx, func(tx *Tx) error {
		added = added[:0]
		for _, h := range hits {
			err := tx.queryRow(ctx, `INSERT INTO screening_hits (org_id, party, source, source_id, listed_name, score, version, status, raised_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, party, source, source_id) DO NOTHING RETURNING id`,
				h.OrgID, h.Party, h.Source, h.SourceID, h.ListedName, h.Score, h.Version, h.Status, h.RaisedAt).Scan(&h.ID)
			if err == sql.ErrNoRows {
				continue
			} else if err != nil {
				return fmt.Errorf("store: raising hit: %w", err)
			}
			added = append(added, h)
		}
		if len(added) == 0 {
			return nil
		}
		ev.Summary += fmt.Sprintf("; %d new hits", len(added))
		return tx.appendAudit(ctx, ev, 0)
	})
	return added, err
}

// Hits lists the hits of the given organisations, newest first.
func (db *DB) Hits(ctx context.Context, orgIDs []int64) ([]listversion.Hit, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(orgIDs))
	for i, id := range orgIDs {
		args[i] = id
	}
	rows, err := db.query(ctx, `SELECT id, org_id, party, source, source_id, listed_name, score, version, status, raised_at FROM screening_hits
		WHERE org_id IN (?`+strings.Repeat(", ?", len(orgIDs)-1)+`) ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing hits: %w", err)
	}
	defer rows.Close()
	var out []listversion.Hit
	for rows.Next() {
		var h listversion.Hit
		var at time.Time
		if err := rows.Scan(&h.ID, &h.OrgID, &h.Party, &h.Source, &h.SourceID, &h.ListedName, &h.Score, &h.Version, &h.Status, &at); err != nil {
			return nil, fmt.Errorf("store: listing hits: %w", err)
		}
		h.RaisedAt = at.UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}
