// Package mapscreen is the Map screen: a level's areas and every address drawn in the terminal
// with tui/mapview, the areas marked on the Areas screen highlighted, and a stored plan's turfs
// in distinct colours with the route of the one selected.
package mapscreen

import (
	"context"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/mapview"
)

// ID is the Map screen's ID.
const ID common.ScreenID = "map"

// Source is where the screen reads the map and the plans; *canvass.Campaign fits.
type Source interface {
	MapData(ctx context.Context, level, layer string) (canvass.MapData, error)
	MapTile(ctx context.Context, level, layer, commune string) ([]canvass.MapPoint, error)
	Plans(ctx context.Context) ([]canvass.PlanSummary, error)
	Plan(ctx context.Context, name string) (canvass.Plan, error)
	Areas(ctx context.Context, level string) ([]canvass.AreaStats, error)
}

// defaultLevel is what the map shows when opened from the dashboard: the level with the most
// to see without a street layer.
const defaultLevel = "neighborhood"

// Model is the Map screen.
type Model struct {
	common common.Common
	src    Source
	picker Picker
	pick   pick
	keys   keyMap
	view   mapview.Model
	spin   spinner.Model

	level, layer string
	marked       []string // ids of the level's areas marked on the Areas screen

	data    canvass.MapData
	hasData bool
	plans   []canvass.PlanSummary
	planIdx int // index in plans of the plan shown, -1 for none
	plan    canvass.Plan
	turfs   []canvass.MapTurf
	turf    int // index in turfs of the selected one

	// The indicator the areas are coloured by (index in indicators), and the level's values.
	ind        int
	stats      map[string]canvass.AreaStats
	statsLevel string

	// The numbers of the last map and plan reads asked for (older answers are dropped), and
	// whether they are still running; tiles are the map's tiles still to read, one after the
	// other, in the background (a tile's answer carries its map's number).
	mapN, planN       int
	mapBusy, planBusy bool
	tiles             []canvass.MapTile
	err               error
}

// New builds the Map screen on src; picker strikes out doors picked on it.
func New(c common.Common, src Source, picker Picker) *Model {
	return &Model{common: c, src: src, picker: picker, keys: defaultKeys(c.P), view: mapview.New(c.Styles, c.P), level: defaultLevel,
		planIdx: -1, spin: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Subtle))}
}

// The screen's reads come back to it, tagged with their number.
type (
	mapMsg struct {
		n    int
		data canvass.MapData
		err  error
	}
	plansMsg struct {
		plans []canvass.PlanSummary
		err   error
	}
	planMsg struct {
		n    int
		plan canvass.Plan
		err  error
	}
	tileMsg struct {
		n      int
		points []canvass.MapPoint
		err    error
	}
)

// ScreenID makes each read come back here whichever screen is active.
func (mapMsg) ScreenID() common.ScreenID   { return ID }
func (plansMsg) ScreenID() common.ScreenID { return ID }
func (planMsg) ScreenID() common.ScreenID  { return ID }
func (tileMsg) ScreenID() common.ScreenID  { return ID }

// Enter reads the map and the list of plans again: an import or a new plan may have changed them.
func (m *Model) Enter() tea.Cmd {
	return tea.Batch(m.readMap(), m.readPlans())
}

func (m *Model) readMap() tea.Cmd {
	m.mapN++
	m.mapBusy, m.err, m.tiles = true, nil, nil
	n, src, ctx, level, layer := m.mapN, m.src, m.common.Ctx, m.level, m.layer
	read := func() tea.Msg {
		d, err := src.MapData(ctx, level, layer)
		if err != nil && layer != "" {
			// A layer the level has no shapes of (the Areas screen's streets are BAN's): its first.
			d, err = src.MapData(ctx, level, "")
		}
		return mapMsg{n: n, data: d, err: err}
	}
	return tea.Batch(read, m.spin.Tick)
}

