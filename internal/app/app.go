// Package app wires dualuse together: it opens the database, loads the
// reference data, builds the services and the HTTP handler. The CLI and the
// end-to-end tests both start dualuse through it.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/api"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/country"
	"github.com/dualuse/dualuse/internal/demo"
	"github.com/dualuse/dualuse/internal/determination"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/product"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
	"github.com/dualuse/dualuse/internal/server"
	"github.com/dualuse/dualuse/internal/store"
	"github.com/dualuse/dualuse/internal/web"
)

// Config is how dualuse is run.
type Config struct {
	Addr           string        // --addr
	DSN            string        // --db
	DataDir        string        // --data
	ListPaths      []string      // --lists: sanctions list files or folders; default DataDir/sanctions
	Demo           bool          // --demo
	SecureCookies  bool          // --secure-cookies
	TrustedOrigins []string      // --trusted-origin
	ShutdownGrace  time.Duration // --shutdown-grace
	ListPoll       time.Duration // how often to look for new list versions; default 30s
	// PreviousControlList is an older Annex I file (--controllist-previous):
	// entry pages then say what changed in the version in service.
	PreviousControlList string
}

// App is a running dualuse.
type App struct {
	Config    Config
	Log       *slog.Logger
	DB        *store.DB
	Countries *country.Registry
	Accounts  *account.Service
	// ControlList serves the EU Annex I; Determiner answers "do I need a licence?".
	ControlList *controllist.Service
	Determiner  *determination.Determiner
	// Screening screens parties against the sanctions lists; Lists keeps
	// their versions and the hits raised against stored parties.
	Screening *screening.Service
	Lists     *listversion.Service
	listStamp string
	Handler   http.Handler
	API       *api.API
	Web       *web.Web
	// DemoAccounts are the demo users, when --demo seeded them.
	DemoAccounts []demo.Account
	// Products is the exporters' product registry.
	Products *product.Service
}

// Open opens the database (migrating it), loads the reference data and
// builds the handler.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (_ *App, err error) {
	a := &App{Config: cfg, Log: log}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if a.Countries, err = LoadCountries(cfg.DataDir); err != nil {
		return nil, err
	}
	if err := a.loadControlList(cfg.DataDir); err != nil {
		return nil, err
	}
	if a.DB, err = OpenDB(ctx, cfg.DSN, log); err != nil {
		return nil, err
	}
	a.Accounts = &account.Service{Store: a.DB, Countries: a.Countries, Argon2: auth.DefaultArgon2, CacheTTL: 5 * time.Second}
	if err := a.loadLists(ctx); err != nil {
		return nil, err
	}
	if _, err := a.Accounts.SeedAuthorities(ctx); err != nil {
		return nil, fmt.Errorf("seeding authorities: %w", err)
	}
	a.Products = &product.Service{Store: a.DB, Lists: a.ControlList}
	if cfg.Demo {
		if a.DemoAccounts, err = demo.Seed(ctx, a.Accounts, a.DB); err != nil {
			return nil, err
		}
		if err := demo.SeedProducts(ctx, a.Accounts, a.Products, a.DB); err != nil {
			return nil, err
		}
	}
	srvCfg := server.Config{SecureCookies: cfg.SecureCookies, TrustedOrigins: cfg.TrustedOrigins}
	a.API = &api.API{Accounts: a.Accounts, ControlList: a.ControlList, Determiner: a.Determiner, Screening: a.Screening, Lists: a.Lists, Log: log}
	a.Web = &web.Web{Accounts: a.Accounts, ControlList: a.ControlList, Determiner: a.Determiner, Screening: a.Screening, Lists: a.Lists, Log: log, SessionCookie: func(r *http.Request, s string) *http.Cookie {
		return server.SessionCookieFor(r, srvCfg, s)
	}}
	a.API.Products, a.Web.Products = a.Products, a.Products
	apiH, webH := a.API, a.Web
	var webErr error
	a.Handler, err = server.New(srvCfg, server.Deps{
		Log: log, Accounts: a.Accounts, Ready: a.Ready,
		Mount: []func(*http.ServeMux){apiH.Register, func(m *http.ServeMux) { webErr = webH.Register(m) }},
	})
	if err != nil {
		return nil, err
	}
	if webErr != nil {
		return nil, fmt.Errorf("web templates: %w", webErr)
	}
	return a, nil
}

// LoadCountries reads the country registry from the reference data folder,
// with a message that says how to get the folder when it is missing.
func LoadCountries(dataDir string) (*country.Registry, error) {
	if _, err := os.Stat(dataDir); err != nil {
		return nil, fmt.Errorf("reference data folder %q not found: pass --data DIR (on our machines ../shared/data) or fill one with 'dualuse data fetch --to DIR'", dataDir)
	}
	return country.Load(dataDir)
}

