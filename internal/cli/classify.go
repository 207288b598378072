package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dualuse/dualuse/internal/controllist"
)

func init() {
	commands["classify"] = command{
		summary: "rank control-list entries for a product description or look up a code",
		run:     runClassify,
	}
}

// runClassify implements `dualuse classify --data DIR [--json] [--limit K] TEXT`.
func runClassify(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "classify")
	data := dataFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 5, "number of results")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dualuse classify --data DIR [--json] [--limit K] TEXT|CODE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	switch {
	case text == "":
		return usageError("give a product description or an entry code")
	case *limit < 1:
		return usageError("--limit must be at least 1")
	}
	list, err := controllist.LoadEUAnnexI(*data)
	if err != nil {
		return err
	}
	resp, err := controllist.NewIndex(list).Search(controllist.Query{Text: text, Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	return printClassification(env, resp)
}

func printClassification(env *Env, resp controllist.Response) error {
	fmt.Fprintf(env.Stdout, "control list %s\n", resp.ListVersion)
	if len(resp.Results) == 0 {
		fmt.Fprintln(env.Stdout, "no entry matches")
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tSCORE\tCYBER\tHEADING")
	for _, r := range resp.Results {
		cs := ""
		if r.CyberSurveillance {
			cs = "yes"
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%s\t%s\n", r.Code, r.Score, cs, r.Heading)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range resp.Results {
		fmt.Fprintf(env.Stdout, "\n%s: %s\n  %s\n", r.Code, r.Why, r.Marked("[", "]"))
	}
	if resp.Notice != "" {
		fmt.Fprintf(env.Stdout, "\nNote: %s.\n", resp.Notice)
	}
	return nil
}