// readTile reads the next tile of the map's points, if any is left.
func (m *Model) readTile() tea.Cmd {
	if len(m.tiles) == 0 {
		return nil
	}
	t := m.tiles[0]
	m.tiles = m.tiles[1:]
	n, src, ctx, level, layer := m.mapN, m.src, m.common.Ctx, m.data.Level, m.data.Layer
	return func() tea.Msg {
		p, err := src.MapTile(ctx, level, layer, t.Commune)
		return tileMsg{n: n, points: p, err: err}
	}
}

func (m *Model) readPlans() tea.Cmd {
	src, ctx := m.src, m.common.Ctx
	return func() tea.Msg {
		p, err := src.Plans(ctx)
		return plansMsg{plans: p, err: err}
	}
}

func (m *Model) readPlan() tea.Cmd {
	if m.planIdx < 0 {
		m.turfs, m.turf = nil, 0
		m.setLayers()
		return nil
	}
	m.planN++
	m.planBusy = true
	n, src, ctx, name := m.planN, m.src, m.common.Ctx, m.plans[m.planIdx].Name
	read := func() tea.Msg {
		p, err := src.Plan(ctx, name)
		return planMsg{n: n, plan: p, err: err}
	}
	return tea.Batch(read, m.spin.Tick)
}

// Update handles the reads, the marks sent by the Areas screen, and the keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case areas.MarkedMsg:
		changed := msg.Level != m.level || (msg.Layer != "" && msg.Layer != m.layer)
		m.level, m.marked = msg.Level, msg.IDs
		if msg.Layer != "" {
			m.layer = msg.Layer
		}
		if changed {
			m.hasData = false // Enter, which follows, reads the new level
		} else {
			m.setLayers()
		}
	case mapMsg:
		if msg.n == m.mapN {
			m.mapBusy, m.err, m.hasData = false, msg.err, msg.err == nil
			if msg.err == nil {
				m.data, m.layer, m.tiles = msg.data, msg.data.Layer, msg.data.Tiles
				m.setLayers()
				return m, m.readTile()
			}
		}
	case tileMsg:
		if msg.n == m.mapN {
			if msg.err != nil {
				m.err, m.tiles = msg.err, nil
				return m, nil
			}
			m.data.Points = append(m.data.Points, msg.points...)
			m.setLayers()
			return m, m.readTile()
		}
	case plansMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		m.plans = msg.plans
		if m.planIdx >= len(m.plans) {
			m.planIdx, m.turfs = -1, nil
			m.setLayers()
		}
	case planMsg:
		if msg.n == m.planN {
			m.planBusy, m.err = false, msg.err
			m.plan, m.turfs, m.turf = msg.plan, msg.plan.MapTurfs(), 0
			m.setLayers()
		}
	case spinner.TickMsg:
		if !m.busy() {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case statsMsg:
		m.statsRead(msg)
	case doorMsg:
		m.picked(msg)
	case knockedMsg:
		return m, m.knocked(msg)
	case tea.KeyPressMsg:
		return m, m.updateKey(msg)
	}
	return m, nil
}

