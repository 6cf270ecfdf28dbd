package canvass

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/policy"
)

// Notice is the information notice every street list and leaflet carries (DOMAIN.md rule 6); its
// Text and HTML methods render it.
type Notice = export.Notice

// NoticeOptions say which processing the notice is for.
type NoticeOptions struct {
	// Personal: a personalized visit list, based on consent, instead of area-level canvassing
	// based on the electoral list and the controller's legitimate interest.
	Personal bool
	// Sources are where the consents came from (a form, an event, a named social network), for a
	// personal list.
	Sources []string
	// Lang is "fr" (the default) or "en".
	Lang string
}

// CNIL is where a voter may complain.
const CNIL = "www.cnil.fr, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07"

// phrases are the notice's words in one language; their notice method puts them together.
type phrases struct {
	lang, title string
	// Headings, in order: controller, source, legal basis, purpose, retention, rights, complaint.
	heads                  [7]string
	elections              map[string]string // by election type, with the article the sentence needs
	otherElection          string            // %s: an election type not in the map
	date                   func(string) string
	consentGiven           string // where a personal list's data came from
	consentFrom, sourceSep string // %s: the consents' sources, joined by sourceSep, after consentGiven
	sourcePersonal         string // %s: consentGiven and consentFrom
	sourceArea             string
	basisPersonal          string
	basisArea              string
	purpose                string // %s: the election, %s: its dates
	retention              string // %s: the end date
	rights, rightsWithdraw string
	exercise               string // %s: the contact
	complaint              string // %s: the CNIL's address
	dateSep                string // between election rounds
}

var french = phrases{
	lang: "fr", title: "Information sur vos données personnelles",
	heads: [7]string{"Responsable du traitement", "Origine des données", "Base légale", "Finalité", "Durée de conservation",
		"Vos droits", "Réclamation"},
	elections: map[string]string{"municipales": "des élections municipales", "legislatives": "des élections législatives",
		"europeennes": "des élections européennes", "presidentielle": "de l'élection présidentielle",
		"regionales": "des élections régionales", "departementales": "des élections départementales",
		"senatoriales": "des élections sénatoriales", "referendum": "du référendum"},
	otherElection: "de l'élection %s",
	date:          export.DateFR,
	consentGiven:  "du consentement que vous nous avez donné", consentFrom: " (%s)", sourceSep: " ; ",
	sourcePersonal: "vos nom et adresse proviennent %s, rapproché de la liste électorale communiquée à tout électeur qui " +
		"en fait la demande (article L37 du Code électoral).",
	sourceArea: "les rues et numéros visités sont établis à partir de la liste électorale, communiquée à tout électeur qui " +
		"en fait la demande (article L37 du Code électoral), et de la Base Adresse Nationale. Cette liste ne comporte " +
		"aucun nom : le porte-à-porte est organisé par rue et par quartier.",
	basisPersonal: "votre consentement (article 6.1.a du RGPD), que vous pouvez retirer à tout moment.",
	basisArea:     "l'intérêt légitime du responsable du traitement à faire campagne auprès des électeurs (article 6.1.f du RGPD).",
	purpose:       "communication politique par porte-à-porte en vue %s (%s).", dateSep: ", ",
	retention: "jusqu'à la fin de la campagne, le %s ; les données sont ensuite supprimées. Seule une demande de ne plus " +
		"être sollicité est conservée, pour être respectée.",
	rights:         "vous disposez d'un droit d'accès, de rectification, d'effacement et d'opposition",
	rightsWithdraw: ", et pouvez retirer votre consentement",
	exercise: ". Pour les exercer : %s. Pour ne plus être sollicité : répondez STOP, ou dites-le au bénévole qui frappe " +
		"à votre porte.",
	complaint: "vous pouvez adresser une réclamation à la CNIL : %s.",
}

