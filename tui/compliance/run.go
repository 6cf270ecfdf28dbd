package compliance

import (
	"context"
	"errors"
	"io"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// loadedMsg carries what read number n found; err is the first thing that could not be read.
type loadedMsg struct {
	n        int
	register canvass.Register
	trail    []canvass.AuditEntry
	check    canvass.AuditCheck
	status   canvass.Status
	err      error
}

// writtenMsg says where the register was written, or why it was not.
type writtenMsg struct {
	path string
	err  error
}

// askedMsg is the campaign's answer to whether a purge is allowed.
type askedMsg struct {
	report canvass.PurgeReport
	err    error
}

// purgedMsg is the purge's report, or why nothing was deleted.
type purgedMsg struct {
	report canvass.PurgeReport
	err    error
}

// The campaign's answers come back to this screen whichever screen is active.
func (loadedMsg) ScreenID() common.ScreenID  { return ID }
func (writtenMsg) ScreenID() common.ScreenID { return ID }
func (askedMsg) ScreenID() common.ScreenID   { return ID }
func (purgedMsg) ScreenID() common.ScreenID  { return ID }

func loadCmd(ctx context.Context, d Domain, n int) tea.Cmd {
	return func() tea.Msg {
		msg := loadedMsg{n: n}
		var errs [4]error
		msg.status, errs[0] = d.Status(ctx)
		msg.register, errs[1] = d.Register(ctx)
		msg.trail, errs[2] = d.AuditTrail(ctx)
		msg.check, errs[3] = d.VerifyAudit(ctx)
		msg.err = errors.Join(errs[:]...)
		return msg
	}
}

// format is how the register is written to a file.
type format struct {
	ext   string
	write func(canvass.Register, io.Writer) error
}

var (
	markdown = format{"md", canvass.Register.WriteMarkdown}
	html     = format{"html", canvass.Register.WriteHTML}
)

// writeCmd writes the register into dir as registre-DATE.EXT, as `canvass register --out` does:
// readable by its owner only, since it names the volunteers.
func writeCmd(r canvass.Register, dir string, f format) tea.Cmd {
	return func() tea.Msg {
		name := "registre-" + r.AsOf + "." + f.ext
		paths, err := export.WriteFiles(dir, 0o600, []export.File{{Name: name,
			Write: func(w io.Writer) error { return f.write(r, w) }}})
		if err != nil {
			return writtenMsg{err: err}
		}
		return writtenMsg{path: paths[0]}
	}
}

// purgeCmd runs the campaign's purge with opt; asking says it is the question before the
// confirmation, whose Confirm stops it.
func purgeCmd(ctx context.Context, d Domain, opt canvass.PurgeOptions, asking bool) tea.Cmd {
	return func() tea.Msg {
		rep, err := d.Purge(ctx, opt)
		if asking {
			return askedMsg{report: rep, err: err}
		}
		return purgedMsg{report: rep, err: err}
	}
}
