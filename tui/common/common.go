// Package common is the plumbing every screen of the interface shares: the Common struct (size,
// styles, key map), the Screen interface the root drives, and the messages screens send it.
package common

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// Common is what every screen is built with; the root passes it explicitly, never through globals.
// Styles and Keys are shared pointers: one set for the whole program.
type Common struct {
	Ctx           context.Context
	Width, Height int // the area the screen may draw in, not the whole terminal
	Styles        *Styles
	Keys          *KeyMap
	Now           func() time.Time // the clock for durations and rates shown; tests pin it
	P             *i18n.Printer    // the language every string on screen is in: c.P.T("id", ...)
}

// New builds a Common for a program whose colours follow styles and whose text speaks p's
// language (English when p is nil).
func New(ctx context.Context, styles *Styles, p *i18n.Printer) Common {
	if p == nil {
		p = i18n.New(i18n.English)
	}
	return Common{Ctx: ctx, Styles: styles, Keys: DefaultKeyMap(p), Now: time.Now, P: p}
}

// SetSize records the area a screen may draw in.
func (c *Common) SetSize(width, height int) { c.Width, c.Height = width, height }

// ScreenID names a screen; the root keeps one screen per ID.
type ScreenID string

// Mode says which global keys a screen gives up to the root at the moment.
type Mode int

const (
	// ModeNormal: q and ctrl+c quit, esc goes back, ? toggles the key help.
	ModeNormal Mode = iota
	// ModeTyping: a text field has focus, so q and ? are text and esc goes to the screen;
	// only ctrl+c still quits.
	ModeTyping
	// ModeBusy: long work runs (an import); every key goes to the screen, which decides what
	// esc and ctrl+c mean (cancel the work) so that quitting cannot leave it half done.
	ModeBusy
)

// Screen is one page of the interface. Screens use pointer receivers: Update changes the screen
// in place and returns it. Only the root returns a tea.View.
type Screen interface {
	// Enter is called each time the screen becomes the active one, and returns its first command.
	Enter() tea.Cmd
	// Update handles a message meant for this screen.
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the screen in exactly the size last set, or less.
	View() string
	// SetSize sets the area the screen may draw in.
	SetSize(width, height int)
	// Back handles esc in ModeNormal: a screen with steps goes one step back and reports true;
	// false means the root should leave the screen.
	Back() (handled bool, cmd tea.Cmd)
	// Mode says which global keys the root keeps.
	Mode() Mode
	// Title is the screen's name in the title bar.
	Title() string
	help.KeyMap
}

// Tagged is a message that belongs to one screen: the root delivers it there even when another
// screen is active, so that background work finishes where it started.
type Tagged interface {
	ScreenID() ScreenID
}

// GoMsg asks the root to open a screen.
type GoMsg struct{ To ScreenID }

// Go returns a command that opens screen id.
func Go(id ScreenID) tea.Cmd { return func() tea.Msg { return GoMsg{To: id} } }

// Fit cuts s to at most width columns and height lines, so that a view never spills out of the
// terminal whatever its size. Styles are kept; each cut line ends with the ellipsis.
func Fit(s string, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}
