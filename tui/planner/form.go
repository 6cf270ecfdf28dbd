package planner

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// field is one line of the form.
type field int

const (
	fieldName    field = iota
	fieldKind          // a plan of areas, or a personal visit list
	fieldLevel         // constituency, neighborhood or street
	fieldLayer         // among the layers the level has
	fieldBy            // areas by id, or a rule
	fieldAreas         // the ids, when by id
	fieldRule          // the rule, when by rule
	fieldSize          // the turf size, a number
	fieldMeasure       // what the size counts
	fieldStart         // an address, a place or coordinates, optional
	fieldPeople        // a personal list: the request file
	fieldDay           // a personal list: the day of the visits
	fieldOut           // a personal list: the folder its files are written to
	fieldBuild         // the Build button
)

// kinds are what the form builds: a plan of areas, or a personal visit list of named people
// whose consent covers a visit (kindIDs name them).
var kinds = []string{"areas", "people (consent)"}

// measures are the turf measures offered, in the order of the choice; "turfs" is a number of
// turfs in all, one per volunteer.
var measures = []string{"doors", "voters", "minutes", "turfs"}

// countMeasure is the measure that sizes a plan by its number of turfs.
const countMeasure = "turfs"

// selections are the two ways to choose areas (selectionIDs name them).
var selections = []string{"rule", "areas by id"}

// form is what the organizer asks for. Choices are indices into their lists.
type form struct {
	focus   int // index in fields()
	name    textinput.Model
	kind    int // in kinds
	lvl     int // in canvass.Levels
	layers  []layer
	layer   int    // in layers
	want    string // the layer to choose once the level's layers are read (marked on the Areas screen)
	read    string // the level whose layers are in layers; "" while none were read
	readErr error
	by      int // in selections
	areas   textinput.Model
	rule    textinput.Model
	size    textinput.Model
	measure int // in measures
	start   textinput.Model
	people  textinput.Model
	day     textinput.Model
	out     textinput.Model
	// pending is the build waiting for the organizer's yes: what it makes and what it replaces.
	// Any key but yes drops it, so it never fires on a form changed since.
	pending *pending
}

func newForm(p *i18n.Printer, s *common.Styles, dir, today string) form {
	f := form{name: common.NewInput(s, 200), areas: common.NewInput(s, 200), rule: common.NewInput(s, 200), size: common.NewInput(s, 200),
		start: common.NewInput(s, 200), people: common.NewInput(s, 500), day: common.NewInput(s, 10), out: common.NewInput(s, 500), lvl: 1}
	f.name.Placeholder = p.T("tui.planner.placeholder.name")
	f.areas.Placeholder = "ID,ID,…"
	f.rule.Placeholder = p.T("tui.planner.placeholder.rule")
	f.size.SetValue("150")
	f.size.CharLimit = 6
	f.start.Placeholder = p.T("tui.planner.placeholder.start")
	f.people.Placeholder = p.T("tui.planner.placeholder.people")
	f.day.Placeholder = today
	f.out.SetValue(dir)
	return f
}

// inputs are the form's text fields.
func (f *form) inputs() []*textinput.Model {
	return []*textinput.Model{&f.name, &f.areas, &f.rule, &f.size, &f.start, &f.people, &f.day, &f.out}
}

// personal reports whether the form asks for a personal visit list.
func (f *form) personal() bool { return kinds[f.kind] != kinds[0] }

// fields are the form's lines: for a plan, the areas' ids or the rule, as chosen; for a personal
// list, the request file, the day and the folder.
func (f *form) fields() []field {
	if f.personal() {
		return []field{fieldName, fieldKind, fieldPeople, fieldDay, fieldOut, fieldBuild}
	}
	sel := fieldRule
	if selections[f.by] == "areas by id" {
		sel = fieldAreas
	}
	return []field{fieldName, fieldKind, fieldLevel, fieldLayer, fieldBy, sel, fieldSize, fieldMeasure, fieldStart, fieldBuild}
}

// focused is the field with focus.
func (f *form) focused() field {
	fs := f.fields()
	f.focus = min(max(f.focus, 0), len(fs)-1)
	return fs[f.focus]
}

// input is the text field with focus, or nil.
func (f *form) input() *textinput.Model {
	switch f.focused() {
	case fieldName:
		return &f.name
	case fieldAreas:
		return &f.areas
	case fieldRule:
		return &f.rule
	case fieldSize:
		return &f.size
	case fieldStart:
		return &f.start
	case fieldPeople:
		return &f.people
	case fieldDay:
		return &f.day
	case fieldOut:
		return &f.out
	}
	return nil
}

// typing reports whether a text field has focus, so that q and esc are the field's.
func (f *form) typing() bool { return f.input() != nil }

// blur takes the cursor from every field.
func (f *form) blur() {
	for _, in := range f.inputs() {
		in.Blur()
	}
}

// syncFocus gives the text field with focus its cursor.
func (f *form) syncFocus() tea.Cmd {
	f.blur()
	if in := f.input(); in != nil {
		return in.Focus()
	}
	return nil
}

func (f *form) setWidth(w int) {
	in := max(1, min(50, w-labelWidth-2))
	for _, t := range f.inputs() {
		t.SetWidth(in)
	}
}

func (f *form) level() string { return canvass.Levels[f.lvl] }

