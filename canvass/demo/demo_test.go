package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// generated holds the files of one seed, generated once for the tests that only read them.
var generated = map[int64]Files{}

func generate(t *testing.T, seed int64) Files {
	t.Helper()
	if f, ok := generated[seed]; ok {
		return f
	}
	dir, err := os.MkdirTemp("", "canvass-demo-test-*")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Generate(dir, seed)
	if err != nil {
		t.Fatal(err)
	}
	generated[seed] = f
	return f
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range generated {
		os.RemoveAll(filepath.Dir(f.List))
	}
	os.Exit(code)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := generate(t, 1)
	b, err := Generate(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	c := generate(t, 2)
	for k, path := range a.All() {
		x, y, z := readFile(t, path), readFile(t, b.All()[k]), readFile(t, c.All()[k])
		if !bytes.Equal(x, y) {
			t.Errorf("%s: seed 1 gave different bytes on a second run", filepath.Base(path))
		}
		if bytes.Equal(x, z) {
			t.Errorf("%s: seeds 1 and 2 gave the same bytes", filepath.Base(path))
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600 (the list holds personal data, even invented)", filepath.Base(path), st.Mode().Perm())
		}
	}
}

// The header of the REU extract, REU-FORMAT.md section 2, and of BAN address files.
const (
	wantREUHeader = `"code du l'ugle";"libellé de l'ugle";"libellé du type de liste";"nom de naissance";"nom d'usage";"prénoms";"sexe";"date de naissance";"code commune de naissance";"libellé commune de naissance";"code département de naissance";"pays de naissance";"libellé nationalité";"numéro de voie";"libellé de voie";"complément 1";"complément 2";"lieu-dit";"code postal";"commune";"pays";"code du bureau de vote";"libellé du bureau de vote";"code circonscription législative du bureau de vote";"libellé canton du bureau de vote";"libellé circonscription métropolitaine du bureau de vote";"numéro d'ordre dans le bureau de vote"`
	wantBANHeader = `id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles`
)

func TestListFormat(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		f := generate(t, seed)
		raw := readFile(t, f.List)
		lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
		if lines[0] != wantREUHeader {
			t.Fatalf("seed %d: header is\n%s\nwant\n%s", seed, lines[0], wantREUHeader)
		}
		if bytes.Contains(raw, []byte("\r")) || bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
			t.Errorf("seed %d: want LF line ends and no BOM", seed)
		}
		for k, l := range lines[1:] {
			// every non-empty field quoted except the last; empty fields as nothing
			fields := strings.Split(l, ";")
			last := fields[len(fields)-1]
			if strings.Contains(last, `"`) {
				t.Fatalf("seed %d line %d: last field quoted", seed, k+2)
			}
			if strings.Contains(l, `""`) {
				t.Fatalf("seed %d line %d: an empty field written as \"\"", seed, k+2)
			}
		}
		rows := readCSV(t, f.List)
		if len(rows[0]) != 27 {
			t.Fatalf("seed %d: %d columns, want 27", seed, len(rows[0]))
		}
		voters := len(rows) - 1
		if voters < 3000 || voters > 4500 {
			t.Errorf("seed %d: %d rows, want a town of 3,000 to 4,000 voters", seed, voters)
		}
	}
}

func TestListQuirks(t *testing.T) {
	rows := readCSV(t, generate(t, 1).List)[1:]
	const (
		colList, colBirth, colUsage, colDate, colNat = 2, 3, 4, 7, 12
		colNumber, colStreet, colLieuDit             = 13, 14, 17
		colStation, colOrder                         = 21, 26
	)
	count := map[string]int{}
	orders := map[string]int{}
	for _, r := range rows {
		d := r[colDate]
		switch {
		case strings.HasPrefix(d, "00/00/"):
			count["unknown day and month"]++
		case strings.HasPrefix(d, "00/"):
			count["unknown day"]++
		case len(d) == 4:
			count["year only"]++
		}
		if r[colList] != "Liste principale" {
			count["complementary lists"]++
			if r[colNat] == "Française" {
				t.Errorf("a French national on the %s", r[colList])
			}
		}
		if r[colStation] == "" {
			count["no station"]++
			if r[colOrder] != "" {
				t.Errorf("a row without station has an order number")
			}
		} else {
			orders[r[colList]+"|"+r[colStation]+"|"+r[colOrder]]++
		}
		if r[colStreet] == "" && r[colLieuDit] != "" {
			count["hamlet only"]++
		}
		if r[colStreet] != "" && r[colNumber] == "" {
			count["no number"]++
		}
		if strings.HasPrefix(r[colUsage], "=") {
			count["usage name like a formula"]++
		}
		if r[colUsage] != "" && r[colUsage] == r[colBirth] {
			count["usage name = birth name"]++
		}
		if strings.ContainsAny(r[colBirth], "'") {
			count["apostrophe in name"]++
		}
		if strings.HasPrefix(r[colBirth], "DE ") || strings.HasPrefix(r[colBirth], "LE ") || strings.HasPrefix(r[colBirth], "DU ") {
			count["particle in name"]++
		}
		n := r[colNumber]
		if strings.HasSuffix(n, " BIS") || strings.HasSuffix(n, "B") || strings.HasSuffix(n, "bis") {
			count["bis"]++
		}
		for _, abbr := range []string{"R ", "AV ", "BD ", "PL ", "IMP "} {
			if strings.HasPrefix(r[colStreet], abbr) {
				count["abbreviated "+abbr]++
			}
		}
		if strings.Contains(r[colStreet], " ST ") || strings.Contains(r[colStreet], " STE ") {
			count["ST/STE"]++
		}
	}
	for _, n := range orders {
		count["duplicated order numbers"] += n - 1
	}
	exact := map[string]int{"no station": 3, "usage name like a formula": 1, "duplicated order numbers": 3}
	for k, want := range exact {
		if count[k] != want {
			t.Errorf("%s: %d rows, want %d", k, count[k], want)
		}
	}
	for _, k := range []string{"unknown day and month", "unknown day", "year only", "complementary lists",
		"hamlet only", "no number", "usage name = birth name", "apostrophe in name", "particle in name", "bis",
		"abbreviated R ", "abbreviated AV ", "abbreviated BD ", "abbreviated PL ", "abbreviated IMP ", "ST/STE"} {
		if count[k] == 0 {
			t.Errorf("no row with %s", k)
		}
	}
}

