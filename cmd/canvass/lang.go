package main

import (
	"context"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// commandLang is the language a command speaks, read before its arguments are parsed so that
// --help speaks it too: --lang, else the campaign's setting (campaign set --lang), else the
// environment's (LC_ALL, LC_MESSAGES, LANG). Over SSH (as not nil), the session's language
// (server.CommandFunc), else the campaign's setting, else English.
func commandLang(ctx context.Context, as *canvass.Campaign, session i18n.Lang, args []string, getenv func(string) string) i18n.Lang {
	if v, ok := flagValue(args, "lang"); ok {
		if l, err := i18n.ParseLang(v); err == nil {
			return l
		}
	}
	if as != nil {
		if session != "" {
			return session
		}
		return campaignLang(ctx, as, i18n.English)
	}
	db, ok := flagValue(args, "db")
	if !ok {
		db = "canvass.db"
	}
	env := i18n.FromEnv(getenv)
	if _, err := os.Stat(db); err != nil {
		return env
	}
	camp, err := canvass.Open(db)
	if err != nil {
		return env
	}
	defer camp.Close()
	return campaignLang(ctx, camp, env)
}

// campaignLang is the campaign's language setting, or otherwise when it has none.
func campaignLang(ctx context.Context, camp *canvass.Campaign, otherwise i18n.Lang) i18n.Lang {
	s, err := camp.Settings(ctx)
	if err != nil || s.Lang == "" {
		return otherwise
	}
	if l, err := i18n.ParseLang(s.Lang); err == nil {
		return l
	}
	return otherwise
}

// flagValue is the value of the long flag --name on the command line (--name V or --name=V),
// and whether the flag is there; the arguments after -- are not flags.
func flagValue(args []string, name string) (string, bool) {
	for i, a := range args {
		switch {
		case a == "--":
			return "", false
		case a == "--"+name:
			if i+1 < len(args) {
				return args[i+1], true
			}
			return "", true
		case strings.HasPrefix(a, "--"+name+"="):
			return strings.TrimPrefix(a, "--"+name+"="), true
		}
	}
	return "", false
}

// helpPrinter is kong's help in p's language: the help texts come from the catalog (kong's
// ${help_...} variables), and the words kong writes itself are translated here.
func helpPrinter(p *i18n.Printer) kong.HelpPrinter {
	return func(opts kong.HelpOptions, ctx *kong.Context) error {
		if p.Lang() == i18n.English {
			return kong.DefaultHelpPrinter(opts, ctx)
		}
		out := ctx.Stdout
		var b strings.Builder
		ctx.Stdout = &b
		err := kong.DefaultHelpPrinter(opts, ctx)
		ctx.Stdout = out
		if err != nil {
			return err
		}
		_, err = io.WriteString(out, translate(p, b.String(), helpWords))
		return err
	}
}

// usageError is an error of kong's parser in p's language.
func usageError(p *i18n.Printer, err error) string {
	return translate(p, err.Error(), kongErrors)
}

// phrase is a sentence kong writes in English, and the message saying it: the groups of its
// pattern fill the message's fields, in order.
type phrase struct {
	pattern *regexp.Regexp
	id      string
	fields  []string
}

// helpWords are the words of kong's help.
var helpWords = []phrase{
	{regexp.MustCompile(`(?m)^Usage: (.*)$`), "cli.help.usage", []string{"Usage"}},
	{regexp.MustCompile(`Run "(\S+) <command> --help" for more information on a command\.`), "cli.help.more.command", []string{"Command"}},
	{regexp.MustCompile(`Run "([^"]+) --help" for more information\.`), "cli.help.more", []string{"Command"}},
	{regexp.MustCompile(`(?m)^Flags:$`), "cli.help.flags", nil},
	{regexp.MustCompile(`(?m)^Commands:$`), "cli.help.commands", nil},
	{regexp.MustCompile(`(?m)^Arguments:$`), "cli.help.arguments", nil},
}

// kongErrors are the usage errors kong's parser says most.
var kongErrors = []phrase{
	{regexp.MustCompile(`^unexpected argument (.*)$`), "cli.usage.argument", []string{"Arg"}},
	{regexp.MustCompile(`^unknown flag (\S+?)(?:, did you mean (.*)\?)?$`), "cli.usage.flag", []string{"Flag", "Hint"}},
	{regexp.MustCompile(`^missing flags: (.*)$`), "cli.usage.missing", []string{"Flags"}},
	{regexp.MustCompile(`^expected (.*)$`), "cli.usage.expected", []string{"What"}},
	{regexp.MustCompile(`^(\S+) must be one of (.*) but got (.*)$`), "cli.usage.enum", []string{"Flag", "Values", "Got"}},
}

// translate rewrites, in French, each phrase of text as its message; English text is kept.
func translate(p *i18n.Printer, text string, phrases []phrase) string {
	if p.Lang() == i18n.English {
		return text
	}
	for _, ph := range phrases {
		text = ph.pattern.ReplaceAllStringFunc(text, func(m string) string {
			groups := ph.pattern.FindStringSubmatch(m)
			var kv []any
			for i, f := range ph.fields {
				kv = append(kv, f, groups[i+1])
			}
			return p.T(ph.id, kv...)
		})
	}
	return text
}
