package consent

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/tui/common"
)

// labelWidth is the width of a form line's name, its focus mark included.
const labelWidth = 19

// field is one line of a form: a text field, or a choice among a few options when choices is set.
type field struct {
	label   string
	input   textinput.Model
	choices []string
	names   []string // the choices as shown, in the screen's language; nil: the choices themselves
	chosen  int
	when    func() bool // nil: always shown; otherwise shown (and asked) only while it holds
}

// value is the text typed, trimmed, or the option chosen.
func (f *field) value() string {
	if f.choices != nil {
		return f.choices[f.chosen]
	}
	return strings.TrimSpace(f.input.Value())
}

// shown reports whether the field is on the form at the moment.
func (f *field) shown() bool { return f.when == nil || f.when() }

// form is a column of fields with one focus. Focus -1 means no field has it: the screen is then
// out of typing mode, so that q quits and esc leaves.
type form struct {
	fields []*field
	focus  int
}

// newText builds a text field in the program's styles, with a steady cursor.
func newText(s *common.Styles, label, placeholder string) *field {
	in := common.NewInput(s, 100)
	in.Placeholder = placeholder
	return &field{label: label, input: in}
}

// newChoice builds a field that picks one of choices with ←/→.
func newChoice(label string, choices ...string) *field {
	return &field{label: label, choices: choices}
}

// focused is the field with focus, or nil.
func (f *form) focused() *field {
	if f.focus < 0 || f.focus >= len(f.fields) {
		return nil
	}
	return f.fields[f.focus]
}

// typing reports whether a text field has focus, so that q and ? are text.
func (f *form) typing() bool {
	fl := f.focused()
	return fl != nil && fl.choices == nil
}

// focusOn gives field i the focus (-1: none) and the text field its cursor.
func (f *form) focusOn(i int) tea.Cmd {
	f.focus = i
	for _, fl := range f.fields {
		fl.input.Blur()
	}
	if fl := f.focused(); fl != nil && fl.choices == nil {
		fl.input.CursorEnd()
		return fl.input.Focus()
	}
	return nil
}

// move gives the focus to the next shown field in direction step (1 or -1), wrapping.
func (f *form) move(step int) tea.Cmd {
	n := len(f.fields)
	i := f.focus
	if i < 0 && step < 0 {
		i = 0
	}
	for range n {
		i = (i + step + n) % n
		if f.fields[i].shown() {
			return f.focusOn(i)
		}
	}
	return nil
}

// pick moves the choice of the focused field by step, wrapping.
func (f *form) pick(step int) {
	if fl := f.focused(); fl != nil && fl.choices != nil {
		fl.chosen = (fl.chosen + step + len(fl.choices)) % len(fl.choices)
	}
}

// update gives msg to the focused text field.
func (f *form) update(msg tea.Msg) tea.Cmd {
	fl := f.focused()
	if fl == nil || fl.choices != nil {
		return nil
	}
	var cmd tea.Cmd
	fl.input, cmd = fl.input.Update(msg)
	return cmd
}

// setWidth sizes the text fields to the room left of the labels.
func (f *form) setWidth(width int) {
	for _, fl := range f.fields {
		fl.input.SetWidth(max(1, min(50, width-labelWidth-2)))
	}
}

// view renders the shown fields, a mark in front of the focused one and the chosen option in
// brackets, so that both read without colour.
func (f *form) view(s *common.Styles) string {
	var b strings.Builder
	for i, fl := range f.fields {
		if !fl.shown() {
			continue
		}
		focused := i == f.focus
		b.WriteString(s.FieldLabel(fl.label, labelWidth, focused))
		if fl.choices == nil {
			b.WriteString(fl.input.View())
		} else {
			names := fl.names
			if names == nil {
				names = fl.choices
			}
			b.WriteString(s.Choices(names, fl.chosen, focused, ""))
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
