// Package tui is the terminal interface: bubbletea screens over the canvass domain. It never
// touches storage directly.
package tui

import (
	"context"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"canvass/canvass"
)

// Run opens the interface on the campaign until the user quits.
func Run(ctx context.Context, camp *canvass.Campaign, in io.Reader, out io.Writer) error {
	m := New(ctx, camp)
	_, err := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}

// Model is the root model: the dashboard for now.
type Model struct {
	ctx    context.Context
	camp   *canvass.Campaign
	status canvass.Status
	err    error
	width  int
	height int
}

// New builds the root model.
func New(ctx context.Context, camp *canvass.Campaign) Model {
	return Model{ctx: ctx, camp: camp}
}

// statusMsg carries a freshly read status.
type statusMsg struct {
	status canvass.Status
	err    error
}

func (m Model) loadStatusCmd() tea.Cmd {
	return func() tea.Msg {
		st, err := m.camp.Status(m.ctx)
		return statusMsg{st, err}
	}
}

// Init reads the campaign's status.
func (m Model) Init() tea.Cmd { return m.loadStatusCmd() }

// Update handles keys, resizes and loaded data.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case statusMsg:
		m.status, m.err = msg.status, msg.err
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

var titleStyle = lipgloss.NewStyle().Bold(true)

// View renders the dashboard.
func (m Model) View() tea.View {
	var b strings.Builder
	b.WriteString(titleStyle.Render("canvass") + "  " + m.camp.Path() + "\n\n")
	switch {
	case m.err != nil:
		fmt.Fprintf(&b, "error: %v\n", m.err)
	case m.status.Campaign == nil:
		b.WriteString("No campaign yet: run `canvass init` first.\n")
	default:
		s := m.status.Campaign
		fmt.Fprintf(&b, "%s — %s %s\nData kept until %s (%d days left)\n\n", s.Name, s.ElectionType,
			strings.Join(s.ElectionDates, ", "), s.EndDate, *m.status.DaysLeft)
	}
	fmt.Fprintf(&b, "Voters %d   Addresses %d\n", m.status.Voters, m.status.Addresses)
	for _, l := range canvass.Levels {
		fmt.Fprintf(&b, "%-13s %d areas\n", l, m.status.Areas[l])
	}
	fmt.Fprintf(&b, "Results %d   Consents %d   Opposition %d   Plans %d\n\n", m.status.Results,
		m.status.Consents, m.status.Opposition, m.status.Plans)
	b.WriteString("q quit")
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}
