package demo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The town's place on the map: fields in the Berry, nowhere in particular. Local metres become
// degrees by an equirectangular approximation, exact enough over two kilometres.
const (
	centreLon = 2.5437
	centreLat = 46.8129
	metresLat = 111_132.0
)

var metresLon = 111_320.0 * math.Cos(centreLat*math.Pi/180)

// lonLat places a local point on the map.
func lonLat(p orb.Point) orb.Point {
	return orb.Point{centreLon + p[0]/metresLon, centreLat + p[1]/metresLat}
}

// round rounds to n decimals.
func round(v float64, n int) float64 {
	f := math.Pow(10, float64(n))
	return math.Round(v*f) / f
}

// num formats a rounded number the way the BAN does: no trailing zeros.
func num(v float64, decimals int) string {
	return strconv.FormatFloat(round(v, decimals), 'f', -1, 64)
}

// lambert93 projects WGS84 longitude/latitude (GRS80, close enough) to Lambert-93 (EPSG:2154),
// the x/y the BAN gives beside lon/lat.
func lambert93(lon, lat float64) (x, y float64) {
	const (
		a    = 6378137.0
		f    = 1 / 298.257222101
		lat1 = 44.0
		lat2 = 49.0
		lat0 = 46.5
		lon0 = 3.0
		x0   = 700000.0
		y0   = 6600000.0
	)
	e := math.Sqrt(2*f - f*f)
	rad := func(d float64) float64 { return d * math.Pi / 180 }
	m := func(phi float64) float64 { s := math.Sin(phi); return math.Cos(phi) / math.Sqrt(1-e*e*s*s) }
	t := func(phi float64) float64 {
		s := math.Sin(phi)
		return math.Tan(math.Pi/4-phi/2) / math.Pow((1-e*s)/(1+e*s), e/2)
	}
	m1, m2 := m(rad(lat1)), m(rad(lat2))
	t1, t2, t0 := t(rad(lat1)), t(rad(lat2)), t(rad(lat0))
	n := (math.Log(m1) - math.Log(m2)) / (math.Log(t1) - math.Log(t2))
	F := m1 / (n * math.Pow(t1, n))
	rho0 := a * F * math.Pow(t0, n)
	rho := a * F * math.Pow(t(rad(lat)), n)
	theta := n * rad(lon-lon0)
	return x0 + rho*math.Sin(theta), y0 + rho0 - rho*math.Cos(theta)
}

// create creates an output file readable by its owner only: some hold (invented) personal data,
// and tools treat them as they would treat real ones.
func create(path string, write func(w *bufio.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// banHeader is the header of BAN adresses-XX.csv files, 23 columns.
const banHeader = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;" +
	"nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;" +
	"source_nom_voie;certification_commune;cad_parcelles"

// writeBAN writes the addresses in the BAN format, sorted by id as the BAN files are.
func writeBAN(path string, rng *rand.Rand, t *town) error {
	type line struct{ id, text string }
	var lines []line
	for _, a := range t.addresses {
		id := fmt.Sprintf("%s_%s_%05d", Insee, a.street.banKey, a.number)
		if a.rep != "" {
			id += "_" + a.rep
		}
		fantoir := ""
		if a.street.code != "" {
			fantoir = Insee + "_" + a.street.code
		}
		ll := lonLat(a.at)
		x, y := lambert93(ll[0], ll[1])
		position := "entrée"
		if rng.IntN(5) == 0 {
			position = "parcelle"
		}
		parcels := ""
		if rng.IntN(10) < 7 {
			section := string(rune('A'+rng.IntN(8))) + string(rune('A'+rng.IntN(26)))
			parcels = fmt.Sprintf("%s000%s%04d", Insee, section, 1+rng.IntN(400))
		}
		certified := "1"
		if rng.IntN(8) == 0 {
			certified = "0"
		}
		lines = append(lines, line{id, strings.Join([]string{
			id, fantoir, strconv.Itoa(a.number), a.rep, a.street.name, Postcode, Insee, Commune, "", "",
			num(x, 2), num(y, 2), num(ll[0], 6), num(ll[1], 6), position, "", "", strings.ToUpper(Commune),
			afnor(a.street.name), "commune", "commune", certified, parcels,
		}, ";")})
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].id < lines[j].id })
	return create(path, func(w *bufio.Writer) error {
		w.WriteString(banHeader + "\n")
		for _, l := range lines {
			w.WriteString(l.text + "\n")
		}
		return nil
	})
}

