package canvass

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/campagne-fr/porteaporte/data/shared"
)

// The headers below are those of the real files; the rows are invented.
const (
	reuHeader = `"code du l'ugle";"libellé de l'ugle";"libellé du type de liste";"nom de naissance";"nom d'usage";"prénoms";"sexe";"date de naissance";"numéro de voie";"libellé de voie";"code postal";"code du bureau de vote";"numéro d'ordre dans le bureau de vote"` + "\n" +
		`"99999";"VILLE-FICTIVE";"Liste principale";"EXEMPLEAU";;"Aurore";"F";"17/03/1979";"12";"Rue des Exemples";"99999";"0002";37` + "\n"
	banHeader     = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;x;y;lon;lat\n99999_0001_00001;;1;;Rue des Exemples;99999;99999;Ville;0;0;2.39;48.87\n"
	resultsHeader = "id_bv;scrutin;num_bureau;nb_inscr;nb_votant\n20-1;Européennes;1;1415;896\n"
	consentHeader = "nom_naissance;prenoms;date_naissance;canal;finalite\nEXEMPLEAU;Aurore;17/03/1979;porte-a-porte;communication politique\n"
	otherHeader   = "nom;prenom;telephone\nEXEMPLEAU;Aurore;0600000000\n"
)

func detectFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestDetectKind(t *testing.T) {
	cases := []struct {
		name    string
		content []byte
		kind    Kind
		level   string
	}{
		{"liste.csv", []byte(reuHeader), KindList, ""},
		{"liste.csv.gz", gzipped(reuHeader), KindList, ""},
		{"liste-2013.csv", []byte("TypeListe;NomdeNaissance;Prenoms;NoBureauDeVote\nLP;EXEMPLEAU;Aurore;2\n"), KindList, ""},
		{"adresses-99999.csv", []byte(banHeader), KindAddresses, ""},
		{"resultats.csv", []byte(resultsHeader), KindResults, ""},
		{"resultats-ministere.csv", []byte("Code du b.vote;Inscrits;Votants\n0001;1000;600\n"), KindResults, ""},
		{"iris-20e.geojson", []byte(` {"type":"FeatureCollection","features":[]}`), KindAreas, "neighborhood"},
		{"circonscriptions.json", []byte(`{"type":"FeatureCollection","features":[]}`), KindAreas, "constituency"},
		{"voies.gpkg", append([]byte("SQLite format 3\x00"), make([]byte, 100)...), KindAreas, "street"},
		{"couche.gpkg", []byte("not sqlite"), KindUnknown, ""},
		{"campaign.db", append([]byte("SQLite format 3\x00"), make([]byte, 100)...), KindUnknown, ""},
		{"data.json", []byte(`[1,2]`), KindUnknown, ""},
		{"consentements.csv", []byte(consentHeader), KindConsents, ""},
		{"opposition.csv", []byte("portee;numero;voie;code_postal\nadresse;12;Rue des Exemples;99999\n"), KindOpposition, ""},
		{"demandes.csv", []byte("nom_naissance;prenoms;date_naissance;voie\nEXEMPLEAU;Aurore;17/03/1979;Rue des Exemples\n"), KindPeople, ""},
		{"contacts.csv", []byte(otherHeader), KindUnknown, ""},
		{"empty.csv", nil, KindUnknown, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DetectKind(detectFile(t, c.name, c.content))
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != c.kind || d.Level != c.level {
				t.Errorf("DetectKind = %q level %q (%s), want %q level %q", d.Kind, d.Level, d.Reason, c.kind, c.level)
			}
			if d.Reason.ID == "" {
				t.Error("no reason given")
			}
		})
	}
}

func TestDetectKindMissingFile(t *testing.T) {
	if _, err := DetectKind(filepath.Join(t.TempDir(), "absent.csv")); err == nil {
		t.Fatal("no error for a missing file")
	}
}

func TestDetectKindSharedData(t *testing.T) {
	dir := shared.Path(t, "data", "paris-20e")
	for name, want := range map[string]Kind{
		"liste-electorale-synthetique-75120.csv.gz":  KindList,
		"adresses-75120.csv":                         KindAddresses,
		"resultats-europeennes-2024-bureaux-20e.csv": KindResults,
		"bureaux-de-vote-2024-20e.geojson":           KindAreas,
		"people-request.csv":                         KindPeople,
		"consentements.csv":                          KindConsents,
		"opposition.csv":                             KindOpposition,
	} {
		d, err := DetectKind(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != want {
			t.Errorf("%s: %q (%s), want %q", name, d.Kind, d.Reason, want)
		}
	}
}
