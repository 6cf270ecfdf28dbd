// Package demo builds a demo campaign: a small fictional French town, Valbrune, generated
// deterministically from a seed and written in the real formats (BAN addresses, GeoJSON area
// layers, a REU electoral-list extract, results per polling station in the Ville de Paris
// open-data layout), then imported through the real importers, exactly as an organizer's files
// would be.
//
// Valbrune does not exist. Its INSEE code 99501 and postcode 99500 are not those of any French
// commune, its constituency 99-01 is invented, and every voter is made up from independent draws
// of common first names and surnames: no row describes a real person. The town lies in the
// countryside of the Cher only so that its coordinates are plausible.
//
// The electoral list carries the defects of real exports (REU-FORMAT.md), all of which a correct
// importer must take without rejecting the row: street labels typed by a mairie (upper case, no
// accents, R/AV/BD/PL/IMP/ALL/CHEM/VLA/SQ, ST/STE, a missing article, a typo in about 1.5% of
// rows, sometimes the BAN spelling), number suffixes written "12 BIS", "12B" or "12bis", a few
// rows without a number, birth dates with unknown parts ("00/00/1961", "00/05/1961") or a year
// only, EU nationals on the complementary lists (mostly both), rows with only a lieu-dit, three
// rows that lost their polling station (and so their order number), three duplicated order
// numbers, surnames with apostrophes, particles, hyphens and diacritics, usage names equal to the
// birth name, and one usage name starting with "=" like a spreadsheet formula. None of these
// makes a real REU row unusable, so Build treats any rejected row as a failure.
//
// Every address lies inside exactly one polling-station polygon, one neighborhood and the
// constituency: stations tile the town and share their edges exactly. Each voter's polling station
// is the one holding their address. The results (first round of the 2020 municipal election) give
// each station as registered the number of rows of the list that name it, all three lists
// together, as the Paris 20e synthetic list does; the three rows that lost their station count in
// none. Abstention varies between stations from 30% to 60%.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The fictional commune.
const (
	Insee            = "99501" // not a real commune's code
	Commune          = "Valbrune"
	Postcode         = "99500"
	ConstituencyCode = "9901"
	CampaignName     = "Démo Valbrune" // demo campaigns' names start with "Démo"
)

// Files are the paths of the generated files.
type Files struct {
	Addresses     string // BAN addresses, adresses-99.csv
	Constituency  string // GeoJSON, the constituency (its part in the town)
	Neighborhoods string // GeoJSON, the quartiers
	Stations      string // GeoJSON, the polling-station areas
	Streets       string // GeoJSON, one LineString per street
	List          string // REU electoral-list extract
	Results       string // results per polling station
}

// All lists every generated file.
func (f Files) All() []string {
	return []string{f.Addresses, f.Constituency, f.Neighborhoods, f.Stations, f.Streets, f.List, f.Results}
}

// Generate writes the town's files into dir, the same bytes for the same seed.
func Generate(dir string, seed int64) (Files, error) {
	f := Files{
		Addresses:     filepath.Join(dir, "adresses-99.csv"),
		Constituency:  filepath.Join(dir, "circonscription-"+Insee+".geojson"),
		Neighborhoods: filepath.Join(dir, "quartiers-"+Insee+".geojson"),
		Stations:      filepath.Join(dir, "bureaux-de-vote-"+Insee+".geojson"),
		Streets:       filepath.Join(dir, "voies-"+Insee+".geojson"),
		List:          filepath.Join(dir, "liste-electorale-"+Insee+".csv"),
		Results:       filepath.Join(dir, "resultats-municipales-2020-bureaux-"+Insee+".csv"),
	}
	// One stream per product, so that changing how one file is drawn leaves the others as they were.
	stream := func(n uint64) *rand.Rand { return rand.New(rand.NewPCG(uint64(seed), n)) }
	t := newTown(stream(1))
	rows := generateList(stream(2), t)
	if err := writeBAN(f.Addresses, stream(3), t); err != nil {
		return f, err
	}
	if err := writeAreas(f, t); err != nil {
		return f, err
	}
	if err := writeList(f.List, rows); err != nil {
		return f, err
	}
	if err := writeResults(f.Results, stream(4), t, rows); err != nil {
		return f, err
	}
	return f, nil
}

