package canvass_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
)

// TestNoticeParts checks the seven parts of the notice (DOMAIN.md rule 6) against the campaign's
// settings, for area-level canvassing and for a personal list.
func TestNoticeParts(t *testing.T) {
	camp := newCampaign(t, cast[:1]) // Comite Essai, municipales on 2027-06-01, end 2027-07-01
	ctx := context.Background()
	area, err := camp.Notice(ctx, canvass.NoticeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	personal, err := camp.Notice(ctx, canvass.NoticeOptions{Personal: true, Sources: []string{"stand du marché", "site web", "stand du marché"}})
	if err != nil {
		t.Fatal(err)
	}
	common := []string{
		"Responsable du traitement : Comite Essai.",
		"article L37 du Code électoral",
		"en vue des élections municipales (1er juin 2027)",
		"jusqu'à la fin de la campagne, le 1er juillet 2027",
		"droit d'accès, de rectification, d'effacement et d'opposition",
		"Pour les exercer : droits@example.org.",
		"répondez STOP",
		"dites-le au bénévole",
		"CNIL : www.cnil.fr, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07",
	}
	for _, c := range []struct {
		name    string
		n       canvass.Notice
		want    []string
		notWant []string
	}{
		{"area", area, append(common, "intérêt légitime", "ne comporte aucun nom"), []string{"consentement"}},
		{"personal", personal, append(common, "Base légale : votre consentement", "(stand du marché ; site web)", "retirer votre consentement"),
			[]string{"intérêt légitime"}},
	} {
		text := c.n.Text()
		if len(c.n.Parts) != 7 {
			t.Errorf("%s notice has %d parts, want 7", c.name, len(c.n.Parts))
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s notice lacks %q:\n%s", c.name, w, text)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(text, w) {
				t.Errorf("%s notice says %q", c.name, w)
			}
		}
		page := c.n.HTML()
		if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.Contains(page, "@page { size: A4") ||
			!strings.Contains(page, "<b>Réclamation</b>") || strings.Contains(page, "<script") {
			t.Errorf("%s notice HTML is not a self-contained printable page:\n%s", c.name, page)
		}
	}
	en, err := camp.Notice(ctx, canvass.NoticeOptions{Lang: "en"})
	if err != nil || !strings.Contains(en.Text(), "legitimate interest") || !strings.Contains(en.Text(), "complain to the CNIL") {
		t.Errorf("English notice: %v\n%s", err, en.Text())
	}
	var usage *canvass.UsageError
	if _, err := camp.Notice(ctx, canvass.NoticeOptions{Lang: "de"}); !errors.As(err, &usage) {
		t.Errorf("an unknown language gave %v, want a usage error", err)
	}
}

// TestExportPersonal exports a personalized list: only the eligible people are in it, with the
// notice naming the consents' sources; the files are 0600 and the audit entry holds counts only.
func TestExportPersonal(t *testing.T) {
	camp := newCampaign(t, cast)
	loadConsents(t, camp)
	ctx := context.Background()
	var people []canvass.Person
	for i, v := range []voter{cast[0], cast[1], cast[8], cast[9]} { // eligible, eligible, email only, opposed
		born, _ := canvass.ParseDate(v.born)
		people = append(people, canvass.Person{Line: i + 2, Identity: canvass.Identity{BirthName: v.name, GivenNames: v.given, BirthDate: born}})
	}
	list, err := camp.PersonalList(ctx, "relance mai", people, "2027-05-01", canvass.PersonalListOptions{})
	if err != nil || list.Eligible() != 2 {
		t.Fatalf("personal list: %+v, %v", list, err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := camp.ExportPersonal(ctx, list, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 || filepath.Base(paths[0]) != "relance-mai-personnes.csv" || filepath.Base(paths[1]) != "relance-mai-personnes.html" {
		t.Fatalf("wrote %v", paths)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, want := range []string{"EXEMPLEAU", "TESTELAERE", "votre consentement (article 6.1.a du RGPD)", "site web ; stand"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", filepath.Base(p), want)
			}
		}
		for _, not := range []string{"COURRIEL", "OPPOSE", "17/03/1979", "1979-03-17"} {
			if strings.Contains(text, not) {
				t.Errorf("%s holds %q: only eligible people's names and addresses belong there", filepath.Base(p), not)
			}
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	trail, err := camp.AuditTrail(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Operation != "export.personal" || last.Params["people"] != float64(2) || last.Params["files"] != float64(2) {
		t.Errorf("last audit entry %s %v, want export.personal of 2 people in 2 files", last.Operation, last.Params)
	}
	for _, e := range trail {
		if s := fmt.Sprint(e.Params); strings.Contains(s, "EXEMPLEAU") || strings.Contains(s, "TESTELAERE") {
			t.Errorf("audit entry %s holds a name: %v", e.Operation, e.Params)
		}
	}
	var refused *canvass.RefusedError
	if _, err := camp.ExportPersonal(ctx, canvass.PersonalList{}, dir, nil); !errors.As(err, &refused) {
		t.Errorf("an empty list gave %v, want a refusal", err)
	}
}
