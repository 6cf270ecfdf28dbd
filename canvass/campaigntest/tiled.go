package campaigntest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
)

// TiledStations is how many polling stations each commune of Tiled numbers, from 1.
const TiledStations = 4

// TiledListed is how many voters the list of Tiled puts in station number (from 1) of commune k
// (from 0): different in every station and every commune, so that counts mixed across communes
// show.
func TiledListed(k, number int) int { return 12 + 3*number + 5*k }

// TiledStation is the code of station number (from 1) of commune k (from 0) in the station layer
// and the results of Tiled: "K00-1".
func TiledStation(k, number int) string { return fmt.Sprintf("K%02d-%d", k, number) }

// TiledLine is the id, in the street layer of Tiled, of the line of "Rue du Bureau <number>" of
// commune k: every commune has such a street.
func TiledLine(k, number int) string { return fmt.Sprintf("L%02d-%d", k, number) }

// TiledStreet is the BAN id of "Rue du Bureau <number>" of commune k.
func TiledStreet(k, number int) string { return fmt.Sprintf("9%02d20_%04d", k, number) }

// Tiled builds, in the test's temporary folder, a campaign of n small communes side by side
// (INSEE codes 90020, 90120, ...), each numbering its TiledStations polling stations from 1 as real
// lists do: an electoral list, BAN addresses (one street per station, "Rue du Bureau <number>"),
// a station layer ("bureaux"), one constituency per commune ("circonscriptions"), a street layer
// ("voies") of the same names in every commune, and results. Every voter of the list is at a BAN address of their
// commune, inside their station. It needs no shared data.
func Tiled(t testing.TB, n int) *canvass.Campaign {
	t.Helper()
	dir := t.TempDir()
	var list, ban, results strings.Builder
	list.WriteString(`"code du l'ugle";"libellé de l'ugle";"libellé du type de liste";"nom de naissance";"nom d'usage";` +
		`"prénoms";"sexe";"date de naissance";"code commune de naissance";"libellé commune de naissance";` +
		`"code département de naissance";"pays de naissance";"libellé nationalité";"numéro de voie";"libellé de voie";` +
		`"complément 1";"complément 2";"lieu-dit";"code postal";"commune";"pays";"code du bureau de vote";` +
		`"libellé du bureau de vote";"code circonscription législative du bureau de vote";` +
		`"libellé canton du bureau de vote";"libellé circonscription métropolitaine du bureau de vote";` +
		`"numéro d'ordre dans le bureau de vote"` + "\n")
	ban.WriteString("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n")
	results.WriteString("id_bv;scrutin;num_bureau;nb_inscr;nb_votant\n")
	var stations, constituencies, streets []any
	const side, doors = 0.004, 5 // degrees per station square; addresses per station
	for k := range n {
		insee, postcode, town := fmt.Sprintf("9%02d20", k), fmt.Sprintf("9%02d00", k), fmt.Sprintf("Copie %02d", k)
		lon0, lat0 := 2.0+0.02*float64(k), 47.0
		constituencies = append(constituencies, feature(map[string]any{"codeCirconscription": fmt.Sprintf("9%02d01", k)},
			square(lon0, lat0, 2*side)))
		for j := 1; j <= TiledStations; j++ {
			x, y := lon0+side*float64((j-1)%2), lat0+side*float64((j-1)/2)
			stations = append(stations, feature(map[string]any{"id_bv": TiledStation(k, j), "num_bureau": j, "code_insee": insee},
				square(x, y, side)))
			street := fmt.Sprintf("Rue du Bureau %d", j)
			streets = append(streets, feature(map[string]any{"id_fantoir": TiledLine(k, j), "nom_voie": street},
				map[string]any{"type": "LineString", "coordinates": [][2]float64{{x, y + side/2}, {x + side, y + side/2}}}))
			for d := 1; d <= doors; d++ {
				fmt.Fprintf(&ban, "%s_%05d;;%d;;%s;%s;%s;%s;%.6f;%.6f\n", TiledStreet(k, j), d, d, street, postcode, insee, town,
					x+side*float64(d)/(doors+1), y+side/2)
			}
			listed := TiledListed(k, j)
			for v := range listed {
				fmt.Fprintf(&list, `"%s";"%s";"LP";"NOM%d";;"PRENOM";"F";"01/01/1970";;;;;"FRANCAISE";"%d";"%s";;;;"%s";"%s";;`+
					`"%04d";"BUREAU %d";"9%02d-01";;;%d`+"\n", insee, strings.ToUpper(town), v, 1+v%doors, strings.ToUpper(street),
					postcode, strings.ToUpper(town), j, j, k, v+1)
			}
			fmt.Fprintf(&results, "%s;Européennes;%d;%d;%d\n", TiledStation(k, j), j, listed, listed*6/10)
		}
	}
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	layer := func(name string, features []any) string {
		body, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
		if err != nil {
			t.Fatal(err)
		}
		return write(name, string(body))
	}
	camp := newCampaign(t, "Tiled")
	ctx := context.Background()
	steps := []func() (canvass.Report, error){
		func() (canvass.Report, error) { return camp.ImportList(ctx, write("liste.csv", list.String()), nil) },
		func() (canvass.Report, error) {
			return camp.ImportAddresses(ctx, write("adresses.csv", ban.String()), nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, layer("bureaux.geojson", stations), canvass.AreaOptions{Level: "neighborhood", Layer: "bureaux"}, nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, layer("circonscriptions.geojson", constituencies),
				canvass.AreaOptions{Level: "constituency", Layer: "circonscriptions"}, nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, layer("voies.geojson", streets), canvass.AreaOptions{Level: "street", Layer: "voies"}, nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportResults(ctx, write("resultats.csv", results.String()), canvass.ResultOptions{}, nil)
		},
	}
	for _, step := range steps {
		if rep, err := step(); err != nil || rep.Rejected != 0 {
			t.Fatalf("import %s: %d rejected (%v), %v", rep.File, rep.Rejected, rep.Errors, err)
		}
	}
	return camp
}

// square is a GeoJSON polygon: the square of the given side whose south-west corner is (lon, lat).
func square(lon, lat, side float64) map[string]any {
	return map[string]any{"type": "Polygon", "coordinates": [][][2]float64{{
		{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}}}}
}

func feature(props, geom map[string]any) map[string]any {
	return map[string]any{"type": "Feature", "properties": props, "geometry": geom}
}

// Scale opens the campaign file the SCALE_DB environment variable names (a territory .ci/bench-scale
// builds), closed at the test's end, or skips the benchmark without it.
func Scale(b testing.TB) *canvass.Campaign {
	b.Helper()
	path := os.Getenv("SCALE_DB")
	if path == "" {
		b.Skip("SCALE_DB names no campaign file (see .ci/bench-scale)")
	}
	camp, err := canvass.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { camp.Close() })
	return camp
}
