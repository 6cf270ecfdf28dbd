package i18n_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

func TestNumbers(t *testing.T) {
	fr, en := i18n.New(i18n.French), i18n.New(i18n.English)
	for _, c := range []struct{ got, want string }{
		{fr.Int(1234), "1\u202f234"},
		{fr.Int(999), "999"},
		{fr.Int(-1234567), "-1\u202f234\u202f567"},
		{en.Int(1234), "1234"},
		{fr.Float(1234.5, 1), "1\u202f234,5"},
		{fr.Float(0.25, -1), "0,25"},
		{en.Float(1234.5, 1), "1234.5"},
		{fr.Percent(0.442, 1), "44,2\u00a0%"},
		{en.Percent(0.442, 1), "44.2%"},
		{fr.Percent(1, 0), "100\u00a0%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	fr, en := i18n.New(i18n.French), i18n.New(i18n.English)
	day := time.Date(2027, time.April, 4, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{fr.Date(day), "4 avril 2027"},
		{en.Date(day), "4 April 2027"},
		{fr.Date(day.AddDate(0, 4, -3)), "1er août 2027"},
		{fr.DateISO("2027-02-14"), "14 février 2027"},
		{fr.DateISO("not a date"), "not a date"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestTypography(t *testing.T) {
	fr, en := i18n.New(i18n.French), i18n.New(i18n.English)
	for _, c := range []struct{ in, want string }{
		{"Erreur : fichier", "Erreur\u00a0: fichier"},
		{"Erreur: fichier", "Erreur\u00a0: fichier"},
		{"Vraiment ? Oui !", "Vraiment\u202f? Oui\u202f!"},
		{"a ; b", "a\u202f; b"},
		{`le plan "est" existe`, "le plan «\u00a0est\u00a0» existe"},
		{"à 12:30, voir https://example.org", "à 12:30, voir https://example.org"},
		{"déjà\u00a0: rien", "déjà\u00a0: rien"},
	} {
		if got := fr.Typo(c.in); got != c.want {
			t.Errorf("Typo(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := en.Typo(c.in); got != c.in {
			t.Errorf("English Typo(%q) = %q, want it unchanged", c.in, got)
		}
	}
}

func TestLang(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, c := range []struct {
		env  func(string) string
		want i18n.Lang
	}{
		{env(), i18n.English},
		{env("LANG", "fr_FR.UTF-8"), i18n.French},
		{env("LANG", "fr_FR.UTF-8", "LC_MESSAGES", "en_US.UTF-8"), i18n.English},
		{env("LANG", "en_US.UTF-8", "LC_ALL", "fr_CA.UTF-8"), i18n.French},
		{env("LANG", "C"), i18n.English},
	} {
		if got := i18n.FromEnv(c.env); got != c.want {
			t.Errorf("FromEnv = %s, want %s", got, c.want)
		}
	}
	for in, want := range map[string]i18n.Lang{"fr": i18n.French, "FR": i18n.French, "en": i18n.English, "fr_FR": i18n.French} {
		if got, err := i18n.ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	_, err := i18n.ParseLang("de")
	if err == nil {
		t.Fatal("ParseLang(de) accepted")
	}
	if got, want := err.Error(), "unknown language de: fr or en"; got != want {
		t.Errorf("English error %q, want %q", got, want)
	}
	if got, want := i18n.New(i18n.French).Error(err), "langue inconnue de\u00a0: fr ou en"; got != want {
		t.Errorf("French error %q, want %q", got, want)
	}
	wrapped := fmt.Errorf("--lang: %w", err)
	if got, want := i18n.New(i18n.French).Error(wrapped), "--lang: langue inconnue de\u00a0: fr ou en"; got != want {
		t.Errorf("French wrapped error %q, want %q", got, want)
	}
	var m i18n.Message
	if !errors.As(wrapped, &m) || m.ID != "i18n.lang.unknown" {
		t.Errorf("errors.As finds %+v", m)
	}
}

func TestMessageUnwraps(t *testing.T) {
	err := i18n.Msg("i18n.lang.unknown", "Lang", fmt.Errorf("x: %w", errors.ErrUnsupported))
	if !errors.Is(err, errors.ErrUnsupported) {
		t.Error("a message does not unwrap the errors among its values")
	}
}

func TestNilPrinterSpeaksEnglish(t *testing.T) {
	var p *i18n.Printer
	if p.Lang() != i18n.English || p.Int(1234) != "1234" {
		t.Errorf("nil printer: %s %s", p.Lang(), p.Int(1234))
	}
}

func TestTemplateTypography(t *testing.T) {
	got := i18n.New(i18n.French).T("cli.init.done", "Name", `A "B": C`, "Path", "c.db", "End", i18n.Day("2027-03-01"))
	want := "Campagne «\u00a0A \"B\": C\u00a0» enregistrée dans c.db (données conservées jusqu'au 1er mars 2027)."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := i18n.New(i18n.French).T("cli.status.left", "Count", 1234); got != "reste 1\u202f234 jours" {
		t.Errorf("plural: %q", got)
	}
	if got := i18n.New(i18n.French).T("cli.status.left", "Count", 1); got != "reste 1 jour" {
		t.Errorf("singular: %q", got)
	}
}
