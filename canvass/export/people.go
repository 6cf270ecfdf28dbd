package export

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// People is a personalized visit list as handed to volunteers: only people whose consent covers a
// door-to-door visit, which the domain has checked before calling these writers.
type People struct {
	Name      string // the list's name, as recorded in the audit trail
	Date      string // YYYY-MM-DD, the day of the visits
	Generated string // YYYY-MM-DD
	Visits    []Visitor
}

// Visitor is one person to visit: name and address only.
type Visitor struct {
	BirthName, GivenNames    string
	Number, Street, Postcode string
	Occasional               bool // one visit only, to propose regular contact
}

// occasionalNote tells the volunteer what an occasional contact's single visit is for.
const occasionalNote = "contact occasionnel : une seule visite, pour proposer un contact régulier"

// PeopleFileName is the file of a personalized list in a format: "relances-personnes.csv".
func PeopleFileName(name, format string) string {
	return fmt.Sprintf("%s-personnes.%s", Slug(name), format)
}

// PeopleFormats are the formats of personalized lists: a list of people has no route to map.
var PeopleFormats = []string{"csv", "html"}

// WritePeople writes a personalized list in format (one of PeopleFormats).
func WritePeople(w io.Writer, format string, p People, n Notice) error {
	switch format {
	case "csv":
		return writePeopleCSV(w, p, n)
	case "html":
		return writePeopleHTML(w, p, n)
	}
	return fmt.Errorf("personal list format %q: expected one of %s", format, strings.Join(PeopleFormats, ", "))
}

func (v Visitor) address() string {
	a := strings.Join(strings.Fields(v.Number+" "+v.Street), " ")
	if pc := strings.TrimSpace(v.Postcode); pc != "" {
		a += ", " + pc
	}
	return a
}

func (v Visitor) note() string {
	if v.Occasional {
		return occasionalNote
	}
	return ""
}

// writePeopleCSV writes the list like a street list: header, one row per person, a blank row, the
// notice.
func writePeopleCSV(w io.Writer, p People, n Notice) error {
	rows := [][]string{{"Ordre", "Nom", "Prénoms", "Numéro", "Rue", "Code postal", "Remarque", "Résultat"}}
	for i, v := range p.Visits {
		rows = append(rows, []string{strconv.Itoa(i + 1), v.BirthName, v.GivenNames, v.Number, v.Street, v.Postcode, v.note(), ""})
	}
	rows = append(rows, nil)
	for _, line := range n.lines() {
		rows = append(rows, []string{line})
	}
	return WriteTable(w, rows)
}

type htmlVisitor struct {
	Order                   int
	Name, GivenNames, Where string
	Note                    string
}

var peopleList = template.Must(template.Must(noticeSection.Clone()).New("people").Parse(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{{.Name}}</title>
<style>{{.CSS}}</style></head>
<body>
<h1>{{.Name}} — visites nominatives</h1>
<div class="meta"><div>Date des visites : <b>{{.Date}}</b></div><div>Bénévole : <span class="fill"></span></div><div><b>{{len .Visits}}</b> personnes</div></div>
<p>Ces personnes ont consenti à une visite à domicile. Ne rendez visite à personne d'autre à partir de cette liste ; détruisez-la après la tournée.</p>
<table>
<thead><tr><th>Fait</th><th>N°</th><th>Nom</th><th>Prénoms</th><th>Adresse</th><th>Remarque</th><th>Résultat</th></tr></thead>
<tbody>
{{range .Visits}}<tr><td><span class="box"></span></td><td class="n">{{.Order}}</td><td>{{.Name}}</td><td>{{.GivenNames}}</td><td>{{.Where}}</td><td class="nums">{{.Note}}</td><td class="out"></td></tr>
{{end}}</tbody>
</table>
{{template "notice" .Notice}}<footer>Liste nominative établie le {{.Generated}} : données personnelles, à ne pas laisser chez un électeur.</footer>
</body></html>
`))

func writePeopleHTML(w io.Writer, p People, n Notice) error {
	v := struct {
		Name, Date, Generated string
		Visits                []htmlVisitor
		Notice                Notice
		CSS                   template.CSS
	}{Name: p.Name, Date: DateFR(p.Date), Generated: DateFR(p.Generated), Notice: n, CSS: template.CSS(pageCSS)}
	for i, x := range p.Visits {
		v.Visits = append(v.Visits, htmlVisitor{Order: i + 1, Name: x.BirthName, GivenNames: x.GivenNames, Where: x.address(), Note: x.note()})
	}
	var b bytes.Buffer
	if err := peopleList.Execute(&b, v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
