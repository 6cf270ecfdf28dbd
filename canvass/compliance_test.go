package canvass_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
)

// dayAfterEnd is the day after newCampaign's end date (2027-07-01).
func dayAfterEnd() time.Time { return time.Date(2027, 7, 2, 9, 0, 0, 0, time.UTC) }

func TestPurgeIsRefusedBeforeTheEndDateUnlessForced(t *testing.T) {
	camp := newCampaign(t, cast)
	loadConsents(t, camp)
	ctx := context.Background()
	_, err := camp.Purge(ctx, canvass.PurgeOptions{Confirm: func(string) error {
		t.Error("asked to confirm a purge that is refused anyway")
		return nil
	}})
	var refused *canvass.RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "runs until 2027-07-01") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("purge before the end: %v", err)
	}
	if st, _ := camp.Status(ctx); st.Voters != len(cast) || st.Consents == 0 {
		t.Fatalf("a refused purge deleted data: %+v", st.Counts)
	}
	rep, err := camp.Purge(ctx, canvass.PurgeOptions{Force: true})
	if err != nil || !rep.Early || rep.Voters != len(cast) {
		t.Fatalf("forced purge: %+v, %v", rep, err)
	}
}

func TestPurgeAfterTheEndDate(t *testing.T) {
	camp := newCampaign(t, cast)
	loadConsents(t, camp)
	ctx := context.Background()
	if w := camp.RetentionWarning(ctx); w.ID != "" {
		t.Errorf("warning while the campaign runs: %q", w)
	}
	camp.SetClock(dayAfterEnd)
	want := "the campaign ended on 2027-07-01: its data must be purged: run canvass purge"
	if w := camp.RetentionWarning(ctx); w.Error() != want {
		t.Errorf("warning after the end: got %q, want %q", w, want)
	}
	cancel := errors.New("not confirmed")
	var asked string
	if _, err := camp.Purge(ctx, canvass.PurgeOptions{Confirm: func(name string) error { asked = name; return cancel }}); !errors.Is(err, cancel) {
		t.Fatalf("unconfirmed purge: %v", err)
	}
	if st, _ := camp.Status(ctx); asked != "Test" || st.Voters != len(cast) {
		t.Fatalf("confirmation asked for %q; voters after a cancelled purge: %d", asked, st.Voters)
	}
	rep, err := camp.Purge(ctx, canvass.PurgeOptions{Confirm: func(string) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	nConsents, nOpposition := strings.Count(consents, "\n")-1, strings.Count(opposition, "\n")-1
	if rep.Early || rep.Voters != len(cast) || rep.Consents != nConsents || rep.Contacts != nConsents || rep.OppositionKept != nOpposition {
		t.Errorf("purge report: %+v", rep)
	}
	st, err := camp.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Voters != 0 || st.Consents != 0 || st.Plans != 0 || st.Opposition != nOpposition || st.Campaign == nil {
		t.Errorf("after the purge: %+v", st.Counts)
	}
	chk, err := camp.VerifyAudit(ctx)
	if err != nil || !chk.Intact || chk.Entries != rep.AuditEntries {
		t.Errorf("audit after the purge: %+v, %v (report says %d entries)", chk, err, rep.AuditEntries)
	}
	if w := camp.RetentionWarning(ctx); w.ID != "" {
		t.Errorf("warning once purged: %q", w)
	}
}

func TestRetentionWarningWithoutCampaign(t *testing.T) {
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer camp.Close()
	if w := camp.RetentionWarning(context.Background()); w.ID != "" {
		t.Errorf("warning without a campaign: %q", w)
	}
}

const oppositionToCarry = "portee;nom_naissance;prenoms;date_naissance;numero;voie;code_postal;motif;date\n" +
	"personne;OPPOSE;Léon;07/04/1970;11;RUE DES EXEMPLES;99999;STOP;2027-03-01\n" +
	"personne;D'ESSAI;Jean-Marc;00/05/1961;;;;\"STOP; par courrier \"\"recommandé\"\"\";2027-03-04\n" +
	"personne;ANNEE;Seule;1950;;;;;2027-03-05\n" +
	"adresse;;;;14 BIS;Rue des Exemples;99999;ne pas frapper;2027-03-02\n"

func TestOppositionExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	old := newCampaign(t, cast)
	if rep, err := old.ImportOpposition(ctx, writeFile(t, "opposition.csv", oppositionToCarry), nil); err != nil || rep.Imported != 4 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	first := filepath.Join(t.TempDir(), "opposition-export.csv")
	if n, err := old.ExportOpposition(ctx, first); err != nil || n != 4 {
		t.Fatalf("export: %d, %v", n, err)
	}
	if fi, err := os.Stat(first); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("export file mode: %v, %v", fi.Mode(), err)
	}
	trail, _ := old.AuditTrail(ctx)
	if last := trail[len(trail)-1]; last.Operation != "opposition.export" || last.Params["records"] != float64(4) ||
		last.Params["file"] != "opposition-export.csv" {
		t.Errorf("export audit entry: %+v", last)
	}

	next, err := canvass.Create(filepath.Join(t.TempDir(), "next.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	if rep, err := next.ImportOpposition(ctx, first, nil); err != nil || rep.Imported != 4 || rep.Rejected != 0 {
		t.Fatalf("import of the export: %+v, %v", rep, err)
	}
	second := filepath.Join(t.TempDir(), "again.csv")
	if _, err := next.ExportOpposition(ctx, second); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if string(a) != string(b) {
		t.Errorf("the objections changed on the way:\n%s\nthen:\n%s", a, b)
	}
	for _, want := range []string{"personne;D'ESSAI;Jean-Marc;00/05/1961;", `"STOP; par courrier ""recommandé"""`,
		"personne;ANNEE;Seule;1950;", "adresse;;;;14 BIS;Rue des Exemples;99999;ne pas frapper;2027-03-02"} {
		if !strings.Contains(string(a), want) {
			t.Errorf("export lacks %q:\n%s", want, a)
		}
	}
}
