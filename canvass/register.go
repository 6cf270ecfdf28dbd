package canvass

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	texttemplate "text/template"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/safetext"
)

// Register is the campaign's register of processing activities (DOMAIN.md rule 7), in French as
// the CNIL reads it. It is built from what the file holds: an activity appears once its data was
// loaded (or, after a purge, once the audit trail shows it was), with the categories of data
// actually filled, the volunteers actually assigned and the files actually imported.
type Register struct {
	Campaign   Settings   `json:"campaign"`
	AsOf       string     `json:"as_of"`      // YYYY-MM-DD
	EndReason  string     `json:"end_reason"` // why the data is kept until the end date, and no longer
	Changes    []string   `json:"changes"`    // changes of controller, contact or end date, oldest first
	Activities []Activity `json:"activities"`
	Sources    []Source   `json:"sources"`
}

// Activity is one processing activity of the register.
type Activity struct {
	Name       string   `json:"name"`
	Purpose    string   `json:"purpose"`
	LegalBasis string   `json:"legal_basis"`
	Data       []string `json:"data"`
	People     []string `json:"people"`
	Recipients []string `json:"recipients"`
	Retention  string   `json:"retention"`
	Sources    []string `json:"sources"`
}

// Source is a file imported into the campaign, as the audit trail recorded it.
type Source struct {
	File     string `json:"file"`
	Kind     string `json:"kind"` // in words
	On       string `json:"on"`   // YYYY-MM-DD (Paris)
	Imported int    `json:"imported"`
}

// sourceKinds name, in the register's words, what each import operation loads.
var sourceKinds = map[audit.Op]string{
	audit.OpImportList:       "liste électorale",
	audit.OpImportAddresses:  "adresses (Base Adresse Nationale, publique)",
	audit.OpImportAreas:      "contours de zones (publics)",
	audit.OpImportResults:    "résultats électoraux par bureau de vote (publics)",
	audit.OpImportConsents:   "contacts et consentements",
	audit.OpImportOpposition: "oppositions",
	audit.OpImportStreets:    "réseau des rues (public)",
}

// fieldWords name, in the register's words, the campaign settings `canvass campaign set` changes.
var fieldWords = map[string]string{"controller": "responsable de traitement", "contact": "exercice des droits",
	"end": "fin de la campagne"}

// tally counts the entries of one kind of act in the audit trail and what they covered.
type tally struct{ entries, files, people int }

// registerFacts is what the register is written from.
type registerFacts struct {
	settings   Settings
	list       data.ListFields
	consents   []Consent
	opposition []Opposition
	plans      []Plan
	purgedOn   string            // date of the last purge, "" if none
	imported   map[audit.Op]bool // import operations seen in the audit trail
	sources    []Source
	changes    []string // campaign settings changed, in words
	// From the audit trail: street lists and personal lists exported, personal lists produced.
	streetExports, personalExports, personalProduced tally
}

// Register builds the register of processing activities from the campaign file.
func (c *Campaign) Register(ctx context.Context) (Register, error) {
	ctx, err := c.allowAny(ctx, policy.ReadRegister)
	if err != nil {
		return Register{}, err
	}
	var f registerFacts
	if f.settings, err = c.store.Settings(ctx); err != nil {
		return Register{}, err
	}
	if f.list, err = c.store.ListFields(ctx); err != nil {
		return Register{}, err
	}
	if f.consents, err = c.store.Consents(ctx); err != nil {
		return Register{}, err
	}
	if f.opposition, err = c.store.Oppositions(ctx); err != nil {
		return Register{}, err
	}
	summaries, err := c.store.Plans(ctx) // all of them, whoever reads the register
	if err != nil {
		return Register{}, err
	}
	for i := len(summaries) - 1; i >= 0; i-- { // oldest first
		p, err := c.plan(ctx, summaries[i].Name)
		if err != nil {
			return Register{}, err
		}
		f.plans = append(f.plans, p)
	}
	if err := f.readAudit(ctx, c.store); err != nil {
		return Register{}, err
	}
	r := Register{Campaign: f.settings, AsOf: c.Today(), EndReason: f.endReason(), Changes: f.changes, Sources: f.sources}
	for _, a := range []func() (Activity, bool){f.canvassing, f.contacts, f.personalLists, f.objections} {
		if act, ok := a(); ok {
			r.Activities = append(r.Activities, act)
		}
	}
	return r, nil
}