// featureCollection is what the tests read of a GeoJSON layer.
type testFeature struct {
	Properties map[string]any `json:"properties"`
	Geometry   struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

func readFeatures(t *testing.T, path string) []testFeature {
	t.Helper()
	var fc struct {
		Type     string        `json:"type"`
		Features []testFeature `json:"features"`
	}
	if err := json.Unmarshal(readFile(t, path), &fc); err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("%s: type %q", filepath.Base(path), fc.Type)
	}
	return fc.Features
}

func polygons(t *testing.T, path string) []orb.Polygon {
	t.Helper()
	var out []orb.Polygon
	for k, f := range readFeatures(t, path) {
		var p orb.Polygon
		if f.Geometry.Type != "Polygon" || json.Unmarshal(f.Geometry.Coordinates, &p) != nil {
			t.Fatalf("%s: feature %d is not a polygon", filepath.Base(path), k)
		}
		if len(p) != 1 || len(p[0]) < 4 || p[0][0] != p[0][len(p[0])-1] {
			t.Fatalf("%s: feature %d: want one closed ring", filepath.Base(path), k)
		}
		if planar.Area(p[0]) <= 0 {
			t.Errorf("%s: feature %d: exterior ring not counter-clockwise (RFC 7946)", filepath.Base(path), k)
		}
		out = append(out, p)
	}
	return out
}

func TestAreasTileTheTown(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		f := generate(t, seed)
		circ := polygons(t, f.Constituency)
		quartiers := polygons(t, f.Neighborhoods)
		stations := polygons(t, f.Stations)
		if len(circ) != 1 || len(quartiers) < 3 || len(quartiers) > 4 || len(stations) < 6 || len(stations) > 8 {
			t.Fatalf("seed %d: %d constituencies, %d neighborhoods, %d stations; want 1, 3–4, 6–8",
				seed, len(circ), len(quartiers), len(stations))
		}
		// The stations tile the constituency: their areas add up to its area.
		sum := 0.0
		for _, s := range stations {
			sum += planar.Area(s)
		}
		if d := math.Abs(sum-planar.Area(circ[0])) / planar.Area(circ[0]); d > 1e-6 {
			t.Errorf("seed %d: stations cover %.6f of the constituency's area", seed, 1-d)
		}
		ban := readCSV(t, f.Addresses)
		if strings.Join(ban[0], ";") != wantBANHeader {
			t.Fatalf("seed %d: BAN header is %v", seed, ban[0])
		}
		kinds := map[string]bool{}
		for k, r := range ban[1:] {
			if len(r) != 23 {
				t.Fatalf("seed %d: BAN line %d has %d columns", seed, k+2, len(r))
			}
			kinds[strings.Fields(r[4])[0]] = true
			lon, err1 := strconv.ParseFloat(r[12], 64)
			lat, err2 := strconv.ParseFloat(r[13], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("seed %d: BAN line %d: lon/lat", seed, k+2)
			}
			p := orb.Point{lon, lat}
			for _, layer := range []struct {
				name  string
				polys []orb.Polygon
			}{{"station", stations}, {"neighborhood", quartiers}, {"constituency", circ}} {
				n := 0
				for _, poly := range layer.polys {
					if planar.PolygonContains(poly, p) {
						n++
					}
				}
				if n != 1 {
					t.Fatalf("seed %d: BAN line %d is in %d %s polygons, want exactly 1", seed, k+2, n, layer.name)
				}
			}
		}
		for _, k := range []string{"Rue", "Avenue", "Boulevard", "Place", "Impasse", "Allée", "Chemin", "Villa", "Square", "Quai"} {
			if !kinds[k] {
				t.Errorf("seed %d: no %s in the town", seed, k)
			}
		}
		for k, s := range readFeatures(t, f.Streets) {
			if s.Geometry.Type != "LineString" {
				t.Errorf("seed %d: street %d is a %s", seed, k, s.Geometry.Type)
			}
		}
	}
}

