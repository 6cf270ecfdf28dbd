package main

import (
	"context"
	"os"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// commandLang is the language a command speaks, read before its arguments are parsed so that
// --help speaks it too: --lang, else the campaign's setting (campaign set --lang), else the
// environment's (LC_ALL, LC_MESSAGES, LANG). Over SSH (as not nil), the campaign's setting, else
// English.
func commandLang(ctx context.Context, as *canvass.Campaign, args []string, getenv func(string) string) i18n.Lang {
	if v, ok := flagValue(args, "lang"); ok {
		if l, err := i18n.ParseLang(v); err == nil {
			return l
		}
	}
	if as != nil {
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
