package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/dualuse/dualuse/internal/screenfile"
	"github.com/dualuse/dualuse/internal/screening"
	"github.com/dualuse/dualuse/internal/screening/source"
)

func init() {
	commands["screen"] = command{summary: "screen parties against sanctions and restricted-party lists", run: runScreen}
}

func runScreen(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "screen")
	var lists stringList
	fs.Var(&lists, "lists", "list file or folder, recognised by content (repeatable)")
	threshold := fs.Float64("threshold", screening.DefaultThreshold, "report matches scoring at least this (0..1)")
	limit := fs.Int("limit", screening.DefaultLimit, "at most this many matches per party")
	input := fs.String("input", "", "CSV (header id,name[,type,country,birth_date]) or JSON lines of parties")
	output := fs.String("output", "", "write JSON lines here, one per party in input order (default: a table on stdout)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dualuse screen --lists PATH [--lists PATH ...] [--threshold T] [--limit K] [--input FILE] [--output FILE] [NAME ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(lists) == 0 {
		return usageError("--lists is required")
	}
	if *threshold < 0 || *threshold > 1 {
		return usageError("--threshold %v is outside [0, 1]", *threshold)
	}
	if *limit < 1 {
		return usageError("--limit must be at least 1")
	}
	if *input == "" && fs.NArg() == 0 {
		return usageError("give names to screen or --input FILE")
	}
	res, err := source.Load(lists...)
	if err != nil {
		return err
	}
	for _, f := range res.Failed {
		fmt.Fprintf(env.Stderr, "dualuse screen: list not loaded: %v\n", f)
	}
	if len(res.Lists) == 0 {
		return errors.New("no list could be loaded")
	}
	for _, l := range res.Lists {
		dropped := 0
		for _, is := range l.Issues {
			if is.Dropped {
				dropped++
			}
		}
		fmt.Fprintf(env.Stderr, "loaded %s: %d entities, %d issues (%d records not loaded)\n", l.Version.ID(), l.Version.Entities, len(l.Issues), dropped)
	}
	eng := screening.New(res.Lists...)

	var rows []screenfile.Row
	if *input != "" {
		data, err := os.ReadFile(*input)
		if err != nil {
			return fmt.Errorf("reading --input: %w", err)
		}
		if rows, err = screenfile.Read(*input, data); err != nil {
			return usageError("--input %v", err)
		}
	}
	for i, n := range fs.Args() {
		rows = append(rows, screenfile.Row{ID: strconv.Itoa(i + 1), Query: screening.Query{Name: n}})
	}
	for i := range rows {
		rows[i].Query.Threshold = *threshold
		rows[i].Query.Limit = *limit
		if rows[i].Err == nil {
			rows[i].Err = rows[i].Query.Validate()
		}
	}
	results := screenAll(ctx, env, eng, rows)
	if results == nil {
		return ctx.Err()
	}
	if *output == "" {
		return writeScreenTable(env.Stdout, rows, results)
	}
	f, err := os.Create(*output)
	if err != nil {
		return fmt.Errorf("creating output: %w", err)
	}
	if err := screenfile.WriteJSONL(f, screenfile.Results(rows, results)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// screenAll screens the rows in batches on all cores, showing progress on
// stderr when it is a terminal.
func screenAll(ctx context.Context, env *Env, eng *screening.Engine, rows []screenfile.Row) []screening.BatchResult {
	out := make([]screening.BatchResult, len(rows))
	tty := isTerminal(env.Stderr) && len(rows) >= 1000
	const chunk = 4096
	for start := 0; start < len(rows); start += chunk {
		end := min(start+chunk, len(rows))
		qs := make([]screening.Query, 0, end-start)
		idx := make([]int, 0, end-start)
		for i := start; i < end; i++ {
			if rows[i].Err == nil {
				qs = append(qs, rows[i].Query)
				idx = append(idx, i)
			}
		}
		res, err := eng.ScreenBatch(ctx, qs)
		if err != nil {
			return nil
		}
		for k, r := range res {
			out[idx[k]] = r
		}
		if tty {
			fmt.Fprintf(env.Stderr, "\rscreened %d/%d", end, len(rows))
		}
	}
	if tty {
		fmt.Fprintln(env.Stderr)
	}
	return out
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func writeScreenTable(w io.Writer, rows []screenfile.Row, results []screening.BatchResult) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tQUERY\tSCORE\tSOURCE\tSOURCE ID\tLISTED NAME\tMATCHED NAME\tALSO ON")
	for i, r := range rows {
		err := r.Err
		if err == nil {
			err = results[i].Err
		}
		if err != nil {
			fmt.Fprintf(tw, "%s\t%s\t-\terror: %v\t\t\t\t\n", r.ID, r.Query.Name, err)
			continue
		}
		if len(results[i].Hits) == 0 {
			fmt.Fprintf(tw, "%s\t%s\t-\tno match\t\t\t\t\n", r.ID, r.Query.Name)
		}
		for _, h := range results[i].Hits {
			source := h.Source
			if len(h.Sources) > 0 {
				source = h.Sources[0].List()
			}
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Query.Name, h.Score, source, h.SourceID, h.Name, h.Explanation.ListName, screenfile.AlsoListed(h.Sources))
		}
	}
	return tw.Flush()
}
