// Package export writes what leaves the tool for volunteers: a turf's street list as CSV (for
// spreadsheets), printable HTML (one self-contained page set per turf, with a map), GPX (for
// phone map apps) and GeoJSON (for GIS tools), and personalized visit lists as CSV and HTML. Every
// file carries the information notice (DOMAIN.md rule 6): in CSV as trailing rows after a blank row
// (so the first row stays the header a spreadsheet filters on), in HTML as a section at the end, in
// GPX as the metadata description, in GeoJSON as a property of the turf's outline.
//
// The package knows nothing of the store or the policy: the domain (package canvass) decides what
// may be exported and hands over plain values. An area-level street list has streets, numbers and
// counts, never a voter's name or attribute; only the People writers take names, and the domain
// calls them only for people whose consent covers a visit.
package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/canvass/walk"
	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// Turf is one volunteer's walk as printed: the walk as the plan holds it, and what the sheet
// adds to it.
type Turf struct {
	Sheet
	walk.Turf
}

// Sheet is what a printed turf adds to its walk: the plan it belongs to, the day the file was
// made, the campaign and plan it comes from, and how its distances were measured.
type Sheet struct {
	Plan      string
	Generated string // YYYY-MM-DD, the day the file was made
	// Campaign and Fingerprint identify the campaign file and the plan as built: a field sheet's
	// results carry them back.
	Campaign, Fingerprint string
	// OnStreets says that Metres and Path follow the street network; otherwise distances are
	// straight lines between doors, and maps join the doors in order.
	OnStreets bool
}

// Formats are the street-list formats, in the order files are written.
var Formats = []string{"csv", "html", "gpx", "geojson"}

// Write writes turf t in format (one of Formats) with the notice n.
func Write(w io.Writer, format string, t Turf, n Notice) error {
	switch format {
	case "csv":
		return WriteCSV(w, t, n)
	case "html":
		return WriteHTML(w, t, n)
	case "gpx":
		return WriteGPX(w, t, n)
	case "geojson":
		return WriteGeoJSON(w, t, n)
	case Field:
		return WriteField(w, t, n)
	}
	return fmt.Errorf("export format %q: expected one of %s, %s", format, strings.Join(Formats, ", "), Field)
}

// FileName is the file of turf id of a plan in a format: "est-turf-03.csv", and for a field
// sheet "est-turf-03-terrain.html". Turf numbers are
// padded to two digits so that files sort in turf order.
func FileName(plan string, id int, format string) string {
	if format == Field {
		return fmt.Sprintf("%s-turf-%02d-terrain.html", Slug(plan), id)
	}
	return fmt.Sprintf("%s-turf-%02d.%s", Slug(plan), id, format)
}

// Slug makes a name safe as a file name on any system: lower case ASCII letters, digits and
// hyphens, accents dropped ("Démo Été/2" gives "demo-ete-2"); "plan" when nothing is left.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range textfold.StripAccents(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "plan"
	}
	return b.String()
}

// sideFR names a side of the street as volunteers say it.
func sideFR(side turf.Side) string {
	switch side {
	case turf.Odd:
		return "impairs"
	case turf.Even:
		return "pairs"
	}
	return "les deux"
}

// numberRange is the stretch of a stop, "2 à 33", or one number: the lowest and the highest of
// its numbers, whatever order they are walked in.
func numberRange(s walk.Stop) string {
	numbers := make([]string, len(s.Numbers))
	for i, d := range s.Numbers {
		numbers[i] = d.Number
	}
	lo, hi := Span(numbers)
	if lo == "" {
		lo, hi = s.From, s.To
	}
	if lo == hi {
		return lo
	}
	return lo + " à " + hi
}

// Span is the lowest and the highest of house numbers as stops write them ("12", "12B", "s/n"),
// by their number then their suffix; numbers without digits are left out. Both are "" when none
// has digits.
func Span(numbers []string) (lo, hi string) {
	key := func(s string) (int, string, bool) {
		n, i := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int(s[i]-'0')
			i++
		}
		return n, s[i:], i > 0
	}
	less := func(a, b string) bool {
		na, ra, _ := key(a)
		nb, rb, _ := key(b)
		return na < nb || na == nb && ra < rb
	}
	for _, s := range numbers {
		if _, _, ok := key(s); !ok {
			continue
		}
		if lo == "" || less(s, lo) {
			lo = s
		}
		if hi == "" || less(hi, s) {
			hi = s
		}
	}
	return lo, hi
}

