package demo

// The word lists the town and its voters are drawn from. Every person generated from them is
// invented: a first name and a surname are drawn independently, so no row describes anyone.

// surnames are common French surnames, most common first: drawing favours the head of the list,
// as real lists do. Some carry particles, apostrophes, hyphens and diacritics, as REU rows do.
var surnames = []string{
	"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
	"LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
	"FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT",
	"MULLER", "LEFÈVRE", "FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER",
	"CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLÉMENT",
	"MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "MARCHAND", "DUVAL",
	"DENIS", "DUMONT", "MARIE", "LEMAIRE", "NOËL", "MEYER", "DUFOUR", "MEUNIER", "BRUN",
	"BLANCHARD", "GIRAUD", "JOLY", "RIVIÈRE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD",
	"MARTINEZ", "GÉRARD", "ROCHE", "RENARD", "SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL",
	"CARON", "PICARD", "ROGER", "FABRE", "AUBERT", "LEMOINE", "RENAUD", "DUMAS", "LACROIX",
	"OLIVIER", "PHILIPPE", "BOURGEOIS", "PIERRE", "BENOÎT", "REY", "LECLERC", "ROLLAND",
	"GUILLAUME", "LECOMTE", "LOPEZ", "JEAN", "DUPUY", "GUILLOT", "HUBERT", "BERGER",
	"CARPENTIER", "SANCHEZ", "DUPUIS", "MOULIN", "LOUIS", "DESCHAMPS", "HUET", "VASSEUR", "PEREZ",
	"BOUCHER", "FLEURY", "ROYER", "KLEIN", "JACQUET", "ADAM", "POIRIER", "MARTY", "AUBRY",
	"GUYOT", "CARRÉ", "CHARLES", "RENAULT", "CHARPENTIER", "MÉNARD", "MAILLARD", "BARON",
	"BERTIN", "BAILLY", "HERVÉ", "SCHNEIDER", "FERNANDEZ", "LE GALL", "COLLET", "LÉGER",
	"BOUVIER", "JULIEN", "PRÉVOST", "MILLET", "PERROT", "DANIEL", "LE ROUX", "COUSIN", "GERMAIN",
	"BRETON", "BESSON", "LANGLOIS", "RÉMY", "LE GOFF", "PELLETIER", "LÉVÊQUE", "PERRIER",
	"LEBLANC", "BARRÉ", "LEBRUN", "MARCHAL", "WEBER", "MALLET", "HAMON", "BOULANGER", "JACOB",
	"MONNIER", "MICHAUD", "GUICHARD", "GILLET", "ÉTIENNE", "POULAIN", "TESSIER", "CHAUVIN",
	"BOUCHET", "LEMAÎTRE", "BÉNARD", "MARÉCHAL", "HUMBERT", "REYNAUD", "ANTOINE", "PERRET",
	"BARTHÉLEMY", "CORDIER", "PICHON", "LEJEUNE", "GILBERT", "LAMY", "DELAUNAY", "PASQUIER",
	"CARLIER", "LAPORTE", "N'DIAYE", "D'ANGELO", "O'CONNOR", "DE LA ROCHE", "DU BOIS",
	"DE OLIVEIRA", "VAN DAMME", "DIALLO", "TRAORÉ", "BENALI", "NGUYEN", "MARTIN-DUBOIS",
	"LE BRETON", "DE SAINT-JUST", "D'ARTOIS", "DES ROCHES",
}

// givenNames are French given names by sex and by the decade people were typically given them,
// so that a household looks like one generation or two.
var givenNames = map[string][3][]string{
	"M": {
		{"Jean", "Michel", "Pierre", "André", "Bernard", "Jacques", "Gérard", "Daniel", "Alain",
			"Claude", "Roger", "Marcel", "Jean-Pierre", "Jean-Claude", "Georges", "Henri", "René",
			"Robert", "Louis", "Maurice"},
		{"Philippe", "Christophe", "Stéphane", "Laurent", "Éric", "Thierry", "Pascal", "Frédéric",
			"Olivier", "Nicolas", "Sébastien", "David", "Patrick", "Didier", "Vincent", "Franck",
			"Jean-Marc", "Fabrice", "Hervé", "Bruno"},
		{"Thomas", "Kévin", "Julien", "Maxime", "Alexandre", "Romain", "Hugo", "Lucas", "Théo",
			"Mathis", "Nathan", "Enzo", "Mohamed", "Yanis", "Antoine", "Quentin", "Clément",
			"Baptiste", "Louis", "Adam"},
	},
	"F": {
		{"Marie", "Jeanne", "Monique", "Françoise", "Jacqueline", "Nicole", "Simone", "Colette",
			"Yvette", "Denise", "Madeleine", "Suzanne", "Marie-Claude", "Josiane", "Ginette",
			"Odette", "Michèle", "Annie", "Christiane", "Geneviève"},
		{"Isabelle", "Nathalie", "Sylvie", "Catherine", "Valérie", "Sandrine", "Christine",
			"Véronique", "Stéphanie", "Céline", "Laurence", "Sophie", "Corinne", "Karine",
			"Anne-Sophie", "Florence", "Delphine", "Patricia", "Martine", "Aurélie"},
		{"Julie", "Camille", "Laura", "Manon", "Pauline", "Marine", "Léa", "Chloé", "Emma",
			"Sarah", "Inès", "Océane", "Clara", "Lucie", "Justine", "Marion", "Anaïs", "Jade",
			"Lina", "Zoé"},
	},
}

