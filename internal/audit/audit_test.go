package audit_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/audit"
)

func chain(n int) []audit.Event {
	var evs []audit.Event
	prev := ""
	for i := 1; i <= n; i++ {
		e := audit.Event{Seq: int64(i), At: time.Date(2026, 1, 2, 3, 4, 5, i*1000, time.UTC), ActorID: 7, Action: "user.create", ObjectType: "user", ObjectID: "1", Summary: "x", PrevHash: prev}
		e.Hash = audit.ComputeHash(prev, e)
		prev = e.Hash
		evs = append(evs, e)
	}
	return evs
}

func TestVerifier(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func([]audit.Event) []audit.Event
		wantSeq int64 // 0 = intact
		want    string
	}{
		{"intact", func(e []audit.Event) []audit.Event { return e }, 0, ""},
		{"altered", func(e []audit.Event) []audit.Event { e[2].Summary = "y"; return e }, 3, "altered"},
		{"removed", func(e []audit.Event) []audit.Event { return append(e[:1], e[2:]...) }, 2, "removed"},
		{"reordered", func(e []audit.Event) []audit.Event { e[1], e[2] = e[2], e[1]; return e }, 2, "reordered"},
		{"tail removed", func(e []audit.Event) []audit.Event { return e[:4] }, 5, "removed from the end"},
		{"rehashed but relinked", func(e []audit.Event) []audit.Event {
			e[1].Summary = "y"
			e[1].Hash = audit.ComputeHash(e[1].PrevHash, e[1])
			return e
		}, 3, "previous-hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full := chain(5)
			head := full[4]
			evs := tt.mutate(chain(5))
			v := audit.NewVerifier()
			var err error
			for _, e := range evs {
				if err = v.Add(e); err != nil {
					break
				}
			}
			if err == nil {
				err = v.Finish(head.Seq, head.Hash)
			}
			if tt.wantSeq == 0 {
				if err != nil {
					t.Fatalf("intact chain: %v", err)
				}
				return
			}
			p, ok := err.(*audit.Problem)
			if !ok || p.Seq != tt.wantSeq || !strings.Contains(p.Reason, tt.want) {
				t.Fatalf("err = %v, want problem at %d containing %q", err, tt.wantSeq, tt.want)
			}
		})
	}
}