// numbers lists the stop's numbers in walking order.
func numbers(s walk.Stop) string {
	list := make([]string, len(s.Numbers))
	for i, d := range s.Numbers {
		list[i] = d.Number
	}
	return strings.Join(list, ", ")
}

// noKnock lists the numbers of the stop where no one may knock.
func noKnock(s walk.Stop) []string {
	var out []string
	for _, d := range s.Numbers {
		if d.DoNotKnock {
			out = append(out, d.Number)
		}
	}
	return out
}

// title names the turf as printed: "est — secteur 3".
func (t Turf) title() string { return fmt.Sprintf("%s — secteur %d", t.Plan, t.ID) }

// duration writes minutes as "5 h 16 min".
func duration(minutes float64) string {
	m := turf.WholeMinutes(minutes)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}

// walked writes the turf's walking distance and how it was measured: "3,7 km par les rues", or
// "3,7 km à vol d'oiseau" without a street network.
func (t Turf) walked() string {
	if t.OnStreets {
		return distance(t.Metres) + " par les rues"
	}
	return distance(t.Metres) + " à vol d'oiseau"
}

// route is the line a map draws for the walk: the path along the streets, or the doors joined in
// walking order.
func (t Turf) route() orb.LineString {
	if t.OnStreets && len(t.Path) > 1 {
		return t.Path
	}
	var line orb.LineString
	for _, s := range t.Stops {
		for _, d := range s.Numbers {
			line = append(line, orb.Point{d.Lon, d.Lat})
		}
	}
	return line
}

// stretch says where a stop runs on its street, as a street list reads: "de la rue de Ménilmontant
// à la rue de l'Ermitage"; "" when the streets met are unknown.
func stretch(s walk.Stop) string {
	from, to := s.FromStreet, s.ToStreet
	switch {
	case from != "" && to != "" && from != to:
		return withArticle("de", from) + " " + withArticle("à", to)
	case from != "" && to != "":
		return "au carrefour " + withArticle("de", from)
	case from != "":
		return "depuis " + withArticle("", from)
	case to != "":
		return "jusqu'" + withArticle("à", to)
	}
	return ""
}

// streetGender is the gender of the words that name kinds of streets, for their article: true
// for feminine.
var streetGender = map[string]bool{
	"rue": true, "avenue": true, "place": true, "allée": true, "impasse": true, "villa": true, "cité": true,
	"cour": true, "route": true, "voie": true, "porte": true, "sente": true, "ruelle": true, "promenade": true,
	"esplanade": true, "chaussée": true, "galerie": true, "traverse": true, "montée": true, "rampe": true,
	"boulevard": false, "passage": false, "square": false, "quai": false, "chemin": false, "sentier": false,
	"cours": false, "parvis": false, "pont": false, "port": false, "rond-point": false, "hameau": false,
	"jardin": false, "carrefour": false, "mail": false, "clos": false, "parc": false, "pavillon": false,
}

// withArticle writes a street's name after a preposition ("de", "à" or none) as French does:
// "de la rue X", "du boulevard Y", "à l'avenue Z", "au passage W"; a name that does not start with
// a known kind of street is written as it is ("de Voie AB/20").
func withArticle(prep, name string) string {
	kind, rest, _ := strings.Cut(name, " ")
	lower := strings.ToLower(kind)
	feminine, known := streetGender[lower]
	if !known {
		if prep == "" {
			return name
		}
		if prep == "à" {
			return "à " + name
		}
		return prep + " " + name
	}
	named := strings.TrimSpace(lower + " " + rest)
	switch {
	case strings.ContainsRune("aeiouyéèêàâîôû", []rune(lower)[0]):
		article := map[string]string{"": "l'", "de": "de l'", "à": "à l'"}[prep]
		return article + named
	case feminine:
		return strings.TrimSpace(prep+" la") + " " + named
	}
	return map[string]string{"": "le ", "de": "du ", "à": "au "}[prep] + named
}

// distance writes metres as "3,7 km" or "850 m".
func distance(metres float64) string {
	if metres < 1000 {
		return fmt.Sprintf("%.0f m", metres)
	}
	return strings.Replace(fmt.Sprintf("%.1f km", metres/1000), ".", ",", 1)
}

// DateFR writes a YYYY-MM-DD date in French words, "14 mars 2027" ("1er" for the first of a
// month); anything else is returned as is.
func DateFR(day string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(day, "%4d-%2d-%2d", &y, &m, &d); err != nil || m < 1 || m > 12 || len(day) != 10 {
		return day
	}
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
	dd := fmt.Sprint(d)
	if d == 1 {
		dd = "1er"
	}
	return fmt.Sprintf("%s %s %d", dd, months[m-1], y)
}
