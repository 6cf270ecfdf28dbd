package export_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/walk"
)

// TestGoldenFieldSheet checks the demo plan's first field sheet against
// testdata/TestGoldenFieldSheet/; run with -update to rewrite it after an intended change.
func TestGoldenFieldSheet(t *testing.T) {
	camp, plan, _ := demoPlan(t)
	paths, err := camp.Export(context.Background(), plan.Name, canvass.ExportOptions{Dir: t.TempDir(),
		Formats: []string{export.Field}, Turfs: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || filepath.Base(paths[0]) != "est-demo-turf-01-terrain.html" {
		t.Fatalf("wrote %v, want est-demo-turf-01-terrain.html", paths)
	}
	if st, err := os.Stat(paths[0]); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("field sheet mode %v, %v: want 0600", st.Mode().Perm(), err)
	}
	got, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	page := string(got)
	notice, err := camp.Notice(context.Background(), canvass.NoticeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`lang="fr"`, "Content-Security-Policy", "default-src 'none'", notice.Parts[0].Body,
		`<li class="nk"><s>`, "Ne plus frapper", "Adresse introuvable", "Immeuble fermé", `"file":"est-demo-turf-01-resultats.txt"`} {
		if !strings.Contains(page, strings.ReplaceAll(want, "'", "&#39;")) && !strings.Contains(page, want) {
			t.Errorf("the field sheet lacks %q", want)
		}
	}
	for _, banned := range []string{"src=", "href=", "@import", "url(", "fetch(", "XMLHttpRequest", "WebSocket"} {
		if strings.Contains(page, banned) {
			t.Errorf("the field sheet has %q: it must fetch nothing", banned)
		}
	}
	checkGolden(t, filepath.Join("testdata", t.Name(), "est-demo-turf-01-terrain.html.golden"), got)
}

// bigTurf is a turf of n doors on streets of 30 doors, both sides, around Paris 20e.
func bigTurf(n int) export.Turf {
	t := export.Turf{Sheet: export.Sheet{Plan: "Grand secteur", Campaign: "0123456789ab", Fingerprint: "ba9876543210"},
		Turf: walk.Turf{ID: 7, Doors: n, Voters: 3 * n, Metres: 4200, Minutes: 240, Date: "2027-02-20"}}
	for k := 0; k < n; k++ {
		if k%30 == 0 {
			t.Stops = append(t.Stops, walk.Stop{Street: fmt.Sprintf("Rue des Pyrénées prolongée %d", k/30+1), Side: "both"})
		}
		s := &t.Stops[len(t.Stops)-1]
		num := fmt.Sprint(2*(k%30) + 1)
		s.Numbers = append(s.Numbers, walk.Door{Number: num, Lon: 2.39 + 0.0004*float64(k%30), Lat: 48.86 + 0.0009*float64(k/30), DoNotKnock: k%47 == 3})
		if s.From == "" {
			s.From = num
		}
		s.To = num
	}
	return t
}

// TestFieldSheetSize holds a 150-door turf's sheet under 200 KB (size, not speed: the browser test
// reports the time it takes to open).
func TestFieldSheetSize(t *testing.T) {
	var b bytes.Buffer
	if err := export.WriteField(&b, bigTurf(150), testNotice()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(b.String(), `class="door"`) + strings.Count(b.String(), `class="nk"`); got != 150 {
		t.Fatalf("%d doors on the sheet, want 150", got)
	}
	if b.Len() >= 200<<10 {
		t.Errorf("a 150-door field sheet is %d bytes, want under 200 KB", b.Len())
	}
	t.Logf("a 150-door field sheet is %.1f KB", float64(b.Len())/1024)
}

func testNotice() export.Notice {
	return export.Notice{Lang: "fr", Title: "Information sur vos données personnelles",
		Parts: []export.NoticePart{{Heading: "Responsable du traitement", Body: "Comité Essai"}}}
}
