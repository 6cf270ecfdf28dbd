package planner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// today is the date every test lives on.
var today = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// areasOf is an invented town's areas per level; neighborhoods come in two layers.
var areasOf = map[string][]canvass.AreaStats{
	"constituency": {{ID: "9901", Name: "9901", Layer: "circonscriptions", Voters: 3770, Doors: 1632}},
	"neighborhood": {
		{ID: "0001", Name: "MAIRIE", Layer: "bureaux", Voters: 704, Doors: 302},
		{ID: "0002", Name: "ECOLE JULES FERRY", Layer: "bureaux", Voters: 606, Doors: 263},
		{ID: "1", Name: "Centre-Bourg", Layer: "quartiers", Voters: 1269, Doors: 523},
		{ID: "2", Name: "La Gare", Layer: "quartiers", Voters: 859, Doors: 387},
		{ID: "3", Name: "Les Tilleuls", Layer: "quartiers", Voters: 1642, Doors: 722},
	},
	"street": {
		{ID: "99501_0020", Name: "Allée des Charmes", Layer: "ban", Voters: 23, Doors: 17},
		{ID: "99501_0050", Name: "Avenue de l'Abreuvoir", Layer: "ban", Voters: 172, Doors: 51},
	},
}

// demoPlan is a plan as BuildPlan returns it: three turfs, the first walking three streets.
func demoPlan(name string) canvass.Plan {
	stop := func(id, street string, side turf.Side, from, to string, doors, voters int) canvass.Stop {
		return canvass.Stop{StreetID: id, Street: street, Side: side, From: from, To: to, Doors: doors, Voters: voters}
	}
	return canvass.Plan{Name: name, Level: "neighborhood", Layer: "quartiers", Rule: "all", Areas: []string{"1", "2"},
		Measure: "doors", Target: 100, CreatedAt: "2026-11-26T10:00:00Z",
		Metrics: turf.Metrics{CV: 0.065, MaxDeviation: 0.14, MetresPerDoor: 31.2, StreetsSplit: 4, Streets: 12},
		Turfs: []canvass.Turf{
			{ID: 1, Area: "1", Doors: 114, Voters: 304, Metres: 3725.4, Minutes: 316.2, Stops: []canvass.Stop{
				stop("99501_0100", "Rue de la Croix Blanche", turf.Both, "2", "33", 38, 121),
				stop("99501_0110", "Rue du Puits", turf.Both, "20", "1", 20, 33),
				stop("99501_0120", "Quai des Lavandières", turf.Even, "18", "50", 17, 45),
				stop("99501_0100", "Rue de la Croix Blanche", turf.Both, "56", "44", 39, 105),
			}},
			{ID: 2, Area: "1", Doors: 96, Voters: 241, Metres: 2576, Minutes: 251, Volunteer: "Équipe Gare", Date: "2026-12-05",
				Stops: []canvass.Stop{
					stop("99501_0200", "Boulevard du 8 Mai 1945", turf.Even, "62", "2", 34, 121),
					stop("99501_0200", "Boulevard du 8 Mai 1945", turf.Odd, "1", "63", 62, 120),
				}},
			{ID: 3, Area: "2", Doors: 99, Voters: 262, Metres: 3072, Minutes: 271, Stops: []canvass.Stop{
				stop("99501_0300", "Rue Saint-Roch", turf.Both, "34", "61", 99, 262),
			}},
		}}
}

type assignment struct {
	plan            string
	turf            int
	volunteer, date string
}

// fake is a campaign the test steers: it records what the screen asks and answers with what
// the test set. BuildPlan waits on gate when the test set one, to look at the screen meanwhile.
type fake struct {
	mu         sync.Mutex
	builds     []canvass.PlanRequest
	buildErr   error
	gate       chan struct{}
	stored     []canvass.PlanSummary
	opened     []string
	reruns     []string
	deleted    []string
	assigned   []assignment
	outcomes   []canvass.Outcome
	outcomeErr error
	previews   []canvass.PlanRequest
	starts     []string
	imported   []string // results imported: their names
}

// extent is the fake campaign's: around Valbrune. A start outside it is refused, as canvass does.
var extent = orb.Bound{Min: orb.Point{2.50, 46.78}, Max: orb.Point{2.60, 46.84}}

func (f *fake) ResolveStart(_ context.Context, text string) (canvass.StartPoint, error) {
	f.mu.Lock()
	f.starts = append(f.starts, text)
	f.mu.Unlock()
	var a, b float64
	if _, err := fmt.Sscanf(strings.ReplaceAll(text, " ", ""), "%g,%g", &a, &b); err != nil {
		return canvass.StartPoint{Point: orb.Point{2.5429, 46.8124}, Found: "Place de la Mairie (street)"}, nil
	}
	switch {
	case extent.Contains(orb.Point{a, b}):
		return canvass.StartPoint{Point: orb.Point{a, b}, Found: "longitude, latitude"}, nil
	case extent.Contains(orb.Point{b, a}):
		return canvass.StartPoint{Point: orb.Point{b, a}, Found: "latitude, longitude"}, nil
	}
	return canvass.StartPoint{}, canvass.Usage("usage.text", "Text", fmt.Sprintf("start %q is outside the campaign's area", text))
}