// readAudit gathers from the audit trail, read back typed, what the register reports of past acts.
func (f *registerFacts) readAudit(ctx context.Context, store *data.Store) error {
	trail, err := store.Audit(ctx)
	if err != nil {
		return err
	}
	f.imported = map[audit.Op]bool{}
	for _, e := range trail {
		p, err := e.Typed()
		if err != nil {
			return err
		}
		day := data.Today(e.At)
		switch p := p.(type) {
		case audit.Import:
			f.imported[p.Kind] = true
			f.sources = append(f.sources, Source{File: p.File, Kind: sourceKinds[p.Kind], On: day, Imported: p.Imported})
		case audit.Purge:
			f.purgedOn = day
		case audit.Export:
			f.streetExports.entries++
			f.streetExports.files += p.Files
		case audit.ExportPersonal:
			f.personalExports.entries++
			f.personalExports.files += p.Files
		case audit.PlanPersonal:
			f.personalProduced.entries++
			f.personalProduced.people += p.Eligible
		case audit.CampaignSet:
			for _, ch := range p.Changes {
				if ch.Field == "lang" {
					continue // the language of the interface is no part of the processing
				}
				f.changes = append(f.changes, fmt.Sprintf("le %s, %s : « %s » remplacé par « %s »", day,
					fieldWords[ch.Field], ch.Old, ch.New))
			}
		}
	}
	return nil
}

// endReason says why the campaign's data is kept until its end date and no longer.
func (f *registerFacts) endReason() string {
	dates := f.settings.ElectionDates
	return fmt.Sprintf("les données de la campagne sont supprimées après cette date ; elle ne peut être fixée plus d'un an "+
		"après le dernier tour (%s, soit au plus tard le %s), car la liste électorale n'est communiquée que pour "+
		"la campagne électorale", slices.Max(dates), policy.LatestEnd(dates))
}

// electionWords name each election type in a sentence.
var electionWords = map[string]string{
	"municipales": "les élections municipales", "legislatives": "les élections législatives",
	"europeennes": "les élections européennes", "presidentielle": "l'élection présidentielle",
	"regionales": "les élections régionales", "departementales": "les élections départementales",
	"senatoriales": "les élections sénatoriales", "referendum": "le référendum",
}

// election names the election in words.
func (f *registerFacts) election() string {
	name, ok := electionWords[f.settings.ElectionType]
	if !ok {
		name = "l'élection " + f.settings.ElectionType
	}
	return name + " du " + strings.Join(f.settings.ElectionDates, " et du ")
}

// team is the recipient every activity has.
func (f *registerFacts) team() string {
	return "l'équipe de campagne du responsable de traitement : " + f.settings.Controller
}

// retention is the campaign's retention, or when its data was purged.
func (f *registerFacts) retention() string {
	s := fmt.Sprintf("jusqu'à la fin de la campagne, le %s ; les données sont ensuite supprimées (canvass purge)", f.settings.EndDate)
	if f.purgedOn != "" {
		s += fmt.Sprintf(" ; purge effectuée le %s", f.purgedOn)
	}
	return s
}

// filesOf lists the files imported by the given operations.
func (f *registerFacts) filesOf(ops ...audit.Op) []string {
	var out []string
	for _, s := range f.sources {
		for _, op := range ops {
			if sourceKinds[op] == s.Kind {
				out = append(out, fmt.Sprintf("%s : fichier %s importé le %s", s.Kind, s.File, s.On))
			}
		}
	}
	return out
}

