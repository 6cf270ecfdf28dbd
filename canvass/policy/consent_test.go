package policy_test

import (
	"reflect"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

// TestValidateConsent is the one check of a consent, typed or imported: what the import took and
// the hand entry refused (regulier, dd/mm/yyyy) is taken by both.
func TestValidateConsent(t *testing.T) {
	good := data.Consent{Contact: data.Identity{BirthName: "EXEMPLEAU", GivenNames: "Aurore", BirthDate: "17/03/1979"},
		Channel: "Porte-à-porte", Purpose: "communication politique", Controller: "Comité Essai",
		GivenOn: "26/02/2026", WithdrawnOn: "2027-01-01", ExpiresOn: "", Kind: "régulier"}
	c, problems := policy.ValidateConsent(good)
	want := good
	want.Contact.BirthDate, want.Channel, want.GivenOn, want.Kind = "1979-03-17", data.ChannelDoor, "2026-02-26", policy.Regular
	if len(problems) != 0 || !reflect.DeepEqual(c, want) {
		t.Fatalf("got %+v, %v; want %+v", c, problems, want)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*data.Consent)
		field string
	}{
		{"no birth date", func(c *data.Consent) { c.Contact.BirthDate = "" }, "nom_naissance/prenoms/date_naissance"},
		{"a birth date that is not one", func(c *data.Consent) { c.Contact.BirthDate = "31/02/1979" }, "date_naissance"},
		{"an unknown channel", func(c *data.Consent) { c.Channel = "pigeon voyageur" }, "canal"},
		{"an unknown kind", func(c *data.Consent) { c.Kind = "ami" }, "type_contact"},
		{"no purpose", func(c *data.Consent) { c.Purpose = " " }, "finalite"},
		{"no controller", func(c *data.Consent) { c.Controller = "" }, "responsable"},
		{"not given", func(c *data.Consent) { c.GivenOn = "" }, "donne_le"},
		{"a month, not a day", func(c *data.Consent) { c.GivenOn = "00/02/2026" }, "donne_le"},
		{"a withdrawal that is not a date", func(c *data.Consent) { c.WithdrawnOn = "hier" }, "retire_le"},
		{"an expiry that is not a date", func(c *data.Consent) { c.ExpiresOn = "2027-13-01" }, "expire_le"},
	} {
		raw := good
		tc.edit(&raw)
		_, problems := policy.ValidateConsent(raw)
		if len(problems) != 1 || problems[0].Field != tc.field || problems.Err() == nil {
			t.Errorf("%s: %+v, want one problem with %s", tc.name, problems, tc.field)
		}
	}
	for in, want := range map[string]string{"occasionnel": policy.Occasional, "Occasional": policy.Occasional,
		"": policy.Regular, "regular": policy.Regular} {
		raw := good
		raw.Kind = in
		if c, problems := policy.ValidateConsent(raw); len(problems) != 0 || c.Kind != want {
			t.Errorf("kind %q: %q, %v; want %q", in, c.Kind, problems, want)
		}
	}
}

func TestNormalizeChannel(t *testing.T) {
	for in, want := range map[string]string{"porte-a-porte": data.ChannelDoor, "Porte à porte": data.ChannelDoor,
		"door to door": data.ChannelDoor, "E-mail": data.ChannelEmail, "courriel": data.ChannelEmail, "SMS": data.ChannelSMS,
		"téléphone": data.ChannelPhone, "courrier postal": data.ChannelPost,
		"reseau social: Facebook": "social network: Facebook", "Réseau social : Mastodon": "social network: Mastodon",
		"social network instagram": "social network: instagram"} {
		if got, ok := policy.NormalizeChannel(in); !ok || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "fax", "reseau social", "reseau social:"} {
		if got, ok := policy.NormalizeChannel(in); ok {
			t.Errorf("%q: %q, want no channel", in, got)
		}
	}
}

func TestForbiddenSource(t *testing.T) {
	for _, source := range []string{"fichier clients de la boulangerie", "Liste louée", "fichiers loués", "Employeur",
		"adhérents de l'association", "ASSOCIATIONS du quartier", "fichier de la mairie", "achat de fichier"} {
		if policy.ForbiddenSource(source).ID == "" {
			t.Errorf("%q: want it forbidden (DOMAIN.md rule 5)", source)
		}
	}
	for _, source := range []string{"", "stand du marché", "site web", "porte-à-porte précédent", "réunion publique",
		"administrateur du site"} {
		if why := policy.ForbiddenSource(source); why.ID != "" {
			t.Errorf("%q: forbidden (%s), want it allowed", source, why)
		}
	}
}

func TestValidateObjection(t *testing.T) {
	for _, tc := range []struct {
		name  string
		o     data.Opposition
		want  data.Opposition
		field string
	}{
		{"a STOP, undated: recorded today", data.Opposition{Scope: data.ScopePerson, Who: data.Identity{BirthName: "X", GivenNames: "Y", BirthDate: "00/05/1961"}},
			data.Opposition{Scope: data.ScopePerson, Who: data.Identity{BirthName: "X", GivenNames: "Y", BirthDate: "1961-05"}, RecordedOn: "2027-05-01"}, ""},
		{"a stored birth date stays", data.Opposition{Scope: data.ScopePerson, Who: data.Identity{BirthName: "X", GivenNames: "Y", BirthDate: "1961"}, RecordedOn: "04/03/2027"},
			data.Opposition{Scope: data.ScopePerson, Who: data.Identity{BirthName: "X", GivenNames: "Y", BirthDate: "1961"}, RecordedOn: "2027-03-04"}, ""},
		{"a do-not-knock", data.Opposition{Scope: data.ScopeAddress, Who: data.Identity{Number: "12", Street: "Rue X"}, RecordedOn: "2027-03-02"},
			data.Opposition{Scope: data.ScopeAddress, Who: data.Identity{Number: "12", Street: "Rue X"}, RecordedOn: "2027-03-02"}, ""},
		{"a STOP without given names", data.Opposition{Scope: data.ScopePerson, Who: data.Identity{BirthName: "X"}}, data.Opposition{}, "nom_naissance/prenoms"},
		{"a do-not-knock without number", data.Opposition{Scope: data.ScopeAddress, Who: data.Identity{Street: "Rue X"}}, data.Opposition{}, "numero/voie"},
		{"no scope", data.Opposition{Who: data.Identity{BirthName: "X", GivenNames: "Y"}}, data.Opposition{}, "portee"},
		{"a date that is not one (issue 17)", data.Opposition{Scope: data.ScopePerson, Who: data.Identity{BirthName: "X", GivenNames: "Y"}, RecordedOn: "demain"},
			data.Opposition{}, "date"},
	} {
		got, problems := policy.ValidateObjection(tc.o, "2027-05-01")
		switch {
		case tc.field == "" && (len(problems) != 0 || !reflect.DeepEqual(got, tc.want)):
			t.Errorf("%s: %+v, %v; want %+v", tc.name, got, problems, tc.want)
		case tc.field != "" && (len(problems) != 1 || problems[0].Field != tc.field):
			t.Errorf("%s: %v, want a problem with %s", tc.name, problems, tc.field)
		}
	}
}