// loadControlList reads the EU Annex I, builds its search index, and the
// Annex II authorisations and embargo table the determination needs.
func (a *App) loadControlList(dataDir string) error {
	list, err := controllist.LoadEUAnnexI(dataDir)
	if err != nil {
		return fmt.Errorf("control list: %w", err)
	}
	annex, err := determination.LoadAnnexII(dataDir)
	if err != nil {
		return fmt.Errorf("annex II: %w", err)
	}
	emb, err := country.LoadEmbargoes(dataDir)
	if err != nil {
		return fmt.Errorf("embargoes: %w", err)
	}
	a.ControlList = controllist.NewService(controllist.NewIndex(list))
	if p := a.Config.PreviousControlList; p != "" {
		old, err := controllist.LoadAnnexI(p)
		if err != nil {
			return fmt.Errorf("previous control list: %w", err)
		}
		a.ControlList.SetPrevious(old)
	}
	a.Determiner = determination.New(list, annex, emb, a.Countries)
	return nil
}

// loadLists builds the screening index from the list versions in the
// database. A database without any (a new installation) first records the
// lists found in the list paths (default DataDir/sanctions) as its first
// versions; 'dualuse lists update' adds newer ones later, and a running
// server picks them up (see watchLists).
func (a *App) loadLists(ctx context.Context) error {
	start := time.Now()
	a.Lists = &listversion.Service{Store: a.DB}
	lists, err := a.Lists.ActiveAll(ctx)
	if err != nil {
		return fmt.Errorf("sanctions lists: %w", err)
	}
	if len(lists) == 0 {
		paths := a.Config.ListPaths
		if len(paths) == 0 {
			paths = []string{filepath.Join(a.Config.DataDir, "sanctions")}
		}
		res, err := source.Load(paths...)
		if err != nil {
			return fmt.Errorf("sanctions lists: %w", err)
		}
		for _, f := range res.Failed {
			a.Log.Warn("sanctions list not loaded", "err", f)
		}
		lists = res.Lists
		if _, err := a.Lists.Record(ctx, auth.System(), res.Lists); err != nil {
			// A replica starting at the same time may have recorded them
			// first (one active version per list is a unique index).
			if lists, _ = a.Lists.ActiveAll(ctx); len(lists) == 0 {
				return fmt.Errorf("recording sanctions lists: %w", err)
			}
		}
	}
	eng := screening.New(lists...)
	a.Log.Info("sanctions lists loaded", "lists", len(lists), "entities", eng.Size(), "duration", time.Since(start).Round(time.Millisecond))
	a.Screening = &screening.Service{Engine: eng}
	a.listStamp, err = a.DB.ActiveStamp(ctx)
	return err
}

// watchLists swaps in the list versions that 'dualuse lists update' (or
// another replica) activated, checking every interval until ctx ends.
func (a *App) watchLists(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		stamp, err := a.DB.ActiveStamp(ctx)
		if err != nil || stamp == a.listStamp {
			continue
		}
		lists, err := a.Lists.ActiveAll(ctx)
		if err != nil {
			a.Log.Warn("reloading sanctions lists", "err", err)
			continue
		}
		a.Screening.Engine.Replace(lists...)
		a.listStamp = stamp
		a.Log.Info("sanctions lists reloaded", "lists", len(lists), "entities", a.Screening.Engine.Size())
	}
}

// OpenDB opens and migrates the database.
func OpenDB(ctx context.Context, dsn string, log *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("database migrated", "applied", applied)
	}
	return db, nil
}

// Ready reports whether the database answers and the reference data is loaded.
func (a *App) Ready(ctx context.Context) error {
	if a.Countries == nil || a.ControlList == nil || a.Determiner == nil || a.Screening == nil {
		return errors.New("reference data not loaded")
	}
	if err := a.DB.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}

// Run serves until ctx ends, then shuts down gracefully. listening, when
// not nil, gets the bound address.
func (a *App) Run(ctx context.Context, listening func(net.Addr)) error {
	every := a.Config.ListPoll
	if every <= 0 {
		every = 30 * time.Second
	}
	go a.watchLists(ctx, every)
	// One P more than the screening engine has slots (one per core). With
	// as many Ps as cores, every P is busy screening under load, and Go
	// polls the network only when a P runs out of work, so requests are
	// read in bursts and served out of order: with 50 clients in a closed
	// loop on two cores, p99 was 3.7 times the mean latency. The spare P
	// reads each request as it comes, and the queries then wait for a slot
	// in order of arrival (BENCHMARKS.md: p99 29 → 18 ms at the same rate).
	if runtime.GOMAXPROCS(0) == screening.Cores() {
		runtime.GOMAXPROCS(screening.Cores() + 1)
	}
	return server.Serve(ctx, a.Config.Addr, a.Handler, a.Log, a.Config.ShutdownGrace, listening)
}

// Close releases the database.
func (a *App) Close() error {
	if a.DB != nil {
		return a.DB.Close()
	}
	return nil
}