// volunteers lists who walks which turfs, from the plans' assignments.
func (f *registerFacts) volunteers() []string {
	turfs := map[string][]string{} // volunteer -> "plan X : secteurs 1, 2"
	var names []string
	for _, p := range f.plans {
		byName := map[string][]string{}
		for _, t := range p.Turfs {
			if v := strings.TrimSpace(t.Volunteer); v != "" {
				if _, seen := turfs[v]; !seen {
					names = append(names, v)
					turfs[v] = nil
				}
				byName[v] = append(byName[v], strconv.Itoa(t.ID))
			}
		}
		for v, seqs := range byName {
			turfs[v] = append(turfs[v], fmt.Sprintf("plan « %s » : secteur%s %s", p.Name, plural(len(seqs)), strings.Join(seqs, ", ")))
		}
	}
	collate.New(language.French).SortStrings(names) // Équipe among the E, not after Z
	var out []string
	for _, v := range names {
		out = append(out, fmt.Sprintf("%s (%s)", v, strings.Join(turfs[v], " ; ")))
	}
	return out
}

// count writes n with its noun, singular up to one as French has it.
func count(n int, one, many string) string {
	if n > 1 {
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d %s", n, one)
}

// channelWords name the consent channels in French.
var channelWords = map[string]string{"door-to-door": "porte-à-porte", "email": "courriel", "sms": "SMS",
	"phone": "téléphone", "post": "courrier"}

// channelName names a consent channel in French.
func channelName(ch string) string {
	if w, ok := channelWords[ch]; ok {
		return w
	}
	if net, ok := strings.CutPrefix(ch, "social network: "); ok {
		return "réseau social " + net
	}
	return ch
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// threshold states K, and why it is under the default when it is.
func (f *registerFacts) threshold() string {
	k, _ := policy.MinUnitVoters(f.settings.MinUnitVoters, f.settings.MinUnitReason)
	s := fmt.Sprintf("aucun indicateur d'une zone de moins de %d électeurs n'est affiché ni utilisé pour la choisir", k)
	if k < policy.DefaultMinUnitVoters {
		s += fmt.Sprintf(" (seuil abaissé sous %d électeurs : %s)", policy.DefaultMinUnitVoters, f.settings.MinUnitReason)
	}
	return s
}

// noOpinion is said of every activity: the tool has nowhere to record a political opinion.
const noOpinion = "aucune opinion politique n'est enregistrée"

// canvassing is the door-to-door activity on the electoral list.
func (f *registerFacts) canvassing() (Activity, bool) {
	if f.list.Voters == 0 && len(f.plans) == 0 && !f.imported[audit.OpImportList] {
		return Activity{}, false
	}
	l := f.list
	identity := []string{"nom de naissance", "prénoms"}
	for _, x := range []struct {
		n    int
		name string
	}{{l.UsageName, "nom d'usage"}, {l.Sex, "sexe"}, {l.BirthDate, "date de naissance"},
		{l.BirthPlace, "lieu de naissance"}, {l.Nationality, "nationalité"}} {
		if x.n > 0 {
			identity = append(identity, x.name)
		}
	}
	a := Activity{
		Name: "Porte-à-porte ciblé à l'échelle de zones, à partir de la liste électorale",
		Purpose: "communication politique par porte-à-porte pour " + f.election() + " : choix des zones à visiter " +
			"(circonscription, quartier, bureau de vote, rue) d'après des indicateurs agrégés, découpage en secteurs " +
			"confiés aux bénévoles, suivi de la couverture ; aucune personne n'est désignée nommément ; " + f.threshold(),
		LegalBasis: "intérêt légitime du responsable de traitement (RGPD, art. 6-1-f) à communiquer avec les électeurs " +
			"au moyen de la liste électorale, dont la communication est prévue par le code électoral (art. L. 37) " +
			"à des fins électorales seulement",
		Data: []string{"identité : " + strings.Join(identity, ", "), "adresse postale"},
	}
	if l.Station > 0 {
		a.Data = append(a.Data, "bureau de vote et numéro d'ordre")
	}
	if l.Located > 0 {
		a.Data = append(a.Data, "rattachement de l'adresse à un point de la Base Adresse Nationale ("+count(l.Located, "électeur", "électeurs")+")")
	}
	if len(f.plans) > 0 {
		a.Data = append(a.Data, fmt.Sprintf("plans de visite (%d) : secteurs, rues et nombres de portes et d'électeurs par rue, "+
			"sans nom de personne ; comptes rendus de porte-à-porte par rue", len(f.plans)))
	}
	a.Data = append(a.Data, noOpinion)
	a.People = []string{"électeurs inscrits sur la liste électorale importée : " + count(l.Voters, "personne", "personnes")}
	a.Recipients = []string{f.team()}
	if v := f.volunteers(); len(v) > 0 {
		a.Recipients = append(a.Recipients, "les bénévoles, pour les listes de rues de leurs secteurs (sans nom d'électeur) : "+strings.Join(v, ", "))
	} else {
		a.Recipients = append(a.Recipients, "les bénévoles, pour les listes de rues de leurs secteurs (aucun secteur attribué à ce jour)")
	}
	if n, files := f.streetExports.entries, f.streetExports.files; n > 0 {
		a.Recipients = append(a.Recipients, fmt.Sprintf("listes de rues exportées pour les bénévoles : %s, %s (opération %s du journal)",
			count(n, "export", "exports"), count(files, "fichier", "fichiers"), audit.OpExport))
	}
	a.Retention = f.retention()
	a.Sources = f.filesOf(audit.OpImportList)
	if f.imported[audit.OpImportAddresses] || f.imported[audit.OpImportAreas] || f.imported[audit.OpImportResults] {
		a.Sources = append(a.Sources, "données publiques servant au choix des zones (adresses, contours, résultats) : "+
			"voir « Fichiers importés »")
	}
	return a, true
}

// contacts is the activity on contacts and their consents.
func (f *registerFacts) contacts() (Activity, bool) {
	if len(f.consents) == 0 && !f.imported[audit.OpImportConsents] {
		return Activity{}, false
	}
	people := map[string]map[string]bool{"regular": {}, "occasional": {}}
	channels, origins := map[string]bool{}, map[string]bool{}
	for _, c := range f.consents {
		if people[c.Kind] != nil {
			people[c.Kind][policy.PersonKey(c.Contact)] = true
		}
		channels[channelName(c.Channel)] = true
		if c.Source != "" {
			origins[c.Source] = true
		}
	}
	a := Activity{
		Name: "Contacts et consentements",
		Purpose: "communication politique de " + f.settings.Controller + " avec les personnes qui y ont consenti, " +
			"par les seuls canaux consentis (" + strings.Join(sortedKeys(channels), ", ") + ") ; un contact occasionnel " +
			"n'est sollicité qu'une fois, pour lui proposer de devenir contact régulier",
		LegalBasis: "consentement de la personne (RGPD, art. 6-1-a, et art. 9-2-a pour ce qui révélerait une opinion politique), " +
			"retirable à tout moment",
		Data: []string{"identité : nom de naissance, prénoms, date de naissance", "adresse postale, lorsqu'elle a été donnée",
			"consentements : canal, finalité, responsable, date, source, preuve, retrait, échéance, usage unique d'un contact occasionnel",
			"type de contact (régulier ou occasionnel)", noOpinion},
		People: []string{fmt.Sprintf("contacts : %s, %s (%s)", count(len(people["regular"]), "régulier", "réguliers"),
			count(len(people["occasional"]), "occasionnel", "occasionnels"),
			count(len(f.consents), "consentement enregistré", "consentements enregistrés"))},
		Recipients: []string{f.team()},
		Retention:  f.retention() + " ; un consentement retiré n'est plus utilisé et reste enregistré comme preuve du retrait",
		Sources:    f.filesOf(audit.OpImportConsents),
	}
	for _, o := range sortedKeys(origins) {
		a.Sources = append(a.Sources, "origine déclarée des consentements : "+o)
	}
	return a, true
}

// personalLists is the activity of personalized visit lists, known from the audit trail: the
// lists themselves are not stored.
func (f *registerFacts) personalLists() (Activity, bool) {
	lists, visits := f.personalProduced.entries, f.personalProduced.people
	if lists == 0 {
		return Activity{}, false
	}
	recipients := []string{f.team(), "les bénévoles chargés des visites, à qui les listes sont remises"}
	if n, files := f.personalExports.entries, f.personalExports.files; n > 0 {
		recipients = append(recipients, fmt.Sprintf("listes nominatives exportées : %s, %s (opération %s du journal)",
			count(n, "export", "exports"), count(files, "fichier", "fichiers"), audit.OpExportPersonal))
	}
	return Activity{
		Name: "Listes de visites nominatives",
		Purpose: "visites à domicile de personnes nommément désignées, limitées à celles dont le consentement couvre " +
			"le porte-à-porte pour " + f.election() + " ; toute autre personne est écartée",
		LegalBasis: "consentement de la personne au porte-à-porte (RGPD, art. 6-1-a)",
		Data: []string{"identité : nom de naissance, prénoms", "adresse postale, rapprochée de la liste électorale",
			"source du consentement", noOpinion},
		People:     []string{"contacts dont le consentement couvre la visite : " + count(visits, "visite", "visites") + " sur " + count(lists, "liste produite", "listes produites")},
		Recipients: recipients,
		Retention: "les listes ne sont pas conservées dans le fichier de campagne ; les exemplaires remis aux bénévoles " +
			"sont à détruire au plus tard à la fin de la campagne, le " + f.settings.EndDate,
		Sources: append(f.filesOf(audit.OpImportList, audit.OpImportConsents),
			fmt.Sprintf("journal des opérations : listes produites (opération %s)", audit.OpPlanPersonal)),
	}, true
}

// objections is the opposition list, kept beyond the campaign (rule 4).
func (f *registerFacts) objections() (Activity, bool) {
	if len(f.opposition) == 0 && !f.imported[audit.OpImportOpposition] {
		return Activity{}, false
	}
	persons, doors := 0, 0
	for _, o := range f.opposition {
		if o.Scope == data.ScopeAddress {
			doors++
		} else {
			persons++
		}
	}
	return Activity{
		Name: "Liste d'opposition",
		Purpose: "respecter les oppositions : ne plus jamais solliciter les personnes qui s'y sont opposées, ni frapper " +
			"aux portes signalées « ne pas frapper », dans cette campagne comme dans les suivantes",
		LegalBasis: "obligation légale de respecter le droit d'opposition (RGPD, art. 6-1-c et art. 21)",
		Data: []string{"identité (nom de naissance, prénoms, date de naissance) pour une opposition de personne",
			"adresse pour une porte à ne pas frapper", "motif et date de l'opposition", noOpinion},
		People: []string{"personnes qui se sont opposées : " + count(persons, "opposition de personne", "oppositions de personnes") + ", " +
			count(doors, "adresse « ne pas frapper »", "adresses « ne pas frapper »")},
		Recipients: []string{f.team(), "les bénévoles, pour les seules adresses à ne pas frapper de leurs secteurs"},
		Retention: "au-delà de la campagne : la liste survit à la purge et est reportée dans les campagnes suivantes " +
			"(canvass opposition export, puis canvass import opposition)",
		Sources: f.filesOf(audit.OpImportOpposition),
	}, true
}

// WriteMarkdown writes the register as Markdown, without the control characters imported or typed
// names may hold (Markdown is read on terminals too).
func (r Register) WriteMarkdown(w io.Writer) error {
	return registerMarkdown.Execute(safetext.NewWriter(w), r)
}

// WriteHTML writes the register as one self-contained HTML page.
func (r Register) WriteHTML(w io.Writer) error {
	return registerHTML.Execute(w, r)
}

// Field is one heading of an activity with its items, as both templates lay it out.
type Field struct {
	Label string
	Items []string
}

// Fields are an activity's lines in the register's order.
func (a Activity) Fields() []Field {
	one := func(s string) []string { return []string{s} }
	fields := []Field{{"Finalité", one(a.Purpose)}, {"Base légale", one(a.LegalBasis)},
		{"Catégories de données", a.Data}, {"Catégories de personnes", a.People},
		{"Destinataires", a.Recipients}, {"Durée de conservation", one(a.Retention)}, {"Sources", a.Sources}}
	if len(a.Sources) == 0 {
		fields[len(fields)-1].Items = one("aucun fichier importé (saisie dans l'outil)")
	}
	return fields
}

// funcs serve both templates; cell keeps a table cell of the Markdown on one cell.
var funcs = map[string]any{"join": strings.Join, "inc": func(i int) int { return i + 1 },
	"cell": strings.NewReplacer("|", `\|`, "\n", " ").Replace}

var registerMarkdown = texttemplate.Must(texttemplate.New("register").Funcs(funcs).Parse(`# Registre des activités de traitement

- **Campagne** : {{.Campaign.Name}} ({{.Campaign.ElectionType}}, {{join .Campaign.ElectionDates ", "}})
- **Responsable de traitement** : {{.Campaign.Controller}}
- **Exercice des droits** : {{.Campaign.Contact}} ; droit d'introduire une réclamation auprès de la CNIL (www.cnil.fr)
- **Fin de la campagne** : {{.Campaign.EndDate}} ({{.EndReason}})
{{- range .Changes}}
- **Modification** : {{.}}{{end}}
- **Établi le** : {{.AsOf}}, d'après le contenu du fichier de campagne
{{range $i, $a := .Activities}}
## {{inc $i}}. {{$a.Name}}
{{range $a.Fields}}
**{{.Label}}**
{{range .Items}}
- {{.}}{{end}}
{{end}}{{else}}
Aucune activité de traitement : le fichier ne contient encore aucune donnée personnelle.
{{end}}
## Fichiers importés
{{if .Sources}}
| Fichier | Nature | Importé le | Lignes importées |
| --- | --- | --- | ---: |
{{range .Sources}}| {{cell .File}} | {{.Kind}} | {{.On}} | {{.Imported}} |
{{end}}{{else}}
Aucun fichier importé.
{{end}}`))

var registerHTML = template.Must(template.New("register").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Registre des activités de traitement — {{.Campaign.Name}}</title>
<style>
body { font-family: sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.4; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; border-bottom: 1px solid #999; }
dt { font-weight: bold; margin-top: .5em; } dd { margin-left: 1em; } dd ul { margin: 0; padding-left: 1.2em; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: .2em .5em; text-align: left; }
td.n { text-align: right; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<h1>Registre des activités de traitement</h1>
<dl>
<dt>Campagne</dt><dd>{{.Campaign.Name}} ({{.Campaign.ElectionType}}, {{join .Campaign.ElectionDates ", "}})</dd>
<dt>Responsable de traitement</dt><dd>{{.Campaign.Controller}}</dd>
<dt>Exercice des droits</dt><dd>{{.Campaign.Contact}} ; droit d'introduire une réclamation auprès de la CNIL (www.cnil.fr)</dd>
<dt>Fin de la campagne</dt><dd>{{.Campaign.EndDate}} ({{.EndReason}})</dd>
{{range .Changes}}<dt>Modification</dt><dd>{{.}}</dd>
{{end}}<dt>Établi le</dt><dd>{{.AsOf}}, d'après le contenu du fichier de campagne</dd>
</dl>
{{range $i, $a := .Activities}}
<h2>{{inc $i}}. {{$a.Name}}</h2>
<dl>
{{range $a.Fields}}<dt>{{.Label}}</dt><dd><ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul></dd>
{{end}}</dl>
{{else}}
<p>Aucune activité de traitement : le fichier ne contient encore aucune donnée personnelle.</p>
{{end}}
<h2>Fichiers importés</h2>
{{if .Sources}}<table>
<tr><th>Fichier</th><th>Nature</th><th>Importé le</th><th>Lignes importées</th></tr>
{{range .Sources}}<tr><td>{{.File}}</td><td>{{.Kind}}</td><td>{{.On}}</td><td class="n">{{.Imported}}</td></tr>
{{end}}</table>{{else}}<p>Aucun fichier importé.</p>{{end}}
</body>
</html>
`))