// toLonLat places a local ring on the map, rounded to 7 decimals (about a centimetre) as the
// published layers are.
func toLonLat(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for k, p := range r {
		ll := lonLat(p)
		out[k] = orb.Point{round(ll[0], 7), round(ll[1], 7)}
	}
	return out
}

// GeoJSON (RFC 7946) is written with encoding/json: orb/geojson would pull a BSON library into
// the module for nothing. Property maps are written with sorted keys, so output is deterministic.
type (
	featureCollection struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	feature struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
		Geometry   geometry       `json:"geometry"`
	}
	geometry struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	}
)

// polygonFeature is a feature whose geometry is the polygon with one (local) ring.
func polygonFeature(r orb.Ring, props map[string]any) feature {
	return feature{"Feature", props, geometry{"Polygon", []orb.Ring{toLonLat(r)}}}
}

// writeFeatures writes a GeoJSON FeatureCollection.
func writeFeatures(path string, features []feature) error {
	return create(path, func(w *bufio.Writer) error {
		b, err := json.Marshal(featureCollection{"FeatureCollection", features})
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	})
}

// writeAreas writes the constituency, neighborhood, polling-station and street layers.
func writeAreas(f Files, t *town) error {
	circ := []feature{polygonFeature(t.outline, map[string]any{"codeDepartement": "99",
		"codeCirconscription": ConstituencyCode, "circo": 1, "complete": false,
		"note": "the part of the (fictional) constituency lying in Valbrune"})}

	var quartiers []feature
	for _, q := range t.quartiers {
		quartiers = append(quartiers, polygonFeature(q.ring, map[string]any{"c_qu": q.code, "l_qu": q.name,
			"c_quinsee": fmt.Sprintf("%s%02d", Insee, q.code),
			"surface":   round(planar.Area(q.ring), 2), "perimetre": round(planar.Length(q.ring), 2)}))
	}

	var stations []feature
	for k, s := range t.stations {
		stations = append(stations, polygonFeature(s.ring, map[string]any{"id_bv": s.code, "code_insee": Insee,
			"num_bureau": k + 1, "num_quartier": s.quartier.code, "num_circ": 1,
			"code_circonscription": ConstituencyCode, "lib_bv": s.venue}))
	}

	var streets []feature
	for _, s := range t.streets {
		line := make(orb.LineString, len(s.line))
		for k, p := range s.line {
			ll := lonLat(p)
			line[k] = orb.Point{round(ll[0], 7), round(ll[1], 7)}
		}
		streets = append(streets, feature{"Feature", map[string]any{"C_COINSEE": Insee, "C_VOIE": Insee + s.banKey,
			"C_DESI": kindDesi[s.kind], "L_LONGMIN": s.name, "L_COURTMIN": kindShort[s.kind] + " " + s.body,
			"L_VOIE": mairieBody(s.body), "LENGTH": round(planar.Length(s.line), 1)},
			geometry{"LineString", line}})
	}
	for _, x := range []struct {
		path string
		fc   []feature
	}{{f.Constituency, circ}, {f.Neighborhoods, quartiers}, {f.Stations, stations}, {f.Streets, streets}} {
		if err := writeFeatures(x.path, x.fc); err != nil {
			return err
		}
	}
	return nil
}

