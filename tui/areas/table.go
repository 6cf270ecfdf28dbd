package areas

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// hiddenValue stands for an indicator withheld from an area of fewer than K voters.
const hiddenValue = "—"

// column is one column of the table: how wide it would like to be, how a cell reads, and how
// rows sort on it (nil: it does not sort).
type column struct {
	title    string
	width    int // the natural width; id, name and layer fit their values instead
	numeric  bool
	withheld bool // its value is hidden for an area of fewer than K voters
	cell     func(a canvass.AreaStats) string
	less     func(a, b canvass.AreaStats, folded map[string]string) int // folded: the names, folded
}

// newColumns are the table's columns, in order, their titles and figures in p's language; the
// first shows the cursor and the marks.
func newColumns(p *i18n.Printer) []column {
	count := func(n int) string { return p.Int(int64(n)) }
	return []column{
		{title: "", width: 2},
		{title: p.T("tui.areas.col.id"), cell: func(a canvass.AreaStats) string { return safetext.Clean(a.ID) },
			less: func(a, b canvass.AreaStats, _ map[string]string) int { return canvass.CompareAreaIDs(a.ID, b.ID) }},
		{title: p.T("tui.areas.col.name"), cell: func(a canvass.AreaStats) string { return safetext.Clean(a.Name) },
			less: func(a, b canvass.AreaStats, f map[string]string) int { return cmp.Compare(f[a.Name], f[b.Name]) }},
		{title: p.T("tui.areas.col.layer"), cell: func(a canvass.AreaStats) string { return safetext.Clean(a.Layer) },
			less: func(a, b canvass.AreaStats, _ map[string]string) int { return cmp.Compare(a.Layer, b.Layer) }},
		{title: p.T("tui.areas.col.voters"), width: 7, numeric: true, cell: func(a canvass.AreaStats) string { return count(a.Voters) },
			less: func(a, b canvass.AreaStats, _ map[string]string) int { return cmp.Compare(a.Voters, b.Voters) }},
		{title: p.T("tui.areas.col.doors"), width: 6, numeric: true, cell: func(a canvass.AreaStats) string { return count(a.Doors) },
			less: func(a, b canvass.AreaStats, _ map[string]string) int { return cmp.Compare(a.Doors, b.Doors) }},
		{title: p.T("tui.areas.col.stations"), width: 8, numeric: true, cell: func(a canvass.AreaStats) string { return count(a.Stations) },
			less: func(a, b canvass.AreaStats, _ map[string]string) int { return cmp.Compare(a.Stations, b.Stations) }},
		{title: p.T("tui.areas.col.abstention"), width: 10, numeric: true, withheld: true, cell: func(a canvass.AreaStats) string {
			if a.Abstention == nil {
				return hiddenValue
			}
			return p.Percent(*a.Abstention, 1)
		}, less: func(a, b canvass.AreaStats, _ map[string]string) int {
			return cmp.Compare(*a.Abstention, *b.Abstention)
		}},
		{title: p.T("tui.areas.col.coverage"), width: 8, numeric: true, cell: func(a canvass.AreaStats) string { return p.Percent(a.Coverage, 1) },
			less: func(a, b canvass.AreaStats, _ map[string]string) int { return cmp.Compare(a.Coverage, b.Coverage) }},
	}
}

// Column indexes the layout refers to.
const (
	colMark = iota
	colID
	colName
	colLayer
	colVoters
	colDoors
	colStations
	colAbstention
	colCoverage
)

// dropOrder is the columns given up, in order, when the name would be narrower than minName.
var dropOrder = []int{colLayer, colStations, colCoverage, colDoors, colID}

// minName and maxName bound the name column's width.
const minName, maxName = 12, 40

// sortRows sorts rows on c, the smallest first unless desc. An area whose abstention is hidden
// has none to compare: it goes last either way, in id order.
func sortRows(rows []canvass.AreaStats, c column, desc bool, folded map[string]string) {
	hidden := func(a canvass.AreaStats) bool { return c.withheld && a.Abstention == nil }
	slices.SortStableFunc(rows, func(a, b canvass.AreaStats) int {
		ha, hb := hidden(a), hidden(b)
		switch {
		case ha && hb:
			return canvass.CompareAreaIDs(a.ID, b.ID)
		case ha:
			return 1
		case hb:
			return -1
		}
		r := c.less(a, b, folded)
		if desc {
			r = -r
		}
		if r == 0 {
			r = canvass.CompareAreaIDs(a.ID, b.ID)
		}
		return r
	})
}

