package mapscreen

import (
	"math"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// indicators are what the map colours areas by, in the order v cycles through them; "" is none.
var indicators = []string{"", "abstention", "turnout", "coverage"}

// indicatorIDs are the messages naming the indicators.
var indicatorIDs = map[string]string{
	"abstention": "tui.map.indicator.abstention",
	"turnout":    "tui.map.indicator.turnout",
	"coverage":   "tui.map.indicator.coverage",
}

// scale is the colours of an indicator's classes, lowest first: light yellow to dark red, which
// reads as "more" on dark and light terminals alike.
var scale = []string{"229", "221", "214", "202", "160"}

// classes is how many classes an indicator's values are cut into.
const classes = 5

// statsMsg carries the level's areas with their indicators.
type statsMsg struct {
	level string
	stats []canvass.AreaStats
	err   error
}

func (statsMsg) ScreenID() common.ScreenID { return ID }

// readStats reads the indicators of the level's areas.
func (m *Model) readStats() tea.Cmd {
	src, ctx, level := m.src, m.common.Ctx, m.level
	return func() tea.Msg {
		s, err := src.Areas(ctx, level)
		return statsMsg{level: level, stats: s, err: err}
	}
}

// nextIndicator colours the map by the next indicator, reading the areas' values when needed.
func (m *Model) nextIndicator() tea.Cmd {
	m.ind = (m.ind + 1) % len(indicators)
	if indicators[m.ind] == "" {
		m.view.SetScale(nil)
		m.setLayers()
		return nil
	}
	m.view.SetScale(scale)
	if m.statsLevel != m.level {
		return m.readStats()
	}
	m.setLayers()
	return nil
}

// statsRead keeps the areas' values of the level shown.
func (m *Model) statsRead(msg statsMsg) {
	if msg.err != nil {
		m.err = msg.err
		return
	}
	if msg.level != m.level {
		return
	}
	m.stats, m.statsLevel = map[string]canvass.AreaStats{}, msg.level
	for _, a := range msg.stats {
		if a.Layer == m.layer || m.layer == "" {
			m.stats[a.ID] = a
		}
	}
	m.setLayers()
}

// indicatorValue is an area's value of the indicator shown; false when it has none (no results,
// or fewer than K voters: then it exposes none).
func (m *Model) indicatorValue(id string) (float64, bool) {
	a, ok := m.stats[id]
	if !ok {
		return 0, false
	}
	switch indicators[m.ind] {
	case "abstention":
		if a.Abstention != nil {
			return *a.Abstention, true
		}
	case "turnout":
		if a.Abstention != nil {
			return 1 - *a.Abstention, true
		}
	case "coverage":
		if !a.Hidden {
			return a.Coverage, true
		}
	}
	return 0, false
}

// bounds are the lowest and highest values of the indicator shown over the map's areas.
func (m *Model) bounds() (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, a := range m.data.Areas {
		if v, has := m.indicatorValue(a.ID); has {
			lo, hi, ok = min(lo, v), max(hi, v), true
		}
	}
	return lo, hi, ok
}

// class is the class of v, from 1 to classes, between lo and hi in equal steps.
func class(v, lo, hi float64) int {
	if hi <= lo {
		return 1
	}
	return min(classes, 1+int(float64(classes)*(v-lo)/(hi-lo)))
}

// legend says what the colours mean: each class's range, in its colour, and the value of each
// area is written with its name, so that the map reads without colour too.
func (m *Model) legend() string {
	p := m.common.P
	lo, hi, ok := m.bounds()
	name := p.T(indicatorIDs[indicators[m.ind]])
	if !ok {
		return p.T("tui.map.legend.none", "Indicator", name)
	}
	parts := []string{p.T("tui.map.legend.name", "Indicator", name)}
	step := (hi - lo) / classes
	for i := range classes {
		text := "■ " + p.Percent(lo+float64(i)*step, 0) + "–" + p.Percent(lo+float64(i+1)*step, 0)
		if m.common.Styles.Colour {
			text = lipgloss.NewStyle().Foreground(lipgloss.Color(scale[i])).Render(text)
		}
		parts = append(parts, text)
		if hi <= lo {
			break
		}
	}
	return strings.Join(parts, " ")
}
