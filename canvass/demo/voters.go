package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// refYear is the year ages count from. It is fixed, not today's, so that a seed always gives the
// same files.
const refYear = 2026

// The list types of the REU, in the order an export lists them.
const (
	listMain     = "Liste principale"
	listMunicip  = "Liste complémentaire municipale"
	listEuropean = "Liste complémentaire européenne"
)

var listOrder = map[string]int{listMain: 0, listMunicip: 1, listEuropean: 2}

// person is one invented voter.
type person struct {
	birthName, usageName, given, sex string
	year                             int
	eu                               *euNation
}

// row is one line of the electoral list, every field as the export writes it.
type row struct {
	listType                              string
	p                                     person
	birthDate                             string
	bp                                    birthplace
	nationality                           string
	number, street, comp1, comp2, lieuDit string
	town, country                         string
	station                               *station // nil: the row lost its polling station
	order                                 string
	sortName                              string
}

// people generates the voters of the town, household by household, and the rows of the list.
type people struct {
	rng  *rand.Rand
	rows []*row
}

// generateList makes the electoral list of the town: households at its addresses, a few in its
// hamlets, and the real-world quirks of REU exports (see the package documentation).
func generateList(rng *rand.Rand, t *town) []*row {
	g := &people{rng: rng}
	for _, a := range t.addresses {
		g.atAddress(a)
	}
	// Households in the hamlets: no number, no street, only the lieu-dit. They vote in the station
	// furthest from the centre.
	far := t.stations[len(t.stations)-1]
	for _, h := range hamlets {
		for range 1 + g.rng.IntN(2) {
			for _, p := range g.household(1 + g.rng.IntN(3)) {
				g.addRows(p, far, func(r *row) { r.lieuDit = h })
			}
		}
	}
	g.quirks()
	g.number()
	return g.rows
}

// atAddress puts the households of one address on the list: none (a shop, a second home), one
// house, or the flats of a building.
func (g *people) atAddress(a *address) {
	if g.rng.IntN(100) < 18 {
		return
	}
	number := reuNumberFor(g.rng, a)
	fill := func(r *row) {
		r.number = number
		r.street = reuStreet(g.rng, a.street)
	}
	building := false
	switch a.street.kind {
	case "Rue", "Avenue", "Boulevard", "Place", "Quai":
		p := 3
		if a.street.central {
			p = 12
		}
		building = g.rng.IntN(100) < p
	}
	if !building {
		adults := []int{1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4}[g.rng.IntN(20)]
		for _, p := range g.household(adults) {
			g.addRows(p, a.station, fill)
		}
		return
	}
	entrance := ""
	switch g.rng.IntN(4) {
	case 0:
		entrance = buildingNames[g.rng.IntN(len(buildingNames))]
	case 1:
		entrance = "BAT " + string(rune('A'+g.rng.IntN(3)))
	case 2:
		entrance = "ESC " + strconv.Itoa(1+g.rng.IntN(3))
	}
	flats := 4 + g.rng.IntN(8)
	for f := range flats {
		if g.rng.IntN(5) == 0 {
			continue // empty flat
		}
		flat := ""
		switch g.rng.IntN(10) {
		case 0, 1, 2, 3, 4:
			flat = fmt.Sprintf("APPT %d", 10*(1+f/4)+f%4+1)
		case 5:
			flat = fmt.Sprintf("ETG %d", f/4)
		}
		for _, p := range g.household(1 + g.rng.IntN(3)) {
			g.addRows(p, a.station, func(r *row) {
				fill(r)
				if g.rng.IntN(10) < 7 {
					r.comp1 = entrance
				}
				r.comp2 = flat
			})
		}
	}
}

// reuNumberFor writes an address's number; a few rows carry no number at all.
func reuNumberFor(rng *rand.Rand, a *address) string {
	if rng.IntN(300) == 0 {
		return ""
	}
	return reuNumber(rng, a.number, a.rep)
}

// household invents the adults of one household: a person alone, a couple, or a couple with
// grown-up children; now and then EU nationals, on the complementary lists.
func (g *people) household(adults int) []person {
	var eu *euNation
	if g.rng.IntN(100) < 3 {
		eu = &euNations[min(int(float64(len(euNations))*math.Pow(g.rng.Float64(), 1.8)), len(euNations)-1)]
	}
	surname := g.surname(eu)
	if adults == 1 {
		sex := [...]string{"F", "M"}[g.rng.IntN(2)]
		year := refYear - 20 - g.rng.IntN(75)
		return []person{g.person(surname, sex, year, eu)}
	}
	age := 24 + g.rng.IntN(60)
	if adults > 2 {
		age = 44 + g.rng.IntN(26)
	}
	year := refYear - age
	man := g.person(surname, "M", year, eu)
	wifeNation := eu
	if eu != nil && g.rng.IntN(3) == 0 {
		wifeNation = nil // a mixed couple: she is French
	}
	woman := g.person(g.surname(wifeNation), "F", year+g.rng.IntN(7)-2, wifeNation)
	if age > 28 && g.rng.IntN(100) < 40 {
		woman.usageName = surname // her married name
	}
	out := []person{man, woman}
	for range adults - 2 {
		child := refYear - 18 - g.rng.IntN(min(14, age-40))
		sex := [...]string{"F", "M"}[g.rng.IntN(2)]
		out = append(out, g.person(surname, sex, child, eu))
	}
	return out
}

// surname draws a surname, the common ones more often.
func (g *people) surname(eu *euNation) string {
	if eu != nil {
		return eu.surnames[g.rng.IntN(len(eu.surnames))]
	}
	return surnames[int(float64(len(surnames))*math.Pow(g.rng.Float64(), 2.2))]
}