// euNation is an EU nationality with names and birthplaces typical of it.
type euNation struct {
	nationality string // as the REU writes it
	country     string // country of birth, upper case
	surnames    []string
	men, women  []string
	cities      []string
}

// euNations are the EU nationalities of the complementary lists, most frequent first.
var euNations = []euNation{
	{"Portugaise", "PORTUGAL", []string{"DA SILVA", "DOS SANTOS", "PEREIRA", "FERREIRA", "RODRIGUES", "GONÇALVES", "OLIVEIRA", "COSTA"},
		[]string{"João", "José", "António", "Manuel", "Carlos"}, []string{"Maria", "Ana", "Fernanda", "Rosa", "Isabel"},
		[]string{"LISBOA", "PORTO", "BRAGA", "VISEU"}},
	{"Italienne", "ITALIE", []string{"ROSSI", "RUSSO", "BIANCHI", "ESPOSITO", "ROMANO"},
		[]string{"Giuseppe", "Marco", "Luca", "Giovanni"}, []string{"Giulia", "Francesca", "Chiara", "Paola"},
		[]string{"ROMA", "NAPOLI", "TORINO"}},
	{"Espagnole", "ESPAGNE", []string{"GARCÍA", "FERNÁNDEZ", "LÓPEZ", "MARTÍNEZ", "SÁNCHEZ"},
		[]string{"Carlos", "Javier", "Miguel"}, []string{"Carmen", "Lucía", "Pilar"},
		[]string{"MADRID", "SEVILLA", "VALENCIA"}},
	{"Belge", "BELGIQUE", []string{"PEETERS", "JANSSENS", "MAES", "WILLEMS"},
		[]string{"Luc", "Koen", "Joost"}, []string{"Els", "An", "Griet"},
		[]string{"BRUXELLES", "LIEGE", "GENT"}},
	{"Roumaine", "ROUMANIE", []string{"POPESCU", "IONESCU", "POPA", "DUMITRU"},
		[]string{"Ion", "Andrei", "Mihai"}, []string{"Elena", "Ioana", "Maria"},
		[]string{"BUCURESTI", "IASI", "CLUJ-NAPOCA"}},
	{"Allemande", "ALLEMAGNE", []string{"MÜLLER", "SCHMIDT", "WAGNER", "BECKER"},
		[]string{"Klaus", "Jürgen", "Stefan"}, []string{"Petra", "Sabine", "Ursula"},
		[]string{"KOLN", "MUNCHEN", "FREIBURG IM BREISGAU"}},
	{"Polonaise", "POLOGNE", []string{"NOWAK", "KOWALSKI", "WIŚNIEWSKA", "WÓJCIK"},
		[]string{"Piotr", "Tomasz", "Krzysztof"}, []string{"Agnieszka", "Katarzyna", "Anna"},
		[]string{"KRAKOW", "WARSZAWA", "WROCLAW"}},
	{"Néerlandaise", "PAYS-BAS", []string{"DE JONG", "JANSEN", "VAN DIJK", "BAKKER"},
		[]string{"Pieter", "Jan", "Willem"}, []string{"Anouk", "Sanne", "Femke"},
		[]string{"UTRECHT", "ROTTERDAM", "GRONINGEN"}},
}

// birthplace is a place of birth as the REU writes it.
type birthplace struct{ code, name, dept, country string }