// reuHeader is the header of a REU "Listes Electeurs Actifs" export (REU-FORMAT.md section 2).
var reuHeader = []string{"code du l'ugle", "libellé de l'ugle", "libellé du type de liste", "nom de naissance",
	"nom d'usage", "prénoms", "sexe", "date de naissance", "code commune de naissance",
	"libellé commune de naissance", "code département de naissance", "pays de naissance", "libellé nationalité",
	"numéro de voie", "libellé de voie", "complément 1", "complément 2", "lieu-dit", "code postal", "commune",
	"pays", "code du bureau de vote", "libellé du bureau de vote",
	"code circonscription législative du bureau de vote", "libellé canton du bureau de vote",
	"libellé circonscription métropolitaine du bureau de vote", "numéro d'ordre dans le bureau de vote"}

// reuLine writes one line the way the REU exports: every non-empty field double-quoted except
// the last, empty fields as nothing, `;` between them, LF at the end.
func reuLine(w *bufio.Writer, fields []string) {
	for k, v := range fields {
		if k > 0 {
			w.WriteByte(';')
		}
		switch {
		case k == len(fields)-1:
			w.WriteString(v)
		case v != "":
			w.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
	}
	w.WriteByte('\n')
}

// writeList writes the electoral list.
func writeList(path string, rows []*row) error {
	return create(path, func(w *bufio.Writer) error {
		reuLine(w, append(append([]string(nil), reuHeader[:len(reuHeader)-1]...), `"`+reuHeader[len(reuHeader)-1]+`"`))
		for _, r := range rows {
			var code, venue, circ, canton string
			if r.station != nil {
				code, venue, circ, canton = r.station.code, r.station.venue, "99-01", strings.ToUpper(Commune)
			}
			reuLine(w, []string{Insee, strings.ToUpper(Commune), r.listType, r.p.birthName, r.p.usageName, r.p.given,
				r.p.sex, r.birthDate, r.bp.code, r.bp.name, r.bp.dept, r.bp.country, r.nationality, r.number, r.street,
				r.comp1, r.comp2, r.lieuDit, Postcode, r.town, r.country, code, venue, circ, canton, "", r.order})
		}
		return nil
	})
}

// resultsHeader is the Ville de Paris open-data layout of results per polling station.
const resultsHeader = "OBJECTID;id_bv;scrutin;annee;tour;date;num_circ;num_quartier;num_arrond;num_bureau;" +
	"nb_procu;nb_inscr;nb_emarg;nb_votant;nb_bl;nb_nul;nb_exprim"

// writeResults writes the results of the previous municipal election, first round, per polling
// station: registered is the number of rows of the list in the station, abstention is the
// station's.
func writeResults(path string, rng *rand.Rand, t *town, rows []*row) error {
	registered := map[*station]int{}
	for _, r := range rows {
		if r.station != nil {
			registered[r.station]++
		}
	}
	return create(path, func(w *bufio.Writer) error {
		w.WriteString(resultsHeader + ";" + strings.Join(lists, ";") + "\n")
		for k, s := range t.stations {
			inscr := registered[s]
			votant := int(math.Round(float64(inscr) * (1 - s.abstention)))
			emarg := votant + rng.IntN(5) - 2
			bl := rng.IntN(max(2, votant/40))
			nul := rng.IntN(max(2, votant/60))
			exprim := votant - bl - nul
			weights := make([]float64, len(lists))
			var sum float64
			for l := range weights {
				weights[l] = 0.5 + rng.Float64()
				sum += weights[l]
			}
			fields := []string{strconv.Itoa(3101 + k), s.code, "Municipales", "2020", "1", "15/03/2020", "1",
				strconv.Itoa(s.quartier.code), "", strconv.Itoa(k + 1), strconv.Itoa(votant / 30), strconv.Itoa(inscr),
				strconv.Itoa(emarg), strconv.Itoa(votant), strconv.Itoa(bl), strconv.Itoa(nul), strconv.Itoa(exprim)}
			left := exprim
			for l := range lists {
				v := left
				if l < len(lists)-1 {
					v = int(float64(exprim) * weights[l] / sum)
					left -= v
				}
				fields = append(fields, strconv.Itoa(v))
			}
			w.WriteString(strings.Join(fields, ";") + "\n")
		}
		return nil
	})
}
