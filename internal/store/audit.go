package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/dualuse/dualuse/internal/audit"
)

// appendAudit adds ev to the audit chain inside tx. Updating the single head
// row first serialises concurrent writers on both engines, so the chain has
// no forks even with several replicas on one PostgreSQL.
func (t *Tx) appendAudit(ctx context.Context, ev audit.Event, objectID int64) error {
	if ev.ObjectID == "" && objectID != 0 {
		ev.ObjectID = strconv.FormatInt(objectID, 10)
	}
	var seq int64
	var prev string
	if err := t.queryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&seq, &prev); err != nil {
		return fmt.Errorf("store: advancing audit head: %w", err)
	}
	ev.Seq, ev.PrevHash = seq, prev
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	ev.Normalize()
	ev.Hash = audit.ComputeHash(prev, ev)
	if _, err := t.exec(ctx, `INSERT INTO audit_events (seq, at, actor_id, actor_email, org_id, action, object_type, object_id, summary, request_id, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.Seq, ev.At, ev.ActorID, ev.ActorEmail, ev.OrgID, ev.Action, ev.ObjectType, ev.ObjectID, ev.Summary, ev.RequestID, ev.PrevHash, ev.Hash); err != nil {
		return fmt.Errorf("store: writing audit event: %w", err)
	}
	if _, err := t.exec(ctx, `UPDATE audit_head SET hash = ? WHERE id = 1`, ev.Hash); err != nil {
		return fmt.Errorf("store: updating audit head: %w", err)
	}
	return nil
}

const auditColumns = `seq, at, actor_id, actor_email, org_id, action, object_type, object_id, summary, request_id, prev_hash, hash`

func scanEvent(sc interface{ Scan(...any) error }) (audit.Event, error) {
	var e audit.Event
	err := sc.Scan(&e.Seq, &e.At, &e.ActorID, &e.ActorEmail, &e.OrgID, &e.Action, &e.ObjectType, &e.ObjectID, &e.Summary, &e.RequestID, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// AuditHistory returns the events about one object, oldest first.
func (db *DB) AuditHistory(ctx context.Context, objectType, objectID string) ([]audit.Event, error) {
	return db.events(ctx, `WHERE object_type = ? AND object_id = ?`, objectType, objectID)
}

// OrgHistory returns the events of an organisation and everything in it.
func (db *DB) OrgHistory(ctx context.Context, orgID int64) ([]audit.Event, error) {
	return db.events(ctx, `WHERE org_id = ?`, orgID)
}

func (db *DB) events(ctx context.Context, where string, args ...any) ([]audit.Event, error) {
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_events `+where+` ORDER BY seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading audit history: %w", err)
	}
	defer rows.Close()
	var out []audit.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reading audit history: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyAudit recomputes the whole chain in stored order. It returns the
// number of intact events, and an *audit.Problem naming the first bad event.
func (db *DB) VerifyAudit(ctx context.Context) (int64, error) {
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_events ORDER BY seq`)
	if err != nil {
		return 0, fmt.Errorf("store: reading audit events: %w", err)
	}
	defer rows.Close()
	v := audit.NewVerifier()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return v.Count(), &audit.Problem{Seq: v.Count() + 1, Reason: fmt.Sprintf("row cannot be read: %v", err)}
		}
		if err := v.Add(e); err != nil {
			return v.Count(), err
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count(), fmt.Errorf("store: reading audit events: %w", err)
	}
	var headSeq int64
	var headHash string
	if err := db.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return v.Count(), fmt.Errorf("store: reading audit head: %w", err)
	}
	return v.Count(), v.Finish(headSeq, headHash)
}
