package common

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Styles are the program's look. Meaning never rests on colour alone (alerts carry a sign,
// the selection a cursor) so that the interface reads the same under NO_COLOR.
type Styles struct {
	Colour bool // false under NO_COLOR or on a terminal without colours

	App      lipgloss.Style // the name in the title bar
	Screen   lipgloss.Style // the screen's title in the title bar
	Heading  lipgloss.Style // a section heading
	Label    lipgloss.Style // the name in front of a value
	Value    lipgloss.Style
	Subtle   lipgloss.Style // secondary text: paths, hints
	Key      lipgloss.Style // a key to press, in menus and hints
	Selected lipgloss.Style // the focused choice
	Warn     lipgloss.Style
	Error    lipgloss.Style
	Good     lipgloss.Style

	Help help.Styles

	// Accent and Track colour the progress bar's done and remaining parts; NoColor when Colour is false.
	Accent, Track color.Color
}

// NewStyles builds the styles for a terminal of profile p: with colour above ASCII, and without
// any colour at ASCII and below (which is what colorprofile makes of NO_COLOR).
func NewStyles(p colorprofile.Profile) *Styles {
	colour := p > colorprofile.ASCII
	c := func(col color.Color) color.Color {
		if !colour {
			return lipgloss.NoColor{}
		}
		return col
	}
	// The 16 basic colours: the terminal's theme picks their shades, so they read on light and
	// dark backgrounds alike.
	accent, warn, bad, good := c(lipgloss.Cyan), c(lipgloss.Yellow), c(lipgloss.Red), c(lipgloss.Green)
	subtle := lipgloss.NewStyle().Faint(true)
	key := lipgloss.NewStyle().Bold(true).Foreground(accent)
	return &Styles{
		Colour:   colour,
		App:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Screen:   lipgloss.NewStyle().Bold(true),
		Heading:  lipgloss.NewStyle().Bold(true).Underline(true),
		Label:    subtle,
		Value:    lipgloss.NewStyle(),
		Subtle:   subtle,
		Key:      key,
		Selected: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Warn:     lipgloss.NewStyle().Foreground(warn),
		Error:    lipgloss.NewStyle().Bold(true).Foreground(bad),
		Good:     lipgloss.NewStyle().Foreground(good),
		Help: help.Styles{
			ShortKey: key, ShortDesc: subtle, ShortSeparator: subtle, Ellipsis: subtle,
			FullKey: key, FullDesc: subtle, FullSeparator: subtle,
		},
		Accent: accent,
		Track:  c(lipgloss.BrightBlack),
	}
}
