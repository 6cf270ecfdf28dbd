package export

import (
	"bytes"
	"html/template"
	"strings"
)

// Notice is the information notice (DOMAIN.md rule 6): a title and its parts in order (controller,
// source, legal basis, purpose, retention, rights, complaint). The domain writes the words; this
// package lays them out on every street list and as a leaflet.
type Notice struct {
	Lang  string // "fr" or "en"
	Title string
	Parts []NoticePart
}

// NoticePart is one heading of the notice and what it says.
type NoticePart struct {
	Heading string
	Body    string
}

// Text renders the notice as plain text, one paragraph per part, to print or paste.
func (n Notice) Text() string {
	var b strings.Builder
	b.WriteString(n.Title + "\n\n")
	for _, p := range n.Parts {
		b.WriteString(p.Heading + " : " + p.Body + "\n")
	}
	return b.String()
}

// lines renders the notice as short lines (title, then "Heading : body"), for formats that hold
// text in rows or one-line fields.
func (n Notice) lines() []string {
	out := []string{n.Title}
	for _, p := range n.Parts {
		out = append(out, p.Heading+" : "+p.Body)
	}
	return out
}

// noticeCSS lays the notice out in small print, kept on one page when printed.
const noticeCSS = `
.notice { font-size: 8.5pt; line-height: 1.3; border: 1px solid #555; padding: 2mm 3mm; margin-top: 5mm; break-inside: avoid; page-break-inside: avoid; }
.notice h2 { font-size: 10pt; margin: 0 0 1.5mm; }
.notice p { margin: 0 0 1mm; }
`

var noticeSection = template.Must(template.New("notice").Parse(
	`<section class="notice" lang="{{.Lang}}"><h2>{{.Title}}</h2>
{{range .Parts}}<p><b>{{.Heading}}</b> : {{.Body}}</p>
{{end}}</section>
`))

var leaflet = template.Must(template.Must(noticeSection.Clone()).New("leaflet").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@page { size: A4; margin: 12mm; }
body { font-family: sans-serif; margin: 0 auto; max-width: 180mm; }
` + noticeCSS + `.notice { font-size: 11pt; border: none; }
.notice h2 { font-size: 14pt; }
</style></head>
<body>
{{template "notice" .}}</body></html>
`))

// HTML renders the notice as a self-contained HTML page, to print as a leaflet.
func (n Notice) HTML() string {
	var b bytes.Buffer
	if err := leaflet.Execute(&b, n); err != nil {
		panic(err) // the template is fixed and takes only strings: an error here is a bug
	}
	return b.String()
}
