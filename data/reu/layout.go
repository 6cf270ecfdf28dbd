// Package reu reads the rows of an electoral-list extract from the Répertoire électoral unique
// (REU, the "liste électorale" a commune gives candidates), and of the older 2013 e-listelec layout.
// It maps header names to voter attributes whatever their spelling, and checks and normalises each
// row. It never quotes a value in an error: the values are voters' personal data.
package reu

import (
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/data/tabular"
)

// Field is a voter attribute the store keeps, one per column of the voters table.
type Field int

// The attributes of a voter, in the order of the voters table.
const (
	UGLE Field = iota
	ListType
	BirthName
	UsageName
	GivenNames
	Sex
	BirthDate
	BirthPlaceCode
	BirthPlace
	BirthDepartment
	BirthCountry
	Nationality
	StreetNumber
	Street
	Complement1
	Complement2
	Locality
	Postcode
	Town
	Country
	StationCode
	StationName
	ConstituencyCode
	Canton
	MetroConstituency
	OrderNumber
	NumFields // the number of attributes, not one of them
)

// source columns that feed an attribute without being one: the 2013 layout splits the commune
// code and the street.
const (
	ugleDepartment = NumFields + iota // 2013 CodeDepartement, prefixed to a short CodeCommune
	streetType                        // 2013 TypeVoie, prefixed to LibelleVoie
	numSources
)

// names holds, for each attribute, its canonical REU header name followed by the aliases seen in
// other exports and in the 2013 layout, all folded (tabular.Fold).
var names = [numSources][]string{
	UGLE:              {"code du l'ugle", "code de l'ugle", "codecommune"},
	ListType:          {"libelle du type de liste", "typeliste"},
	BirthName:         {"nom de naissance", "nomdenaissance"},
	UsageName:         {"nom d'usage", "nomdusage"},
	GivenNames:        {"prenoms"},
	Sex:               {"sexe"},
	BirthDate:         {"date de naissance", "datedenaissance"},
	BirthPlaceCode:    {"code commune de naissance", "code de la commune de naissance"},
	BirthPlace:        {"libelle commune de naissance", "nomcomnaissance"},
	BirthDepartment:   {"code departement de naissance", "code du departement de naissance", "deptnaissance"},
	BirthCountry:      {"pays de naissance", "paysnaissance"},
	Nationality:       {"libelle nationalite", "nationalite"},
	StreetNumber:      {"numero de voie", "numerovoie"},
	Street:            {"libelle de voie", "libellevoie"},
	Complement1:       {"complement 1", "complementdelocalisation1"},
	Complement2:       {"complement 2", "complementdelocalisation2"},
	Locality:          {"lieu dit", "lieudit"},
	Postcode:          {"code postal", "codepostal"},
	Town:              {"commune", "villelocalite"},
	Country:           {"pays"},
	StationCode:       {"code du bureau de vote", "nobureaudevote"},
	StationName:       {"libelle du bureau de vote", "nombureaudevote"},
	ConstituencyCode:  {"code circonscription legislative du bureau de vote", "circonscription legislative du bureau de vote", "codecirconscription"},
	Canton:            {"libelle canton du bureau de vote", "canton du bureau de vote"},
	MetroConstituency: {"libelle circonscription metropolitaine du bureau de vote"},
	OrderNumber:       {"numero d'ordre dans le bureau de vote"},
	ugleDepartment:    {"codedepartement"},
	streetType:        {"typevoie"},
}

// fallbacks are other columns that may stand for an attribute, used when the file has none of
// its names: a code where the REU gives a label. A file may hold both, as distinct columns: the
// label is then kept and the code ignored.
var fallbacks = map[Field][]string{
	Nationality:       {"identifiant nationalite"},
	Canton:            {"code canton du bureau de vote", "codecanton"},
	MetroConstituency: {"code circonscription metropolitaine du bureau de vote"},
}

// ignored are columns known to the formats but not kept: they are not reported as unknown.
var ignored = map[string]bool{
	"libelle de l'ugle": true, "infoliste": true, "datecreationliste": true, "nomcommune": true,
	"noelecteurgeneral": true,
}

