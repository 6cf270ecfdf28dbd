// Command canvass plans door-to-door canvassing at area level, within the CNIL's rules.
// Run with no command on a terminal, it opens the interface; every screen's operation is also a
// subcommand here.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// A signal cancels the command's context, so that what it was writing is undone (a named list
	// is never left behind) before the process exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
