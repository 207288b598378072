package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dualuse/dualuse/internal/determination"
)

func init() {
	commands["check"] = command{
		summary: "determine whether an export needs a licence (Regulation (EU) 2021/821)",
		run:     runCheck,
	}
}

// runCheck implements `dualuse check --data DIR --item CODE|not-listed
// [--cyber-surveillance] --destination ISO2 [--end-user-type T] [--operation OP] [--informed]
// [--aware] [--screening-hit NAME]... [--json]`.
func runCheck(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "check")
	data := dataFlag(fs, env)
	item := fs.String("item", "", "Annex I entry code, or not-listed")
	cyber := fs.Bool("cyber-surveillance", false, "the unlisted item is a cyber-surveillance item (Art. 2(20))")
	dest := fs.String("destination", "", "country of final destination, ISO 3166 alpha-2")
	endUser := fs.String("end-user-type", "", "government|police|intelligence|military|commercial|individual")
	op := fs.String("operation", "", "return-after-repair|exhibition|intra-group (default: a plain export)")
	informed := fs.Bool("informed", false, "the competent authority informed you of a catch-all end use (Arts. 4(1), 5(1))")
	aware := fs.Bool("aware", false, "you are aware of a catch-all end use (Arts. 4(2), 5(2))")
	var hits stringList
	fs.Var(&hits, "screening-hit", "a party matched by screening (repeatable)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	case *item == "":
		return usageError("--item CODE|not-listed is required")
	case *dest == "":
		return usageError("--destination ISO2 is required")
	}
	d, err := determination.Load(*data)
	if err != nil {
		return err
	}
	res, err := d.Determine(determination.Request{
		Item: *item, CyberSurveillance: *cyber, Destination: *dest,
		EndUserType: determination.EndUserType(strings.ToLower(*endUser)),
		Operation:   determination.Operation(strings.ToLower(*op)),
		Informed:    *informed, Aware: *aware, ScreeningHits: hits,
	})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printDetermination(env, res)
	return nil
}

func printDetermination(env *Env, r determination.Result) {
	w := env.Stdout
	yes := map[bool]string{true: "YES", false: "no"}
	fmt.Fprintf(w, "Item %s → %s (%s), list %s\n", r.Item, r.DestinationName, r.Destination, r.ListVersion)
	fmt.Fprintf(w, "Licence required: %s\nNotification required: %s\n", yes[r.LicenceRequired], yes[r.NotificationRequired])
	if r.ExportHeld {
		fmt.Fprintln(w, "Export held: YES")
	}
	fmt.Fprintln(w, "\nGrounds:")
	for _, g := range r.Grounds {
		fmt.Fprintf(w, "  - %s\n    [%s]\n", g.Explanation, g.Basis)
	}
	fmt.Fprintln(w, "\nGeneral authorisations:")
	for _, ga := range r.GeneralAuthorisations {
		mark := "not usable"
		if ga.Usable {
			mark = "USABLE"
		}
		fmt.Fprintf(w, "  %s %-10s %s\n", ga.ID, mark, ga.Why)
		for _, c := range ga.Conditions {
			fmt.Fprintf(w, "      · %s\n", c)
		}
	}
	if len(r.Checks) > 0 {
		fmt.Fprintln(w, "\nTo check (the data cannot settle these):")
		for _, c := range r.Checks {
			fmt.Fprintf(w, "  ? %s\n", c)
		}
	}
	fmt.Fprintln(w, "\nNext steps:")
	for _, s := range r.NextSteps {
		fmt.Fprintf(w, "  → %s\n", s)
	}
}
