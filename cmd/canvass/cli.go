package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
)

// Exit codes: the contract scripts rely on.
const (
	exitOK      = 0
	exitError   = 1
	exitUsage   = 2
	exitRefused = 3 // refused by the policy
)

// cli is the command line. Names may grow, not change.
type cli struct {
	DB   string `name:"db" default:"canvass.db" help:"${help_cli_db}" placeholder:"PATH"`
	Lang string `name:"lang" enum:"fr,en," default:"" help:"${help_cli_lang}"`

	Open     openCmd     `cmd:"" default:"1" hidden:"" help:"${help_cli_open}"`
	Init     initCmd     `cmd:"" help:"${help_cli_init}"`
	Import   importCmd   `cmd:"" help:"${help_cli_import}"`
	Status   statusCmd   `cmd:"" help:"${help_cli_status}"`
	Settings settingsCmd `cmd:"" help:"${help_cli_settings}"`
	Campaign campaignCmd `cmd:"" help:"${help_cli_campaign}"`
	Geocode  geocodeCmd  `cmd:"" help:"${help_cli_geocode}"`
	Areas    areasCmd    `cmd:"" help:"${help_cli_areas}"`
	Plan     planCmd     `cmd:"" help:"${help_cli_plan}"`
	Consent  consentCmd  `cmd:"" help:"${help_cli_consent}"`
	Demo     demoCmd     `cmd:"" help:"${help_cli_demo}"`
	Export   exportCmd   `cmd:"" help:"${help_cli_export}"`
	Notice   noticeCmd   `cmd:"" help:"${help_cli_notice}"`

	// Accountability and retention (DOMAIN.md rules 4, 5, 7).
	Register   registerCmd   `cmd:"" help:"${help_cli_register}"`
	Audit      auditCmd      `cmd:"" help:"${help_cli_audit}"`
	Purge      purgeCmd      `cmd:"" help:"${help_cli_purge}"`
	Opposition oppositionCmd `cmd:"" help:"${help_cli_opposition}"`

	// The campaign team, over SSH.
	Team  teamCmd  `cmd:"" help:"${help_cli_team}"`
	Serve serveCmd `cmd:"" help:"${help_cli_serve}"`
}

// env is what every command runs with. Commands print to stdout and stderr, which drop the
// control characters of whatever they print (names and streets from imported files included);
// only the interface and the progress line, which draw on the terminal, use ttyOut and ttyErr.
type env struct {
	ctx            context.Context
	db             string
	stdin          io.Reader
	stdout, stderr io.Writer
	ttyOut, ttyErr io.Writer
	// p speaks the command's language (commandLang); lang is --lang as given, which campaign set
	// records as the campaign's language.
	p    *i18n.Printer
	lang string
	// as is, for a command run over SSH, the member's handle on the served campaign: open returns
	// it (closing it leaves the file open), and every operation checks the member's role.
	as *canvass.Campaign
}

// open opens the existing campaign file named by --db, or the member's campaign over SSH.
func (e *env) open() (*canvass.Campaign, error) {
	if e.as != nil {
		return e.as, nil
	}
	return e.opened(canvass.Open(e.db))
}

// create opens the campaign file named by --db, creating it: for init and the demo only.
func (e *env) create() (*canvass.Campaign, error) { return e.opened(canvass.Create(e.db)) }

// opened makes a campaign just opened say so when it waits for another program writing to it.
func (e *env) opened(camp *canvass.Campaign, err error) (*canvass.Campaign, error) {
	if err != nil {
		return nil, err
	}
	camp.OnWait(func() { fmt.Fprintln(e.stderr, "canvass: "+e.p.T("cli.waiting")) })
	return camp, nil
}

// openOn opens the campaign file and settles the date a command works on: date, or the campaign
// clock's today when it is empty. The caller closes the campaign.
func (e *env) openOn(date string) (*canvass.Campaign, string, error) {
	camp, err := e.open()
	if err != nil {
		return nil, "", err
	}
	if date == "" {
		date = camp.Today()
	}
	return camp, date, nil
}

// printJSON writes v as indented JSON.
func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// run parses args, runs the command and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, ttyOut, ttyErr io.Writer) int {
	code, _ := runAs(ctx, nil, "", args, stdin, ttyOut, ttyErr)
	return code
}

// remoteRefused are the commands a session over SSH may not run: they make, choose or serve a
// campaign file, or open the interface (which an SSH session without a command gets).
var remoteRefused = map[string]bool{"open": true, "init": true, "demo": true, "serve": true}

