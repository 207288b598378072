package app_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/datatest"
	"github.com/dualuse/dualuse/internal/screening/source"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

// A running server picks up a list version that 'dualuse lists update' (or
// another replica) activated in the shared database.
func TestServerPicksUpNewListVersions(t *testing.T) {
	dsn := storetest.Engines(t)[0].DSN(t)
	a, err := app.Open(context.Background(), app.Config{Addr: "127.0.0.1:0", DSN: dsn, DataDir: datatest.Dir(t), ListPaths: testLists(t), ListPoll: 50 * time.Millisecond}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, nil) }()
	defer func() { cancel(); <-done }()

	if got := a.Screening.Engine.Lists(); len(got) != 1 || got[0].Source != "un_sc" {
		t.Fatalf("lists at start: %+v", got)
	}
	res, err := source.Load(datatest.Path(t, "sanctions", "us_bis_dpl"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Lists.Record(context.Background(), auth.System(), res.Lists); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(a.Screening.Engine.Lists()) != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("new list version not picked up: %+v", a.Screening.Engine.Lists())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