func (f *fake) PreviewPlan(_ context.Context, req canvass.PlanRequest) (canvass.Plan, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.previews = append(f.previews, req)
	p := demoPlan(req.Name)
	if req.Measure == turf.Minutes {
		p.Measure = "minutes"
	}
	return p, nil
}

// PersonalList decides with the policy on a list where everyone asked is a voter and only the
// first has a door-to-door consent.
func (f *fake) PersonalList(_ context.Context, name string, people []canvass.Person, on string, _ canvass.PersonalListOptions) (canvass.PersonalList, error) {
	facts := policy.Facts{Controller: "Comité Essai", On: on, Addresses: policy.NewAddresses(nil)}
	for i, p := range people {
		who := p.Identity
		facts.Voters = append(facts.Voters, data.VoterMatch{ID: int64(i + 1), Line: i + 2, BirthName: who.BirthName,
			GivenNames: who.GivenNames, BirthDate: who.BirthDate, Number: who.Number, Street: who.Street, Postcode: who.Postcode})
	}
	facts.Consents = []data.Consent{{ID: 1, Contact: people[0].Identity, Kind: "regular", Channel: data.ChannelDoor,
		Purpose: "communication politique", Controller: "Comité Essai", GivenOn: "2026-01-01", Source: "site web"}}
	return policy.NewChecker(facts).List(name, people), nil
}

func (f *fake) ExportPersonal(_ context.Context, list canvass.PersonalList, dir string, _ []string) ([]string, error) {
	return []string{dir + "/" + list.Name() + ".csv"}, nil
}

func (f *fake) ImportOutcomes(_ context.Context, r io.Reader, name string) (canvass.OutcomeReport, error) {
	b, _ := io.ReadAll(r)
	if !strings.HasPrefix(string(b), "PAP1") {
		return canvass.OutcomeReport{}, errors.New(name + ": not the results of a field sheet")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.imported = append(f.imported, name)
	return canvass.OutcomeReport{File: name, Plan: "est", Turf: 2, Doors: 3, Saved: data.FieldSaved{Doors: 3, Objections: 1}}, nil
}

func (f *fake) Areas(_ context.Context, level string) ([]canvass.AreaStats, error) {
	return areasOf[level], nil
}

func (f *fake) BuildPlan(_ context.Context, req canvass.PlanRequest) (canvass.Plan, error) {
	f.mu.Lock()
	f.builds = append(f.builds, req)
	gate, err := f.gate, f.buildErr
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if err != nil {
		return canvass.Plan{}, err
	}
	p := demoPlan(req.Name)
	p.Level, p.Layer = req.Level, req.Layer
	return p, nil
}

func (f *fake) Plans(context.Context) ([]canvass.PlanSummary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]canvass.PlanSummary(nil), f.stored...), nil
}

func (f *fake) Plan(_ context.Context, name string) (canvass.Plan, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opened = append(f.opened, name)
	p := demoPlan(name)
	for i := range p.Turfs {
		p.Turfs[i].Area = "" // as canvass reads a stored plan back
	}
	return p, nil
}

func (f *fake) RerunPlan(_ context.Context, name string) (canvass.Plan, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reruns = append(f.reruns, name)
	return demoPlan(name), nil
}

