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
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/api"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/country"
	"github.com/dualuse/dualuse/internal/demo"
	"github.com/dualuse/dualuse/internal/determination"
	"github.com/dualuse/dualuse/internal/server"
	"github.com/dualuse/dualuse/internal/store"
	"github.com/dualuse/dualuse/internal/web"
)

// Config is how dualuse is run.
type Config struct {
	Addr           string        // --addr
	DSN            string        // --db
	DataDir        string        // --data
	Demo           bool          // --demo
	SecureCookies  bool          // --secure-cookies
	TrustedOrigins []string      // --trusted-origin
	ShutdownGrace  time.Duration // --shutdown-grace
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
	Handler     http.Handler
	API         *api.API
	Web         *web.Web
	// DemoAccounts are the demo users, when --demo seeded them.
	DemoAccounts []demo.Account
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
	a.Accounts = &account.Service{Store: a.DB, Countries: a.Countries, Argon2: auth.DefaultArgon2}
	if _, err := a.Accounts.SeedAuthorities(ctx); err != nil {
		return nil, fmt.Errorf("seeding authorities: %w", err)
	}
	if cfg.Demo {
		if a.DemoAccounts, err = demo.Seed(ctx, a.Accounts, a.DB); err != nil {
			return nil, err
		}
	}
	srvCfg := server.Config{SecureCookies: cfg.SecureCookies, TrustedOrigins: cfg.TrustedOrigins}
	a.API = &api.API{Accounts: a.Accounts, ControlList: a.ControlList, Determiner: a.Determiner, Log: log}
	a.Web = &web.Web{Accounts: a.Accounts, ControlList: a.ControlList, Determiner: a.Determiner, Log: log, SessionCookie: func(r *http.Request, s string) *http.Cookie {
		return server.SessionCookieFor(r, srvCfg, s)
	}}
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
		return fmt.Errorf("Annex II: %w", err)
	}
	emb, err := country.LoadEmbargoes(dataDir)
	if err != nil {
		return fmt.Errorf("embargoes: %w", err)
	}
	a.ControlList = controllist.NewService(controllist.NewIndex(list))
	a.Determiner = determination.New(list, annex, emb, a.Countries)
	return nil
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
	if a.Countries == nil || a.ControlList == nil || a.Determiner == nil {
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
	return server.Serve(ctx, a.Config.Addr, a.Handler, a.Log, a.Config.ShutdownGrace, listening)
}

// Close releases the database.
func (a *App) Close() error {
	if a.DB != nil {
		return a.DB.Close()
	}
	return nil
}