// fold lowers s and strips its accents, so that "peres" finds "Rue des Pères".
func fold(s string) string { return strings.ToLower(textfold.StripAccents(s)) }

// refresh recomputes the rows shown and the table's lines for the current width. The cursor
// stays on the area it was on when that area is still shown.
//
// The bubbles table gets one column holding lines laid out here: it keeps the cursor, the
// scrolling and the keys, while a frame costs one styled cell per visible row instead of nine.
func (m *Model) refresh() {
	prev, had := m.current()
	m.rows = m.shown()
	widths := layout(m.cols, m.rows, m.common.Width, m.sort)
	var head strings.Builder
	head.WriteString(strings.Repeat(" ", m.cols[colMark].width+1))
	for i, c := range m.cols {
		if i == colMark || widths[i] == 0 {
			continue
		}
		title := c.title
		if i == m.sort {
			title += map[bool]string{false: " ▲", true: " ▼"}[m.desc]
		}
		head.WriteString(cellText(title, widths[i], c.numeric) + " ")
	}
	m.lines = make([]string, len(m.rows))
	for r, a := range m.rows {
		var b strings.Builder
		for i, c := range m.cols {
			if i == colMark || widths[i] == 0 {
				continue
			}
			b.WriteString(cellText(c.cell(a), widths[i], c.numeric) + " ")
		}
		m.lines[r] = b.String()
	}
	width := ansi.StringWidth(head.String())
	m.table.SetColumns([]table.Column{{Title: head.String(), Width: width}})
	m.table.SetRows(make([]table.Row, len(m.rows)))
	m.table.SetWidth(m.common.Width)
	m.tableH = m.tableHeight()
	m.table.SetHeight(m.tableH)
	if i := slices.IndexFunc(m.rows, func(a canvass.AreaStats) bool {
		return a.ID == prev.ID && a.Level == prev.Level && a.Layer == prev.Layer
	}); had && i >= 0 {
		m.table.SetCursor(i)
	}
	if m.table.Cursor() < 0 && len(m.rows) > 0 {
		m.table.SetCursor(0)
	}
	m.syncCursor()
}

// syncCursor writes the rows with their first column: the cursor (which shows without colour)
// and the marks.
func (m *Model) syncCursor() {
	rows, cur := m.table.Rows(), m.table.Cursor()
	for i := range rows {
		mark := " "
		if m.marked.has(m.rows[i]) {
			mark = "●"
		}
		lead := " "
		if i == cur {
			lead = "▸"
		}
		rows[i] = table.Row{lead + mark + " " + m.lines[i]}
	}
	m.table.UpdateViewport()
}

// layout sizes the columns for width: id and layer fit their longest value, the sort column
// makes room for its arrow, the name takes the rest, and columns are dropped while the name
// would be too narrow.
func layout(columns []column, rows []canvass.AreaStats, width, sorted int) []int {
	w := make([]int, len(columns))
	for i, c := range columns {
		w[i] = max(c.width, len([]rune(c.title)))
	}
	w[colID], w[colLayer] = 2, 5
	for _, a := range rows {
		w[colID] = max(w[colID], min(14, len([]rune(a.ID))))
		w[colLayer] = max(w[colLayer], min(16, len([]rune(a.Layer))))
	}
	if oneLayer(rows) {
		w[colLayer] = 0 // the status line names it
	}
	if sorted >= 0 {
		w[sorted] = max(w[sorted], len([]rune(columns[sorted].title))+2)
	}
	rest := func() int {
		used := 0
		for i, x := range w {
			if i != colName && x > 0 {
				used += x + 1 // each cell pads one column on its right
			}
		}
		return width - used - 1
	}
	for _, c := range dropOrder {
		if rest() >= minName {
			break
		}
		w[c] = 0
	}
	w[colName] = max(4, min(maxName, rest())) // wider, the figures drift away from their names
	return w
}

// cellText fits s in width columns: cut with an ellipsis when longer, padded when shorter, on
// the left for numbers so that their digits line up.
func cellText(s string, width int, right bool) string {
	n := ansi.StringWidth(s)
	if n > width {
		return ansi.Truncate(s, width, "…")
	}
	if right {
		return strings.Repeat(" ", width-n) + s
	}
	return s + strings.Repeat(" ", width-n)
}

// oneLayer says whether every row is of the same layer, which then needs no column.
func oneLayer(rows []canvass.AreaStats) bool {
	for _, a := range rows {
		if a.Layer != rows[0].Layer {
			return false
		}
	}
	return len(rows) > 0
}
