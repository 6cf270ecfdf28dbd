package export

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"

	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
)

// Field is the format of the field sheet: one HTML page per turf for a volunteer's phone, which
// works offline and hands back what happened at each door (package fieldresult).
const Field = "field"

var (
	//go:embed field/sheet.html
	fieldHTML string
	//go:embed field/sheet.css
	fieldCSS string
	//go:embed field/sheet.js
	fieldJS string
)

var fieldSheet = template.Must(template.Must(noticeSection.Clone()).New("field").Parse(fieldHTML))

type fieldDoor struct {
	Index      int // rank in the walk, from 1, do-not-knock doors included
	Number     string
	DoNotKnock bool
}

type fieldStop struct {
	Order               int
	Street, Side, Range string
	Stretch             string // "de la rue X à la rue Y", on a street network
	Doors               []fieldDoor
}

type fieldPage struct {
	Title, Plan        string
	Turf               int
	Date               string
	Knockable          int
	Distance, Duration string
	Map                template.HTML
	Stops              []fieldStop
	Outcomes           []fieldresult.Outcome
	Notes              []fieldresult.Note
	Notice             Notice
	CSS                template.CSS
	Data               template.JS
	Script             template.JS
}

// fieldData is what the sheet's script reads: who the results are for, the results file's name,
// and how to place a position on the map.
type fieldData struct {
	Campaign    string   `json:"c"`
	Fingerprint string   `json:"f"`
	Turf        int      `json:"t"`
	Plan        string   `json:"p"`
	File        string   `json:"file"`
	Frame       mapFrame `json:"frame"`
}

// ResultsFileName is the name of the results file a field sheet downloads: "est-turf-03-resultats.txt".
func ResultsFileName(plan string, id int) string {
	return fmt.Sprintf("%s-turf-%02d-resultats.txt", Slug(plan), id)
}

// WriteField writes turf t as a field sheet: one self-contained HTML page (inline CSS, script and
// SVG map, nothing fetched, a Content-Security-Policy that forbids fetching) for a phone, in
// French, with the walk in order, do-not-knock doors struck out and not selectable, the fixed door
// outcomes and place notes of package fieldresult, the notice n one tap away, and a Terminer view
// that writes the results as text and as a file. It names no one: streets, numbers and codes only.
func WriteField(w io.Writer, t Turf, n Notice) error {
	svg, frame := turfMap(t, true)
	data, err := json.Marshal(fieldData{Campaign: t.Campaign, Fingerprint: t.Fingerprint, Turf: t.ID, Plan: t.Plan,
		File: ResultsFileName(t.Plan, t.ID), Frame: frame})
	if err != nil {
		return err
	}
	v := fieldPage{Title: t.title(), Plan: t.Plan, Turf: t.ID, Date: DateFR(t.Date), Distance: t.walked(),
		Duration: duration(t.Minutes), Map: template.HTML(svg), Outcomes: fieldresult.Outcomes, Notes: fieldresult.Notes,
		Notice: n, CSS: template.CSS(noticeCSS + fieldCSS), Data: template.JS(data), Script: template.JS(fieldJS)}
	k := 0
	for i, s := range t.Stops {
		fs := fieldStop{Order: i + 1, Street: s.Street, Stretch: stretch(s), Side: sideFR(s.Side), Range: numberRange(s)}
		for _, d := range s.Numbers {
			k++
			fs.Doors = append(fs.Doors, fieldDoor{Index: k, Number: d.Number, DoNotKnock: d.DoNotKnock})
			if !d.DoNotKnock {
				v.Knockable++
			}
		}
		v.Stops = append(v.Stops, fs)
	}
	var b bytes.Buffer
	if err := fieldSheet.Execute(&b, v); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}
