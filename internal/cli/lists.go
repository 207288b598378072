package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"text/tabwriter"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/refdata"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
	"github.com/dualuse/dualuse/internal/store"
)

func init() {
	commands["lists"] = command{summary: "sanctions list versions: lists update | import | status | diff", run: runLists}
}

func runLists(ctx context.Context, env *Env, args []string) error {
	sub, args, err := subcommand(env, args, "lists", "update", "import", "status", "diff")
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "lists "+sub)
	dsn := dbFlag(fs, env)
	var paths, srcs stringList
	if sub == "import" {
		fs.Var(&paths, "lists", "list file or folder to record as a new version (repeatable)")
	}
	if sub == "update" {
		fs.Var(&srcs, "source", "NAME=URL: download source NAME from URL instead (repeatable; see 'dualuse data sources')")
	}
	var from, to int64
	var src string
	var asJSON bool
	if sub == "diff" {
		fs.Int64Var(&from, "from", 0, "the older version's id (default: the one before --to)")
		fs.Int64Var(&to, "to", 0, "the newer version's id (default: the newest)")
		fs.StringVar(&src, "source-list", "", "the list, e.g. us_ofac_sdn (needed without --to)")
	}
	if sub == "diff" || sub == "status" {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	s := &listversion.Service{Store: db}
	switch sub {
	case "status":
		return listStatus(ctx, env, db, asJSON)
	case "diff":
		return listDiff(ctx, env, s, src, from, to, asJSON)
	case "import":
		if len(paths) == 0 {
			return usageError("--lists PATH is required")
		}
		return recordLists(ctx, env, db, s, paths)
	}
	over, err := sourceOverrides(srcs)
	if err != nil {
		return err
	}
	staging, err := os.MkdirTemp("", "dualuse-lists-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	results, ferr := refdata.Fetch(ctx, &http.Client{Timeout: 5 * time.Minute}, staging, refdata.Sources, over)
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(env.Stderr, "download failed, previous version stays in service: %s: %s\n", r.Name, r.Error)
		}
	}
	if err := recordLists(ctx, env, db, s, []string{staging}); err != nil {
		return err
	}
	return ferr
}

// recordLists loads lists, records them as versions, and screens every
// stored party again when any list changed.
func recordLists(ctx context.Context, env *Env, db *store.DB, s *listversion.Service, paths []string) error {
	res, err := source.Load(paths...)
	if err != nil {
		return err
	}
	for _, f := range res.Failed {
		fmt.Fprintf(env.Stderr, "list not loaded, previous version stays in service: %v\n", f)
	}
	outcomes, err := s.Record(ctx, auth.System(), res.Lists)
	if err != nil {
		return err
	}
	changed := false
	for _, o := range outcomes {
		line := fmt.Sprintf("%-22s %-10s %6d entities  %s", o.Source, o.Result, o.Entities, o.Version)
		if o.Reason != "" {
			line += "  HELD: " + o.Reason
		}
		fmt.Fprintln(env.Stdout, line)
		changed = changed || o.Result == "new" || o.Result == listversion.Active
	}
	if changed {
		lists, err := s.ActiveAll(ctx)
		if err != nil {
			return err
		}
		orgs, err := db.Orgs(ctx, account.OrgFilter{Kind: account.KindExporter})
		if err != nil {
			return err
		}
		hits, err := s.Rescreen(ctx, auth.System(), screening.New(lists...), listversion.Exporters(orgs))
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "re-screened %d stored parties: %d new hits\n", len(orgs), len(hits))
		for _, h := range hits {
			fmt.Fprintf(env.Stdout, "  hit: %q ~ %q (%s %s, score %.2f)\n", h.Party, h.ListedName, h.Source, h.SourceID, h.Score)
		}
	}
	if len(res.Failed) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d lists failed to load", len(res.Failed))}
	}
	return nil
}

func listStatus(ctx context.Context, env *Env, db *store.DB, asJSON bool) error {
	vs, err := db.Versions(ctx, "")
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Stdout, map[string]any{"versions": vs})
	}
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLIST\tSTATUS\tENTITIES\tPUBLISHED\tLOADED\tHASH\tREASON")
	for _, v := range vs {
		pub := "-"
		if !v.Published.IsZero() {
			pub = v.Published.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%.12s\t%s\n", v.ID, v.Source, v.Status, v.Entities, pub, v.LoadedAt.Format("2006-01-02 15:04"), v.Hash, v.Reason)
	}
	return tw.Flush()
}

func listDiff(ctx context.Context, env *Env, s *listversion.Service, src string, from, to int64, asJSON bool) error {
	if to == 0 || from == 0 {
		if src == "" && to == 0 {
			return usageError("give --source-list NAME, or --from ID --to ID")
		}
		if src == "" {
			v, err := s.Store.Version(ctx, to)
			if err != nil {
				return err
			}
			src = v.Source
		}
		vs, err := s.Store.Versions(ctx, src)
		if err != nil {
			return err
		}
		for i, v := range vs { // newest first
			if to == 0 || v.ID == to {
				to = v.ID
				if from == 0 && i+1 < len(vs) {
					from = vs[i+1].ID
				}
				break
			}
		}
		if from == 0 || to == 0 {
			return usageError("%s has fewer than two stored versions", src)
		}
	}
	d, err := s.Compare(ctx, auth.System(), from, to)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Stdout, d)
	}
	fmt.Fprintf(env.Stdout, "%s: version %d (%s) → %d (%s): %d added, %d removed, %d changed\n",
		d.To.Source, d.From.ID, d.From.Label(), d.To.ID, d.To.Label(), len(d.Added), len(d.Removed), len(d.Changed))
	for _, c := range d.Added {
		fmt.Fprintf(env.Stdout, "+ %s %s\n", c.SourceID, c.Name)
	}
	for _, c := range d.Removed {
		fmt.Fprintf(env.Stdout, "- %s %s\n", c.SourceID, c.Name)
	}
	for _, c := range d.Changed {
		if c.OldName != "" {
			fmt.Fprintf(env.Stdout, "~ %s %s (was %s)\n", c.SourceID, c.Name, c.OldName)
		} else {
			fmt.Fprintf(env.Stdout, "~ %s %s\n", c.SourceID, c.Name)
		}
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
