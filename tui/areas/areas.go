// Package areas is the Areas screen: the areas of a level (constituencies, neighborhoods,
// streets) in a table with their voters, doors and indicators, sorted and filtered, from which
// an organizer goes down into an area, marks areas for a plan and opens their map.
package areas

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// ID is the Areas screen's ID.
const ID common.ScreenID = "areas"

// Source is where the screen reads the areas and K; *canvass.Campaign fits. Tests use a fake.
type Source interface {
	Areas(ctx context.Context, level string) ([]canvass.AreaStats, error)
	Settings(ctx context.Context) (canvass.Settings, error)
}

// MarkedMsg carries the areas marked for a plan, all of one level and layer, to screen To (the
// map, a plan builder), just before the Areas screen opens it. With nothing marked it still
// names the level the organizer is looking at.
type MarkedMsg struct {
	To    common.ScreenID
	Level string
	Layer string   // "" when nothing is marked
	IDs   []string // in the order the areas were marked
}

// ScreenID delivers the marks to their screen even when it is not the active one.
func (m MarkedMsg) ScreenID() common.ScreenID { return m.To }

// crumb is an area the organizer went down from: the rows below it are those whose Parents
// name it.
type crumb struct {
	level       int
	layer, id   string
	name        string
	cursor      int // where the cursor was, to put it back on the way up
	sort        int
	desc        bool
	filterValue string
}

// marks are the areas marked for a plan: one level and layer at a time, as a plan takes them.
type marks struct {
	level, layer string
	ids          []string
}

func (k marks) has(a canvass.AreaStats) bool {
	return a.Level == k.level && a.Layer == k.layer && slices.Contains(k.ids, a.ID)
}

// Model is the Areas screen.
type Model struct {
	common    common.Common
	src       Source
	mapScreen common.ScreenID
	plan      common.ScreenID
	keys      keyMap
	cols      []column

	table  table.Model
	spin   spinner.Model
	filter textinput.Model
	typing bool

	level int     // index in canvass.Levels
	trail []crumb // the areas gone down from, outermost first
	sort  int     // index in cols of the sort column, -1 for the domain's order
	desc  bool

	cache   map[string][]canvass.AreaStats // per level, dropped on each Enter
	k       int                            // the campaign's K; 0 until read
	reads   int                            // how many reads were asked for: each read's number
	loading int                            // the number of the read the screen waits for; older answers are dropped
	busy    bool
	pending string // the level being read
	// Once the level shown is read, the others are read in the background, one at a time, so that
	// Tab finds them ready: inFlight has the number of the read of each level under way, tried the
	// levels read or being read since the last Enter, whose number is gen.
	inFlight map[string]int
	tried    map[string]bool
	gen      int
	tableH   int // the table's height as last set
	err      error
	notice   string

	rows   []canvass.AreaStats // the rows shown, in order
	lines  []string            // the rows as the table shows them, without the first column
	folded map[string]string   // names without case and accents, for the filter and the sort
	marked marks
}

// New builds the Areas screen on src, opening on constituencies. m opens mapScreen and p opens
// plan, each told the marks first by a MarkedMsg; an empty ID leaves its key out.
func New(c common.Common, src Source, mapScreen, plan common.ScreenID) *Model {
	s := c.Styles
	t := table.New(table.WithFocused(true), table.WithKeyMap(tableKeys(c.P)))
	t.SetStyles(table.Styles{
		Header:   s.Label.Bold(true),
		Cell:     s.Value,
		Selected: s.Selected,
	})
	f := common.NewInput(s, 60)
	f.Prompt = "/ "
	f.Placeholder = c.P.T("tui.areas.filter.placeholder")
	sp := spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(s.Subtle))
	keys := defaultKeys(c.P)
	keys.Map.SetEnabled(mapScreen != "")
	keys.Plan.SetEnabled(plan != "")
	return &Model{common: c, src: src, mapScreen: mapScreen, plan: plan, keys: keys, cols: newColumns(c.P), table: t,
		spin: sp, filter: f, sort: -1, cache: map[string][]canvass.AreaStats{}, folded: map[string]string{},
		inFlight: map[string]int{}, tried: map[string]bool{}}
}

// loadedMsg carries a level's areas read off the interface's loop, tagged with the read's number
// and the Enter it follows.
type loadedMsg struct {
	n, gen int
	level  string
	areas  []canvass.AreaStats
	k      int
	err    error
}

// ScreenID makes a read come back here even if the organizer moved on.
func (loadedMsg) ScreenID() common.ScreenID { return ID }

// Enter reads the current level again: an import may have changed the areas.
func (m *Model) Enter() tea.Cmd {
	clear(m.cache)
	clear(m.inFlight)
	clear(m.tried)
	m.gen++
	return m.load()
}

