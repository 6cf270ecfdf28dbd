package tui

import (
	"context"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/dashboard"
	"github.com/campagne-fr/porteaporte/tui/exporter"
)

// changedMsg says that the campaign file changed: someone else saved something.
type changedMsg struct{}

// watch waits for the next change of the campaign file; nil when the interface is not Live.
func (m *Model) watch() tea.Cmd {
	changes := m.changes
	if changes == nil {
		return nil
	}
	return func() tea.Msg {
		if _, ok := <-changes; !ok {
			return nil // the file was closed: no more changes
		}
		return changedMsg{}
	}
}

// view records, off the interface's loop, that screen id was opened.
func (m *Model) view(id common.ScreenID) tea.Cmd {
	viewed, ctx := m.viewed, m.common.Ctx
	return func() tea.Msg {
		_ = viewed(ctx, string(id)) // a trail that cannot be written fails the screen's own reads too
		return nil
	}
}

// refresher is a screen that can read again what it shows, keeping its place.
type refresher interface{ Refresh() tea.Cmd }

// refresh has the screen shown read the campaign again, unless it is busy with work of its own:
// the dashboard as when it opens, a screen that keeps its place through its Refresh.
func (m *Model) refresh() tea.Cmd {
	s := m.screen()
	if s.Mode() == common.ModeBusy {
		return nil
	}
	if m.active == dashboard.ID {
		return guard(m.active, s.Enter())
	}
	if r, ok := s.(refresher); ok {
		return guard(m.active, r.Refresh())
	}
	return nil
}

// confined is an exporter's domain whose folders are inside dir: a folder the user types is
// taken within it, and one outside it (absolute, or going up with ..) is refused.
type confined struct {
	exporter.Domain
	dir string
}

// Export writes into the folder asked for, inside dir.
func (c confined) Export(ctx context.Context, plan string, opt canvass.ExportOptions) ([]string, error) {
	if !filepath.IsLocal(opt.Dir) {
		return nil, policy.Refuse(0, "tui.root.confined", "Dir", c.dir, "Plan", plan)
	}
	opt.Dir = filepath.Join(c.dir, opt.Dir)
	return c.Domain.Export(ctx, plan, opt)
}
