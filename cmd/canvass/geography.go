package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

type geocodeCmd struct {
	Report  bool   `help:"${help_geocode_report}"`
	JSON    bool   `help:"${help_geocode_json}"`
	Matches string `placeholder:"FILE" help:"${help_geocode_matches}"`
	Missing bool   `help:"${help_geocode_missing}"`
}

func (c *geocodeCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	var rep canvass.GeocodeReport
	if c.Report {
		if _, err = camp.EnsureGeography(e.ctx); err == nil {
			rep, err = camp.GeocodeSummary(e.ctx)
		}
	} else {
		rep, err = camp.Geocode(e.ctx)
	}
	if err != nil {
		return err
	}
	if c.Matches != "" {
		if err := export.WriteFile(c.Matches, 0o600, func(w io.Writer) error { return camp.WriteMatches(e.ctx, w) }); err != nil {
			return err
		}
	}
	if c.JSON {
		return e.printJSON(rep)
	}
	p := e.p
	n := rep.Voters()
	pct := func(k int) string {
		if n == 0 {
			return "-"
		}
		return p.Percent(float64(k)/float64(n), 2)
	}
	fmt.Fprintln(e.stdout, p.T("cli.geocode.report", "Count", n, "Exact", rep.Exact, "ExactShare", pct(rep.Exact),
		"Fuzzy", rep.Fuzzy, "FuzzyShare", pct(rep.Fuzzy), "Approximate", rep.Approximate, "ApproximateShare", pct(rep.Approximate),
		"Unmatched", rep.Unmatched, "UnmatchedShare", pct(rep.Unmatched)))
	printForms(p, e.stdout, rep.Forms)
	for layer, k := range rep.Outside {
		fmt.Fprintln(e.stdout, p.T("cli.geocode.outside", "Outside", k, "Count", rep.Addresses, "Layer", layer))
	}
	if c.Matches != "" {
		fmt.Fprintln(e.stdout, p.T("cli.geocode.matches", "Path", c.Matches))
	}
	if c.Missing {
		missing, err := camp.Unmatched(e.ctx)
		if err != nil {
			return err
		}
		for _, m := range missing {
			if m.Form != "" {
				fmt.Fprintln(e.stdout, "  "+p.T("cli.geocode.missing.form", "Line", m.Line, "Reason", m.Reason, "Form", m.Form))
			} else {
				fmt.Fprintln(e.stdout, "  "+p.T("cli.geocode.missing", "Line", m.Line, "Reason", m.Reason))
			}
		}
	}
	return nil
}

// formHelp says what each form of address (canvass.FormCounts) is, for an organizer fixing the
// file: the messages cli.geocode.form.<form>.
var formHelp = map[string]string{
	canvass.StandardForm: "cli.geocode.form.standard",
	"inverted":           "cli.geocode.form.inverted",
	"no-type":            "cli.geocode.form.no-type",
	"number-in-street":   "cli.geocode.form.number-in-street",
	"number-range":       "cli.geocode.form.number-range",
	"number-padded":      "cli.geocode.form.number-padded",
	"misspelt":           "cli.geocode.form.misspelt",
	"abbreviated":        "cli.geocode.form.abbreviated",
	"punctuation":        "cli.geocode.form.punctuation",
}

// printForms writes how many voters the list wrote in each form and how they were matched.
func printForms(p *i18n.Printer, w io.Writer, forms []canvass.FormCounts) {
	if len(forms) == 0 {
		return
	}
	fmt.Fprintln(w, p.T("cli.geocode.forms"))
	t := newTable(p, []column{{"cli.geocode.col.form", -17}, {"cli.geocode.col.voters", 7}, {"cli.geocode.col.exact", 7},
		{"cli.geocode.col.fuzzy", 7}, {"cli.geocode.col.approx", 7}, {"cli.geocode.col.unmatched", 9},
		{"cli.geocode.col.ambiguous", 9}, {"cli.geocode.col.what", 0}})
	fmt.Fprintln(w, "  "+t.header())
	for _, f := range forms {
		what := ""
		if id, ok := formHelp[f.Form]; ok {
			what = p.T(id)
		}
		fmt.Fprintln(w, "  "+t.row(f.Form, f.Voters, f.Exact, f.Fuzzy, f.Approximate, f.Unmatched, f.Ambiguous, what))
	}
}

type areasCmd struct {
	Level  string `required:"" enum:"constituency,neighborhood,street" help:"${help_areas_level}"`
	Layer  string `help:"${help_areas_layer}"`
	Within string `placeholder:"ID" help:"${help_areas_within}"`
	JSON   bool   `help:"${help_areas_json}"`
}

