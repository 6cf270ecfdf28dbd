package common

import (
	"fmt"
	"strings"
)

// FieldLabel is a form line's name padded to width columns, marked ▸ when its field has focus:
// the mark, not a colour, says which, so that the form reads under NO_COLOR.
func (s *Styles) FieldLabel(name string, width int, focused bool) string {
	name = fmt.Sprintf("%-*s", width-2, name)
	if focused {
		return s.Selected.Render("▸ " + name)
	}
	return "  " + s.Label.Render(name)
}

// Choices renders a field's options joined by sep, the chosen one in brackets so that it shows
// without colour, and in the focus style while the field has focus.
func (s *Styles) Choices(opts []string, chosen int, focused bool, sep string) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		switch {
		case i == chosen && focused:
			parts[i] = s.Selected.Render("[" + o + "]")
		case i == chosen:
			parts[i] = s.Value.Bold(true).Render("[" + o + "]")
		default:
			parts[i] = " " + o + " "
		}
	}
	return strings.Join(parts, sep)
}

// Hint is subtle text under a form line, starting at column (where the values start) and
// wrapped within width; wrapped lines are indented hang more columns.
func (s *Styles) Hint(text string, column, width, hang int) string {
	lines := strings.Split(Wrap(text, max(1, width-column), hang), "\n")
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", column) + s.Subtle.Render(l)
	}
	return strings.Join(lines, "\n")
}
