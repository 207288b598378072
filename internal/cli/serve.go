package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/store"
)

func init() {
	commands["serve"] = command{summary: "run the web UI and JSON API", run: runServe}
	commands["migrate"] = command{summary: "apply the database migrations and exit", run: runMigrate}
}

// DefaultDataDir is the reference data folder on our machines.
const DefaultDataDir = "../shared/data"

// dbFlag adds --db (env DUALUSE_DB).
func dbFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("db", envOr(env, "DUALUSE_DB", store.DefaultDSN), "database: sqlite:PATH or a postgres:// URL (env DUALUSE_DB)")
}

// dataFlag adds --data (env DUALUSE_DATA).
func dataFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("data", envOr(env, "DUALUSE_DATA", DefaultDataDir), "reference data folder (env DUALUSE_DATA)")
}

// logFlags adds --log-format and --log-level and returns a constructor.
func logFlags(fs *flag.FlagSet, env *Env) func(w io.Writer) (*slog.Logger, error) {
	format := fs.String("log-format", envOr(env, "DUALUSE_LOG_FORMAT", "text"), "log format: text or json (env DUALUSE_LOG_FORMAT)")
	level := fs.String("log-level", envOr(env, "DUALUSE_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env DUALUSE_LOG_LEVEL)")
	return func(w io.Writer) (*slog.Logger, error) {
		var lv slog.Level
		if err := lv.UnmarshalText([]byte(*level)); err != nil {
			return nil, usageError("--log-level: %v", err)
		}
		opts := &slog.HandlerOptions{Level: lv}
		switch *format {
		case "text":
			return slog.New(slog.NewTextHandler(w, opts)), nil
		case "json":
			return slog.New(slog.NewJSONHandler(w, opts)), nil
		}
		return nil, usageError("--log-format must be text or json, not %q", *format)
	}
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve")
	var cfg app.Config
	fs.StringVar(&cfg.Addr, "addr", envOr(env, "DUALUSE_ADDR", "127.0.0.1:8080"), "listen address HOST:PORT (env DUALUSE_ADDR)")
	dsn, data := dbFlag(fs, env), dataFlag(fs, env)
	fs.BoolVar(&cfg.Demo, "demo", envOr(env, "DUALUSE_DEMO", "") == "true", "seed the fictional demo data set and print its accounts (env DUALUSE_DEMO=true)")
	fs.BoolVar(&cfg.SecureCookies, "secure-cookies", envOr(env, "DUALUSE_SECURE_COOKIES", "") == "true", "mark cookies Secure (behind a TLS proxy) (env DUALUSE_SECURE_COOKIES=true)")
	var lists stringList
	fs.Var(&lists, "lists", "sanctions list file or folder, recognised by content (repeatable; default DATA/sanctions)")
	fs.StringVar(&cfg.PreviousControlList, "controllist-previous", envOr(env, "DUALUSE_CONTROLLIST_PREVIOUS", ""), "an older Annex I file, so that entry pages say what changed (env DUALUSE_CONTROLLIST_PREVIOUS)")
	var origins stringList
	fs.Var(&origins, "trusted-origin", "origin allowed to send cross-origin form posts, repeatable (e.g. https://portal.example)")
	fs.DurationVar(&cfg.ShutdownGrace, "shutdown-grace", 20*time.Second, "how long in-flight requests may run after SIGTERM")
	newLog := logFlags(fs, env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	cfg.DSN, cfg.DataDir, cfg.TrustedOrigins, cfg.ListPaths = *dsn, *data, origins, lists
	log, err := newLog(env.Stderr)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx, func(addr net.Addr) {
		fmt.Fprintf(env.Stdout, "dualuse serving on http://%s (database %s)\n", addr, cfg.DSN)
		if len(a.DemoAccounts) > 0 {
			fmt.Fprintln(env.Stdout, "\nDemo accounts (fictional demo data; passwords are public):")
			for _, d := range a.DemoAccounts {
				org := d.Org
				if org == "" {
					org = "-"
				}
				fmt.Fprintf(env.Stdout, "  %-12s %-30s %-26s %s\n", d.Role, d.Email, d.Password, org)
			}
			fmt.Fprintln(env.Stdout)
		}
	})
}

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "migrate")
	dsn := dbFlag(fs, env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "applied %d migrations; schema version %d\n", len(applied), v)
	return nil
}