func (c *areasCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	all, err := camp.Areas(e.ctx, c.Level)
	if err != nil {
		return err
	}
	if err := checkLayer(all, c.Level, c.Layer); err != nil {
		return err
	}
	var areas []canvass.AreaStats
	for _, a := range all {
		if c.Layer != "" && a.Layer != c.Layer {
			continue
		}
		if c.Within != "" && !hasParent(a, c.Within) {
			continue
		}
		areas = append(areas, a)
	}
	if len(areas) == 0 && c.Within != "" {
		// Nothing inside: an area without children, or no such area. Only the second is a mistake.
		if err := c.checkWithin(e, camp); err != nil {
			return err
		}
	}
	if c.JSON {
		if areas == nil {
			areas = []canvass.AreaStats{}
		}
		return e.printJSON(areas)
	}
	p := e.p
	t := newTable(p, []column{{"cli.areas.col.layer", -14}, {"cli.areas.col.id", -12}, {"cli.areas.col.name", -30},
		{"cli.areas.col.voters", 7}, {"cli.areas.col.doors", 6}, {"cli.areas.col.stations", 8}, {"cli.areas.col.abstention", 10}})
	fmt.Fprintln(e.stdout, t.header())
	for _, a := range areas {
		abst := "-"
		switch {
		case a.Hidden:
			abst = p.T("cli.areas.hidden")
		case a.Abstention != nil:
			abst = p.Percent(*a.Abstention, 1)
		}
		fmt.Fprintln(e.stdout, t.row(clip(a.Layer, 14), clip(a.ID, 12), clip(a.Name, 30), a.Voters, a.Doors, a.Stations, abst))
	}
	return nil
}

// checkLayer refuses, as a usage error listing the level's layers, a layer the level does not have.
func checkLayer(all []canvass.AreaStats, level, layer string) error {
	if layer == "" {
		return nil
	}
	var layers []string
	for _, a := range all {
		if a.Layer == layer {
			return nil
		}
		if !slices.Contains(layers, a.Layer) {
			layers = append(layers, a.Layer)
		}
	}
	return canvass.Usage("cli.areas.layer", "Layer", layer, "Level", level, "Existing", existing("cli.areas.layers", layers))
}

// checkWithin refuses, as a usage error listing the ids there are, an id that no area of a level
// above c.Level has.
func (c *areasCmd) checkWithin(e *env, camp *canvass.Campaign) error {
	var ids []string
	for _, level := range canvass.Levels {
		if level == c.Level {
			break
		}
		above, err := camp.Areas(e.ctx, level)
		if err != nil {
			return err
		}
		for _, a := range above {
			if a.ID == c.Within {
				return nil
			}
			ids = append(ids, a.ID)
		}
	}
	return canvass.Usage("cli.areas.within", "ID", c.Within, "Level", c.Level, "Existing", existing("cli.areas.ids", ids))
}

// maxListedNames bounds the names a usage error lists.
const maxListedNames = 20

// existing lists what there is, for a usage error: up to maxListedNames names, said by message
// what ("layers: {{.Names}}").
func existing(what string, names []string) i18n.Message {
	if len(names) == 0 {
		return i18n.Msg("cli.areas.none")
	}
	quoted := make([]string, 0, maxListedNames)
	for _, n := range names[:min(len(names), maxListedNames)] {
		quoted = append(quoted, strconv.Quote(n))
	}
	return i18n.Msg(what, "Names", strings.Join(quoted, ", "), "Count", max(0, len(names)-maxListedNames))
}

func hasParent(a canvass.AreaStats, id string) bool {
	for _, p := range a.Parents {
		if p == id {
			return true
		}
	}
	return false
}

// clip shortens s to n characters for a table column.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// column is a column of a table for a person: its heading's message and its width, negative
// for a column aligned left (as fmt's %-10s); 0 for the last column, unpadded and two spaces
// from the others.
type column struct {
	id    string
	width int
}

// table lays out rows under headings in a printer's language: each column is as wide as its
// heading in that language (French ones are longer) when that is wider than its width.
type table struct {
	p     *i18n.Printer
	heads []string
	cols  []column
}

func newTable(p *i18n.Printer, cols []column) table {
	t := table{p: p, cols: slices.Clone(cols)}
	for i, c := range cols {
		h := p.T(c.id)
		t.heads = append(t.heads, h)
		if n := utf8.RuneCountInString(h); c.width != 0 && n > abs(c.width) {
			t.cols[i].width = n * (c.width / abs(c.width))
		}
	}
	return t
}

// header is the row of headings.
func (t table) header() string {
	cells := make([]any, len(t.heads))
	for i, h := range t.heads {
		cells[i] = h
	}
	return t.row(cells...)
}

// row lays out one row: numbers in the printer's language.
func (t table) row(cells ...any) string {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		if i > 0 && t.cols[i].width == 0 {
			b.WriteByte(' ') // a free last column stands apart
		}
		s := fmt.Sprint(c)
		if n, ok := c.(int); ok {
			s = t.p.Int(int64(n))
		}
		w := t.cols[i].width
		pad := strings.Repeat(" ", max(0, abs(w)-utf8.RuneCountInString(s)))
		if w < 0 {
			b.WriteString(s + pad)
		} else {
			b.WriteString(pad + s)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