// load reads the current level, unless it is already read or being read.
func (m *Model) load() tea.Cmd {
	level := canvass.Levels[m.level]
	if _, ok := m.cache[level]; ok {
		m.refresh()
		return nil
	}
	if m.busy && m.pending == level {
		m.refresh()
		return nil // its answer is on the way
	}
	m.busy, m.err, m.pending = true, nil, level
	if n, ok := m.inFlight[level]; ok {
		m.loading = n // read in the background already: wait for it
		m.refresh()
		return m.spin.Tick
	}
	m.loading = m.read(level)
	m.refresh()
	return tea.Batch(m.readCmd(level), m.spin.Tick)
}

// read numbers a new read of level and notes it under way.
func (m *Model) read(level string) int {
	m.reads++
	m.inFlight[level], m.tried[level] = m.reads, true
	return m.reads
}

// readCmd reads level off the interface's loop, as the read numbered last.
func (m *Model) readCmd(level string) tea.Cmd {
	n, gen, src, ctx := m.reads, m.gen, m.src, m.common.Ctx
	return func() tea.Msg {
		areas, err := src.Areas(ctx, level)
		msg := loadedMsg{n: n, gen: gen, level: level, areas: areas, err: err}
		if s, err := src.Settings(ctx); err == nil {
			msg.k = s.MinUnitVoters
		}
		return msg
	}
}

// prefetch reads, in the background, the first level not tried since the last Enter, while the
// screen waits for nothing.
func (m *Model) prefetch() tea.Cmd {
	if m.busy || len(m.inFlight) > 0 {
		return nil
	}
	for _, level := range canvass.Levels {
		if !m.tried[level] {
			m.read(level)
			return m.readCmd(level)
		}
	}
	return nil
}

// Update handles the reads, the keys and the spinner.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	cmd := m.update(msg)
	if h := m.tableHeight(); h != m.tableH {
		m.refresh() // the notes under the table took or gave back lines
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		// An older read since the last Enter still fills the cache: the organizer may come back to
		// its level. A newer read of the same level overwrites it.
		if m.inFlight[msg.level] == msg.n {
			delete(m.inFlight, msg.level)
		}
		if msg.err == nil && msg.gen == m.gen {
			m.cache[msg.level], m.k = msg.areas, msg.k
		}
		if msg.n == m.loading {
			m.busy, m.err = false, msg.err
		}
		m.refresh()
		return m.prefetch()
	case spinner.TickMsg:
		if !m.busy {
			return nil // the read is over: let the spinner stop
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return cmd
	case tea.KeyPressMsg:
		if m.typing {
			return m.updateFilter(msg)
		}
		return m.updateKey(msg)
	}
	return nil
}

// updateFilter edits the filter, narrowing the rows at each key.
func (m *Model) updateFilter(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Keep):
		m.typing = false
		m.filter.Blur()
		return nil
	case key.Matches(k, m.keys.Drop):
		m.typing = false
		m.filter.Blur()
		m.filter.SetValue("")
		m.refresh()
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(k)
	m.refresh()
	return cmd
}

func (m *Model) updateKey(k tea.KeyPressMsg) tea.Cmd {
	m.notice = ""
	switch {
	case key.Matches(k, m.keys.NextLevel):
		return m.toLevel((m.level + 1) % len(canvass.Levels))
	case key.Matches(k, m.keys.PrevLevel):
		return m.toLevel((m.level + len(canvass.Levels) - 1) % len(canvass.Levels))
	case key.Matches(k, m.keys.Down):
		return m.down()
	case key.Matches(k, m.keys.Up):
		if len(m.trail) > 0 {
			return m.up()
		}
		m.notice = m.common.P.T("tui.areas.notice.top")
	case key.Matches(k, m.keys.Sort):
		m.sort = (m.sort + 1) % len(m.cols)
		if m.cols[m.sort].less == nil {
			m.sort = (m.sort + 1) % len(m.cols) // the mark column does not sort
		}
		m.desc = m.cols[m.sort].numeric // the largest first: what an organizer looks for
		m.refresh()
		m.toTop()
	case key.Matches(k, m.keys.Reverse):
		if m.sort < 0 {
			m.notice = m.common.P.T("tui.areas.notice.sort-first")
			return nil
		}
		m.desc = !m.desc
		m.refresh()
		m.toTop()
	case key.Matches(k, m.keys.Filter):
		m.typing = true
		return m.filter.Focus()
	case key.Matches(k, m.keys.Mark):
		return m.toggleMark()
	case key.Matches(k, m.keys.Clear):
		if len(m.marked.ids) == 0 {
			return nil
		}
		m.marked = marks{}
		m.refresh()
	case key.Matches(k, m.keys.Map):
		return m.openWithMarks(m.mapScreen)
	case key.Matches(k, m.keys.Plan):
		return m.openWithMarks(m.plan)
	default:
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(k)
		m.syncCursor()
		return cmd
	}
	return nil
}

// toTop puts the cursor on the first row: after a sort, the organizer looks for the first ones.
func (m *Model) toTop() {
	m.table.GotoTop()
	m.syncCursor()
}

