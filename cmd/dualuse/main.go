// Command dualuse runs the export-control system for dual-use surveillance
// technology: the web UI and API (serve) and the command-line tools.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/dualuse/dualuse/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, cli.OSEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
