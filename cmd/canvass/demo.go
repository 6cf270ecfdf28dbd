package main

import "errors"

type demoCmd struct {
	NoTUI bool  `name:"no-tui" help:"Only build the demo campaign; do not open the interface."`
	Seed  int64 `default:"1" help:"Seed of the generated town."`
}

func (c *demoCmd) Run(e *env) error { return errors.New("not implemented yet") }