// toLevel shows every area of level i: the way down is forgotten.
func (m *Model) toLevel(i int) tea.Cmd {
	m.level, m.trail = i, nil
	m.table.SetCursor(0)
	return m.load()
}

// down shows the areas of the next level inside the area under the cursor.
func (m *Model) down() tea.Cmd {
	a, ok := m.current()
	if !ok {
		return nil
	}
	if m.level == len(canvass.Levels)-1 {
		m.notice = m.common.P.T("tui.areas.notice.last-level")
		return nil
	}
	m.trail = append(m.trail, crumb{level: m.level, layer: a.Layer, id: a.ID, name: a.Name,
		cursor: m.table.Cursor(), sort: m.sort, desc: m.desc, filterValue: m.filter.Value()})
	m.level++
	m.filter.SetValue("")
	m.table.SetCursor(0)
	return m.load()
}

// up goes back to the level above, where the organizer was.
func (m *Model) up() tea.Cmd {
	c := m.trail[len(m.trail)-1]
	m.trail = m.trail[:len(m.trail)-1]
	m.level, m.sort, m.desc = c.level, c.sort, c.desc
	m.filter.SetValue(c.filterValue)
	cmd := m.load()
	m.table.SetCursor(c.cursor)
	m.syncCursor()
	return cmd
}

// current is the area under the cursor.
func (m *Model) current() (canvass.AreaStats, bool) {
	i := m.table.Cursor()
	if i < 0 || i >= len(m.rows) {
		return canvass.AreaStats{}, false
	}
	return m.rows[i], true
}

// toggleMark marks or unmarks the area under the cursor, and moves down, as file managers do.
func (m *Model) toggleMark() tea.Cmd {
	a, ok := m.current()
	if !ok {
		return nil
	}
	k := &m.marked
	switch {
	case k.has(a):
		k.ids = slices.DeleteFunc(k.ids, func(id string) bool { return id == a.ID })
	case len(k.ids) > 0 && (k.level != a.Level || k.layer != a.Layer):
		m.notice = m.common.P.T("tui.areas.notice.one-layer", "Count", len(k.ids), "Layer", k.layer)
		return nil
	default:
		k.level, k.layer = a.Level, a.Layer
		k.ids = append(k.ids, a.ID)
	}
	if len(k.ids) == 0 {
		*k = marks{}
	}
	m.table.MoveDown(1)
	m.refresh()
	return nil
}

// Marked returns the marked areas' level, layer and ids.
func (m *Model) Marked() MarkedMsg {
	return MarkedMsg{Level: m.marked.level, Layer: m.marked.layer, IDs: slices.Clone(m.marked.ids)}
}

// openWithMarks tells screen to the marks, then opens it: in sequence, so that it reads them
// before it is entered. With nothing marked the message names the level shown.
func (m *Model) openWithMarks(to common.ScreenID) tea.Cmd {
	if to == "" {
		return nil
	}
	msg := m.Marked()
	msg.To = to
	if msg.Level == "" {
		msg.Level = canvass.Levels[m.level]
	}
	return tea.Sequence(func() tea.Msg { return msg }, common.Go(to))
}

// SetSize sets the area the screen may draw in.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	m.filter.SetWidth(max(1, width-4))
	m.refresh()
}

// Back goes up to the area above when the organizer went down; at the top the root leaves.
func (m *Model) Back() (bool, tea.Cmd) {
	if len(m.trail) > 0 {
		return true, m.up()
	}
	return false, nil
}

// Mode gives the keys to the filter while it is typed.
func (m *Model) Mode() common.Mode {
	if m.typing {
		return common.ModeTyping
	}
	return common.ModeNormal
}

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.areas.title") }

// shown picks the rows of the current level inside the crumb gone down from, matching the filter.
func (m *Model) shown() []canvass.AreaStats {
	all := m.cache[canvass.Levels[m.level]]
	q := fold(strings.TrimSpace(m.filter.Value()))
	if q != "" {
		m.foldNames(all)
	}
	var parent *crumb
	if len(m.trail) > 0 {
		parent = &m.trail[len(m.trail)-1]
	}
	out := make([]canvass.AreaStats, 0, len(all))
	for _, a := range all {
		if parent != nil && a.Parents[parent.layer] != parent.id {
			continue
		}
		if q != "" && !strings.Contains(m.folded[a.Name], q) && !strings.Contains(strings.ToLower(a.ID), q) {
			continue
		}
		out = append(out, a)
	}
	if m.sort >= 0 {
		m.foldNames(out)
		sortRows(out, m.cols[m.sort], m.desc, m.folded)
	}
	return out
}

// foldNames folds the names of areas not folded yet: folding is slow enough to matter when a
// sort compares 558 names thousands of times.
func (m *Model) foldNames(areas []canvass.AreaStats) {
	for _, a := range areas {
		if _, ok := m.folded[a.Name]; !ok {
			m.folded[a.Name] = fold(a.Name)
		}
	}
}