func (f *fake) DeletePlan(_ context.Context, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deleted = append(f.deleted, name)
	for i, p := range f.stored {
		if p.Name == name {
			f.stored = append(f.stored[:i], f.stored[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("no plan %q", name)
}

func (f *fake) AssignTurf(_ context.Context, plan string, id int, volunteer, date string, _ ...canvass.Turf) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.assigned = append(f.assigned, assignment{plan, id, volunteer, date})
	return nil
}

func (f *fake) RecordOutcome(_ context.Context, _ string, _ int, o canvass.Outcome, _ ...canvass.Turf) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.outcomeErr != nil {
		return f.outcomeErr
	}
	f.outcomes = append(f.outcomes, o)
	return nil
}

// screen is a Plan builder on the fake campaign, driven as bubbletea drives it.
type screen struct {
	*Model
	h    *tuitest.Harness
	fake *fake
}

func newScreen(t *testing.T, f *fake) *screen {
	t.Helper()
	return newScreenIn(t, f, i18n.New(i18n.English))
}

// newScreenIn is the screen speaking p's language.
func newScreenIn(t *testing.T, f *fake, p *i18n.Printer) *screen {
	t.Helper()
	if f == nil {
		f = &fake{}
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := common.New(ctx, common.NewStyles(colorprofile.ASCII), p)
	c.Now = func() time.Time { return today }
	s := &screen{Model: New(c, f, t.TempDir()), fake: f}
	s.SetSize(80, 21)
	s.h = tuitest.ForScreen(t, s.Model)
	s.h.Run(s.Enter())
	s.waitFor(t, "[bureaux]")
	return s
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

func (s *screen) waitFor(t *testing.T, text string) {
	t.Helper()
	shown := false
	defer func() {
		if !shown { // Until failed the test: say what was on the screen instead
			t.Logf("the screen:\n%s", s.view())
		}
	}()
	s.h.Until(fmt.Sprintf("%q on the screen", text), func() bool { return strings.Contains(s.view(), text) })
	shown = true
}

// typeText types text into the field with focus, after clearing it.
func (s *screen) typeText(text string) {
	s.h.Press("ctrl+u")
	s.h.Type(text)
}

// goTo moves the form's focus to field f with tab and shift+tab, as a user would.
func (s *screen) goTo(t *testing.T, f field) {
	t.Helper()
	for range 20 {
		switch {
		case s.form.focused() == f:
			return
		case s.form.focused() < f:
			s.h.Press("tab")
		default:
			s.h.Press("shift+tab")
		}
	}
	t.Fatalf("field %d never got focus", f)
}

// build fills the form with a plan of the quartiers by rule, builds it and waits for its turfs.
func (s *screen) build(t *testing.T) {
	t.Helper()
	s.typeText("est")
	s.goTo(t, fieldLayer)
	s.h.Press("right") // quartiers
	s.goTo(t, fieldRule)
	s.typeText("all")
	s.h.Press("ctrl+s")
	s.h.Until("the plan built", func() bool { return s.step == stepResult })
}

func TestFormNavigation(t *testing.T) {
	s := newScreen(t, nil)
	if s.form.focused() != fieldName || s.Mode() != common.ModeTyping {
		t.Fatalf("the form should open on the name, typing; focus %d mode %d", s.form.focused(), s.Mode())
	}
	s.typeText("q?")
	if s.form.name.Value() != "q?" {
		t.Errorf("q and ? should be text in the name, got %q", s.form.name.Value())
	}
	s.h.Press("tab")
	if s.form.focused() != fieldKind || s.Mode() != common.ModeNormal {
		t.Fatalf("tab should reach what the plan is of, a choice where q quits; focus %d mode %d", s.form.focused(), s.Mode())
	}
	s.h.Press("tab")
	if v := s.view(); !strings.Contains(v, "[neighborhood]") || !strings.Contains(v, "[bureaux]  quartiers") {
		t.Errorf("the form should start on neighborhoods and their first layer:\n%s", v)
	}
	s.h.Press("right")
	s.waitFor(t, "[ban]") // the street level's own layers, read again
	if !strings.Contains(s.view(), "[street]") {
		t.Errorf("right should choose the street level:\n%s", s.view())
	}
	s.h.Press("left")
	s.waitFor(t, "[bureaux]  quartiers") // the layers are chosen among once read
	s.h.Press("tab", "right")
	s.waitFor(t, "[quartiers]")
	s.h.Press("tab", "right") // choose by areas by id
	if v := s.view(); !strings.Contains(v, "[areas by id]") || !strings.Contains(v, "ids: 1 Centre-Bourg · 2 La Gare · 3 Les Tilleuls") {
		t.Errorf("choosing by id should show the layer's ids:\n%s", v)
	}
	s.h.Press("tab")
	if s.form.focused() != fieldAreas || s.Mode() != common.ModeTyping {
		t.Errorf("after the choice comes the ids' field; focus %d", s.form.focused())
	}
	s.h.Press("esc")
	if s.Mode() != common.ModeNormal {
		t.Error("esc should leave the text field, so that the next esc leaves the screen")
	}
	if handled, _ := s.Back(); handled {
		t.Error("esc on the form should leave the screen")
	}
	if s.form.focused() != fieldLevel {
		t.Errorf("esc should leave the focus on the level; focus %d", s.form.focused())
	}
	s.h.Press("shift+tab", "shift+tab")
	if s.form.focused() != fieldName {
		t.Errorf("shift+tab should go back a field; focus %d", s.form.focused())
	}
	s.h.Press("shift+tab")
	if s.form.focused() != fieldBuild {
		t.Errorf("shift+tab on the first field should wrap to the button; focus %d", s.form.focused())
	}
}

func TestBuildSendsTheRequest(t *testing.T) {
	s := newScreen(t, nil)
	s.typeText("est-samedi")
	s.goTo(t, fieldLayer)
	s.h.Press("right")
	s.goTo(t, fieldRule)
	s.typeText("top 2 by abstention")
	s.goTo(t, fieldSize)
	s.typeText("80")
	s.h.Press("tab", "right") // voters
	s.h.Press("tab")
	s.typeText("46.8124, 2.5429") // as a map application copies a point: latitude first
	s.h.Press("enter")            // to the button
	if s.form.focused() != fieldBuild {
		t.Fatalf("enter in the last field should go to the button; focus %d", s.form.focused())
	}
	s.h.Press("enter")
	s.waitFor(t, "Built and stored plan \"est-samedi\": 3 turfs.")
	if v := strings.Join(strings.Fields(s.view()), " "); !strings.Contains(v, "Start: 46.8124, 2.5429, read as latitude, longitude") {
		t.Errorf("the notice should say how the start was read:\n%s", s.view())
	}
	want := canvass.PlanRequest{Name: "est-samedi", Level: "neighborhood", Layer: "quartiers", Rule: "top 2 by abstention",
		Measure: turf.Voters, Target: 80, Start: &orb.Point{2.5429, 46.8124}}
	if len(s.fake.builds) != 1 || !reflect.DeepEqual(s.fake.builds[0], want) {
		t.Errorf("requests %+v, want one %+v", s.fake.builds, want)
	}
	v := s.view()
	for _, w := range []string{
		"3 turfs · 309 doors · 807 voters",
		"CV 6.5% · max deviation 14.0% · 31.2 m per door · 4 of 12 streets split",
		"▸    1 1 Centre-…    114    304   3725  316       3",
		"     2 1 Centre-…     96    241   2576  251       1 Équipe Gare · 2026-12-05",
		"›    1 Rue de la Croix Blanche both  2–33              38    121",
		"     3 Quai des Lavandières    even  18–50             17     45",
	} {
		if !strings.Contains(v, w) {
			t.Errorf("the result lacks %q:\n%s", w, v)
		}
	}
}

func TestBuildByAreaIDs(t *testing.T) {
	s := newScreen(t, nil)
	s.typeText("gare")
	s.goTo(t, fieldBy)
	s.h.Press("right")
	s.h.Press("tab")
	s.typeText(" 2, 3 ,")
	s.h.Press("ctrl+s")
	s.waitFor(t, "Built and stored plan")
	if r := s.fake.builds[0]; !reflect.DeepEqual(r.Areas, []string{"2", "3"}) || r.Rule != "" || r.Layer != "bureaux" || r.Measure != turf.Doors || r.Target != 150 {
		t.Errorf("request %+v, want areas 2 and 3 of the first layer, 150 doors", r)
	}
}

func TestFormSaysWhatIsMissing(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(t *testing.T, s *screen)
		field field
		says  string
	}{
		{"no name", func(t *testing.T, s *screen) {}, fieldName, "Name the plan"},
		{"no rule", func(t *testing.T, s *screen) { s.typeText("x") }, fieldRule, "Give a rule"},
		{"no ids", func(t *testing.T, s *screen) {
			s.typeText("x")
			s.goTo(t, fieldBy)
			s.h.Press("right")
		}, fieldAreas, "Give the ids"},
		{"size", func(t *testing.T, s *screen) {
			s.typeText("x")
			s.goTo(t, fieldRule)
			s.typeText("all")
			s.goTo(t, fieldSize)
			s.typeText("0")
		}, fieldSize, "Turf size: expected a number of doors above 0"},
		{"start", func(t *testing.T, s *screen) {
			s.typeText("x")
			s.goTo(t, fieldRule)
			s.typeText("all")
			s.goTo(t, fieldStart)
			s.typeText("48.8632, 2.3985") // Paris: outside the campaign either way
		}, fieldStart, "outside the campaign's area"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newScreen(t, nil)
			c.fill(t, s)
			s.goTo(t, fieldMeasure) // away from the field to fix
			s.h.Press("ctrl+s")
			s.h.Settle()
			if len(s.fake.builds) != 0 {
				t.Fatalf("an incomplete plan was built: %+v", s.fake.builds)
			}
			if !strings.Contains(s.view(), c.says) || s.form.focused() != c.field {
				t.Errorf("want %q and focus on field %d, focus %d:\n%s", c.says, c.field, s.form.focused(), s.view())
			}
		})
	}
}

func TestRefusalShown(t *testing.T) {
	reason := `the rule "abstention > 40%" would choose 2 area(s) of fewer than 10 voters (99501_0420, 99501_0440) by an indicator`
	s := newScreen(t, &fake{buildErr: &canvass.RefusedError{Reason: reason, Rule: 1}})
	s.build0(t)
	s.waitFor(t, "✗ Refused (rule 1: targeting stays at area level)")
	v := s.view()
	if s.step != stepForm || !strings.Contains(strings.Join(strings.Fields(v), " "), reason) {
		t.Errorf("the refusal's reason should show in full on the form:\n%s", v)
	}
	s.h.Press("x") // typing again keeps the reason in view until the next build
	if !strings.Contains(s.view(), "✗ Refused (rule 1") {
		t.Error("the refusal went away while the organizer was fixing the rule")
	}
}

func TestUsageErrorShown(t *testing.T) {
	s := newScreen(t, &fake{buildErr: canvass.Usage("usage.text", "Text", `the rule "doors > 9000" selects no area`)})
	s.build0(t)
	s.waitFor(t, "✗ Cannot do that:")
	if !strings.Contains(s.view(), `• the rule "doors > 9000" selects no area`) {
		t.Errorf("the problem is not listed:\n%s", s.view())
	}
}

// build0 builds a plan the fake is set to fail.
func (s *screen) build0(t *testing.T) {
	t.Helper()
	s.typeText("x")
	s.goTo(t, fieldRule)
	s.typeText("abstention > 40%")
	s.h.Press("ctrl+s")
}

func TestBuildingIsBusy(t *testing.T) {
	f := &fake{gate: make(chan struct{})}
	s := newScreen(t, f)
	s.typeText("est")
	s.goTo(t, fieldRule)
	s.typeText("all")
	s.h.Press("ctrl+s")
	s.waitFor(t, `Building plan "est"…`)
	if s.Mode() != common.ModeBusy {
		t.Error("the screen should keep every key while the plan is built")
	}
	s.h.Press("esc", "n")
	if s.step != stepWorking {
		t.Error("keys changed the step while the plan was built")
	}
	close(f.gate)
	s.waitFor(t, "Turf 1: streets in walking order")
	if s.Mode() != common.ModeNormal {
		t.Error("the result should leave q and esc to the root")
	}
}

func TestAssign(t *testing.T) {
	s := newScreen(t, nil)
	s.build(t)
	s.h.Press("down", "down", "a") // turf 3
	s.waitFor(t, "Assign turf 3 (99 doors)")
	if s.Mode() != common.ModeTyping {
		t.Fatal("the dialog's fields should take q and esc")
	}
	s.typeText("Équipe Tilleuls")
	s.h.Press("tab")
	s.typeText("2026-13-01")
	s.h.Press("enter")
	s.waitFor(t, "✗ Date: expected jj/mm/aaaa or YYYY-MM-DD, e.g. 26/11/2026.")
	if len(s.fake.assigned) != 0 {
		t.Fatal("a bad date was saved")
	}
	s.typeText("06/12/2026") // as organizers write a date
	s.h.Press("enter")
	s.waitFor(t, "Turf 3 assigned to Équipe Tilleuls on 2026-12-06.")
	want := []assignment{{"est", 3, "Équipe Tilleuls", "2026-12-06"}}
	if !reflect.DeepEqual(s.fake.assigned, want) {
		t.Errorf("assigned %+v, want %+v", s.fake.assigned, want)
	}
	if !strings.Contains(s.view(), "1 Équipe Tilleuls · 2026-12-06") {
		t.Errorf("the turf's row does not show its volunteer:\n%s", s.view())
	}
	// The date left empty is today's, as the field shows.
	s.h.Press("up", "up", "a")
	s.typeText("Ana")
	s.h.Press("enter", "enter")
	s.waitFor(t, "Turf 1 assigned to Ana on 2026-11-26.")
	// esc closes the dialog without saving.
	s.h.Press("a", "esc")
	if s.result.dialog != nil || len(s.fake.assigned) != 2 {
		t.Errorf("esc should close the dialog and save nothing; assigned %+v", s.fake.assigned)
	}
}

func TestOutcome(t *testing.T) {
	s := newScreen(t, nil)
	s.build(t)
	s.h.Press("o")
	if s.result.pane != paneStreets || s.result.dialog != nil || !strings.Contains(s.view(), "Choose the street") {
		t.Fatalf("o on the turfs should go to the streets to choose one:\n%s", s.view())
	}
	s.h.Press("down", "down", "o")
	s.waitFor(t, "Outcome of Quai des Lavandières, even side 18–50 (17 doors), turf 1")
	s.typeText("12")
	s.h.Press("tab")
	s.typeText("5")
	s.h.Press("tab")
	s.typeText("7")
	s.h.Press("enter")
	s.waitFor(t, "Recorded on Quai des Lavandières (turf 1): 12 knocked, 5 answered, 7 leaflets.")
	want := []canvass.Outcome{{StreetID: "99501_0120", Knocked: 12, Answered: 5, Leaflets: 7}}
	if !reflect.DeepEqual(s.fake.outcomes, want) {
		t.Errorf("outcomes %+v, want %+v", s.fake.outcomes, want)
	}
}

func TestOutcomeRefusedKeepsTheDialog(t *testing.T) {
	s := newScreen(t, &fake{outcomeErr: canvass.Usage("usage.text", "Text", "more doors answered than knocked")})
	s.build(t)
	s.h.Press("tab", "o")
	s.typeText("x")
	s.h.Press("enter", "enter", "enter")
	s.waitFor(t, "✗ Knocked: expected a whole number of doors, 0 or more.")
	s.typeText("1")
	s.h.Press("tab")
	s.typeText("3")
	s.h.Press("ctrl+s")
	s.waitFor(t, "✗ more doors answered than knocked")
	if s.result.dialog == nil {
		t.Error("the dialog closed on a refused outcome: the values typed would be lost")
	}
}

// TestOutcomeFailures: the dialog says why the campaign did not take the values, in the screen's
// words (common.ProblemText reworded: a flag named as the field).
func TestOutcomeFailures(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&canvass.RefusedError{Reason: "give --date for a team lead"}, "✗ refused: give Date for a team lead"},
		{errors.New("disk I/O error"), "✗ Not saved: disk I/O error"},
	} {
		s := newScreen(t, &fake{outcomeErr: c.err})
		s.build(t)
		s.h.Press("tab", "o")
		s.typeText("1")
		s.h.Press("ctrl+s")
		s.waitFor(t, c.want)
	}
}

