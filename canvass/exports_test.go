package canvass_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/data/shared"
)

// TestExportParis20e exports every turf of a plan of the Belleville quartier in every format and
// looks for the 119,728 voters' names of the synthetic list in them: none may appear, except words
// that are also in the turf's street names or in the files' fixed text (a street named after
// someone, a given name that is a French word of the template).
func TestExportParis20e(t *testing.T) {
	camp := paris20e(t)
	ctx := context.Background()
	if _, err := camp.Geocode(ctx); err != nil {
		t.Fatal(err)
	}
	dir := shared.Path(t, "data", "paris-20e")
	if rep, err := camp.ImportOpposition(ctx, filepath.Join(dir, "opposition.csv"), nil); err != nil || rep.Rejected != 0 {
		t.Fatalf("import opposition: %+v, %v", rep, err)
	}
	plan, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "Belleville", Level: "neighborhood", Layer: "quartiers",
		Areas: []string{"77"}, Measure: canvass.Measures["doors"], Target: 120})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := camp.Export(ctx, plan.Name, canvass.ExportOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 4*len(plan.Turfs) {
		t.Fatalf("%d files for %d turfs", len(paths), len(plan.Turfs))
	}
	notice, err := camp.Notice(ctx, canvass.NoticeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The fixed text of every format: an empty turf's files.
	var fixed bytes.Buffer
	for _, f := range export.Formats {
		if err := export.Write(&fixed, f, export.Turf{Sheet: export.Sheet{Plan: plan.Name}}, notice); err != nil {
			t.Fatal(err)
		}
	}
	allowed := wordSet(fixed.String())
	marked := 0
	for _, tf := range plan.Turfs {
		for _, s := range tf.Stops {
			for w := range wordSet(s.Street) {
				allowed[w] = true
			}
			for _, d := range s.Numbers {
				if d.DoNotKnock {
					marked++
				}
			}
		}
	}
	if marked == 0 {
		t.Error("no door of Belleville marked do-not-knock, though opposition.csv has addresses there")
	}
	var all strings.Builder
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteByte('\n')
	}
	found := wordSet(all.String())
	checked := 0
	for name := range listNames(t, filepath.Join(dir, "liste-electorale-synthetique-75120.csv.gz")) {
		if len([]rune(name)) < 4 || allowed[name] {
			continue
		}
		checked++
		if found[name] {
			t.Errorf("a voter's name appears in an area-level export (withheld; %d letters)", len([]rune(name)))
		}
	}
	if checked < 200 { // the synthetic list draws on 233 distinct names of 4 letters or more
		t.Fatalf("only %d names checked", checked)
	}
	t.Logf("%d distinct names checked in %d files", checked, len(paths))
}

var letters = regexp.MustCompile(`\p{L}+`)

func wordSet(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range letters.FindAllString(strings.ToLower(text), -1) {
		out[w] = true
	}
	return out
}

// listNames reads the words of every birth name, usage name and given name of a gzipped REU list.
func listNames(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(z)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = ';', -1, true
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var cols []int
	for i, h := range header {
		if h == "nom de naissance" || h == "nom d'usage" || h == "prénoms" {
			cols = append(cols, i)
		}
	}
	if len(cols) != 3 {
		t.Fatalf("the list's header lacks a name column: %v", header)
	}
	out := map[string]bool{}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range cols {
			if i < len(row) {
				for w := range wordSet(row[i]) {
					out[w] = true
				}
			}
		}
	}
	return out
}
