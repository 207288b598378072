package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/store"
)

func init() {
	commands["orgs"] = command{summary: "manage organisations: orgs add | list", run: runOrgs}
	commands["users"] = command{summary: "manage users: users add | list", run: runUsers}
	commands["audit"] = command{summary: "check the audit trail: audit verify", run: runAudit}
}

// accountsFor opens the database and the account service for an admin command.
func accountsFor(ctx context.Context, dsn, dataDir string) (*account.Service, *store.DB, error) {
	countries, err := app.LoadCountries(dataDir)
	if err != nil {
		return nil, nil, err
	}
	db, err := app.OpenDB(ctx, dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, nil, err
	}
	s := &account.Service{Store: db, Countries: countries, Argon2: auth.DefaultArgon2}
	if _, err := s.SeedAuthorities(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	return s, db, nil
}

// subcommand splits the subcommand, one of subs, from the rest of args. A
// first word -h, --help or help prints the subcommands and ends the run.
func subcommand(env *Env, args []string, name string, subs ...string) (string, []string, error) {
	if len(args) == 0 {
		return "", nil, usageError("usage: dualuse %s %s ...", name, strings.Join(subs, "|"))
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(env.Stderr, "usage: dualuse %s %s ...\n\nRun 'dualuse %s %s -h' for a subcommand's flags.\n", name, strings.Join(subs, "|"), name, subs[0])
		return "", nil, flag.ErrHelp
	}
	for _, s := range subs {
		if args[0] == s {
			return s, args[1:], nil
		}
	}
	return "", nil, usageError("unknown subcommand %q (want %s)", args[0], strings.Join(subs, " or "))
}

func runOrgs(ctx context.Context, env *Env, args []string) error {
	sub, args, err := subcommand(env, args, "orgs", "add", "list")
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "orgs "+sub)
	dsn, data := dbFlag(fs, env), dataFlag(fs, env)
	kind := fs.String("kind", "exporter", "organisation kind: exporter, authority or commission")
	name := fs.String("name", "", "organisation name")
	ctry := fs.String("country", "", "ISO 3166 alpha-2 country of establishment (exporters) or member state (authorities)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, db, err := accountsFor(ctx, *dsn, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	if sub == "list" {
		orgs, err := s.Orgs(ctx, auth.System())
		if err != nil {
			return err
		}
		for _, o := range orgs {
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", o.ID, o.Kind, o.Country, o.Name)
		}
		return nil
	}
	o, err := s.CreateOrg(ctx, auth.System(), account.Organisation{Kind: account.OrgKind(*kind), Name: *name, Country: *ctry})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created organisation %d: %s (%s, %s)\n", o.ID, o.Name, o.Kind, o.Country)
	return nil
}

func runUsers(ctx context.Context, env *Env, args []string) error {
	sub, args, err := subcommand(env, args, "users", "add", "list")
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "users "+sub)
	dsn, data := dbFlag(fs, env), dataFlag(fs, env)
	var nu account.NewUser
	fs.StringVar(&nu.Email, "email", "", "e-mail address (sign-in name)")
	fs.StringVar(&nu.Role, "role", "", "role: exporter, officer, supervisor, commission or admin")
	fs.StringVar(&nu.Org, "org", "", "organisation name (exporter staff)")
	fs.StringVar(&nu.State, "state", "", "member state ISO alpha-2 (authority staff)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, db, err := accountsFor(ctx, *dsn, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	if sub == "list" {
		us, err := s.Users(ctx, auth.System())
		if err != nil {
			return err
		}
		for _, u := range us {
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", u.ID, u.Email, u.Role, u.Org.Name)
		}
		return nil
	}
	if !*pwStdin {
		return usageError("--password-stdin is required: pipe the password in, so that it stays out of the shell history")
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading password: %w", err)
	}
	nu.Password = strings.TrimRight(line, "\r\n")
	u, err := s.CreateUser(ctx, auth.System(), nu)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created user %d: %s (%s, %s)\n", u.ID, u.Email, u.Role, u.Org.Name)
	return nil
}

func runAudit(ctx context.Context, env *Env, args []string) error {
	_, args, err := subcommand(env, args, "audit", "verify")
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "audit verify")
	dsn := dbFlag(fs, env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.VerifyAudit(ctx)
	var p *audit.Problem
	if errors.As(err, &p) {
		return &exitError{code: 1, msg: fmt.Sprintf("audit trail BROKEN after %d intact events: %v", n, p)}
	} else if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "audit trail intact: %d events verified\n", n)
	return nil
}