// Build generates the town's files into dir and makes camp, a new and empty campaign file, a
// demo campaign from them: it records the campaign (a municipal by-election a few months from the
// campaign clock's today) unless camp has one already, then imports every file through
// the same importers as `canvass import`, and geocodes the voters. progress, if not nil, receives a line per step. Any
// rejected row is an error: every quirk of the generated files is one a correct importer takes.
func Build(ctx context.Context, camp *canvass.Campaign, dir string, seed int64, progress func(step i18n.Message)) error {
	say := func(id string, kv ...any) {
		if progress != nil {
			progress(i18n.Msg(id, kv...))
		}
	}
	say("demo.generating", "Seed", strconv.FormatInt(seed, 10))
	f, err := Generate(dir, seed)
	if err != nil {
		return err
	}
	if _, err := camp.Settings(ctx); err == nil {
		return importAll(ctx, camp, f, say)
	}
	today, err := time.Parse(time.DateOnly, camp.Today())
	if err != nil {
		return err
	}
	first := sundayAfter(today.AddDate(0, 4, 0))
	second := first.AddDate(0, 0, 7)
	err = camp.Init(ctx, canvass.Settings{
		Name:          CampaignName,
		ElectionType:  "municipales",
		ElectionDates: []string{first.Format(time.DateOnly), second.Format(time.DateOnly)},
		EndDate:       second.AddDate(0, 2, 0).Format(time.DateOnly),
		Controller:    "Valbrune Demain, liste fictive de démonstration",
		Contact:       "Valbrune Demain, 1 place de la Mairie, 99500 Valbrune, droits@valbrune-demain.example",
	})
	if err != nil {
		return fmt.Errorf("demo campaign: %w", err)
	}
	return importAll(ctx, camp, f, say)
}

// importAll imports the generated files into camp and geocodes them.
func importAll(ctx context.Context, camp *canvass.Campaign, f Files, say func(string, ...any)) error {
	steps := []struct {
		what string
		do   func() (canvass.Report, error)
	}{
		{"addresses", func() (canvass.Report, error) { return camp.ImportAddresses(ctx, f.Addresses, nil) }},
		{"constituency", func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, f.Constituency, canvass.AreaOptions{Level: "constituency", Layer: "circonscriptions",
				IDField: "codeCirconscription", NameField: "codeCirconscription"}, nil)
		}},
		{"neighborhoods", func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, f.Neighborhoods, canvass.AreaOptions{Level: "neighborhood", Layer: "quartiers",
				IDField: "c_qu", NameField: "l_qu"}, nil)
		}},
		{"polling stations", func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, f.Stations, canvass.AreaOptions{Level: "neighborhood", Layer: "bureaux-de-vote",
				IDField: "id_bv", NameField: "lib_bv"}, nil)
		}},
		{"streets", func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, f.Streets, canvass.AreaOptions{Level: "street", Layer: "voies",
				IDField: "C_VOIE", NameField: "L_LONGMIN"}, nil)
		}},
		{"electoral list", func() (canvass.Report, error) { return camp.ImportList(ctx, f.List, nil) }},
		{"results", func() (canvass.Report, error) {
			return camp.ImportResults(ctx, f.Results, canvass.ResultOptions{Election: "Municipales 2020, 1er tour"}, nil)
		}},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep, err := s.do()
		if err != nil {
			return fmt.Errorf("demo %s: %w", s.what, err)
		}
		if rep.Rejected > 0 {
			return fmt.Errorf("demo %s: %d of %d rows rejected, none expected: %s", s.what, rep.Rejected, rep.Read, rowErrors(rep.Errors))
		}
		say("demo.imported", "What", i18n.Msg(whatIDs[s.what]), "Read", rep.Read, "Imported", rep.Imported,
			"Count", len(rep.Warnings)+rep.Unlisted)
	}
	// Geocode now, as an organizer would after importing, so that the interface opens on a town
	// whose voters are already counted per street and per area.
	g, err := camp.Geocode(ctx)
	if err != nil {
		return fmt.Errorf("demo geocoding: %w", err)
	}
	say("demo.geocoded", "Count", g.Voters(), "Exact", g.Exact, "Fuzzy", g.Fuzzy, "Approximate", g.Approximate, "Unmatched", g.Unmatched)
	return nil
}

// whatIDs name the files the demo imports, in the reader's language.
var whatIDs = map[string]string{"addresses": "demo.what.addresses", "constituency": "demo.what.constituency",
	"neighborhoods": "demo.what.neighborhoods", "polling stations": "demo.what.stations", "streets": "demo.what.streets",
	"electoral list": "demo.what.list", "results": "demo.what.results"}

// sundayAfter is the first Sunday on or after t: French elections are held on Sundays.
func sundayAfter(t time.Time) time.Time {
	return t.AddDate(0, 0, (7-int(t.Weekday()))%7)
}

// rowErrors lists the first few rejections (line, field and reason: no values).
func rowErrors(errs []canvass.RowError) string {
	var out []string
	for k, e := range errs {
		if k == 5 {
			out = append(out, "...")
			break
		}
		out = append(out, e.String())
	}
	return strings.Join(out, "; ")
}
