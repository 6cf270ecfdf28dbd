// Package reu reads the rows of an electoral-list extract from the Répertoire électoral unique
// (REU, the "liste électorale" a commune gives candidates), and of the older 2013 e-listelec layout.
// It maps header names to voter attributes whatever their spelling, and checks and normalises each
// row. It never quotes a value in an error: the values are voters' personal data.
package reu

import (
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
	Nationality:       {"libelle nationalite", "nationalite", "identifiant nationalite"},
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
	Canton:            {"libelle canton du bureau de vote", "code canton du bureau de vote", "canton du bureau de vote", "codecanton"},
	MetroConstituency: {"libelle circonscription metropolitaine du bureau de vote", "code circonscription metropolitaine du bureau de vote"},
	OrderNumber:       {"numero d'ordre dans le bureau de vote"},
	ugleDepartment:    {"codedepartement"},
	streetType:        {"typevoie"},
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
	// Absent lists the optional attributes that have no column in the file, by canonical name.
	Absent []string
}

// MissingColumnError says a column the import cannot do without is absent from the header.
type MissingColumnError struct {
	Column string // canonical REU name (for an either-or requirement, the alternatives)
}

func (e *MissingColumnError) Error() string {
	return "the header has no column " + e.Column + ": it is required"
}

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

// NewLayout maps a header row to the attributes. It needs the commune code, the birth name, and at
// least one address or polling-station column; it returns a *MissingColumnError otherwise.
func NewLayout(header []string) (*Layout, error) {
	l := &Layout{header: header}
	for i := range l.col {
		l.col[i] = -1
	}
	index := make(map[string]Field)
	for f, aliases := range names {
		for _, a := range aliases {
			index[a] = Field(f)
		}
	}
	for i, h := range header {
		folded := tabular.Fold(h)
		f, ok := index[folded]
		switch {
		case ok && l.col[f] < 0:
			l.col[f] = i
		case ok || ignored[folded]:
			// a second column for the same attribute, or one we do not keep
		default:
			l.Unknown = append(l.Unknown, strings.TrimSpace(h))
		}
	}
	if l.col[UGLE] < 0 {
		return nil, &MissingColumnError{Column: quote(UGLE)}
	}
	if l.col[BirthName] < 0 {
		return nil, &MissingColumnError{Column: quote(BirthName)}
	}
	if !l.has(StreetNumber, Street, Locality, Postcode, StationCode, StationName) {
		return nil, &MissingColumnError{Column: quote(Street) + ", " + quote(Locality) + " or " + quote(StationCode)}
	}
	for _, f := range []Field{Street, StationCode} {
		if l.col[f] < 0 {
			l.Absent = append(l.Absent, f.Name())
		}
	}
	return l, nil
}

func quote(f Field) string { return `"` + f.Name() + `"` }

func (l *Layout) has(fs ...Field) bool {
	for _, f := range fs {
		if l.col[f] >= 0 {
			return true
		}
	}
	return false
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
