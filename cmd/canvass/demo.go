package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/tui"
)

type demoCmd struct {
	NoTUI bool  `name:"no-tui" help:"${help_demo_notui}"`
	Seed  int64 `default:"1" help:"${help_demo_seed}"`
}

// demoDB is where the demo campaign is built unless --db is given: never canvass.db, the default
// campaign file, so that trying the demo cannot overwrite a real campaign.
const demoDB = "canvass-demo.db"

func (c *demoCmd) Run(e *env, kctx *kong.Context) error {
	path := demoDB
	if dbGiven(kctx.Args) {
		path = e.db
	}
	if err := removeDemo(e.ctx, path); err != nil {
		return err
	}
	// The generated files hold (invented) personal data: they live in a private temporary
	// directory only while they are imported.
	dir, err := os.MkdirTemp("", "canvass-demo-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	camp, err := canvass.Create(path)
	if err != nil {
		return err
	}
	defer camp.Close()
	fmt.Fprintf(e.stdout, "Building the demo campaign in %s\n", path)
	err = demo.Build(e.ctx, camp, dir, c.Seed, func(step string) { fmt.Fprintln(e.stdout, "  "+step) })
	if err != nil {
		camp.Close()
		removeStore(path) // a half-built demo is of no use
		return err
	}
	os.RemoveAll(dir)
	st, err := camp.Status(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d voters, %d addresses, %d+%d+%d areas (constituency, neighborhoods and polling stations, streets), results of %d polling stations.\n",
		st.Campaign.Name, st.Voters, st.Addresses, st.Areas["constituency"], st.Areas["neighborhood"], st.Areas["street"], st.Results)
	fmt.Fprintln(e.stdout, "Valbrune is fictional and so is every voter in it.")
	if c.NoTUI {
		fmt.Fprintf(e.stdout, "Open it with: canvass --db %s\n", path)
		return nil
	}
	if !isTerminal(e.stdin) || !isTerminal(e.ttyOut) {
		fmt.Fprintf(e.stderr, "canvass: no terminal, so the interface is not opened; open it later with `canvass --db %s`\n", path)
		return nil
	}
	return tui.Run(e.ctx, camp, e.stdin, e.ttyOut, e.p)
}

// dbGiven reports whether the command line names the campaign file: kong fills --db with its
// default otherwise, and the demo must then not use canvass.db.
func dbGiven(args []string) bool {
	_, given := flagValue(args, "db")
	return given
}

// removeDemo deletes the file at path when it holds a demo campaign (or nothing at all), so that
// the demo is rebuilt from scratch; it refuses to touch any other campaign.
func removeDemo(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	camp, err := canvass.Open(path)
	if err != nil {
		return fmt.Errorf("%s exists and is not a campaign file the demo can replace (%v); choose another file with --db", path, err)
	}
	st, err := camp.Status(ctx)
	camp.Close()
	if err != nil {
		return err
	}
	switch {
	case st.Campaign != nil && !strings.HasPrefix(st.Campaign.Name, "Démo"):
		return fmt.Errorf("%s holds the campaign %q, not a demo: the demo never replaces a campaign; choose another file with --db", path, st.Campaign.Name)
	case st.Campaign == nil && !empty(st):
		return fmt.Errorf("%s holds data but no campaign: the demo will not replace it; choose another file with --db", path)
	}
	return removeStore(path)
}

// empty reports whether a store holds nothing.
func empty(c canvass.Status) bool {
	n := c.Voters + c.Addresses + c.Results + c.Consents + c.Opposition + c.Plans
	for _, a := range c.Areas {
		n += a
	}
	return n == 0
}

// removeStore deletes a campaign file and SQLite's files beside it.
func removeStore(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
