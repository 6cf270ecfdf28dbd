package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
)

// noticeCmd writes the notice in the language --lang names, French by default.
type noticeCmd struct {
	HTML     bool     `name:"html" help:"${help_notice_html}"`
	Out      string   `placeholder:"FILE" help:"${help_notice_out}"`
	Personal bool     `help:"${help_notice_personal}"`
	Source   []string `help:"${help_notice_source}"`
}

func (c *noticeCmd) Run(e *env) error {
	if len(c.Source) > 0 && !c.Personal {
		return canvass.Usage("cli.notice.source")
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	// The notice is for French voters: French unless --lang en asks for it in English, whatever
	// the language of the messages.
	lang := e.lang
	if lang == "" {
		lang = "fr"
	}
	n, err := camp.Notice(e.ctx, canvass.NoticeOptions{Personal: c.Personal, Sources: c.Source, Lang: lang})
	if err != nil {
		return err
	}
	body := n.Text()
	if c.HTML {
		body = n.HTML()
	}
	if c.Out == "" {
		_, err := io.WriteString(e.stdout, body)
		return err
	}
	// The notice holds no personal data: readable by all, like any leaflet.
	paths, err := export.WriteFiles(filepath.Dir(c.Out), 0o644, []export.File{{Name: filepath.Base(c.Out),
		Write: func(w io.Writer) error { _, err := io.WriteString(w, body); return err }}})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.notice.wrote", "Path", paths[0]))
	return nil
}
