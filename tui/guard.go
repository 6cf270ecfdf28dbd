package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/tui/common"
)

// panicMsg reports that background work of a screen panicked: the interface recovered, so that
// the terminal is never left raw and the campaign stays open, and says so on screen.
type panicMsg struct {
	screen common.ScreenID
	value  any
}

// guard runs cmd, a command of screen id, so that a panic in it (or in a command of a batch it
// returns) comes back as a panicMsg instead of killing the program. Bubble Tea would recover it
// too, but only to quit; and a panic in a goroutine the command starts must be passed to the
// command's own goroutine by whoever starts it (as canvass/turf does) to be caught here.
func guard(id common.ScreenID, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{screen: id, value: r}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			guarded := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				guarded[i] = guard(id, c)
			}
			return guarded
		}
		return msg
	}
}

// recovered shows a panic on screen and resets the screen it came from when it was busy waiting
// for the work that failed, so that it does not wait for ever.
func (m *Model) recovered(p panicMsg) tea.Cmd {
	title := string(p.screen)
	if s, ok := m.screens[p.screen]; ok {
		title = s.Title()
	}
	m.failure = m.common.P.T("tui.root.panic", "Screen", title, "Value", fmt.Sprint(p.value))
	s, ok := m.screens[p.screen]
	if !ok || s.Mode() != common.ModeBusy {
		return nil
	}
	for _, e := range entries(m.common.P) {
		if e.To == p.screen {
			m.screens[p.screen] = e.build(m.common, m.deps)
			m.resize()
			if p.screen == m.active {
				return guard(m.active, m.screen().Enter())
			}
		}
	}
	return nil
}