// person invents one person: given names of their generation (or nationality), one to three.
func (g *people) person(surname, sex string, year int, eu *euNation) person {
	var pool []string
	switch {
	case eu != nil && sex == "M":
		pool = eu.men
	case eu != nil:
		pool = eu.women
	default:
		gen := 2
		if year < 1960 {
			gen = 0
		} else if year < 1985 {
			gen = 1
		}
		pool = givenNames[sex][gen]
	}
	names := []string{pool[g.rng.IntN(len(pool))]}
	for n := []int{1, 1, 1, 2, 2, 2, 2, 3, 3, 3}[g.rng.IntN(10)]; len(names) < n; {
		extra := givenNames[sex][g.rng.IntN(3)]
		if eu != nil {
			extra = pool
		}
		x := extra[g.rng.IntN(len(extra))]
		if !slices.Contains(names, x) {
			names = append(names, x)
		} else {
			n--
		}
	}
	return person{birthName: surname, given: strings.Join(names, " "), sex: sex, year: year, eu: eu}
}

// addRows writes a person's rows: the main list for French nationals; for EU nationals, the
// municipal and European complementary lists, mostly both.
func (g *people) addRows(p person, st *station, fill func(*row)) {
	base := row{p: p, station: st, birthDate: g.birthDate(p.year), nationality: "Française"}
	base.bp = g.birthplace(p)
	if p.eu != nil {
		base.nationality = p.eu.nationality
	}
	switch g.rng.IntN(20) {
	case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11:
		base.town = "Valbrune"
	case 19:
		base.town = "VAL BRUNE"
	default:
		base.town = "VALBRUNE"
	}
	switch g.rng.IntN(50) {
	case 0, 1, 2:
		base.country = "FRANCE"
	case 3:
		base.country = "France"
	}
	if p.usageName == "" && p.sex == "M" && g.rng.IntN(50) == 0 {
		base.p.usageName = p.birthName // some exports repeat the birth name
	}
	fill(&base)
	types := []string{listMain}
	if p.eu != nil {
		switch r := g.rng.IntN(10); {
		case r < 8:
			types = []string{listMunicip, listEuropean}
		case r < 9:
			types = []string{listMunicip}
		default:
			types = []string{listEuropean}
		}
	}
	for _, lt := range types {
		r := base
		r.listType = lt
		r.sortName = fold(p.birthName) + " " + fold(p.given)
		g.rows = append(g.rows, &r)
	}
}

// birthDate writes a date of birth in that year as dd/mm/yyyy; a few are partly unknown
// ("00/00/1961", "00/05/1961") or a year only, as in real exports.
func (g *people) birthDate(year int) string {
	month := 1 + g.rng.IntN(12)
	day := 1 + g.rng.IntN([...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1])
	switch r := g.rng.IntN(1000); {
	case r < 6:
		return fmt.Sprintf("00/00/%d", year)
	case r < 8:
		return strconv.Itoa(year)
	case r < 10:
		return fmt.Sprintf("00/%02d/%d", month, year)
	}
	return fmt.Sprintf("%02d/%02d/%d", day, month, year)
}

// birthplace draws where a person was born: mostly in the towns nearby, some elsewhere in France
// or abroad; EU nationals in their country.
func (g *people) birthplace(p person) birthplace {
	if p.eu != nil {
		return birthplace{"", p.eu.cities[g.rng.IntN(len(p.eu.cities))], "99", p.eu.country}
	}
	var b birthplace
	switch r := g.rng.IntN(100); {
	case r < 55:
		b = regionalBirthplaces[g.rng.IntN(len(regionalBirthplaces))]
	case r < 93:
		b = farBirthplaces[g.rng.IntN(len(farBirthplaces))]
	default:
		return abroadBirthplaces[g.rng.IntN(len(abroadBirthplaces))]
	}
	if g.rng.IntN(7) == 0 {
		b.country = "France" // the register's casing is not consistent
	}
	return b
}

// quirks adds the rare defects of real exports: rows that lost their polling station, one usage
// name that starts like a spreadsheet formula.
func (g *people) quirks() {
	var main, married []*row
	for _, r := range g.rows {
		if r.listType == listMain && r.street != "" {
			main = append(main, r)
			if r.p.usageName != "" && r.p.usageName != r.p.birthName {
				married = append(married, r)
			}
		}
	}
	for _, k := range g.rng.Perm(len(main))[:3] {
		main[k].station = nil
	}
	if len(married) > 0 {
		r := married[g.rng.IntN(len(married))]
		r.p.usageName = "=" + r.p.usageName
	}
}

// number sorts the rows as an export does (list, polling station, name) and gives each its order
// number in its station and list. Rows without a station come last, without a number; three
// numbers are given twice, as happens when a list is renumbered.
func (g *people) number() {
	sort.SliceStable(g.rows, func(a, b int) bool {
		x, y := g.rows[a], g.rows[b]
		if listOrder[x.listType] != listOrder[y.listType] {
			return listOrder[x.listType] < listOrder[y.listType]
		}
		if (x.station == nil) != (y.station == nil) {
			return y.station == nil
		}
		if x.station != nil && x.station.code != y.station.code {
			return x.station.code < y.station.code
		}
		return x.sortName < y.sortName
	})
	var dupCandidates []int
	n := 0
	for k, r := range g.rows {
		if r.station == nil {
			continue
		}
		if k == 0 || g.rows[k-1].station != r.station || g.rows[k-1].listType != r.listType {
			n = 0
		} else if r.listType == listMain {
			dupCandidates = append(dupCandidates, k)
		}
		n++
		r.order = strconv.Itoa(n)
	}
	for _, k := range g.rng.Perm(len(dupCandidates))[:3] {
		g.rows[dupCandidates[k]].order = g.rows[dupCandidates[k]-1].order
	}
}
