// Package audit is dualuse's tamper-evident audit trail: every state-changing
// action records an Event in the same transaction as the change, and events
// are hash-chained so that any altered, removed or reordered row is found by
// Verify.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Event is one audited action.
type Event struct {
	Seq        int64     // position in the chain, from 1, without gaps
	At         time.Time // UTC, microsecond precision
	ActorID    int64     // user who acted; 0 for the system (CLI, migrations)
	ActorEmail string
	OrgID      int64  // organisation the changed object belongs to; 0 for none
	Action     string // e.g. "user.create"
	ObjectType string // e.g. "user"
	ObjectID   string
	Summary    string // human-readable summary of the change
	RequestID  string
	PrevHash   string // hex SHA-256 of the previous event; "" for the first
	Hash       string // hex SHA-256 over PrevHash and the fields above
}

// Normalize rounds the time to what every database keeps (microseconds, UTC).
func (e *Event) Normalize() {
	e.At = e.At.UTC().Truncate(time.Microsecond)
}

// ComputeHash returns the hash of e chained onto prevHash. The encoding is a
// JSON array of the fields in a fixed order, so the same event always hashes
// the same on every engine.
func ComputeHash(prevHash string, e Event) string {
	fields := []string{
		prevHash,
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10),
		e.ActorEmail,
		strconv.FormatInt(e.OrgID, 10),
		e.Action,
		e.ObjectType,
		e.ObjectID,
		e.Summary,
		e.RequestID,
	}
	b, _ := json.Marshal(fields) // marshalling strings cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Problem says which event breaks the chain and how.
type Problem struct {
	Seq    int64 // the first bad event (or, for a missing tail, the expected one)
	Reason string
}

func (p *Problem) Error() string { return fmt.Sprintf("audit event %d: %s", p.Seq, p.Reason) }

// Verifier checks events one by one, in stored order.
type Verifier struct {
	next     int64
	prevHash string
	count    int64
}

// NewVerifier starts a check from the first event.
func NewVerifier() *Verifier { return &Verifier{next: 1} }

// Add checks the next event and returns a *Problem for the first bad one.
func (v *Verifier) Add(e Event) error {
	switch {
	case e.Seq != v.next:
		return &Problem{Seq: v.next, Reason: fmt.Sprintf("expected event %d here, found event %d (removed or reordered)", v.next, e.Seq)}
	case e.PrevHash != v.prevHash:
		return &Problem{Seq: e.Seq, Reason: "previous-hash link does not match the event before it"}
	case ComputeHash(e.PrevHash, e) != e.Hash:
		return &Problem{Seq: e.Seq, Reason: "contents do not match the stored hash (row altered)"}
	}
	v.next++
	v.prevHash = e.Hash
	v.count++
	return nil
}

// Finish compares the end of the chain with the chain head the store keeps,
// which finds events removed from the end.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if headSeq != v.count || headHash != v.prevHash {
		return &Problem{Seq: v.count + 1, Reason: fmt.Sprintf("chain head records %d events but %d were found (events removed from the end, or head altered)", headSeq, v.count)}
	}
	return nil
}

// Count returns how many events were verified.
func (v *Verifier) Count() int64 { return v.count }

type requestIDKey struct{}

// WithRequestID returns a context carrying the request id recorded in events.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
