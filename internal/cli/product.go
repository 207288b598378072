package cli

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"text/tabwriter"

	"github.com/dualuse/dualuse/internal/app"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/product"
)

func init() {
	commands["products"] = command{summary: "product registry: products reclassify (tasks after a control-list change)", run: runProducts}
}

// maxDiffShown is how much of an entry's text diff the command prints.
const maxDiffShown = 160

// runProducts implements `dualuse products reclassify --db DSN --data DIR
// --old FILE [--new FILE]`: it diffs two Annex I files, prints the changes
// and opens a re-classification task for every product classified under a
// changed or removed entry of the old version.
func runProducts(ctx context.Context, env *Env, args []string) error {
	_, args, err := subcommand(env, args, "products", "reclassify")
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "products reclassify")
	dsn, data := dbFlag(fs, env), dataFlag(fs, env)
	oldPath := fs.String("old", "", "Annex I JSON file of the version the products were classified against")
	newPath := fs.String("new", "", "Annex I JSON file of the new version (default: the one in --data)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *oldPath == "" {
		return usageError("--old FILE is required: the Annex I file of the version products were classified against")
	}
	if *newPath == "" {
		*newPath = filepath.Join(*data, controllist.AnnexIPath)
	}
	old, err := controllist.LoadAnnexI(*oldPath)
	if err != nil {
		return err
	}
	cur, err := controllist.LoadAnnexI(*newPath)
	if err != nil {
		return err
	}
	if old.Version.ID == cur.Version.ID {
		return usageError("both files are version %s: --new must be a later version than --old", cur.Version.ID)
	}
	d := controllist.Diff(old, cur)
	printDiff(env, d)

	db, err := app.OpenDB(ctx, *dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer db.Close()
	tasks, err := (&product.Service{Store: db}).Reclassify(ctx, auth.System(), d)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nopened %d re-classification task(s)\n", len(tasks))
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, t := range tasks {
		fmt.Fprintf(tw, "task %d\t%s\t%q\t%s\t%s %s\n", t.ID, t.ProductID, t.ProductName, t.Code, t.ChangedCode, t.Reason)
	}
	return tw.Flush()
}

// printDiff prints the entries added, removed and changed, with the start of
// each change's word diff.
func printDiff(env *Env, d controllist.ListDiff) {
	fmt.Fprintf(env.Stdout, "control list %s → %s: %d added, %d removed, %d changed\n",
		d.OldVersion, d.NewVersion, len(d.Added), len(d.Removed), len(d.Changed))
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, set := range [][]controllist.Change{d.Added, d.Removed, d.Changed} {
		for _, c := range set {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Kind, c.Code, apperr.Shorten(c.TextDiff, maxDiffShown))
		}
	}
	tw.Flush()
}
