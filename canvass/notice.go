package canvass

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"canvass/canvass/export"
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

// electionNames names the elections as the notice says them, with their article.
var electionNames = map[string][2]string{
	"municipales":     {"des élections municipales", "the municipal elections"},
	"legislatives":    {"des élections législatives", "the legislative elections"},
	"europeennes":     {"des élections européennes", "the European elections"},
	"presidentielle":  {"de l'élection présidentielle", "the presidential election"},
	"regionales":      {"des élections régionales", "the regional elections"},
	"departementales": {"des élections départementales", "the departmental elections"},
	"senatoriales":    {"des élections sénatoriales", "the senatorial elections"},
	"referendum":      {"du référendum", "the referendum"},
}

// Notice writes the information notice from the campaign's settings: (1) the controller, (2) where
// the data came from, (3) the legal basis, (4) the purpose and the election, (5) retention until
// the campaign's end date, (6) the voter's rights and how to exercise them, (7) the right to
// complain to the CNIL.
func (c *Campaign) Notice(ctx context.Context, opt NoticeOptions) (Notice, error) {
	s, err := c.store.Campaign(ctx)
	if err != nil {
		return Notice{}, err
	}
	var sources []string
	for _, src := range opt.Sources {
		if src = strings.TrimSpace(src); src != "" && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
	}
	switch opt.Lang {
	case "", "fr":
		return noticeFR(s, opt.Personal, sources), nil
	case "en":
		return noticeEN(s, opt.Personal, sources), nil
	}
	return Notice{}, &UsageError{Problems: []string{fmt.Sprintf("notice language %q: expected fr or en", opt.Lang)}}
}

func noticeFR(s Settings, personal bool, sources []string) Notice {
	var dates []string
	for _, d := range s.ElectionDates {
		dates = append(dates, export.DateFR(d))
	}
	election := electionNames[s.ElectionType][0]
	if election == "" {
		election = "de l'élection " + s.ElectionType
	}
	n := Notice{Lang: "fr", Title: "Information sur vos données personnelles"}
	part := func(h, b string) { n.Parts = append(n.Parts, export.NoticePart{Heading: h, Body: b}) }
	part("Responsable du traitement", s.Controller+".")
	if personal {
		from := "du consentement que vous nous avez donné"
		if len(sources) > 0 {
			from = "du consentement que vous nous avez donné (" + strings.Join(sources, " ; ") + ")"
		}
		part("Origine des données", "vos nom et adresse proviennent "+from+
			", rapproché de la liste électorale communiquée à tout électeur qui en fait la demande (article L37 du Code électoral).")
		part("Base légale", "votre consentement (article 6.1.a du RGPD), que vous pouvez retirer à tout moment.")
	} else {
		part("Origine des données", "les rues et numéros visités sont établis à partir de la liste électorale, communiquée "+
			"à tout électeur qui en fait la demande (article L37 du Code électoral), et de la Base Adresse Nationale. "+
			"Cette liste ne comporte aucun nom : le porte-à-porte est organisé par rue et par quartier.")
		part("Base légale", "l'intérêt légitime du responsable du traitement à faire campagne auprès des électeurs "+
			"(article 6.1.f du RGPD).")
	}
	part("Finalité", fmt.Sprintf("communication politique par porte-à-porte en vue %s (%s).", election, strings.Join(dates, ", ")))
	part("Durée de conservation", fmt.Sprintf("jusqu'à la fin de la campagne, le %s ; les données sont ensuite supprimées. "+
		"Seule une demande de ne plus être sollicité est conservée, pour être respectée.", export.DateFR(s.EndDate)))
	rights := "vous disposez d'un droit d'accès, de rectification, d'effacement et d'opposition"
	if personal {
		rights += ", et pouvez retirer votre consentement"
	}
	part("Vos droits", rights+". Pour les exercer : "+s.Contact+". Pour ne plus être sollicité : répondez STOP, "+
		"ou dites-le au bénévole qui frappe à votre porte.")
	part("Réclamation", "vous pouvez adresser une réclamation à la CNIL : "+CNIL+".")
	return n
}

func noticeEN(s Settings, personal bool, sources []string) Notice {
	election := electionNames[s.ElectionType][1]
	if election == "" {
		election = "the " + s.ElectionType + " election"
	}
	n := Notice{Lang: "en", Title: "How we use your personal data"}
	part := func(h, b string) { n.Parts = append(n.Parts, export.NoticePart{Heading: h, Body: b}) }
	part("Controller", s.Controller+".")
	if personal {
		from := "the consent you gave us"
		if len(sources) > 0 {
			from += " (" + strings.Join(sources, "; ") + ")"
		}
		part("Source", "your name and address come from "+from+", matched with the electoral list, which any voter may obtain "+
			"(article L37 of the Code électoral).")
		part("Legal basis", "your consent (GDPR article 6.1.a), which you may withdraw at any time.")
	} else {
		part("Source", "the streets and numbers visited are drawn from the electoral list, which any voter may obtain "+
			"(article L37 of the Code électoral), and the Base Adresse Nationale. This list holds no names: canvassing is "+
			"organized by street and neighbourhood.")
		part("Legal basis", "the controller's legitimate interest in campaigning among voters (GDPR article 6.1.f).")
	}
	part("Purpose", fmt.Sprintf("door-to-door political communication for %s (%s).", election, strings.Join(s.ElectionDates, ", ")))
	part("Retention", fmt.Sprintf("until the end of the campaign, %s; the data is then deleted. Only a request not to be "+
		"contacted again is kept, so that it is respected.", s.EndDate))
	rights := "you have the right of access, rectification, erasure and objection"
	if personal {
		rights += ", and may withdraw your consent"
	}
	part("Your rights", rights+". To exercise them: "+s.Contact+". Not to be contacted again: reply STOP, or tell the "+
		"volunteer at your door.")
	part("Complaints", "you may complain to the CNIL: "+CNIL+".")
	return n
}
