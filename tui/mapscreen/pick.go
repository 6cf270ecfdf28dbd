package mapscreen

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/planner"
)

// Picker is what picking a place on the map asks of the campaign: the door nearest a point, and
// recording that no one may knock there. *canvass.Campaign fits.
type Picker interface {
	NearestAddress(ctx context.Context, p orb.Point) (canvass.Address, error)
	RecordOpposition(ctx context.Context, o canvass.Opposition) error
}

// pick is the state of picking: on while the cross shows, and the door waiting for a yes.
type pick struct {
	on     bool
	door   *canvass.Address
	notice string
}

// doorMsg is the door nearest the cross, to confirm.
type doorMsg struct {
	door canvass.Address
	err  error
}

// knockedMsg says how recording the do-not-knock went.
type knockedMsg struct {
	door canvass.Address
	err  error
}

func (doorMsg) ScreenID() common.ScreenID    { return ID }
func (knockedMsg) ScreenID() common.ScreenID { return ID }

// togglePick shows or hides the cross.
func (m *Model) togglePick() {
	m.pick = pick{on: !m.pick.on}
	if m.pick.on {
		m.pick.notice = m.common.P.T("tui.map.pick.help")
	}
	m.view.SetCrosshair(m.pick.on)
}

// pickKey handles the keys of picking; false when the key is the map's (pan, zoom).
func (m *Model) pickKey(k tea.KeyPressMsg) (bool, tea.Cmd) {
	if d := m.pick.door; d != nil {
		m.pick.door = nil
		if !key.Matches(k, m.keys.Yes) {
			m.pick.notice = m.common.P.T("tui.map.pick.not-recorded")
			return true, nil
		}
		p, ctx, door := m.picker, m.common.Ctx, *d
		o := canvass.Opposition{Scope: canvass.ScopeAddress, Who: canvass.Identity{Number: door.Number, Street: door.Street, Postcode: door.Postcode}}
		return true, func() tea.Msg { return knockedMsg{door: door, err: p.RecordOpposition(ctx, o)} }
	}
	centre, ok := m.view.Centre()
	switch {
	case key.Matches(k, m.keys.Pick):
		m.togglePick()
		return true, nil
	case !key.Matches(k, m.keys.Start, m.keys.Knock):
		return false, nil
	case !ok:
		m.pick.notice = m.common.P.T("tui.map.pick.nothing")
		return true, nil
	case key.Matches(k, m.keys.Start):
		m.togglePick()
		text := fmt.Sprintf("%.6f, %.6f", centre[1], centre[0]) // latitude first, as maps write it
		return true, tea.Batch(func() tea.Msg { return planner.StartMsg{Text: text} }, common.Go(planner.ID))
	}
	p, ctx := m.picker, m.common.Ctx
	return true, func() tea.Msg {
		d, err := p.NearestAddress(ctx, centre)
		return doorMsg{door: d, err: err}
	}
}

// picked asks to confirm the door nearest the cross.
func (m *Model) picked(msg doorMsg) {
	p := m.common.P
	if msg.err != nil {
		m.pick.notice = common.Problem(p, p.T("tui.map.problem.nearest"), msg.err)
		return
	}
	m.pick.door = &msg.door
	m.pick.notice = "! " + p.T("tui.map.pick.question", "Door", msg.door.String(), "Yes", m.keys.Yes.Help().Key)
}

// knocked says the door is struck out, and draws the map again.
func (m *Model) knocked(msg knockedMsg) tea.Cmd {
	p := m.common.P
	if msg.err != nil {
		m.pick.notice = common.Problem(p, p.T("tui.map.problem.record"), msg.err)
		return nil
	}
	m.pick.notice = "✓ " + p.T("tui.map.pick.recorded", "Door", msg.door.String())
	return nil
}
