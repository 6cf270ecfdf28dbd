package common

import "charm.land/bubbles/v2/textinput"

// NewInput builds a one-line text field in the program's styles, with a steady cursor (a
// blinking one would redraw the screen twice a second for nothing) and no colour under NO_COLOR.
func NewInput(s *Styles, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	st := textinput.DefaultStyles(true)
	if !s.Colour {
		plain := textinput.StyleState{Text: s.Value, Placeholder: s.Subtle, Suggestion: s.Subtle, Prompt: s.Value}
		st.Focused, st.Blurred = plain, plain
		st.Cursor.Color = nil
	}
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.CharLimit = limit
	return in
}