// runAs is run for a member over SSH when as is their handle on the served campaign (nil on the
// laptop), speaking the session's language lang unless --lang says otherwise. It also returns the
// command's words without its arguments, for the audit trail.
func runAs(ctx context.Context, as *canvass.Campaign, lang i18n.Lang, args []string, stdin io.Reader, ttyOut, ttyErr io.Writer) (int, []string) {
	stdout, stderr := safetext.NewWriter(ttyOut), safetext.NewWriter(ttyErr)
	p := i18n.New(commandLang(ctx, as, lang, args, os.Getenv))
	var c cli
	exited := -1
	parser, err := kong.New(&c,
		kong.Name("canvass"),
		kong.Description(p.T("cli.description")),
		kong.Vars(p.Vars("help_")),
		kong.Help(helpPrinter(p)),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exited = code; panic(exitPanic{}) }),
		kong.UsageOnError(),
	)
	if err != nil {
		fmt.Fprintln(stderr, "canvass:", err)
		return exitError, nil
	}
	parser.Model.HelpFlag.Help = p.T("cli.help.flag")
	kctx, err := parseArgs(parser, args, &exited)
	if exited >= 0 {
		return exited, nil
	}
	if err != nil {
		fmt.Fprintln(stderr, "canvass:", usageError(p, err))
		return exitUsage, nil
	}
	words := commandWords(kctx.Command())
	if as != nil {
		switch {
		case remoteRefused[words[0]]:
			fmt.Fprintln(stderr, "canvass: "+p.T("cli.ssh.command", "Command", words[0]))
			return exitUsage, words
		case c.DB != "canvass.db":
			fmt.Fprintln(stderr, "canvass: "+p.T("cli.ssh.db"))
			return exitUsage, words
		}
		if err := serverFiles(kctx, as.Member()); err != nil {
			return report(p, stderr, err), words
		}
		if warning := as.RetentionWarning(ctx); warning.ID != "" {
			fmt.Fprintln(stderr, "canvass: "+p.T("cli.warning", "Warning", warning))
		}
	} else if warning := retentionWarning(ctx, kctx.Command(), c.DB); warning.ID != "" {
		fmt.Fprintln(stderr, "canvass: "+p.T("cli.warning", "Warning", warning))
	}
	e := &env{ctx: ctx, db: c.DB, stdin: stdin, stdout: stdout, stderr: stderr, ttyOut: ttyOut, ttyErr: ttyErr, as: as, p: p, lang: c.Lang}
	if err := kctx.Run(e); err != nil {
		return report(p, stderr, err), words
	}
	return exitOK, words
}

// fileOptions are the flags and arguments that name a file or a folder.
var fileOptions = map[string]bool{"out": true, "key-file": true, "people": true, "matches": true, "file": true,
	"host-key": true, "exports": true}

// serverFiles refuses, for a member other than an organizer over SSH, a command that names a file:
// it would be read or written on the server, as the server, where they have no account. Standard
// input ("-") stays theirs: ssh HOST import outcomes - < resultats.txt.
func serverFiles(kctx *kong.Context, m canvass.Member) error {
	if m.Role == policy.Organizer {
		return nil
	}
	for _, p := range kctx.Path {
		var name string
		var v reflect.Value
		switch {
		case p.Positional != nil:
			name, v = p.Positional.Name, kctx.Value(p)
		case p.Flag != nil:
			name, v = p.Flag.Name, kctx.Value(p)
		default:
			continue
		}
		if fileOptions[name] && v.Kind() == reflect.String && v.String() != "" && v.String() != "-" {
			return policy.Refuse(0, "cli.ssh.files", "Name", m.Name, "Option", name)
		}
	}
	return nil
}

// commandWords are the words of a command as kong names it ("plan show <name>"), without the
// placeholders of its arguments: what the audit trail may say of a command.
func commandWords(command string) []string {
	var words []string
	for _, w := range strings.Fields(command) {
		if !strings.HasPrefix(w, "<") {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return []string{"open"}
	}
	return words
}

type exitPanic struct{}

// parseArgs parses, turning kong's exit (after --help) into a return.
func parseArgs(p *kong.Kong, args []string, exited *int) (kctx *kong.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(exitPanic); !ok {
				panic(r)
			}
		}
	}()
	return p.Parse(args)
}

// report prints err in p's language and maps it to an exit code.
func report(p *i18n.Printer, stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "canvass:", p.Error(err))
	var usage *canvass.UsageError
	var refused *canvass.RefusedError
	switch {
	case errors.As(err, &refused):
		return exitRefused
	case errors.As(err, &usage):
		return exitUsage
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintln(stderr, "canvass: "+p.T("cli.interrupted"))
		return exitError
	}
	return exitError
}

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
