package dashboard

import (
	"context"
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

func days(n int) *int { return &n }

func campaign(end string) *canvass.Settings {
	return &canvass.Settings{Name: "Municipales Est", ElectionType: "municipales", ElectionDates: []string{"2027-03-15"},
		EndDate: end, Controller: "Comité Essai", Contact: "droits@example.org"}
}

func loaded() canvass.Status {
	st := canvass.Status{Campaign: campaign("2027-04-30"), DaysLeft: days(155)}
	st.Voters, st.Addresses, st.Results = 119728, 12698, 76
	st.Areas = map[string]int{"constituency": 3, "neighborhood": 41, "street": 600}
	st.Stations = map[string]int{"neighborhood": 20}
	return st
}

// en and fr are the printers of the interface's two languages.
var en, fr = i18n.New(i18n.English), i18n.New(i18n.French)

func TestAlerts(t *testing.T) {
	empty := canvass.Status{Campaign: campaign("2027-04-30"), DaysLeft: days(155)}
	broken := &canvass.AuditCheck{Entries: 12, BrokenAt: 7, Problem: "its hash does not match its content"}
	cases := []struct {
		name  string
		st    canvass.Status
		audit AuditResult
		want  []string // a word of each alert, in order
	}{
		{"nothing loaded", empty, AuditResult{}, []string{"electoral list", "addresses", "areas"}},
		{"all loaded", loaded(), AuditResult{}, nil},
		{"no results", func() canvass.Status { s := loaded(); s.Results = 0; return s }(), AuditResult{}, []string{"results"}},
		{"ends in 30 days", func() canvass.Status { s := loaded(); s.DaysLeft = days(30); return s }(), AuditResult{}, []string{"30 days left"}},
		{"ends in 31 days", func() canvass.Status { s := loaded(); s.DaysLeft = days(31); return s }(), AuditResult{}, nil},
		{"ends today", func() canvass.Status { s := loaded(); s.DaysLeft = days(0); return s }(), AuditResult{}, []string{"ends today"}},
		{"ended", func() canvass.Status { s := loaded(); s.DaysLeft = days(-3); return s }(), AuditResult{}, []string{"ended 3 days ago"}},
		{"unmatched", func() canvass.Status { s := loaded(); s.Unmatched = 29; return s }(), AuditResult{},
			[]string{"29 voters could not be placed: canvass geocode --missing"}},
		{"one unmatched", func() canvass.Status { s := loaded(); s.Unmatched = 1; return s }(), AuditResult{}, []string{"1 voter could not"}},
		{"stale", func() canvass.Status { s := loaded(); s.GeographyStale = true; return s }(), AuditResult{}, []string{"since voters were placed: the Areas screen and plans place them again first"}},
		{"overdue", func() canvass.Status {
			s := loaded()
			for i := 1; i <= 5; i++ {
				s.Overdue = append(s.Overdue, canvass.OverdueTurf{Plan: "est", Turf: i, Volunteer: "Équipe A", Date: "2027-02-20"})
			}
			return s
		}(), AuditResult{}, []string{`5 turfs past their date with no results back: turf 1 of "est" (Équipe A, 2027-02-20), turf 2 of "est" ` +
			`(Équipe A, 2027-02-20), turf 3 of "est" (Équipe A, 2027-02-20), 2 more. Import their results on the plan (p, then i).`}},
		{"stale without addresses", func() canvass.Status { s := empty; s.GeographyStale = true; return s }(), AuditResult{},
			[]string{"electoral list", "addresses", "areas"}},
		{"trail intact", loaded(), AuditResult{Check: &canvass.AuditCheck{Entries: 12, Intact: true}}, nil},
		{"trail broken, campaign ending", func() canvass.Status { s := loaded(); s.DaysLeft = days(2); return s }(), AuditResult{Check: broken},
			[]string{"Audit trail broken at entry 7 (its hash does not match its content)", "2 days left"}},
		{"trail unreadable", loaded(), AuditResult{Err: errors.New("no such table: audit")}, []string{"Audit trail not verified (no such table: audit)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Alerts(en, c.st, c.audit)
			if len(got) != len(c.want) {
				t.Fatalf("%d alerts %v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				if !strings.Contains(got[i].Text, w) {
					t.Errorf("alert %d %q does not mention %q", i, got[i].Text, w)
				}
			}
		})
	}
	if a := Alerts(en, func() canvass.Status { s := loaded(); s.DaysLeft = days(-1); return s }(), AuditResult{}); a[0].Level != Urgent {
		t.Errorf("an ended campaign is %v, want Urgent", a[0].Level)
	}
	if a := Alerts(en, loaded(), AuditResult{Check: broken}); a[0].Level != Urgent {
		t.Errorf("a broken audit trail is %v, want Urgent", a[0].Level)
	}
}

// newDashboard builds a dashboard in English at 80×21 (an 80×24 terminal less the root's lines)
// and reads its status.
func newDashboard(t *testing.T, status StatusFunc) *Model {
	t.Helper()
	return newAuditedDashboard(t, en, status, nil)
}

// newAuditedDashboard is newDashboard in p's language, whose audit trail audit verifies.
func newAuditedDashboard(t *testing.T, p *i18n.Printer, status StatusFunc, audit AuditFunc) *Model {
	t.Helper()
	c := common.New(context.Background(), common.NewStyles(colorprofile.ASCII), p)
	menu := []MenuItem{{To: "import", Key: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import")), Title: "Import a file"}}
	m := New(c, "campagne.db", status, audit, menu)
	m.SetSize(80, 21)
	var s common.Screen = m
	h := tuitest.New(t, func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		s, cmd = s.Update(msg)
		return cmd
	})
	h.Run(m.Enter())
	h.Until("the status", func() bool { return m.loaded })
	return m
}

func fixed(st canvass.Status, err error) StatusFunc {
	return func(context.Context) (canvass.Status, error) { return st, err }
}

func view(m *Model) string { return tuitest.Plain(m.View()) }

func TestDashboardShowsCampaignAndCounts(t *testing.T) {
	m := newDashboard(t, fixed(loaded(), nil))
	v := view(m)
	for _, want := range []string{"Municipales Est", "municipales, 2027-03-15", "Comité Essai", "droits@example.org",
		"2027-04-30 (155 days left)", "119728", "12698", "Neighborhoods        21", "Polling stations     20 (76 results)", "Nothing needs doing", "i  Import a file"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "No electoral list") {
		t.Errorf("a loaded campaign is told to import its list:\n%s", v)
	}
}

// TestDashboardHidesCountsOfPeople: a role that counts no people (a team lead, a volunteer) is
// not shown consents and objections as zeros.
func TestDashboardHidesCountsOfPeople(t *testing.T) {
	st := loaded()
	st.Consents, st.Opposition = 310, 42
	if v := view(newDashboard(t, fixed(st, nil))); !strings.Contains(v, "Consents") || !strings.Contains(v, "310") {
		t.Errorf("the organizer's dashboard lacks the consents:\n%s", v)
	}
	st.Consents, st.Opposition, st.PeopleHidden = 0, 0, true
	if v := view(newDashboard(t, fixed(st, nil))); strings.Contains(v, "Consents") || strings.Contains(v, "Opposition") {
		t.Errorf("a team lead's dashboard shows counts of people:\n%s", v)
	}
}

func TestDashboardGuidesANewUser(t *testing.T) {
	m := newDashboard(t, fixed(canvass.Status{}, nil))
	v := view(m)
	for _, want := range []string{"No campaign yet: run canvass init.", "canvass --db campagne.db init --help",
		"No electoral list yet", "No addresses yet", "No areas yet"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestDashboardVerifiesTheAuditTrail(t *testing.T) {
	calls := 0
	m := newAuditedDashboard(t, en, fixed(loaded(), nil), func(context.Context) (canvass.AuditCheck, error) {
		calls++
		return canvass.AuditCheck{Entries: 9, BrokenAt: 4, Problem: "entry missing"}, nil
	})
	if v := view(m); calls != 1 || !strings.Contains(v, "✗ Audit trail broken at entry 4 (entry missing)") {
		t.Errorf("after %d verifications the broken trail is not shown:\n%s", calls, v)
	}
	// Before canvass init there is no trail to verify.
	calls = 0
	newAuditedDashboard(t, en, fixed(canvass.Status{}, nil), func(context.Context) (canvass.AuditCheck, error) {
		calls++
		return canvass.AuditCheck{}, nil
	})
	if calls != 0 {
		t.Error("the trail of a file without a campaign was verified")
	}
}

func TestDashboardShowsReadError(t *testing.T) {
	m := newDashboard(t, fixed(canvass.Status{}, errors.New("disk I/O error")))
	if v := view(m); !strings.Contains(v, "Cannot read the campaign: disk I/O error") {
		t.Errorf("error not shown:\n%s", v)
	}
}

func TestDashboardMenuKeyOpensScreen(t *testing.T) {
	m := newDashboard(t, fixed(loaded(), nil))
	_, cmd := m.Update(tuitest.Key("i"))
	if cmd == nil {
		t.Fatal("i did nothing")
	}
	if msg := cmd(); msg != (common.GoMsg{To: "import"}) {
		t.Errorf("i sent %#v, want GoMsg to import", msg)
	}
	if _, cmd := m.Update(tuitest.Key("x")); cmd != nil {
		t.Errorf("x, on no menu entry, sent %#v", cmd())
	}
}

func TestDashboardDropsStaleStatus(t *testing.T) {
	n := 0
	m := newDashboard(t, func(context.Context) (canvass.Status, error) {
		n++
		st := loaded()
		st.Voters = n * 1000
		return st, nil
	})
	first, second := m.Enter(), m.Enter()
	newer := second() // read first, but asked for last: 2,000 voters
	older := first()  // 3,000 voters
	m.Update(newer)
	m.Update(older)
	if v := view(m); !strings.Contains(v, "2000") || strings.Contains(v, "3000") {
		t.Errorf("an older status replaced a newer one:\n%s", v)
	}
}

func TestDashboardAdaptsToSize(t *testing.T) {
	m := newDashboard(t, fixed(loaded(), nil))
	m.SetSize(160, 45)
	twoCols := false
	for _, l := range strings.Split(view(m), "\n") {
		if strings.Contains(l, "Campaign") && strings.Contains(l, "Alerts") {
			twoCols = true
		}
	}
	if !twoCols {
		t.Errorf("at 160 columns the dashboard should use two columns:\n%s", view(m))
	}
	for w := 1; w <= 100; w += 9 {
		for h := 1; h <= 30; h += 4 {
			m.SetSize(w, h)
			tuitest.WantFits(t, "the dashboard", view(m), w, h)
		}
	}
}

// TestDashboardInFrench checks the French conventions of the dashboard: dates written out,
// numbers grouped by narrow no-break spaces, plurals.
func TestDashboardInFrench(t *testing.T) {
	st := loaded()
	st.Unmatched, st.DaysLeft = 1, days(12)
	m := newAuditedDashboard(t, fr, fixed(st, nil), nil)
	tuitest.WantText(t, view(m), "municipales, 15 mars 2027", "jusqu'au 30 avril 2027 (encore 12 jours)", "119\u202f728",
		"Bureaux de vote      20 (76 résultats)", "1 électeur n'a pas pu être placé", "La campagne se termine le 30 avril 2027")
	if got := DaysLeft(fr, -1); got != "terminée hier" {
		t.Errorf("DaysLeft(-1) = %q", got)
	}
	if got := DaysLeft(fr, -3); got != "terminée depuis 3 jours" {
		t.Errorf("DaysLeft(-3) = %q", got)
	}
}

// TestGolden renders the dashboard with every alert about the campaign's data at the room an
// 80×24 terminal leaves it in both languages, and a 160×48 one in English, compared with
// testdata/TestGolden/<case>-<size>-<lang>.golden; go test -update rewrites those.
func TestGolden(t *testing.T) {
	st := loaded()
	st.DaysLeft, st.Unmatched, st.GeographyStale, st.Consents, st.Opposition = days(12), 29, true, 310, 42
	st.Overdue = []canvass.OverdueTurf{{Plan: "est", Turf: 2, Volunteer: "Équipe A", Date: "2026-11-20"}}
	for _, lang := range i18n.Langs {
		m := newAuditedDashboard(t, i18n.New(lang), fixed(st, nil), func(context.Context) (canvass.AuditCheck, error) {
			return canvass.AuditCheck{Entries: 57, BrokenAt: 23, Problem: "its hash does not match its content"}, nil
		})
		tuitest.GoldenScreenLang(t, "alerts", lang, m)
	}
}