func (m *Model) updateKey(k tea.KeyPressMsg) tea.Cmd {
	if m.pick.on || key.Matches(k, m.keys.Pick) {
		if handled, cmd := m.pickKey(k); handled {
			return cmd
		}
	}
	switch {
	case key.Matches(k, m.keys.Indicator):
		return m.nextIndicator()
	case key.Matches(k, m.keys.Layer):
		return m.nextLayer()
	case key.Matches(k, m.keys.Plan):
		if len(m.plans) == 0 {
			return nil
		}
		m.planIdx++
		if m.planIdx >= len(m.plans) {
			m.planIdx = -1
		}
		return m.readPlan()
	case key.Matches(k, m.keys.NextTurf), key.Matches(k, m.keys.PrevTurf):
		if len(m.turfs) == 0 {
			return nil
		}
		step := 1
		if key.Matches(k, m.keys.PrevTurf) {
			step = len(m.turfs) - 1
		}
		m.turf = (m.turf + step) % len(m.turfs)
		m.setLayers()
		return nil
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(k)
	return cmd
}

// nextLayer shows the level's next layer, or the next level's first once past its last.
func (m *Model) nextLayer() tea.Cmd {
	if i := slices.Index(m.data.Layers, m.layer); i >= 0 && i+1 < len(m.data.Layers) {
		m.layer = m.data.Layers[i+1]
	} else {
		i := slices.Index(canvass.Levels, m.level)
		m.level, m.layer = canvass.Levels[(i+1)%len(canvass.Levels)], ""
	}
	m.marked = nil    // they were areas of the layer left
	m.statsLevel = "" // the values are the layer's: read again when shown
	if indicators[m.ind] != "" {
		return tea.Batch(m.readMap(), m.readStats())
	}
	return m.readMap()
}

// setLayers hands the map what to draw: the areas (marked ones in colour), the addresses (the
// marked areas' doors highlighted, or coloured by turf with the selected turf's highlighted),
// and the selected turf's route.
func (m *Model) setLayers() {
	if !m.hasData {
		return
	}
	var l mapview.Layers
	marked := map[string]bool{}
	for _, id := range m.marked {
		marked[id] = true
	}
	for _, s := range m.data.Network {
		l.Lines = append(l.Lines, mapview.Line{Path: s})
	}
	lo, hi, colouring := m.bounds()
	colouring = colouring && indicators[m.ind] != "" && len(m.turfs) == 0
	classOf := map[string]int{} // area id -> class, when the map is coloured by an indicator
	for _, a := range m.data.Areas {
		colour := 0
		if marked[a.ID] {
			colour = 1
		}
		label := safetext.Clean(a.Name)
		if label == "" {
			label = safetext.Clean(a.ID)
		}
		if colouring {
			if v, ok := m.indicatorValue(a.ID); ok {
				classOf[a.ID] = class(v, lo, hi)
				label += " " + m.common.P.Percent(v, 0)
			}
		}
		if len(a.Shape) > 0 {
			l.Areas = append(l.Areas, mapview.Area{Shape: a.Shape, Label: label, Colour: colour})
		}
		for _, ls := range a.Lines {
			l.Lines = append(l.Lines, mapview.Line{Path: ls, Colour: colour})
		}
	}
	turfOf := map[orb.Point]int{} // door -> turf number, from 1
	for i, t := range m.turfs {
		for _, d := range t.Doors {
			turfOf[d] = i + 1
		}
	}
	l.Points = make([]mapview.Point, len(m.data.Points))
	for i, p := range m.data.Points {
		at := orb.Point{p.Lon, p.Lat}
		pt := mapview.Point{At: at}
		switch {
		case len(m.turfs) > 0:
			pt.Colour = turfOf[at]
			pt.Highlight = pt.Colour == m.turf+1
		case colouring:
			pt.Colour = classOf[p.Area]
			pt.Highlight = marked[p.Area]
		default:
			pt.Highlight = marked[p.Area]
		}
		l.Points[i] = pt
	}
	mode := mapview.ColourAreas
	if colouring {
		mode = mapview.ColourTurfs // the doors carry their area's class
	}
	if len(m.turfs) > 0 {
		t := m.turfs[m.turf]
		l.Route = mapview.Route{Path: t.Route}
		if len(t.Doors) > 0 {
			l.Route.Stops = []orb.Point{t.Doors[0]} // "1" where the walk starts
		}
		mode = mapview.ColourTurfs
	}
	m.view.SetLayers(l)
	m.view.SetColourMode(mode)
}

// busy says whether a read is running, for the spinner.
func (m *Model) busy() bool { return m.mapBusy || m.planBusy }

// SetSize sets the area the screen may draw in; the map takes all but the lines around it.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	m.view.SetSize(width, max(0, height-chrome))
}

// Back leaves picking; otherwise esc leaves the map.
func (m *Model) Back() (bool, tea.Cmd) {
	if m.pick.on {
		m.togglePick()
		return true, nil
	}
	return false, nil
}

// Mode is always normal: the map has no text field and its reads are short.
func (m *Model) Mode() common.Mode { return common.ModeNormal }

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.map.title") }