func TestStoredPlans(t *testing.T) {
	f := &fake{stored: []canvass.PlanSummary{
		{Name: "est", Level: "neighborhood", Rule: "all", Turfs: 16, Doors: 1632, Voters: 3770, CreatedAt: "2026-11-26T09:00:00Z"},
		{Name: "gare", Level: "neighborhood", Rule: "areas 2", Turfs: 4, Doors: 387, Voters: 859, CreatedAt: "2026-11-25T09:00:00Z"},
	}}
	s := newScreen(t, f)
	s.h.Press("ctrl+o")
	s.waitFor(t, "gare")
	if !strings.Contains(s.view(), "▸ est            neighborhood    all") {
		t.Errorf("the list should show the plans, the first selected:\n%s", s.view())
	}
	s.h.Press("down", "enter")
	s.waitFor(t, "Turf 1: streets in walking order")
	if !reflect.DeepEqual(f.opened, []string{"gare"}) {
		t.Errorf("opened %v, want gare", f.opened)
	}
	if v := s.view(); strings.Contains(v, " area ") || !strings.Contains(v, "     2     96    241   2576  251       1 Équipe Gare · 2026-12-05") {
		t.Errorf("a plan without areas should leave the area column out:\n%s", v)
	}
	s.h.Press("p")
	s.waitFor(t, "Stored plans")
	s.h.Press("up", "d")
	s.waitFor(t, `Delete plan "est", its turfs`)
	s.h.Press("n")
	s.waitFor(t, "Nothing changed.")
	s.h.Press("r")
	if handled, _ := s.Back(); !handled || s.list.confirm != nil {
		t.Error("esc should drop the question, not leave the list")
	}
	s.h.Press("d", "y")
	s.waitFor(t, `Deleted plan "est".`)
	s.h.Until("the list read again", func() bool { return len(s.list.plans) == 1 })
	if !reflect.DeepEqual(f.deleted, []string{"est"}) {
		t.Errorf("deleted %v, want est", f.deleted)
	}
	s.h.Press("r")
	s.waitFor(t, `Rebuild plan "gare" on the current data?`)
	s.h.Press("y")
	s.waitFor(t, `Rebuilt plan "gare" on the current data: 3 turfs.`)
	if !reflect.DeepEqual(f.reruns, []string{"gare"}) {
		t.Errorf("reruns %v, want gare", f.reruns)
	}
	if handled, _ := s.Back(); !handled || s.step != stepForm {
		t.Error("esc from a plan should go back to the form")
	}
}

