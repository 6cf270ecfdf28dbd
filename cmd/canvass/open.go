package main

import (
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui"
)

type openCmd struct{}

func (c *openCmd) Run(e *env) error {
	if !isTerminal(e.stdin) || !isTerminal(e.ttyOut) {
		return i18n.Msg("cli.open.terminal")
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	return tui.Run(e.ctx, camp, e.stdin, e.ttyOut, e.p)
}
