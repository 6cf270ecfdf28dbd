package policy

import (
	"slices"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The kinds of contact (DOMAIN.md rule 3).
const (
	Regular    = "regular"    // took a positive step to keep in touch
	Occasional = "occasional" // may be contacted once, to propose becoming regular
)

// ValidateConsent is the one check of a consent record, typed by hand or read from a file. It
// returns the consent as it is stored (channel and contact kind in their canonical form, dates as
// YYYY-MM-DD) or every problem that makes it unusable, by the consent file's column names. Dates
// are dd/mm/yyyy or YYYY-MM-DD; the kind is regulier, regular, occasionnel or occasional (regular
// when empty). Where the consent came from is ForbiddenSource's business.
func ValidateConsent(raw data.Consent) (data.Consent, Problems) {
	c := raw
	var problems Problems
	add := func(field, id string) { problems = append(problems, Problem{Field: field, Reason: i18n.Msg(id)}) }
	who := &c.Contact
	var ok bool
	if strings.TrimSpace(who.BirthName) == "" || strings.TrimSpace(who.GivenNames) == "" || strings.TrimSpace(who.BirthDate) == "" {
		add("nom_naissance/prenoms/date_naissance", "policy.problem.consent.identity")
	} else if who.BirthDate, ok = birthDate(who.BirthDate); !ok {
		add("date_naissance", "policy.problem.date")
	}
	if c.Channel, ok = NormalizeChannel(raw.Channel); !ok {
		add("canal", "policy.problem.channel")
	}
	if c.Kind, ok = normalizeKind(raw.Kind); !ok {
		add("type_contact", "policy.problem.kind")
	}
	c.Purpose, c.Controller = strings.TrimSpace(raw.Purpose), strings.TrimSpace(raw.Controller)
	if c.Purpose == "" {
		add("finalite", "policy.problem.purpose")
	}
	if c.Controller == "" {
		add("responsable", "policy.problem.controller")
	}
	for _, d := range []struct {
		field string
		dst   *string
	}{{"donne_le", &c.GivenOn}, {"retire_le", &c.WithdrawnOn}, {"expire_le", &c.ExpiresOn}} {
		if *d.dst, ok = Day(*d.dst); !ok {
			add(d.field, "policy.problem.date")
		}
	}
	if strings.TrimSpace(raw.GivenOn) == "" {
		add("donne_le", "policy.problem.given")
	}
	return c, problems
}

// Day reads an optional day as dd/mm/yyyy or YYYY-MM-DD into YYYY-MM-DD; "" stays "". ok is false
// for anything else, a month or a year alone included.
func Day(s string) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", true
	}
	d, ok := data.ParseListDate(s)
	return d, ok && len(d) == len(time.DateOnly)
}

// birthDate reads a birth date as the list writes it (dd/mm/yyyy, with 00 for an unknown part), or
// as stored (YYYY-MM-DD, YYYY-MM, YYYY), into its stored form.
func birthDate(s string) (string, bool) {
	if d, ok := data.ParseListDate(s); ok {
		return d, true
	}
	for _, layout := range []string{"2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return s, true
		}
	}
	return s, false
}

// NormalizeChannel maps the ways people write a consent channel to its canonical name. Social
// networks keep their name: "reseau social: Facebook" is "social network: Facebook".
func NormalizeChannel(s string) (string, bool) {
	f := fold(s)
	switch f {
	case "porte a porte", "door to door", "porte", "visite", "visite a domicile":
		return data.ChannelDoor, true
	case "email", "e mail", "courriel", "mail":
		return data.ChannelEmail, true
	case "sms", "texto":
		return data.ChannelSMS, true
	case "telephone", "phone", "appel":
		return data.ChannelPhone, true
	case "courrier", "post", "postal", "courrier postal":
		return data.ChannelPost, true
	}
	for _, prefix := range []string{"reseau social ", "social network "} {
		if name, ok := strings.CutPrefix(f, prefix); ok {
			if _, typed, colon := strings.Cut(s, ":"); colon && strings.TrimSpace(typed) != "" {
				name = typed
			}
			return "social network: " + strings.TrimSpace(name), true
		}
	}
	return "", false
}

// normalizeKind maps regular/occasional contact kinds, in French or English; none is regular.
func normalizeKind(s string) (string, bool) {
	switch fold(s) {
	case "regulier", "regular", "":
		return Regular, true
	case "occasionnel", "occasional":
		return Occasional, true
	}
	return "", false
}

// forbiddenSources are the words, folded, that mark a consent collected through a file the law
// keeps out of political communication (DOMAIN.md rule 5): an employer's, an association's, a
// customer file, a public body's, or a list bought or rented.
var forbiddenSources = []string{"fichier client", "fichier clients", "clientele", "employeur", "salaries",
	"personnel de l entreprise", "fichier d association", "adherents de l association", "association",
	"organisme public", "administration", "collectivite", "fichier de la mairie", "fichier loue",
	"location de fichier", "achat de fichier", "fichier achete", "liste louee", "liste achetee"}

// ForbiddenSource says why a consent may not be used at all because of where it came from (its
// source as recorded), or nothing (no ID) when nothing forbids it. Words match whole, in the plural too:
// "fichiers loués" and "fichier clients" are "fichier loue" and "fichier client".
func ForbiddenSource(source string) i18n.Message {
	folded := " " + fold(source) + " "
	for _, w := range forbiddenSources {
		every, last := strings.ReplaceAll(w, " ", "s ")+"s", w+"s"
		if strings.Contains(folded, " "+w+" ") || strings.Contains(folded, " "+every+" ") || strings.Contains(folded, " "+last+" ") {
			return i18n.Msg("policy.source.forbidden", "Source", source)
		}
	}
	return i18n.Message{}
}

// politicalPurposes are the ways files write "political communication", folded.
var politicalPurposes = []string{"communication politique", "political communication", "prospection politique",
	"communication electorale", "propagande electorale"}

// covers says whether a door-to-door consent covers a visit by controller on day on (YYYY-MM-DD),
// and if not, why (rule 2, 3): political communication by this controller, given on or before the
// day, not withdrawn (a withdrawal dated that day counts), not expired (a consent expiring that day
// still covers it), and for an occasional contact not used yet.
func covers(c data.Consent, controller, on string) (Exclusion, any) {
	switch {
	case !slices.ContainsFunc(politicalPurposes, func(p string) bool { return sameWords(p, c.Purpose) }):
		return NoConsent, i18n.Msg("policy.verdict.purpose", "Purpose", c.Purpose)
	case !sameWords(c.Controller, controller):
		return NoConsent, i18n.Msg("policy.verdict.controller", "Controller", c.Controller)
	case c.GivenOn > on:
		return NoConsent, i18n.Msg("policy.verdict.after", "Given", i18n.Day(c.GivenOn), "On", i18n.Day(on))
	case c.WithdrawnOn != "" && c.WithdrawnOn <= on:
		return Withdrawn, i18n.Day(c.WithdrawnOn)
	case c.ExpiresOn != "" && c.ExpiresOn < on:
		return Expired, i18n.Day(c.ExpiresOn)
	case c.Kind == Occasional && c.UsedOn != "":
		return AlreadyContacted, i18n.Day(c.UsedOn)
	}
	return "", nil
}