func TestEmptyPlansList(t *testing.T) {
	s := newScreen(t, nil)
	s.h.Press("ctrl+o")
	s.waitFor(t, "No plan stored yet: n describes one.")
	s.h.Press("enter", "d", "r") // nothing to act on
	if s.step != stepPlans || s.list.confirm != nil {
		t.Error("keys on an empty list should do nothing")
	}
	s.h.Press("n")
	if s.step != stepForm {
		t.Error("n should go to the form")
	}
}

// TestSmallSizes draws every step in terminals too small for it: nothing panics, nothing spills.
func TestSmallSizes(t *testing.T) {
	s := newScreen(t, &fake{stored: []canvass.PlanSummary{{Name: "ouest", Level: "street", Rule: "all", Turfs: 1}}})
	views := map[string]func(){
		"form":   func() {},
		"result": func() { s.build(t) },
		"dialog": func() { s.h.Press("a") },
		"plans":  func() { s.h.Press("esc", "p"); s.h.Settle() },
	}
	for _, name := range []string{"form", "result", "dialog", "plans"} {
		views[name]()
		for _, size := range [][2]int{{20, 10}, {1, 1}, {0, 0}, {80, 21}} {
			s.SetSize(size[0], size[1])
			tuitest.WantFits(t, name, s.View(), size[0], size[1])
		}
	}
}