// Layout says where each attribute sits in the rows of one file.
type Layout struct {
	col    [numSources]int // column index, -1 when absent
	header []string
	// Unknown lists the header names matched to no attribute, as written in the file; their
	// columns are ignored.
	Unknown []string
}

// MissingColumnError says a column the import cannot do without is absent from the header.
type MissingColumnError struct {
	Column string // canonical REU name
}

func (e *MissingColumnError) Error() string {
	return "the header has no column " + strconv.Quote(e.Column) + ": it is required"
}

// DuplicateColumnError says two columns of the header are spellings of one attribute: which of
// them holds the value is anyone's guess.
type DuplicateColumnError struct {
	First, Second string // the two headers, as written in the file
}

func (e *DuplicateColumnError) Error() string {
	return strconv.Quote(e.First) + " and " + strconv.Quote(e.Second) + " are two names of the same column: keep one"
}

// required are the attributes without which a list cannot be used: who (the commune, the names)
// and where (the street, the polling station). A file without one of them is not an
// electoral-list extract, or one so damaged that importing it would replace a good list by a
// useless one.
var required = []Field{UGLE, BirthName, GivenNames, Street, StationCode}

// Name is the canonical REU header name of an attribute.
func (f Field) Name() string {
	if f < 0 || f >= numSources {
		return ""
	}
	return canonical[f]
}

// canonical holds the REU spelling of each attribute's header, with its accents, for messages.
var canonical = [numSources]string{
	"code du l'ugle", "libellé du type de liste", "nom de naissance", "nom d'usage", "prénoms", "sexe",
	"date de naissance", "code commune de naissance", "libellé commune de naissance",
	"code département de naissance", "pays de naissance", "libellé nationalité", "numéro de voie",
	"libellé de voie", "complément 1", "complément 2", "lieu-dit", "code postal", "commune", "pays",
	"code du bureau de vote", "libellé du bureau de vote",
	"code circonscription législative du bureau de vote", "libellé canton du bureau de vote",
	"libellé circonscription métropolitaine du bureau de vote", "numéro d'ordre dans le bureau de vote",
	"CodeDepartement", "TypeVoie",
}

// NewLayout maps a header row to the attributes. It returns a *MissingColumnError when a required
// attribute (commune code, birth name, given names, street, polling-station code) has no column,
// and a *DuplicateColumnError when one has two.
func NewLayout(header []string) (*Layout, error) {
	l := &Layout{header: header}
	for i := range l.col {
		l.col[i] = -1
	}
	index, fallback := make(map[string]Field), make(map[string]Field)
	for f, aliases := range names {
		for _, a := range aliases {
			index[a] = Field(f)
		}
	}
	for f, aliases := range fallbacks {
		for _, a := range aliases {
			fallback[a] = f
		}
	}
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = tabular.Fold(h)
		f, ok := index[folded[i]]
		_, isFallback := fallback[folded[i]]
		switch {
		case ok && l.col[f] < 0:
			l.col[f] = i
		case ok:
			return nil, &DuplicateColumnError{First: l.ColumnName(l.col[f]), Second: l.ColumnName(i)}
		case !ignored[folded[i]] && !isFallback:
			l.Unknown = append(l.Unknown, strings.TrimSpace(h))
		}
	}
	fromFallback := map[Field]int{}
	for i := range header {
		f, ok := fallback[folded[i]]
		switch {
		case !ok || l.col[f] >= 0 && fromFallback[f] == 0:
			// not a fallback, or its attribute has a column of its own
		case l.col[f] >= 0:
			return nil, &DuplicateColumnError{First: l.ColumnName(l.col[f]), Second: l.ColumnName(i)}
		default:
			l.col[f] = i
			fromFallback[f] = i + 1
		}
	}
	for _, f := range required {
		if l.col[f] < 0 {
			return nil, &MissingColumnError{Column: f.Name()}
		}
	}
	return l, nil
}

// ColumnName is the header name, as written in the file, of column i (0-based).
func (l *Layout) ColumnName(i int) string {
	if i < 0 || i >= len(l.header) {
		return ""
	}
	return strings.TrimSpace(l.header[i])
}

// fieldName names an attribute in messages: its header in the file, else its canonical name.
func (l *Layout) fieldName(f Field) string {
	if c := l.col[f]; c >= 0 {
		return l.ColumnName(c)
	}
	return f.Name()
}
