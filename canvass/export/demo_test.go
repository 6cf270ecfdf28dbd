package export_test

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const seed = 1

// demoPlan builds the demo campaign (seed 1) with its clock pinned and its settings fixed, marks
// two addresses of the plan's first stop "do not knock", and builds the area plan "Est démo" on
// quartier 1 in turfs of 100 doors. It returns the campaign and the generated electoral list.
func demoPlan(t testing.TB) (*canvass.Campaign, canvass.Plan, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	camp, err := canvass.Create(filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) })
	// The settings the notice prints, recorded before demo.Build, which keeps them.
	if err := camp.Init(ctx, canvass.Settings{Name: demo.CampaignName, ElectionType: "municipales",
		ElectionDates: []string{"2026-03-15", "2026-03-22"}, EndDate: "2026-05-31",
		Controller: "Valbrune Demain, liste fictive de démonstration",
		Contact:    "Valbrune Demain, 1 place de la Mairie, 99500 Valbrune, droits@valbrune-demain.example"}); err != nil {
		t.Fatal(err)
	}
	if err := demo.Build(ctx, camp, t.TempDir(), seed, nil); err != nil {
		t.Fatal(err)
	}
	req := canvass.PlanRequest{Name: "Est démo", Level: "neighborhood", Layer: "quartiers", Areas: []string{"1"},
		Measure: canvass.Measures["doors"], Target: 100}
	plan, err := camp.BuildPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	first := plan.Turfs[0].Stops[0]
	var opp strings.Builder
	opp.WriteString("portee;nom_naissance;prenoms;date_naissance;numero;voie;code_postal;motif;date\n")
	for _, d := range first.Numbers[1:3] {
		fmt.Fprintf(&opp, "adresse;;;;%s;%s;%s;ne pas frapper;2026-01-05\n", d.Number, first.Street, demo.Postcode)
	}
	oppFile := filepath.Join(dir, "opposition.csv")
	if err := os.WriteFile(oppFile, []byte(opp.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if rep, err := camp.ImportOpposition(ctx, oppFile, nil); err != nil || rep.Imported != 2 {
		t.Fatalf("import opposition: %+v, %v", rep, err)
	}
	if plan, err = camp.BuildPlan(ctx, req); err != nil {
		t.Fatal(err)
	}
	files, err := demo.Generate(t.TempDir(), seed)
	if err != nil {
		t.Fatal(err)
	}
	return camp, plan, files.List
}

// TestGoldenStreetLists checks every format of the demo plan's first turf against testdata/; run
// with -update to rewrite them after an intended change, and look at the diff.
func TestGoldenStreetLists(t *testing.T) {
	camp, plan, _ := demoPlan(t)
	out := t.TempDir()
	paths, err := camp.Export(context.Background(), plan.Name, canvass.ExportOptions{Dir: out, Turfs: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(export.Formats) {
		t.Fatalf("wrote %v, want one file per format", paths)
	}
	trail, err := camp.AuditTrail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if got := fmt.Sprint(last.Operation, " ", last.Params); got != "export map[files:4 formats:[csv html gpx geojson] plan:Est démo turfs:[1]]" {
		t.Errorf("audit entry %s, want the export's plan, formats, turfs and file count", got)
	}
	marked := 0
	for _, s := range plan.Turfs[0].Stops {
		for _, d := range s.Numbers {
			if d.DoNotKnock {
				marked++
			}
		}
	}
	if marked != 2 {
		t.Fatalf("%d doors marked do-not-knock in turf 1, want the 2 objected addresses", marked)
	}
	for _, p := range paths {
		name := filepath.Base(p)
		if !strings.HasPrefix(name, "est-demo-turf-01.") {
			t.Errorf("file name %s, want est-demo-turf-01.FORMAT", name)
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata", name), got)
	}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update and look at the diff)", golden)
	}
}

// TestGoldenDayPrint exports the day's print of the demo plan's first two turfs: one document, a
// cover listing both, then each turf's street list on a page of its own, checked against testdata/.
func TestGoldenDayPrint(t *testing.T) {
	camp, plan, _ := demoPlan(t)
	ctx := context.Background()
	if err := camp.AssignTurf(ctx, plan.Name, 2, "Équipe Gare", "2026-01-17"); err != nil {
		t.Fatal(err)
	}
	paths, err := camp.Export(ctx, plan.Name, canvass.ExportOptions{Dir: t.TempDir(), Formats: []string{export.Day}, Turfs: []int{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || filepath.Base(paths[0]) != "est-demo-jour.html" {
		t.Fatalf("wrote %v, want est-demo-jour.html alone", paths)
	}
	got, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(got)
	if n := strings.Count(text, `<section class="turf">`); n != 2 {
		t.Errorf("%d turf sections, want 2", n)
	}
	if n := strings.Count(text, "Responsable du traitement"); n < 2 {
		t.Errorf("the notice shows %d times, want once per turf", n)
	}
	for _, want := range []string{"Est démo — listes de la journée", "Équipe Gare", "17 janvier 2026", "break-before: page",
		"Est démo — secteur 1", "Est démo — secteur 2"} {
		if !strings.Contains(text, want) {
			t.Errorf("the day's print lacks %q", want)
		}
	}
	checkGolden(t, filepath.Join("testdata", "est-demo-jour.html"), got)
}

// TestAreaExportsNameNobody exports every turf of an area-level plan in every format (field sheets
// too) and looks for
// each voter's birth name, usage name and given names of the generated electoral list: none may
// appear. A name that is also a word of a street name or of the notice (a street named after
// someone) cannot be told apart and is skipped; names under 4 letters too.
func TestAreaExportsNameNobody(t *testing.T) {
	camp, plan, list := demoPlan(t)
	out := t.TempDir()
	formats := append(export.Formats[:len(export.Formats):len(export.Formats)], export.Field)
	paths, err := camp.Export(context.Background(), plan.Name, canvass.ExportOptions{Dir: out, Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(plan.Turfs)*len(formats) {
		t.Fatalf("wrote %d files for %d turfs", len(paths), len(plan.Turfs))
	}
	notice, err := camp.Notice(context.Background(), canvass.NoticeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	allowed := words(notice.Text() + " " + plan.Name)
	for _, tf := range plan.Turfs {
		for _, s := range tf.Stops {
			for w := range words(s.Street) {
				allowed[w] = true
			}
		}
	}
	names := voterNames(t, list)
	var text strings.Builder
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(strings.ToLower(string(b)) + "\n")
	}
	found := words(text.String())
	checked, skipped := 0, 0
	for name := range names {
		if len([]rune(name)) < 4 || allowed[name] {
			skipped++
			continue
		}
		checked++
		if found[name] {
			t.Errorf("a voter's name appears in an area-level export (name withheld; its length is %d)", len([]rune(name)))
		}
	}
	if checked < 200 {
		t.Fatalf("only %d names checked: the list was not read", checked)
	}
	t.Logf("%d distinct names checked in %d files, %d skipped (short, or a word of a street name or the notice)", checked, len(paths), skipped)
}

var wordRE = regexp.MustCompile(`[\p{L}]+`)

// words splits text into its lower-case words.
func words(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(text), -1) {
		out[w] = true
	}
	return out
}

// voterNames reads the words of every birth name, usage name and given name of the REU list.
func voterNames(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = ';', -1, true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string]bool{}
	for _, row := range rows[1:] {
		for _, h := range []string{"nom de naissance", "nom d'usage", "prénoms"} {
			i, ok := col[h]
			if !ok {
				t.Fatalf("the list has no column %q", h)
			}
			for w := range words(row[i]) {
				out[w] = true
			}
		}
	}
	return out
}

// BenchmarkExportDemoPlan writes every turf of the demo plan in every format (files synced to disk).
func BenchmarkExportDemoPlan(b *testing.B) {
	camp, plan, _ := demoPlan(b)
	dir := b.TempDir()
	files := 0
	for b.Loop() {
		paths, err := camp.Export(context.Background(), plan.Name, canvass.ExportOptions{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		files = len(paths)
	}
	b.ReportMetric(float64(files), "files/op")
}