func TestDeleteError(t *testing.T) {
	s := newScreen(t, &fake{stored: []canvass.PlanSummary{{Name: "est"}}})
	s.Update(deletedMsg{name: "est", err: errors.New("plan \"est\" is locked")})
	s.step = stepPlans
	if !strings.Contains(s.view(), `✗ Failed: plan "est" is locked`) {
		t.Errorf("a failed deletion is not shown:\n%s", s.view())
	}
}

func TestMarkedOnTheAreasScreen(t *testing.T) {
	s := newScreen(t, nil)
	s.build(t) // a plan on screen: marks bring the form back
	s.h.Send(areas.MarkedMsg{To: ID, Level: "neighborhood", Layer: "quartiers", IDs: []string{"1", "3"}})
	s.waitFor(t, "2 areas of quartiers marked on the Areas screen")
	s.waitFor(t, "[quartiers]")
	if s.step != stepForm || s.form.focused() != fieldBuild {
		t.Fatalf("the marks should open the form on its button, the plan being named:\n%s", s.view())
	}
	if v := s.view(); !strings.Contains(v, "[areas by id]") || !strings.Contains(v, "1,3") {
		t.Errorf("the marks should be the selection:\n%s", v)
	}
	s.h.Press("enter")
	s.h.Until("the second build", func() bool { return len(s.fake.builds) == 2 })
	if r := s.fake.builds[1]; r.Layer != "quartiers" || !reflect.DeepEqual(r.Areas, []string{"1", "3"}) || r.Rule != "" {
		t.Errorf("request %+v, want areas 1 and 3 of quartiers", r)
	}

	// Nothing marked: the level looked at is taken, on the form only.
	s.h.Send(areas.MarkedMsg{To: ID, Level: "street"})
	if s.form.level() != "neighborhood" {
		t.Error("a level without marks changed the plan on screen's form")
	}
	s.h.Until("the plan", func() bool { return s.step == stepResult })
	s.Back()
	s.h.Send(areas.MarkedMsg{To: ID, Level: "street"})
	s.waitFor(t, "[ban]")
}

