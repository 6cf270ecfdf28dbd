package geocode

import "testing"

func TestNormalizeStreet(t *testing.T) {
	tests := []struct{ in, full, key string }{
		{"Rue des Pyrénées", "rue des pyrenees", "rue pyrenees"},
		{"RUE DES PYRENEES", "rue des pyrenees", "rue pyrenees"},
		{"RUE PYRENEES", "rue pyrenees", "rue pyrenees"},
		{"rue des pyre\u0301ne\u0301es", "rue des pyrenees", "rue pyrenees"}, // decomposed accents
		{"R DES PLATRIERES", "rue des platrieres", "rue platrieres"},
		{"R. ORFILA", "rue orfila", "rue orfila"},
		{"R. DUPONT DE L'EURE", "rue dupont de l eure", "rue dupont eure"},
		{"Rue Dupont de l’Eure", "rue dupont de l eure", "rue dupont eure"},
		{"RUE D'AVRON", "rue d avron", "rue avron"},
		{"BD DE BELLEVILLE", "boulevard de belleville", "boulevard belleville"},
		{"Bd de Belleville", "boulevard de belleville", "boulevard belleville"},
		{"BLD MORTIER", "boulevard mortier", "boulevard mortier"},
		{"AV GAMBETTA", "avenue gambetta", "avenue gambetta"},
		{"Av. Gambetta", "avenue gambetta", "avenue gambetta"},
		{"AVE GAMBETTA", "avenue gambetta", "avenue gambetta"},
		{"PL GAMBETTA", "place gambetta", "place gambetta"},
		{"IMP RANCON", "impasse rancon", "impasse rancon"},
		{"Impasse Rançon", "impasse rancon", "impasse rancon"},
		{"PAS GAMBETTA", "passage gambetta", "passage gambetta"},
		{"PASS GAMBETTA", "passage gambetta", "passage gambetta"},
		{"VLA STENDHAL", "villa stendhal", "villa stendhal"},
		{"SQ DE LA SALAMANDRE", "square de la salamandre", "square salamandre"},
		{"ALL ALQUIER-DEBROUSSE", "allee alquier debrousse", "allee alquier debrousse"},
		{"Allée Alquier-Debrousse", "allee alquier debrousse", "allee alquier debrousse"},
		{"CHEM DU PARC DE CHARONNE", "chemin du parc de charonne", "chemin parc charonne"},
		{"CTE AUBRY", "cite aubry", "cite aubry"},
		{"CITÉ AUBRY", "cite aubry", "cite aubry"},
		{"QUAI DE JEMMAPES", "quai de jemmapes", "quai jemmapes"},
		{"SENT DES MERISIERS", "sentier des merisiers", "sentier merisiers"},
		{"RTE DE LA PYRAMIDE", "route de la pyramide", "route pyramide"},
		{"HAM DU PARC", "hameau du parc", "hameau parc"},
		{"R ST BLAISE", "rue saint blaise", "rue saint blaise"},
		{"Rue Saint-Blaise", "rue saint blaise", "rue saint blaise"},
		{"RUE STE MARTHE", "rue sainte marthe", "rue sainte marthe"},
		{"R DU CŒUR VOLANT", "rue du coeur volant", "rue coeur volant"},
		{"176P3 RUE DES PYRENEES", "176p3 rue des pyrenees", "176p3 rue pyrenees"},
		{"176P3 Rue des Pyrénées", "176p3 rue des pyrenees", "176p3 rue pyrenees"},
		{"VOIE AO/20", "voie ao 20", "voie ao 20"},
		{"  rue   de   la  mare ", "rue de la mare", "rue mare"},
		{"PASSAGE R", "passage r", "passage r"}, // the type is read in first position only
		{"RUE DE LA", "rue de la", "rue"},
		{"DE LA", "de la", "de la"}, // only articles: kept rather than emptied
		{"", "", ""},
		{"-- ' .", "", ""},
		// Inverted labels, as old municipal files write them.
		{"CLICHY (BOULEVARD DE)", "boulevard de clichy", "boulevard clichy"},
		{"CLICHY(BD DE)", "boulevard de clichy", "boulevard clichy"},
		{"RUISSEAU RUE DU", "rue du ruisseau", "rue ruisseau"},
		{"CAMILLE FLAMMARION RUE", "rue camille flammarion", "rue camille flammarion"},
		{"ERMITAGE (RUE DE L')", "rue de l ermitage", "rue ermitage"},
		{"COUR DES NOUES (RUE DE LA)", "rue de la cour des noues", "rue cour noues"},
		{"COUR DES NOUES RUE DE LA", "rue de la cour des noues", "rue cour noues"},
		{"COUR DES NOUES (RUE)", "rue cour des noues", "rue cour noues"},
		{"MARE (DE LA)", "de la mare", "mare"},
		{"RUE DE LA PORTE", "rue de la porte", "rue porte"}, // a type word ending a typed label is the name
		{"DU LOT", "du lot", "lot"},                         // no name before the type word: no type at all
		{"RPT DE LA PORTE", "rond point de la porte", "rond point porte"},
		{"PORTE (RPT DE LA)", "rond point de la porte", "rond point porte"},
		// Titles.
		{"PL DU GAL TESSIER DE MARGUERITTES", "place du general tessier de marguerittes", "place general tessier marguerittes"},
		{"R DES DRS AUGUSTA ET JULES DEJERINE", "rue des docteurs augusta et jules dejerine", "rue docteurs augusta et jules dejerine"},
		{"R DU CAP FERBER", "rue du capitaine ferber", "rue capitaine ferber"},
		{"R ND DES CHAMPS", "rue notre dame des champs", "rue notre dame champs"},
	}
	for _, tt := range tests {
		if got := NormalizeStreet(tt.in); got != tt.full {
			t.Errorf("NormalizeStreet(%q) = %q, want %q", tt.in, got, tt.full)
		}
		if got := StreetKey(tt.in); got != tt.key {
			t.Errorf("StreetKey(%q) = %q, want %q", tt.in, got, tt.key)
		}
	}
}

