package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
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
	n := rep.Voters()
	pct := func(k int) string {
		if n == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f%%", 100*float64(k)/float64(n))
	}
	fmt.Fprintf(e.stdout, "%d voters: exact %d (%s), fuzzy %d (%s), approximate number %d (%s), unmatched %d (%s)\n",
		n, rep.Exact, pct(rep.Exact), rep.Fuzzy, pct(rep.Fuzzy), rep.Approximate, pct(rep.Approximate), rep.Unmatched, pct(rep.Unmatched))
	printForms(e.stdout, rep.Forms)
	for layer, k := range rep.Outside {
		fmt.Fprintf(e.stdout, "%d of %d addresses lie outside every area of layer %s\n", k, rep.Addresses, layer)
	}
	if c.Matches != "" {
		fmt.Fprintf(e.stdout, "Matches written to %s\n", c.Matches)
	}
	if c.Missing {
		missing, err := camp.Unmatched(e.ctx)
		if err != nil {
			return err
		}
		for _, m := range missing {
			if m.Form != "" {
				fmt.Fprintf(e.stdout, "  line %d: %s (written %s)\n", m.Line, m.Reason, m.Form)
			} else {
				fmt.Fprintf(e.stdout, "  line %d: %s\n", m.Line, m.Reason)
			}
		}
	}
	return nil
}

// formHelp says what each form of address (canvass.FormCounts) is, for an organizer fixing the file.
var formHelp = map[string]string{
	canvass.StandardForm: "as the address base writes it",
	"inverted":           "type after the name: CLICHY (BOULEVARD DE)",
	"no-type":            "street type left out: ORDENER; add it where ambiguous",
	"number-in-street":   "number typed in the street field: 34 M BD DE LA CHAPELLE",
	"number-range":       "number range: 30-32, 1 A 3",
	"number-padded":      "leading zeros or a dot: 0012, 68.",
	"misspelt":           "street name misspelt",
	"abbreviated":        "title abbreviated: GAL, DR, ST",
	"punctuation":        "stray punctuation: commas, semicolons, quotes",
}

// printForms writes how many voters the list wrote in each form and how they were matched.
func printForms(w io.Writer, forms []canvass.FormCounts) {
	if len(forms) == 0 {
		return
	}
	fmt.Fprintln(w, "How the list writes addresses (a voter counts in every form their address shows):")
	fmt.Fprintf(w, "  %-17s %7s %7s %7s %7s %9s %9s  %s\n", "form", "voters", "exact", "fuzzy", "approx", "unmatched", "ambiguous", "what")
	for _, f := range forms {
		fmt.Fprintf(w, "  %-17s %7d %7d %7d %7d %9d %9d  %s\n", f.Form, f.Voters, f.Exact, f.Fuzzy, f.Approximate,
			f.Unmatched, f.Ambiguous, formHelp[f.Form])
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
	fmt.Fprintf(e.stdout, "%-14s %-12s %-30s %7s %6s %8s %10s\n", "layer", "id", "name", "voters", "doors", "stations", "abstention")
	for _, a := range areas {
		abst := "-"
		switch {
		case a.Hidden:
			abst = "hidden"
		case a.Abstention != nil:
			abst = fmt.Sprintf("%.1f%%", 100**a.Abstention)
		}
		fmt.Fprintf(e.stdout, "%-14s %-12s %-30s %7d %6d %8d %10s\n", clip(a.Layer, 14), clip(a.ID, 12), clip(a.Name, 30),
			a.Voters, a.Doors, a.Stations, abst)
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
	return &canvass.UsageError{Problems: []string{fmt.Sprintf("--layer %q: no such layer at level %s; %s",
		layer, level, existing("layers", layers))}}
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
	return &canvass.UsageError{Problems: []string{fmt.Sprintf("--within %q: no area of a level above %s has this id; %s",
		c.Within, c.Level, existing("ids", ids))}}
}

// maxListedNames bounds the names a usage error lists.
const maxListedNames = 20

// existing lists what there is, for a usage error: up to maxListedNames names.
func existing(what string, names []string) string {
	if len(names) == 0 {
		return "there are none yet (import a layer with canvass import areas)"
	}
	quoted := make([]string, 0, maxListedNames)
	for _, n := range names[:min(len(names), maxListedNames)] {
		quoted = append(quoted, strconv.Quote(n))
	}
	list := strings.Join(quoted, ", ")
	if len(names) > maxListedNames {
		list += fmt.Sprintf(" and %d more", len(names)-maxListedNames)
	}
	return what + ": " + list
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
