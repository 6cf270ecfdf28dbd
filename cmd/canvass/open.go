package main

import (
	"errors"

	"github.com/campagne-fr/porteaporte/tui"
)

type openCmd struct{}

func (c *openCmd) Run(e *env) error {
	if !isTerminal(e.stdin) || !isTerminal(e.ttyOut) {
		return errors.New("the interface needs a terminal; see `canvass --help` for the commands")
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	return tui.Run(e.ctx, camp, e.stdin, e.ttyOut, e.p)
}
