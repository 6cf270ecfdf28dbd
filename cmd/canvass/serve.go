package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	charmlog "charm.land/log/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/server"
)

// serveCmd serves the campaign to its team over SSH.
type serveCmd struct {
	Listen      string        `default:"127.0.0.1:2222" help:"${help_serve_listen}" placeholder:"ADDR:PORT"`
	HostKey     string        `name:"host-key" help:"${help_serve_hostkey}" placeholder:"FILE"`
	Exports     string        `help:"${help_serve_exports}" placeholder:"DIR"`
	IdleTimeout time.Duration `name:"idle-timeout" default:"15m" help:"${help_serve_idletimeout}"`
	MaxSessions int           `name:"max-sessions" default:"100" help:"${help_serve_maxsessions}"`
}

func (c *serveCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	team, err := camp.Team(e.ctx)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(e.db, filepath.Ext(e.db))
	if c.HostKey == "" {
		c.HostKey = base + "-host-key"
	}
	if c.Exports == "" {
		c.Exports = base + "-exports"
	}
	// wish's interface middleware logs each session closed by its client as an error; the
	// server's own log says who logged out.
	charmlog.SetLevel(charmlog.FatalLevel)
	srv, err := server.New(server.Config{Campaign: camp, Command: runAs, HostKey: c.HostKey, Dir: c.Exports,
		Log: e.stderr, IdleTimeout: c.IdleTimeout, MaxSessions: c.MaxSessions})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return canvass.Usage("cli.serve.listen.error", "Listen", c.Listen, "Err", err)
	}
	fmt.Fprintln(e.stdout, listening(e.p, l.Addr(), len(team), c.HostKey))
	go func() {
		<-e.ctx.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
	}()
	return srv.Serve(l)
}

// listening says where the server listens, whether others can reach it, and how to log in.
func listening(p *i18n.Printer, addr net.Addr, members int, hostKey string) string {
	tcp, _ := addr.(*net.TCPAddr)
	reach := "cli.serve.loopback"
	if tcp != nil && !tcp.IP.IsLoopback() {
		reach = "cli.serve.network"
	}
	port := 0
	if tcp != nil {
		port = tcp.Port
	}
	team := p.T("cli.serve.empty")
	if members > 0 {
		team = p.T("cli.serve.members", "Count", members, "Port", strconv.Itoa(port))
	}
	return p.T("cli.serve.listening", "Addr", addr.String(), "Reach", p.T(reach), "HostKey", hostKey, "Team", team)
}
