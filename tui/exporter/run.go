package exporter

import (
	"context"
	"io"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// plansMsg carries the stored plans.
type plansMsg struct {
	plans []canvass.PlanSummary
	err   error
}

// planMsg carries the plan chosen, with its turfs.
type planMsg struct {
	plan canvass.Plan
	err  error
}

// writtenMsg says how write number run went: the files written into dir, or why none was.
type writtenMsg struct {
	run     int
	dir     string
	paths   []string
	leaflet bool
	err     error
}

// The campaign's answers come back to this screen whichever screen is active.
func (plansMsg) ScreenID() common.ScreenID   { return ID }
func (planMsg) ScreenID() common.ScreenID    { return ID }
func (writtenMsg) ScreenID() common.ScreenID { return ID }

func plansCmd(ctx context.Context, d Domain) tea.Cmd {
	return func() tea.Msg {
		plans, err := d.Plans(ctx)
		return plansMsg{plans: plans, err: err}
	}
}

func planCmd(ctx context.Context, d Domain, name string) tea.Cmd {
	return func() tea.Msg {
		p, err := d.Plan(ctx, name)
		return planMsg{plan: p, err: err}
	}
}

// exportCmd writes the plan's street lists as the CLI's export does: all files or none.
func exportCmd(ctx context.Context, d Domain, run int, plan string, opt canvass.ExportOptions) tea.Cmd {
	return func() tea.Msg {
		paths, err := d.Export(ctx, plan, opt)
		return writtenMsg{run: run, dir: absolute(opt.Dir), paths: paths, err: err}
	}
}

// leafletName is the notice's file when written alone.
const leafletName = "notice-information.html"

// noticeCmd writes the information notice of area-level canvassing as a printable page, readable
// by all as `canvass notice --html --out` writes it: it holds no personal data.
func noticeCmd(ctx context.Context, d Domain, run int, dir string) tea.Cmd {
	return func() tea.Msg {
		n, err := d.Notice(ctx, canvass.NoticeOptions{})
		if err != nil {
			return writtenMsg{run: run, leaflet: true, err: err}
		}
		paths, err := export.WriteFiles(dir, 0o644, []export.File{{Name: leafletName,
			Write: func(w io.Writer) error { _, err := io.WriteString(w, n.HTML()); return err }}})
		return writtenMsg{run: run, dir: absolute(dir), paths: paths, leaflet: true, err: err}
	}
}

// absolute is dir as a path that says where it is wherever the organizer reads it.
func absolute(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