// TestAreaIDsHint lists the ids with their names while they fit beside the field, then the ids
// alone, then as many as fit.
func TestAreaIDsHint(t *testing.T) {
	s := newScreen(t, nil)
	s.goTo(t, fieldLevel)
	s.h.Press("right")
	s.waitFor(t, "[ban]")
	s.goTo(t, fieldBy)
	s.h.Press("right")
	if v := s.view(); !strings.Contains(v, "ids: 99501_0020, 99501_0050\n") {
		t.Errorf("the streets' names do not fit in 80 columns: their ids alone should show:\n%s", v)
	}
	s.SetSize(40, 21)
	if v := s.view(); !strings.Contains(v, "ids: 99501_00, … (2 areas)") {
		t.Errorf("in 40 columns the hint should say how many areas there are:\n%s", v)
	}
}

// storedEst is a campaign holding a plan named "est", and the screen on it with the form filled
// in for a plan of that name.
func storedEst(t *testing.T) *screen {
	t.Helper()
	s := newScreen(t, &fake{stored: []canvass.PlanSummary{{Name: "est", Level: "neighborhood", Rule: "all", Turfs: 16}}})
	s.h.Until("the stored plans read", func() bool { return s.list.read })
	s.typeText("est")
	s.goTo(t, fieldRule)
	s.typeText("all")
	return s
}

func TestBuildingOverAStoredPlanAsksFirst(t *testing.T) {
	s := storedEst(t)
	s.h.Press("ctrl+s")
	s.waitFor(t, "y builds it; any other key goes back to the form")
	v := strings.Join(strings.Fields(s.view()), " ")
	for _, w := range []string{`Plan "est" would make 3 turfs of 96 to 114 doors each (309 doors in all).`,
		`It replaces the stored plan "est": its turfs and their assignments. The outcomes already recorded stay in the coverage.`} {
		if !strings.Contains(v, w) {
			t.Errorf("the question lacks %q:\n%s", w, s.view())
		}
	}
	if len(s.fake.builds) != 0 || len(s.fake.previews) != 1 {
		t.Fatalf("%d builds and %d previews before the answer, want 0 and 1", len(s.fake.builds), len(s.fake.previews))
	}
	s.h.Press("y")
	s.waitFor(t, `Built and stored plan "est"`)
	if len(s.fake.builds) != 1 {
		t.Errorf("%d builds, want 1 once confirmed", len(s.fake.builds))
	}
}

// TestConfirmationDisarms: a build waiting for its yes is dropped by any other key, by esc, by a
// start picked on the map or areas marked on the Areas screen; a y that comes after builds nothing,
// and ctrl+s asks again.
func TestConfirmationDisarms(t *testing.T) {
	for _, c := range []struct {
		name  string
		drop  func(s *screen)
		typed bool // the key that dropped the build is not typed into the form either
	}{
		{"a key", func(s *screen) { s.h.Press("x") }, true},
		{"ctrl+s", func(s *screen) { s.h.Press("ctrl+s") }, true},
		{"esc", func(s *screen) { s.Back() }, true},
		{"a start from the map", func(s *screen) { s.h.Send(StartMsg{Text: "46.81, 2.55"}) }, false},
		{"areas marked", func(s *screen) {
			s.h.Send(areas.MarkedMsg{Level: "neighborhood", Layer: "quartiers", IDs: []string{"2"}})
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := storedEst(t)
			before := s.form.rule.Value()
			s.h.Press("ctrl+s")
			s.waitFor(t, "y builds it")
			c.drop(s)
			s.h.Settle()
			if s.form.pending != nil {
				t.Fatalf("the build is still waiting for a yes:\n%s", s.view())
			}
			if c.typed && s.form.rule.Value() != before {
				t.Errorf("the key that dropped the build changed the form: rule %q", s.form.rule.Value())
			}
			s.h.Press("y")
			s.h.Settle()
			if len(s.fake.builds) != 0 {
				t.Fatalf("a y after the build was dropped built it: %+v", s.fake.builds)
			}
		})
	}
}

