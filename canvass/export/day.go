package export

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
)

// Day is the format of the day's print: one HTML document with every turf of a plan, a cover page
// listing the turfs, their volunteers and times, then each turf's street list on pages of its own.
const Day = "day"

// DayFileName is the day's print of a plan: "est-jour.html".
func DayFileName(plan string) string { return Slug(plan) + "-jour.html" }

// dayCSS starts each turf on a new page, and keeps the cover's rows whole.
const dayCSS = pageCSS + `
section.turf { break-before: page; page-break-before: always; }
table.cover td.n { text-align: right; }
table.cover td:nth-child(2) { width: 40mm; } table.cover td:nth-child(4) { width: 45mm; }
.cover-meta { margin: 2mm 0 4mm; }
`

type dayRow struct {
	ID                                         int
	Volunteer, Date, Start, Distance, Duration string
	Doors, Voters                              int
}

type dayDoc struct {
	Title, Generated string
	Rows             []dayRow
	Doors, Voters    int
	Duration         string
	Turfs            []htmlTurf
	CSS              template.CSS
}

var dayPrint = template.Must(template.Must(template.Must(noticeSection.Clone()).Parse(turfBody)).New("day").Parse(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>{{.CSS}}</style></head>
<body>
<section class="cover">
<h1>{{.Title}}</h1>
<div class="cover-meta">{{len .Rows}} secteurs · <b>{{.Doors}}</b> portes · <b>{{.Voters}}</b> électeurs · temps estimé en tout <b>{{.Duration}}</b></div>
<table class="cover">
<thead><tr><th>Secteur</th><th>Bénévole</th><th>Date</th><th>Départ</th><th>Portes</th><th>Électeurs</th><th>Parcours</th><th>Temps estimé</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td class="n">{{.ID}}</td><td>{{if .Volunteer}}{{.Volunteer}}{{else}}<span class="fill"></span>{{end}}</td><td>{{if .Date}}{{.Date}}{{else}}<span class="fill"></span>{{end}}</td><td>{{.Start}}</td><td class="n">{{.Doors}}</td><td class="n">{{.Voters}}</td><td class="n">{{.Distance}}</td><td class="n">{{.Duration}}</td></tr>
{{end}}</tbody>
</table>
<footer>Chaque secteur commence sur une nouvelle page, avec sa liste de rues et la notice d'information. Document sans donnée nominative, établi le {{.Generated}}.</footer>
</section>
{{range .Turfs}}<section class="turf">
{{template "turf" .}}</section>
{{end}}</body></html>
`))

// WriteDay writes the day's print of a plan's turfs: a cover page with every turf, its volunteer,
// date, first street, doors and times, then each turf's street list (as WriteHTML prints it, notice
// included) starting on a new page, so that one print gives every volunteer their pages.
func WriteDay(w io.Writer, plan string, turfs []Turf, n Notice) error {
	doc := dayDoc{Title: fmt.Sprintf("%s — listes de la journée", plan), CSS: template.CSS(dayCSS)}
	minutes := 0.0
	for _, t := range turfs {
		row := dayRow{ID: t.ID, Volunteer: t.Volunteer, Date: DateFR(t.Date), Doors: t.Doors, Voters: t.Voters,
			Distance: distance(t.Metres), Duration: duration(t.Minutes)}
		if len(t.Stops) > 0 {
			row.Start = t.Stops[0].Street
		}
		doc.Rows = append(doc.Rows, row)
		doc.Doors += t.Doors
		doc.Voters += t.Voters
		minutes += t.Minutes
		doc.Turfs = append(doc.Turfs, htmlOf(t, n))
		doc.Generated = DateFR(t.Generated)
	}
	doc.Duration = duration(minutes)
	var b bytes.Buffer
	if err := dayPrint.Execute(&b, doc); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