func TestResultsMatchTheList(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		f := generate(t, seed)
		voters := map[string]int{}
		for _, r := range readCSV(t, f.List)[1:] {
			if r[21] != "" {
				voters[r[21]]++
			}
		}
		results := readCSV(t, f.Results)
		head := results[0]
		col := func(name string) int {
			for k, h := range head {
				if h == name {
					return k
				}
			}
			t.Fatalf("results: no column %s", name)
			return -1
		}
		id, inscr, votant, exprim := col("id_bv"), col("nb_inscr"), col("nb_votant"), col("nb_exprim")
		stations := polygons(t, f.Stations)
		if len(results)-1 != len(stations) || len(voters) != len(stations) {
			t.Fatalf("seed %d: %d result rows, %d stations on the list, %d polygons", seed, len(results)-1, len(voters), len(stations))
		}
		lo, hi := 1.0, 0.0
		for _, r := range results[1:] {
			reg, _ := strconv.Atoi(r[inscr])
			vot, _ := strconv.Atoi(r[votant])
			exp, _ := strconv.Atoi(r[exprim])
			if reg != voters[r[id]] {
				t.Errorf("seed %d station %s: %d registered, %d on the list", seed, r[id], reg, voters[r[id]])
			}
			sum := 0
			for _, v := range r[exprim+1:] {
				n, _ := strconv.Atoi(v)
				sum += n
			}
			if sum != exp || exp > vot {
				t.Errorf("seed %d station %s: lists add to %d, valid %d, voters %d", seed, r[id], sum, exp, vot)
			}
			abst := 1 - float64(vot)/float64(reg)
			lo, hi = min(lo, abst), max(hi, abst)
		}
		if lo < 0.29 || hi > 0.61 || hi-lo < 0.15 {
			t.Errorf("seed %d: abstention from %.2f to %.2f, want it varied within 30–60%%", seed, lo, hi)
		}
	}
}

func TestLambert93(t *testing.T) {
	// The projection's origin, by definition, and the scale along the central meridian.
	x, y := lambert93(3, 46.5)
	if math.Abs(x-700000) > 1e-6 || math.Abs(y-6600000) > 1e-6 {
		t.Errorf("origin projects to %.3f, %.3f", x, y)
	}
	_, y2 := lambert93(3, 47.5)
	if d := y2 - y; math.Abs(d-111_200) > 300 {
		t.Errorf("one degree of latitude is %.0f m north", d)
	}
}

func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	ctx := context.Background()
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer camp.Close()
	dir := t.TempDir()
	var steps []string
	if err := Build(ctx, camp, dir, 7, func(s i18n.Message) { steps = append(steps, s.Error()) }); err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(steps, "\n"))
	}
	st, err := camp.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Generate(t.TempDir(), 7)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"voters":       len(readCSV(t, f.List)) - 1,
		"addresses":    len(readCSV(t, f.Addresses)) - 1,
		"constituency": 1,
		"neighborhood": len(readFeatures(t, f.Neighborhoods)) + len(readFeatures(t, f.Stations)),
		"street":       len(readFeatures(t, f.Streets)),
		"results":      len(readFeatures(t, f.Stations)),
	}
	got := map[string]int{"voters": st.Voters, "addresses": st.Addresses, "constituency": st.Areas["constituency"],
		"neighborhood": st.Areas["neighborhood"], "street": st.Areas["street"], "results": st.Results}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %d in the store, want %d", k, got[k], w)
		}
	}
	// Geocoding places every voter whose row has a street and a number; the others are the
	// hamlet-only and number-less rows.
	g, err := camp.GeocodeSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	incomplete := 0
	for _, r := range readCSV(t, f.List)[1:] {
		if r[13] == "" || r[14] == "" {
			incomplete++
		}
	}
	if g.Unmatched > incomplete || g.Exact < want["voters"]*95/100 {
		t.Errorf("geocoding: %+v; %d rows lack a street or number", g, incomplete)
	}
	// Each polling-station area joins its results by code, and the voters the list puts in it are
	// its registered voters.
	areas, err := camp.Areas(ctx, "neighborhood")
	if err != nil {
		t.Fatal(err)
	}
	stations := 0
	for _, a := range areas {
		if a.Layer != "bureaux-de-vote" {
			continue
		}
		stations++
		if a.Registered == nil || a.Listed == nil || int(*a.Registered) != *a.Listed || a.Abstention == nil {
			t.Errorf("station %s: registered %v, listed %v, abstention %v", a.ID, a.Registered, a.Listed, a.Abstention)
		}
	}
	if stations != want["results"] {
		t.Errorf("%d polling-station areas, want %d", stations, want["results"])
	}
	if st.Campaign == nil || !strings.HasPrefix(st.Campaign.Name, "Démo") || st.DaysLeft == nil || *st.DaysLeft < 60 {
		t.Errorf("campaign: %+v", st.Campaign)
	}
	t.Log(strings.Join(steps, "\n"))
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(readFile(t, path)))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return rows
}