// TestSwappedStartNeverTouchesAStoredPlan: a start outside the campaign is refused before any
// question is asked, and nothing is previewed or built.
func TestSwappedStartNeverTouchesAStoredPlan(t *testing.T) {
	s := storedEst(t)
	s.goTo(t, fieldStart)
	s.typeText("48.8632, 2.3985")
	s.h.Press("ctrl+s")
	s.waitFor(t, "outside the campaign's area")
	s.h.Press("y")
	s.h.Settle()
	if len(s.fake.builds)+len(s.fake.previews) != 0 || s.form.pending != nil {
		t.Errorf("a refused start went on: %d builds, %d previews", len(s.fake.builds), len(s.fake.previews))
	}
}

// TestTurfCountAndMinutes: a number of turfs goes to the campaign as a count; a size in minutes is
// shown, with the number of turfs it makes, before it is built.
func TestTurfCountAndMinutes(t *testing.T) {
	s := newScreen(t, nil)
	s.typeText("samedi")
	s.goTo(t, fieldRule)
	s.typeText("top 3 by abstention")
	s.goTo(t, fieldSize)
	s.typeText("6")
	s.goTo(t, fieldMeasure)
	s.h.Press("left") // turfs
	s.waitFor(t, "turfs in all, one per volunteer")
	s.h.Press("ctrl+s")
	s.waitFor(t, `Built and stored plan "samedi"`)
	if r := s.fake.builds[0]; r.Count != 6 || r.Target != 0 || r.Measure != turf.Doors {
		t.Errorf("request %+v, want 6 turfs balanced in doors", r)
	}
	s.h.Press("n")
	s.goTo(t, fieldSize)
	s.typeText("2.5")
	s.h.Press("ctrl+s")
	s.waitFor(t, "expected a whole number of turfs")
	s.typeText("120")
	s.goTo(t, fieldMeasure)
	s.h.Press("left") // minutes
	s.h.Press("ctrl+s")
	s.waitFor(t, `Plan "samedi" would make 3 turfs of 251 to 316 minutes each`)
	if len(s.fake.builds) != 1 {
		t.Fatalf("a plan in minutes was built before its number of turfs was shown")
	}
	s.h.Press("y")
	s.waitFor(t, `Built and stored plan "samedi"`)
	if r := s.fake.builds[1]; r.Measure != turf.Minutes || r.Target != 120 {
		t.Errorf("request %+v, want 120 minutes", r)
	}
}

func TestPersonalList(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demandes.csv")
	if err := os.WriteFile(path, []byte("nom_naissance;prenoms;date_naissance;voie\nEXEMPLEAU;Aurore;17/03/1979;Rue des Exemples\nESSAI;Paul;01/02/1960;\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := newScreen(t, nil)
	s.h.Send(PeopleMsg{Path: path}) // as the Import screen sends a request file
	s.waitFor(t, "[ Make the list ]")
	if s.form.name.Value() != "demandes" || s.form.focused() != fieldDay {
		t.Errorf("the list should be named after the file, the cursor on its day: %q, focus %d", s.form.name.Value(), s.form.focused())
	}
	s.typeText("31/02/2026")
	s.h.Press("ctrl+s")
	s.waitFor(t, "Visit on: expected a date, jj/mm/aaaa")
	s.typeText("05/12/2026")
	s.h.Press("ctrl+s")
	s.waitFor(t, `List "demandes" for 2026-12-05: 1 of 2 requested may be visited by name.`)
	tuitest.WantText(t, s.view(), "no consent         1", "EXEMPLEAU Aurore, Rue des Exemples", "demandes.csv")
}

func TestImportResults(t *testing.T) {
	s := newScreen(t, nil)
	s.build(t)
	s.h.Press("i")
	s.waitFor(t, "Paste the text the volunteer sent")
	s.h.Press("ctrl+s")
	s.waitFor(t, "Nothing to import")
	s.h.Type("not results")
	s.h.Press("ctrl+s")
	s.waitFor(t, "not the results of a field sheet")
	s.h.Press("ctrl+u") // the line typed so far
	for _, r := range "PAP1 c=1 f=2 t=2 p=est" {
		s.h.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s.h.Press("ctrl+s")
	s.waitFor(t, `Imported results of turf 2 of plan "est": 3 door outcomes`)
	if len(s.fake.imported) != 1 || s.fake.imported[0] != "pasted text" {
		t.Errorf("imported %v, want the pasted text once", s.fake.imported)
	}
}