// regionalBirthplaces are the real communes nearby where most people of a small town were born
// (maternity hospitals are in the larger towns); farBirthplaces are elsewhere in France.
var (
	regionalBirthplaces = []birthplace{
		{"18033", "BOURGES", "18", "FRANCE"}, {"18279", "VIERZON", "18", "FRANCE"},
		{"36044", "CHATEAUROUX", "36", "FRANCE"}, {"58194", "NEVERS", "58", "FRANCE"},
		{"03185", "MONTLUCON", "03", "FRANCE"}, {"18197", "SAINT-AMAND-MONTROND", "18", "FRANCE"},
		{"45234", "ORLEANS", "45", "FRANCE"},
	}
	farBirthplaces = []birthplace{
		{"75056", "PARIS", "75", "FRANCE"}, {"69123", "LYON", "69", "FRANCE"},
		{"13055", "MARSEILLE", "13", "FRANCE"}, {"31555", "TOULOUSE", "31", "FRANCE"},
		{"44109", "NANTES", "44", "FRANCE"}, {"33063", "BORDEAUX", "33", "FRANCE"},
		{"59350", "LILLE", "59", "FRANCE"}, {"37261", "TOURS", "37", "FRANCE"},
		{"87085", "LIMOGES", "87", "FRANCE"}, {"63113", "CLERMONT-FERRAND", "63", "FRANCE"},
		{"21231", "DIJON", "21", "FRANCE"}, {"67482", "STRASBOURG", "67", "FRANCE"},
		{"35238", "RENNES", "35", "FRANCE"}, {"06088", "NICE", "06", "FRANCE"},
		{"97209", "FORT-DE-FRANCE", "972", "FRANCE"}, {"97411", "SAINT-DENIS", "974", "FRANCE"},
	}
	// abroadBirthplaces are for French nationals born abroad: no commune code, department 99,
	// and country names as the register keeps them, historic entities included.
	abroadBirthplaces = []birthplace{
		{"", "ALGER", "99", "ALGERIE"}, {"", "ORAN", "99", "ALGERIE"},
		{"", "CASABLANCA", "99", "MAROC"}, {"", "TUNIS", "99", "TUNISIE"},
		{"", "DAKAR", "99", "SENEGAL"}, {"", "MOSKVA", "99", "U.R.S.S."},
		{"", "SAIGON", "99", "VIET NAM"}, {"", "LISBOA", "99", "PORTUGAL"},
	}
)

// streetNames are the names streets are given after their type ("Rue" + " " + name).
var streetNames = []string{
	"de la République", "Victor Hugo", "Jean Jaurès", "Pasteur", "Gambetta", "Jules Ferry",
	"Émile Zola", "de la Libération", "du 8 Mai 1945", "du 11 Novembre", "des Écoles",
	"de la Gare", "du Château", "des Tilleuls", "des Acacias", "des Lilas", "des Peupliers",
	"des Érables", "du Stade", "de la Fontaine", "du Lavoir", "des Jardins", "Anatole France",
	"Paul Bert", "Marie Curie", "Louise Michel", "Jean Moulin", "George Sand", "Alain-Fournier",
	"des Remparts", "du Four", "de la Poste", "des Prés", "du Pont", "des Charmes",
	"Saint-Martin", "Sainte-Catherine", "Saint-Roch", "Sainte-Anne", "du Général Leclerc",
	"du Général de Gaulle", "de l'Église", "de l'Abreuvoir", "des Vignes", "du Moulin",
	"de la Croix Blanche", "des Tanneurs", "du Puits", "de la Forge", "des Cerisiers",
	"des Noyers", "du Pressoir", "des Rosiers", "des Chênes", "du Docteur Roux",
	"Antoine de Saint-Exupéry", "des Mésanges", "du Champ de Foire", "Claude Debussy",
	"Gustave Eiffel", "de Verdun", "Voltaire", "Aristide Briand", "des Coquelicots",
}

// quaiNames name the river bank, chemins the rural ways at the edge of town.
var (
	quaiNames   = []string{"de la Brune", "des Mariniers", "des Lavandières"}
	cheminNames = []string{"des Grands Champs", "de la Croix", "des Bruyères", "du Bois Joli", "des Meuniers", "de Bellevue"}
)

// stationVenues are the buildings polling stations are held in; the first one is the town hall.
var stationVenues = []string{
	"MAIRIE - SALLE DU CONSEIL", "ECOLE JULES FERRY", "SALLE DES FETES", "ECOLE MATERNELLE LES TILLEULS",
	"GYMNASE MUNICIPAL", "MAISON DES ASSOCIATIONS", "GROUPE SCOLAIRE PASTEUR", "FOYER RURAL",
}

// quartierNames name the neighborhoods; the first is the one around the town hall.
var quartierNames = []string{"Centre-Bourg", "La Gare", "Les Tilleuls", "Le Moulin", "Les Prés"}

// hamlets are the lieux-dits of the commune that have no numbered BAN address.
var hamlets = []string{"LA FERME DES NOUES", "LE MOULIN DE LA PREE", "LES GRANDS CHAMPS"}

// buildingNames are the names of apartment buildings, written in an address complement.
var buildingNames = []string{"RESIDENCE LES TILLEULS", "RESIDENCE DU PARC", "LES JARDINS DE LA BRUNE", "RESIDENCE BELLEVUE"}

// lists are the lists standing in the previous municipal election, as results columns.
var lists = []string{"valbrune_ensemble", "agir_pour_valbrune", "valbrune_ecologie_solidaire"}
