package export

import (
	"bytes"
	"html/template"
	"io"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass/walk"
)

// pageCSS is shared by the street list and the personal list: A4 with 12 mm margins, rows never
// split across pages, table headers repeated on each page. No font, image or script is fetched:
// the file prints the same with no network.
const pageCSS = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #000; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
.meta { display: flex; flex-wrap: wrap; gap: 1mm 8mm; margin-bottom: 2mm; }
.fill { display: inline-block; min-width: 45mm; border-bottom: 1px solid #000; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #666; padding: 1mm 1.2mm; vertical-align: top; text-align: left; }
th { background: #e8e8e8; font-size: 8.5pt; }
td.n { text-align: right; white-space: nowrap; }
td.nums { font-size: 8pt; }
td.out { width: 28mm; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 1.2px solid #000; }
td.nk, p.nk, s.nk { color: #b00000; font-weight: bold; }
tr.nk td { background: #fde8e8; }
col.tick { width: 9mm; } col.ord { width: 8mm; } col.street { width: 40mm; } col.side { width: 17mm; }
col.count { width: 13mm; } col.nk { width: 17mm; } col.out { width: 28mm; }
.nklist { border: 2px solid #b00000; background: #fde8e8; padding: 1.5mm 3mm; margin-top: 3mm; break-inside: avoid; page-break-inside: avoid; }
.nklist h2 { margin-top: 0; color: #b00000; }
.map { margin: 0; break-inside: avoid; page-break-inside: avoid; }
.map svg { display: block; width: 100%; height: auto; max-height: 150mm; border: 1px solid #888; }
.map figcaption { font-size: 8pt; color: #333; }
footer { font-size: 7.5pt; color: #444; margin-top: 3mm; }
@media screen { body { max-width: 186mm; margin: 8mm auto; } }
` + noticeCSS

// htmlStop is a stop as the street list prints it.
type htmlStop struct {
	Order          int
	Street, Side   string
	Stretch        string // "de la rue X à la rue Y", on a street network
	Range, Blocked string // Blocked: numbers where no one may knock
	Numbers        []walk.Door
	Doors, Voters  int
}

type htmlTurf struct {
	Title, Volunteer, Date, Generated string
	Doors, Voters, StopCount          int
	Distance, Duration                string
	Map                               template.HTML
	Stops                             []htmlStop
	NoKnock                           []string // addresses: "12 Rue des Lilas"
	Notice                            Notice
	CSS                               template.CSS
}

// turfBody is a turf's street list, from its title to its notice: the page of a turf's own file,
// and one section of the day's document.
const turfBody = `{{define "turf"}}<h1>{{.Title}}</h1>
<div class="meta">
<div>Bénévole : {{if .Volunteer}}<b>{{.Volunteer}}</b>{{else}}<span class="fill"></span>{{end}}</div>
<div>Date : {{if .Date}}<b>{{.Date}}</b>{{else}}<span class="fill"></span>{{end}}</div>
</div>
<div class="meta">
<div><b>{{.Doors}}</b> portes</div><div><b>{{.Voters}}</b> électeurs</div><div><b>{{.StopCount}}</b> tronçons</div>
<div>parcours <b>{{.Distance}}</b></div><div>temps estimé <b>{{.Duration}}</b></div>
</div>
<figure class="map">{{.Map}}
<figcaption>Trajet dans l'ordre de passage ; les numéros renvoient à la liste ; croix rouge : ne pas frapper.</figcaption></figure>
<h2>Rues dans l'ordre de passage</h2>
<table>
<colgroup><col class="tick"><col class="ord"><col class="street"><col class="side"><col><col class="count"><col class="count"><col class="nk"><col class="out"></colgroup>
<thead><tr><th>Fait</th><th>N°</th><th>Rue</th><th>Côté</th><th>Numéros</th><th>Portes</th><th>Électeurs</th><th>Ne pas frapper</th><th>Résultat</th></tr></thead>
<tbody>
{{range .Stops}}<tr{{if .Blocked}} class="nk"{{end}}><td><span class="box"></span></td><td class="n">{{.Order}}</td><td>{{.Street}}{{if .Stretch}}<br><small>{{.Stretch}}</small>{{end}}</td><td>{{.Side}}</td><td class="nums"><b>{{.Range}}</b><br>{{range $i, $d := .Numbers}}{{if $i}}, {{end}}{{if $d.DoNotKnock}}<s class="nk">{{$d.Number}}</s>{{else}}{{$d.Number}}{{end}}{{end}}</td><td class="n">{{.Doors}}</td><td class="n">{{.Voters}}</td><td class="nk">{{.Blocked}}</td><td class="out"></td></tr>
{{end}}</tbody>
</table>
{{if .NoKnock}}<div class="nklist"><h2>Ne pas frapper à ces adresses</h2>
<p>Quelqu'un y a demandé à ne plus être sollicité : passez sans frapper.</p>
<p class="nk">{{range $i, $a := .NoKnock}}{{if $i}} · {{end}}{{$a}}{{end}}</p></div>
{{end}}{{template "notice" .Notice}}<footer>Liste de rues sans donnée nominative, établie le {{.Generated}}. Le bénévole remet la notice d'information aux personnes rencontrées.</footer>
{{end}}`

var streetList = template.Must(template.Must(template.Must(noticeSection.Clone()).Parse(turfBody)).New("street-list").Parse(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>{{.CSS}}</style></head>
<body>
{{template "turf" .}}</body></html>
`))

// WriteHTML writes turf t as one printable, self-contained HTML page set: the turf's name,
// volunteer and date, totals and estimated time, an SVG map of the route with numbered stops and a
// scale bar, the ordered street list with boxes to tick, the addresses where no one may knock, and
// the information notice.
func WriteHTML(w io.Writer, t Turf, n Notice) error {
	var b bytes.Buffer
	if err := streetList.Execute(&b, htmlOf(t, n)); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// htmlOf is turf t as the street list prints it.
func htmlOf(t Turf, n Notice) htmlTurf {
	svg, _ := turfMap(t, false)
	v := htmlTurf{Title: t.title(), Volunteer: t.Volunteer, Date: DateFR(t.Date), Generated: DateFR(t.Generated),
		Doors: t.Doors, Voters: t.Voters, StopCount: len(t.Stops), Distance: t.walked(), Duration: duration(t.Minutes),
		Map: template.HTML(svg), Notice: n, CSS: template.CSS(pageCSS)}
	for i, s := range t.Stops {
		nk := noKnock(s)
		v.Stops = append(v.Stops, htmlStop{Order: i + 1, Street: s.Street, Stretch: stretch(s), Side: sideFR(s.Side), Range: numberRange(s),
			Numbers: s.Numbers, Blocked: strings.Join(nk, ", "), Doors: len(s.Numbers), Voters: s.Voters})
		for _, num := range nk {
			v.NoKnock = append(v.NoKnock, num+" "+s.Street)
		}
	}
	return v
}