// setLayers takes the layers read for a level, keeping the layer chosen when the level has it.
func (f *form) setLayers(msg layersMsg) {
	if msg.level != f.level() {
		return // the level changed since: its own answer is on the way
	}
	want := f.layerName()
	if f.want != "" {
		want, f.want = f.want, ""
	}
	f.read, f.readErr, f.layers, f.layer = msg.level, msg.err, msg.layers, 0
	for i, l := range f.layers {
		if l.name == want {
			f.layer = i
		}
	}
}

// marked takes the areas marked on the Areas screen: their level, their layer, and their ids as
// the selection. With nothing marked it takes the level the organizer was looking at.
func (m *Model) marked(msg areas.MarkedMsg) tea.Cmd {
	f := &m.form
	lvl := indexOf(canvass.Levels, msg.Level)
	if lvl < 0 || m.step == stepWorking || (len(msg.IDs) == 0 && m.step != stepForm) {
		return nil
	}
	f.lvl, f.want, f.kind, f.pending = lvl, msg.Layer, 0, nil
	var cmd tea.Cmd
	if len(msg.IDs) > 0 {
		f.by = indexOf(selections, "areas by id")
		f.areas.SetValue(strings.Join(msg.IDs, ","))
		cmd = m.toForm()
		f.focus = indexOf(f.fields(), fieldName)
		if strings.TrimSpace(f.name.Value()) != "" {
			f.focus = indexOf(f.fields(), fieldBuild)
		}
		m.notice = m.common.P.T("tui.planner.marked", "Count", len(msg.IDs), "Layer", msg.Layer)
		return tea.Batch(cmd, f.syncFocus())
	}
	return m.loadLayers()
}

// layerName is the layer chosen, or "" while the level's layers are unknown.
func (f *form) layerName() string {
	if f.read != f.level() || f.layer >= len(f.layers) {
		return ""
	}
	return f.layers[f.layer].name
}

func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	f := &m.form
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if in := f.input(); in != nil {
			var cmd tea.Cmd
			*in, cmd = in.Update(msg)
			return cmd
		}
		return nil
	}
	m.notice = ""
	keys := m.keys
	if f.pending != nil {
		return m.confirmKey(k)
	}
	switch {
	case key.Matches(k, keys.Build), key.Matches(k, keys.Enter) && f.focused() == fieldBuild:
		return m.build()
	case key.Matches(k, keys.Plans):
		return m.toPlans()
	case key.Matches(k, keys.Escape):
		// Only reaches here while typing: the root leaves esc to a screen with a text field.
		// It leaves the field, so that the next esc leaves the screen.
		f.focus = int(fieldLevel)
		return f.syncFocus()
	case key.Matches(k, keys.NextField), key.Matches(k, keys.Enter):
		f.focus = (f.focus + 1) % len(f.fields())
		return f.syncFocus()
	case key.Matches(k, keys.PrevField):
		n := len(f.fields())
		f.focus = (f.focus + n - 1) % n
		return f.syncFocus()
	}
	if in := f.input(); in != nil {
		var cmd tea.Cmd
		*in, cmd = in.Update(msg)
		return cmd
	}
	step := 0
	switch {
	case key.Matches(k, keys.Left):
		step = -1
	case key.Matches(k, keys.Right):
		step = 1
	}
	if step == 0 {
		return nil
	}
	switch f.focused() {
	case fieldKind:
		f.kind = cycle(f.kind, step, len(kinds))
	case fieldLevel:
		f.lvl = cycle(f.lvl, step, len(canvass.Levels))
		return m.loadLayers()
	case fieldLayer:
		if len(f.layers) > 0 {
			f.layer = cycle(f.layer, step, len(f.layers))
		}
	case fieldBy:
		f.by = cycle(f.by, step, len(selections))
	case fieldMeasure:
		f.measure = cycle(f.measure, step, len(measures))
	}
	return nil
}

// cycle moves i by step among n choices, wrapping.
func cycle(i, step, n int) int { return (i + step + n) % n }

// request is the plan asked for; when the form is not complete, the field to fix and why. The
// start is left as typed, for the campaign to read (see prepare).
func (f *form) request(p *i18n.Printer) (canvass.PlanRequest, field, string) {
	req := canvass.PlanRequest{Name: strings.TrimSpace(f.name.Value()), Level: f.level(), Layer: f.layerName(),
		Measure: canvass.Measures[measures[f.measure]]}
	if req.Name == "" {
		return req, fieldName, p.T("tui.planner.problem.name")
	}
	if selections[f.by] == "areas by id" {
		for _, id := range strings.Split(f.areas.Value(), ",") {
			if id = strings.TrimSpace(id); id != "" {
				req.Areas = append(req.Areas, id)
			}
		}
		if len(req.Areas) == 0 {
			return req, fieldAreas, p.T("tui.planner.problem.areas")
		}
	} else if req.Rule = strings.TrimSpace(f.rule.Value()); req.Rule == "" {
		return req, fieldRule, p.T("tui.planner.problem.rule")
	}
	size, err := strconv.ParseFloat(strings.TrimSpace(f.size.Value()), 64)
	if measures[f.measure] == countMeasure {
		if n := int(size); err != nil || n < 1 || float64(n) != size {
			return req, fieldSize, p.T("tui.planner.problem.count")
		}
		req.Measure, req.Count = canvass.Measures["doors"], int(size)
		return req, 0, ""
	}
	if err != nil || size <= 0 {
		return req, fieldSize, p.T("tui.planner.problem.size", "Measure", p.T(measureIDs[measures[f.measure]]))
	}
	req.Target = size
	return req, 0, ""
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
