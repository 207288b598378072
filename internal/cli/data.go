package cli

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/refdata"
)

func init() {
	commands["data"] = command{summary: "reference data: data fetch --to DIR | data sources", run: runData}
}

func runData(ctx context.Context, env *Env, args []string) error {
	sub, args, err := subcommand(env, args, "data", "fetch", "sources")
	if err != nil {
		return err
	}
	if sub == "sources" {
		for _, s := range refdata.Sources {
			fmt.Fprintf(env.Stdout, "%-32s %-28s %s\n", s.Name, s.Publisher, s.URL)
		}
		return nil
	}
	fs := newFlagSet(env, "data fetch")
	to := fs.String("to", envOr(env, "DUALUSE_DATA", ""), "folder to download into (laid out like ../shared/data)")
	var srcs stringList
	fs.Var(&srcs, "source", "NAME=URL: download source NAME from URL instead (repeatable; see 'dualuse data sources')")
	timeout := fs.Duration("timeout", 5*time.Minute, "time limit for each download")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return usageError("--to DIR is required")
	}
	over, err := sourceOverrides(srcs)
	if err != nil {
		return err
	}
	results, err := refdata.Fetch(ctx, &http.Client{Timeout: *timeout}, *to, refdata.Sources, over)
	for _, r := range results {
		status := "unchanged"
		switch {
		case r.Error != "":
			status = "FAILED: " + r.Error
		case r.Changed:
			status = fmt.Sprintf("updated (%d bytes)", r.Bytes)
		}
		fmt.Fprintf(env.Stdout, "%-32s %s\n", r.Name, status)
	}
	return err
}

// sourceOverrides reads repeated --source NAME=URL flags.
func sourceOverrides(srcs []string) (map[string]string, error) {
	over := map[string]string{}
	for _, s := range srcs {
		name, u, ok := strings.Cut(s, "=")
		if !ok || u == "" {
			return nil, usageError("--source %q: want NAME=URL", s)
		}
		over[name] = u
	}
	return over, nil
}