var english = phrases{
	lang: "en", title: "How we use your personal data",
	heads: [7]string{"Controller", "Source", "Legal basis", "Purpose", "Retention", "Your rights", "Complaints"},
	elections: map[string]string{"municipales": "the municipal elections", "legislatives": "the legislative elections",
		"europeennes": "the European elections", "presidentielle": "the presidential election",
		"regionales": "the regional elections", "departementales": "the departmental elections",
		"senatoriales": "the senatorial elections", "referendum": "the referendum"},
	otherElection: "the %s election",
	date:          func(d string) string { return d },
	consentGiven:  "the consent you gave us", consentFrom: " (%s)", sourceSep: "; ",
	sourcePersonal: "your name and address come from %s, matched with the electoral list, which any voter may obtain " +
		"(article L37 of the Code électoral).",
	sourceArea: "the streets and numbers visited are drawn from the electoral list, which any voter may obtain (article " +
		"L37 of the Code électoral), and the Base Adresse Nationale. This list holds no names: canvassing is organized " +
		"by street and neighbourhood.",
	basisPersonal: "your consent (GDPR article 6.1.a), which you may withdraw at any time.",
	basisArea:     "the controller's legitimate interest in campaigning among voters (GDPR article 6.1.f).",
	purpose:       "door-to-door political communication for %s (%s).", dateSep: ", ",
	retention: "until the end of the campaign, %s; the data is then deleted. Only a request not to be contacted again " +
		"is kept, so that it is respected.",
	rights:         "you have the right of access, rectification, erasure and objection",
	rightsWithdraw: ", and may withdraw your consent",
	exercise:       ". To exercise them: %s. Not to be contacted again: reply STOP, or tell the volunteer at your door.",
	complaint:      "you may complain to the CNIL: %s.",
}

// Notice writes the information notice from the campaign's settings: (1) the controller, (2) where
// the data came from, (3) the legal basis, (4) the purpose and the election, (5) retention until
// the campaign's end date, (6) the voter's rights and how to exercise them, (7) the right to
// complain to the CNIL.
func (c *Campaign) Notice(ctx context.Context, opt NoticeOptions) (Notice, error) {
	ctx, err := c.allowAny(ctx, policy.ReadNotice)
	if err != nil {
		return Notice{}, err
	}
	var p phrases
	switch opt.Lang {
	case "", "fr":
		p = french
	case "en":
		p = english
	default:
		return Notice{}, Usage("usage.notice.lang", "Lang", opt.Lang)
	}
	s, err := c.store.Settings(ctx)
	if err != nil {
		return Notice{}, err
	}
	var sources []string
	for _, src := range opt.Sources {
		if src = strings.TrimSpace(src); src != "" && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
	}
	return p.notice(s, opt.Personal, sources), nil
}

// notice puts the phrases together for the campaign's settings.
func (p phrases) notice(s Settings, personal bool, sources []string) Notice {
	var dates []string
	for _, d := range s.ElectionDates {
		dates = append(dates, p.date(d))
	}
	election, ok := p.elections[s.ElectionType]
	if !ok {
		election = fmt.Sprintf(p.otherElection, s.ElectionType)
	}
	source, basis, rights := p.sourceArea, p.basisArea, p.rights
	if personal {
		from := p.consentGiven
		if len(sources) > 0 {
			from += fmt.Sprintf(p.consentFrom, strings.Join(sources, p.sourceSep))
		}
		source, basis, rights = fmt.Sprintf(p.sourcePersonal, from), p.basisPersonal, rights+p.rightsWithdraw
	}
	bodies := [7]string{
		s.Controller + ".",
		source,
		basis,
		fmt.Sprintf(p.purpose, election, strings.Join(dates, p.dateSep)),
		fmt.Sprintf(p.retention, p.date(s.EndDate)),
		rights + fmt.Sprintf(p.exercise, s.Contact),
		fmt.Sprintf(p.complaint, CNIL),
	}
	n := Notice{Lang: p.lang, Title: p.title}
	for i, h := range p.heads {
		n.Parts = append(n.Parts, export.NoticePart{Heading: h, Body: bodies[i]})
	}
	return n
}
