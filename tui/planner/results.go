package planner

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// resultsBox takes a field sheet's results back: the text a volunteer sent, pasted, or the path
// of the file they sent.
type resultsBox struct {
	area    textarea.Model
	saving  bool
	problem string
}

// resultsMsg ends an import of results.
type resultsMsg struct {
	rep canvass.OutcomeReport
	err error
}

func (resultsMsg) ScreenID() common.ScreenID { return ID }

// openResults opens the box for a field sheet's results.
func (m *Model) openResults() tea.Cmd {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Placeholder = m.common.P.T("tui.planner.results.placeholder")
	a.SetWidth(max(10, min(80, m.common.Width-2)))
	a.SetHeight(3)
	m.notice = ""
	m.results = &resultsBox{area: a}
	return m.results.area.Focus()
}

func (m *Model) updateResults(msg tea.Msg) tea.Cmd {
	r := m.results
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if r.saving {
			return nil
		}
		switch {
		case key.Matches(k, m.keys.Cancel):
			m.results = nil
			return nil
		case key.Matches(k, m.keys.Build):
			return m.importResults()
		}
	}
	var cmd tea.Cmd
	r.area, cmd = r.area.Update(msg)
	return cmd
}

// importResults imports what was pasted, or the file named: one line naming a file that exists
// is a file; anything else is the text itself.
func (m *Model) importResults() tea.Cmd {
	r := m.results
	text := strings.TrimSpace(r.area.Value())
	if text == "" {
		r.problem = m.common.P.T("tui.planner.results.empty")
		return nil
	}
	camp, ctx := m.camp, m.common.Ctx
	r.saving, r.problem = true, ""
	return func() tea.Msg {
		var in io.Reader = strings.NewReader(text + "\n")
		name := "pasted text"
		if path := expandHome(text); !strings.Contains(text, "\n") {
			if f, err := os.Open(path); err == nil {
				defer f.Close()
				in, name = f, filepath.Base(path)
			}
		}
		rep, err := camp.ImportOutcomes(ctx, in, name)
		return resultsMsg{rep: rep, err: err}
	}
}

// expandHome reads a leading ~/ as the home folder, as a shell would.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// resultsDone says what the results changed, and reads the plan again when they were its own.
func (m *Model) resultsDone(msg resultsMsg) tea.Cmd {
	r := m.results
	if r == nil {
		return nil
	}
	r.saving = false
	if msg.err != nil {
		r.problem = problemText(m.common.P, "tui.planner.problem.notrecorded", msg.err)
		return nil
	}
	m.results = nil
	rep, p := msg.rep, m.common.P
	lines := []string{p.T("tui.planner.results.done", "Turf", rep.Turf, "Plan", rep.Plan, "Doors", rep.Doors, "Notes", rep.Notes,
		"New", rep.Saved.Doors+rep.Saved.Notes, "Objections", rep.Saved.Objections)}
	if rep.Rebuilt {
		lines = append(lines, p.T("tui.planner.results.rebuilt"))
	}
	if n := len(rep.Unmatched); n > 0 {
		var doors []string
		for _, u := range first(rep.Unmatched, 5) {
			doors = append(doors, u.Number+" "+u.Street)
		}
		lines = append(lines, p.T("tui.planner.results.missing", "Count", n, "Doors", strings.Join(doors, ", ")))
	}
	m.notice = strings.Join(lines, " ")
	return nil
}

// resultsView is the box, under the plan.
func (m *Model) resultsView() string {
	r, s := m.results, m.common.Styles
	var b strings.Builder
	b.WriteString(s.Heading.Render(m.common.P.T("tui.planner.results.title")) + "\n")
	b.WriteString(common.Wrap(s.Subtle.Render(m.common.P.T("tui.planner.results.help")), m.common.Width, 0) + "\n")
	b.WriteString(r.area.View() + "\n")
	switch {
	case r.saving:
		b.WriteString(s.Subtle.Render(m.common.P.T("tui.planner.results.importing")))
	case r.problem != "":
		b.WriteString(common.Wrap(s.Error.Render("✗ ")+r.problem, m.common.Width, 2))
	}
	return b.String()
}

func first[T any](s []T, n int) []T { return s[:min(n, len(s))] }
