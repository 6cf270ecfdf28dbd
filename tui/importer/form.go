package importer

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/planner"
)

// field is one line of the confirmation form.
type field int

const (
	fieldKind     field = iota // what the file holds
	fieldLevel                 // areas: constituency, neighborhood or street
	fieldLayer                 // areas: the layer's name
	fieldElection              // results: the election's label
)

// fields are the form's lines for the kind chosen.
func (m *Model) fields() []field {
	switch m.chosenKind() {
	case canvass.KindAreas:
		return []field{fieldKind, fieldLevel, fieldLayer}
	case canvass.KindResults:
		return []field{fieldKind, fieldElection}
	}
	return []field{fieldKind}
}

// focused is the field with focus.
func (m *Model) focused() field {
	fs := m.fields()
	m.focus = min(max(m.focus, 0), len(fs)-1)
	return fs[m.focus]
}

// input is the text field with focus, or nil.
func (m *Model) input() *textinput.Model {
	switch m.focused() {
	case fieldLayer:
		return &m.layer
	case fieldElection:
		return &m.election
	}
	return nil
}

// typing reports whether a text field has focus, so that q and ? are text.
func (m *Model) typing() bool { return m.input() != nil }

// chosenKind is the kind chosen, or KindUnknown.
func (m *Model) chosenKind() canvass.Kind {
	if m.kind < 0 {
		return canvass.KindUnknown
	}
	return canvass.Kinds[m.kind]
}

// syncFocus gives the text field with focus its cursor.
func (m *Model) syncFocus() tea.Cmd {
	m.layer.Blur()
	m.election.Blur()
	if in := m.input(); in != nil {
		return in.Focus()
	}
	return nil
}

func (m *Model) updateConfirm(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if in := m.input(); in != nil {
			var cmd tea.Cmd
			*in, cmd = in.Update(msg)
			return cmd
		}
		return nil
	}
	m.notice = ""
	switch {
	case key.Matches(k, m.keys.Start):
		return m.confirm()
	case key.Matches(k, m.keys.Escape):
		// Only reaches here while typing: the root leaves esc to a screen with a text field.
		return m.toPicker()
	case key.Matches(k, m.keys.NextField):
		m.focus = (m.focus + 1) % len(m.fields())
		return m.syncFocus()
	case key.Matches(k, m.keys.PrevField):
		n := len(m.fields())
		m.focus = (m.focus + n - 1) % n
		return m.syncFocus()
	}
	if in := m.input(); in != nil {
		var cmd tea.Cmd
		*in, cmd = in.Update(msg)
		return cmd
	}
	step := 0
	switch {
	case key.Matches(k, m.keys.Left):
		step = -1
	case key.Matches(k, m.keys.Right):
		step = 1
	}
	if step == 0 {
		return nil
	}
	switch m.focused() {
	case fieldKind:
		m.kind = cycle(m.kind, step, len(canvass.Kinds))
	case fieldLevel:
		m.level = cycle(m.level, step, len(canvass.Levels))
	}
	return nil
}

// cycle moves i by step among n choices, wrapping; from no choice (-1) it goes to the first.
func cycle(i, step, n int) int {
	if i < 0 {
		return 0
	}
	return (i + step + n) % n
}

// confirm starts the import, or says what is still missing.
func (m *Model) confirm() tea.Cmd {
	switch {
	case m.kind < 0:
		m.focus = 0
		m.notice = m.common.P.T("tui.importer.notice.kind")
		return m.syncFocus()
	case m.chosenKind() == canvass.KindAreas && m.level < 0:
		m.focus = 1
		m.notice = m.common.P.T("tui.importer.notice.level")
		return m.syncFocus()
	case m.chosenKind() == canvass.KindPeople:
		// A request is not kept: the Plan builder checks each person's consent and lists only
		// those it covers.
		path := m.path
		m.step = stepPick
		return tea.Sequence(func() tea.Msg { return planner.PeopleMsg{Path: path} }, common.Go(planner.ID))
	}
	return m.start(m.request())
}