// TestStreetKeyMeets checks that what a mairie types and what the BAN writes get one key.
func TestStreetKeyMeets(t *testing.T) {
	pairs := [][2]string{
		{"RUE PYRENEES", "Rue des Pyrénées"},
		{"R. DE LA CROIX ST SIMON", "Rue de la Croix Saint-Simon"},
		{"R VILLIERS DE L ISLE ADAM", "Rue Villiers de l'Isle Adam"},
		{"BD DAVOUT", "Boulevard Davout"},
		{"PAS DES SAINT SIMONIENS", "Passage des Saint-Simoniens"},
		{"VLA DU BORREGO", "Villa du Borrégo"},
		{"CTE LECLAIRE", "Cité Leclaire"},
	}
	for _, p := range pairs {
		if a, b := StreetKey(p[0]), StreetKey(p[1]); a != b {
			t.Errorf("StreetKey(%q) = %q but StreetKey(%q) = %q", p[0], a, p[1], b)
		}
	}
	if a, b := StreetKey("PASSAGE GAMBETTA"), StreetKey("Avenue Gambetta"); a == b {
		t.Errorf("two street types share the key %q", a)
	}
}

func TestOSA(t *testing.T) {
	tests := []struct {
		a, b      string
		limit, ok int
	}{
		{"ruepyrenees", "ruepyrenees", 2, 0},
		{"ruepyreenes", "ruepyrenees", 2, 1}, // swapped letters
		{"ruepyrnees", "ruepyrenees", 2, 1},  // dropped letter
		{"ruepyrenes", "ruepyrenees", 2, 1},
		{"rueabcdefgh", "ruepyrenees", 2, 3}, // beyond the limit: limit+1
		{"", "abc", 5, 3},
		{"abc", "", 1, 2},
	}
	for _, tt := range tests {
		if got := osa(tt.a, tt.b, tt.limit); got != tt.ok {
			t.Errorf("osa(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.ok)
		}
	}
}
