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
	"github.com/campagne-fr/porteaporte/internal/i18n"
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
	fmt.Fprintln(e.stdout, e.p.T("cli.demo.building", "Path", path))
	err = demo.Build(e.ctx, camp, dir, c.Seed, func(step i18n.Message) { fmt.Fprintln(e.stdout, "  "+step.In(e.p)) })
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
	fmt.Fprintln(e.stdout, e.p.T("cli.demo.built", "Name", st.Campaign.Name, "Voters", st.Voters, "Addresses", st.Addresses,
		"Constituencies", st.Areas["constituency"], "Neighborhoods", st.Areas["neighborhood"], "Streets", st.Areas["street"], "Results", st.Results))
	fmt.Fprintln(e.stdout, e.p.T("cli.demo.fictional"))
	if c.NoTUI {
		fmt.Fprintln(e.stdout, e.p.T("cli.demo.open", "Path", path))
		return nil
	}
	if !isTerminal(e.stdin) || !isTerminal(e.ttyOut) {
		fmt.Fprintln(e.stderr, "canvass: "+e.p.T("cli.demo.noterminal", "Path", path))
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
		return i18n.Msg("cli.demo.notcampaign", "Path", path, "Err", err)
	}
	st, err := camp.Status(ctx)
	camp.Close()
	if err != nil {
		return err
	}
	switch {
	case st.Campaign != nil && !strings.HasPrefix(st.Campaign.Name, "Démo"):
		return i18n.Msg("cli.demo.campaign", "Path", path, "Name", st.Campaign.Name)
	case st.Campaign == nil && !empty(st):
		return i18n.Msg("cli.demo.data", "Path", path)
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
