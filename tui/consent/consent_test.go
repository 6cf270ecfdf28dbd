package consent

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// today is the campaign's date in every test.
const today = "2026-11-26"

// todayFR is today as the forms show it, jj/mm/aaaa.
const todayFR = "26/11/2026"

// fake is a campaign that answers each check with verdict and records what the screen asks.
type fake struct {
	mu          sync.Mutex
	verdict     canvass.Verdict
	fail        error // returned by every record
	withdrawn   int   // how many records a withdrawal changes
	checks      []checkCall
	consents    []canvass.Consent
	withdrawals []checkCall
	objections  []canvass.Opposition
}

type checkCall struct {
	who canvass.Identity
	on  string
}

func (f *fake) CheckConsent(_ context.Context, who canvass.Identity, on string) (canvass.Verdict, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checks = append(f.checks, checkCall{who, on})
	return f.verdict, nil
}

func (f *fake) RecordConsent(_ context.Context, cs canvass.Consent) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.consents = append(f.consents, cs)
	return nil
}

func (f *fake) WithdrawConsent(_ context.Context, who canvass.Identity, on string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return 0, f.fail
	}
	f.withdrawals = append(f.withdrawals, checkCall{who, on})
	return f.withdrawn, nil
}

func (f *fake) RecordOpposition(_ context.Context, o canvass.Opposition) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.objections = append(f.objections, o)
	return nil
}

// FindAddress knows one door: 12 Rue des Exemples, 99999, however it is written.
func (f *fake) FindAddress(_ context.Context, number, street, postcode string) (canvass.Address, error) {
	if number != "12" || !strings.EqualFold(street, "rue des exemples") || (postcode != "" && postcode != "99999") {
		return canvass.Address{}, canvass.Usage("usage.text", "Text", "no address "+number+" "+street+" in the campaign's addresses (BAN)")
	}
	return canvass.Address{Number: "12", Street: "Rue des Exemples", Postcode: "99999"}, nil
}

func (f *fake) Settings(context.Context) (canvass.Settings, error) {
	return canvass.Settings{Controller: "Comité Essai"}, nil
}

func (f *fake) Today() string { return today }

// calls returns how many checks, consents, withdrawals and objections the screen asked for.
func (f *fake) calls() (int, int, int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.checks), len(f.consents), len(f.withdrawals), len(f.objections)
}

var (
	eligible = canvass.Verdict{Eligible: true, VoterLine: 1234,
		Explanation: "door-to-door consent given on 2026-10-02 (source: stand, proof: F-12)"}
	noConsent = canvass.Verdict{Reason: policy.NoConsent, Explanation: "no consent recorded for this person", VoterLine: 1234}
)

// screen is a Consent screen on a fake campaign, at the size an 80×24 terminal leaves it.
type screen struct {
	*Model
	h    *tuitest.Harness
	fake *fake
}

func newScreen(t *testing.T, v canvass.Verdict) *screen {
	t.Helper()
	return newScreenIn(t, &fake{verdict: v}, i18n.New(i18n.English))
}

// newScreenIn is the screen on f, speaking p's language.
func newScreenIn(t *testing.T, f *fake, p *i18n.Printer) *screen {
	t.Helper()
	s := &screen{fake: f}
	c := common.New(context.Background(), common.NewStyles(colorprofile.ASCII), p)
	s.Model = New(c, s.fake)
	s.SetSize(80, 21)
	s.h = tuitest.ForScreen(t, s.Model)
	s.h.Run(s.Enter())
	s.h.Until("the controller", func() bool { return s.controller != "" })
	return s
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

// fill types the identity form's fields in order, tab between them; "" leaves one as it is.
func (s *screen) fill(values ...string) {
	for i, v := range values {
		if i > 0 {
			s.h.Press("tab")
		}
		s.h.Type(v)
	}
}

// checkPerson checks Aurore Exemplé at her address and waits for the verdict.
func (s *screen) checkPerson(t *testing.T) {
	t.Helper()
	s.fill("EXEMPLEAU", "Aurore Marie", "17/03/1979", "12 bis", "Rue des Exemples", "99999")
	s.h.Press("enter")
	s.h.Until("the verdict", func() bool { return s.step == stepVerdict && !s.busy })
}

func TestCheckEligible(t *testing.T) {
	s := newScreen(t, eligible)
	if s.Mode() != common.ModeTyping {
		t.Fatal("the birth name has focus on arrival, yet q would quit")
	}
	s.checkPerson(t)
	want := checkCall{canvass.Identity{BirthName: "EXEMPLEAU", GivenNames: "Aurore Marie", BirthDate: "1979-03-17",
		Number: "12 bis", Street: "Rue des Exemples", Postcode: "99999"}, today}
	if len(s.fake.checks) != 1 || s.fake.checks[0] != want {
		t.Fatalf("checks %+v, want one of %+v", s.fake.checks, want)
	}
	tuitest.WantText(t, s.view(), "✓ ELIGIBLE: may be visited by name on 2026-11-26",
		"Why: door-to-door consent given on 2026-10-02 (source: stand, proof: F-12).", "line 1234")
	if strings.Contains(s.view(), "NOT ELIGIBLE") {
		t.Error("an eligible verdict reads as refused")
	}
	if s.Mode() != common.ModeNormal {
		t.Error("the verdict has no text field, yet q would be text")
	}
}

func TestCheckRefusedShowsTheReason(t *testing.T) {
	s := newScreen(t, noConsent)
	s.checkPerson(t)
	tuitest.WantText(t, s.view(), "✗ NOT ELIGIBLE (no consent): may not be visited by name on 2026-11-26",
		"Why: no consent recorded for this person.")
	s.h.Press("enter") // check someone else: the form is kept as typed
	if s.step != stepIdentity || s.birthName.value() != "EXEMPLEAU" {
		t.Errorf("enter should go back to the form as typed, step %v, name %q", s.step, s.birthName.value())
	}
}

func TestVisitDateIsTodayUnlessTyped(t *testing.T) {
	s := newScreen(t, noConsent)
	s.fill("EXEMPLEAU", "Aurore", "1979-03-17", "", "", "")
	s.h.Press("tab")
	for range len(today) {
		s.h.Press("backspace")
	}
	s.h.Type("05/12/2026")
	s.h.Press("enter")
	s.h.Until("the verdict", func() bool { return s.step == stepVerdict })
	if got := s.fake.checks[0].on; got != "2026-12-05" {
		t.Errorf("visit date %q, want 2026-12-05", got)
	}
	if s.fake.checks[0].who.HasAddress() {
		t.Error("no address typed, yet one was sent")
	}
}

// An attribute filter typed as a name is a name: it is sent as it is, to check one person of
// that name, and nothing else is asked of the campaign (which finds nobody: see the e2e test).
func TestAttributeFilterIsOnlyAName(t *testing.T) {
	s := newScreen(t, canvass.Verdict{Reason: policy.NotOnList,
		Explanation: "nobody on the electoral list has this birth name, given names and birth date"})
	s.fill("age>60", "*", "01/01/1960")
	s.h.Press("enter")
	s.h.Until("the verdict", func() bool { return s.step == stepVerdict })
	if c := s.fake.checks; len(c) != 1 || c[0].who.BirthName != "age>60" || c[0].who.GivenNames != "*" {
		t.Fatalf("checks %+v, want one for the name as typed", c)
	}
	tuitest.WantText(t, s.view(), "NOT ELIGIBLE (not on list)")
}

func TestValidationErrorsAreShown(t *testing.T) {
	cases := []struct {
		name   string
		values []string
		want   []string
	}{
		{"empty", nil, []string{"Birth name: required", "Given names: required", "Birth date: required"}},
		{"bad birth date", []string{"EXEMPLEAU", "Aurore", "yesterday"}, []string{"Birth date: expected jj/mm/aaaa"}},
		{"number without street", []string{"EXEMPLEAU", "Aurore", "17/03/1979", "12"}, []string{"Street: required with a number"}},
		{"bad visit date", []string{"EXEMPLEAU", "Aurore", "17/03/1979", "", "", "", "x"}, []string{"Visit on: expected jj/mm/aaaa"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newScreen(t, eligible)
			s.fill(c.values...)
			s.h.Press("enter")
			s.h.Settle()
			if s.step != stepIdentity || len(s.fake.checks) != 0 {
				t.Fatalf("a bad form was checked (step %v, %d checks)", s.step, len(s.fake.checks))
			}
			tuitest.WantText(t, s.view(), c.want...)
		})
	}
}

func TestRecordConsent(t *testing.T) {
	s := newScreen(t, noConsent)
	s.checkPerson(t)
	s.h.Press("c")
	tuitest.WantText(t, s.view(), "Record a consent", "EXEMPLEAU Aurore Marie", "[porte-a-porte]",
		"communication politique", "Comité Essai", todayFR)
	if s.Mode() != common.ModeNormal {
		t.Error("the channel picker has focus, yet the screen says it is typing")
	}
	for range 5 {
		s.h.Press("right") // reseau social
	}
	s.h.Press("enter")
	tuitest.WantText(t, s.view(), "Network: name the social network")
	if _, n, _, _ := s.fake.calls(); n != 0 {
		t.Fatal("a consent without its network's name was recorded")
	}
	s.h.Press("tab")
	s.h.Type("Mastodon")
	for range 4 {
		s.h.Press("tab") // purpose, controller, given on, source
	}
	s.h.Type("stand")
	s.h.Press("tab", "tab") // proof, expires
	s.h.Type("31/12/2027")
	s.h.Press("tab", "right") // occasional
	s.fake.verdict = eligible
	s.h.Press("enter")
	s.h.Until("the new verdict", func() bool { c, _, _, _ := s.fake.calls(); return c == 2 && !s.busy })
	got := s.fake.consents[0]
	want := canvass.Consent{Contact: s.fake.checks[0].who, Kind: "occasional", Channel: "reseau social: Mastodon",
		Purpose: "communication politique", Controller: "Comité Essai", GivenOn: today, Source: "stand", ExpiresOn: "2027-12-31"}
	if got != want {
		t.Errorf("consent\n%+v, want\n%+v", got, want)
	}
	tuitest.WantText(t, s.view(), "✓ Consent recorded (reseau social: Mastodon, occasional contact).", "✓ ELIGIBLE")
	s.h.Press("c") // the next record starts blank: nothing of this one is carried over
	if s.source.value() != "" || s.expires.value() != "" || s.kind.value() != "regular" || s.channel.value() != "porte-a-porte" {
		t.Errorf("the consent form kept the last record: source %q, expires %q, %s, %s",
			s.source.value(), s.expires.value(), s.kind.value(), s.channel.value())
	}
}

func TestRecordConsentRefusedByTheCampaign(t *testing.T) {
	s := newScreen(t, noConsent)
	s.checkPerson(t)
	s.fake.fail = canvass.Usage("usage.text", "Text", "a consent says its purpose and controller")
	s.h.Press("c", "enter")
	s.h.Until("the answer", func() bool { return !s.busy && s.notice != "" })
	if s.step != stepConsent {
		t.Errorf("a refused consent left the form (step %v)", s.step)
	}
	tuitest.WantText(t, s.view(), "✗ a consent says its purpose and controller")
}

func TestWithdraw(t *testing.T) {
	s := newScreen(t, eligible)
	s.fake.withdrawn = 2
	s.checkPerson(t)
	s.h.Press("w")
	tuitest.WantText(t, s.view(), "Record a withdrawal", "Withdrawn on", todayFR)
	if s.Mode() != common.ModeTyping {
		t.Error("the date has focus, yet q would quit")
	}
	s.fake.verdict = canvass.Verdict{Reason: policy.Withdrawn, Explanation: "consent withdrawn on " + today}
	s.h.Press("enter")
	s.h.Until("the new verdict", func() bool { c, _, _, _ := s.fake.calls(); return c == 2 && !s.busy })
	if w := s.fake.withdrawals; len(w) != 1 || w[0] != s.fake.checks[0] {
		t.Errorf("withdrawals %+v, want the person checked on %s", w, today)
	}
	tuitest.WantText(t, s.view(), "✓ Withdrawal recorded on 2026-11-26 (2 consent records).", "NOT ELIGIBLE (withdrawn)")
}

func TestWithdrawWithoutConsent(t *testing.T) {
	s := newScreen(t, noConsent)
	s.checkPerson(t)
	s.h.Press("w", "enter")
	s.h.Until("the new verdict", func() bool { c, _, _, _ := s.fake.calls(); return c == 2 && !s.busy })
	tuitest.WantText(t, s.view(), "! No consent was recorded for this person: nothing to withdraw.")
	if s.tone != toneWarn {
		t.Errorf("nothing withdrawn reads as tone %v, want a caution", s.tone)
	}
}

func TestOppositionAsksConfirmation(t *testing.T) {
	s := newScreen(t, eligible)
	s.checkPerson(t)
	s.h.Press("o", "tab")
	s.h.Type("STOP par SMS")
	s.h.Press("enter")
	tuitest.WantText(t, s.view(), "Record this objection for good?", "cannot be undone", "STOP from this person")
	s.h.Press("n")
	if _, _, _, n := s.fake.calls(); n != 0 || s.step != stepOppose {
		t.Fatalf("n should go back to the form without recording (%d recorded, step %v)", n, s.step)
	}
	s.h.Press("enter")
	s.fake.verdict = canvass.Verdict{Reason: policy.Opposed, Explanation: "objected on " + today}
	s.h.Press("y")
	s.h.Until("the new verdict", func() bool { c, _, _, _ := s.fake.calls(); return c == 2 && !s.busy })
	want := canvass.Opposition{Scope: canvass.ScopePerson, Who: s.fake.checks[0].who, Reason: "STOP par SMS"}
	if o := s.fake.objections; len(o) != 1 || o[0] != want {
		t.Errorf("objections %+v, want %+v", o, want)
	}
	tuitest.WantText(t, s.view(), "✓ Objection recorded: STOP from this person, for good.", "NOT ELIGIBLE (opposition)")
}

func TestDoNotKnockNamesOnlyTheAddress(t *testing.T) {
	s := newScreen(t, eligible)
	s.checkPerson(t)
	s.h.Press("o", "right", "enter")
	tuitest.WantText(t, s.view(), "do not knock at this address: everyone at 12 bis Rue des Exemples 99999")
	if s.Back(); s.step != stepOppose {
		t.Fatalf("esc on the confirmation should go back to the objection's form, step %v", s.step)
	}
	s.h.Press("enter", "y")
	s.h.Until("the record", func() bool { _, _, _, n := s.fake.calls(); return n == 1 })
	want := canvass.Opposition{Scope: canvass.ScopeAddress,
		Who: canvass.Identity{Number: "12 bis", Street: "Rue des Exemples", Postcode: "99999"}}
	if o := s.fake.objections[0]; o != want {
		t.Errorf("objection %+v, want %+v", o, want)
	}
}

// TestDoNotKnockByAddress records a neighbour's "don't knock at my door again" with no name, no
// birth date: the door, found in the campaign's addresses, confirmed, for good.
func TestDoNotKnockByAddress(t *testing.T) {
	s := newScreen(t, eligible)
	s.h.Press("ctrl+d")
	tuitest.WantText(t, s.view(), "Do not knock at an address", "Nobody is named")
	s.fill("12", "rue des exemplez")
	s.h.Press("enter")
	s.h.Until("the answer", func() bool { return !s.busy })
	tuitest.WantText(t, s.view(), "✗ no address 12 rue des exemplez")
	s.h.Press("backspace")
	s.h.Type("s")
	s.h.Press("enter")
	s.h.Until("the question", func() bool { return s.step == stepConfirm })
	tuitest.WantText(t, s.view(), "! Never knock at 12 Rue des Exemples, 99999 again?")
	s.h.Press("x") // neither yes nor no: nothing happens
	s.h.Press("y")
	s.h.Until("the record", func() bool { _, _, _, n := s.fake.calls(); return n == 1 })
	s.h.Settle()
	want := canvass.Opposition{Scope: canvass.ScopeAddress, Who: canvass.Identity{Number: "12", Street: "Rue des Exemples", Postcode: "99999"}}
	if o := s.fake.objections[0]; o != want {
		t.Errorf("objection %+v, want %+v", o, want)
	}
	if checks, _, _, _ := s.fake.calls(); checks != 0 || s.step != stepIdentity || s.knockStreet.value() != "" {
		t.Errorf("after the record: %d checks, step %v, street %q; want no check, the identity form, the door forgotten", checks, s.step, s.knockStreet.value())
	}
	tuitest.WantText(t, s.view(), "✓ Recorded, for good: do not knock at 12 Rue des Exemples, 99999.")
}

// TestLeavingForgetsThePerson: the screen left and opened again shows nothing of the person checked.
func TestLeavingForgetsThePerson(t *testing.T) {
	s := newScreen(t, eligible)
	s.checkPerson(t)
	s.Back() // to the identity form
	s.h.Press("esc")
	if handled, _ := s.Back(); handled {
		t.Fatal("esc on the identity form should leave the screen")
	}
	s.h.Run(s.Enter())
	s.h.Settle()
	v := s.view()
	for _, gone := range []string{"EXEMPLEAU", "Aurore", "17/03/1979", "Rue des Exemples", "ELIGIBLE"} {
		if strings.Contains(v, gone) {
			t.Errorf("%q is still on the screen after leaving it:\n%s", gone, v)
		}
	}
	if s.visitOn.value() != todayFR {
		t.Errorf("the visit date should stay today's, got %q", s.visitOn.value())
	}
}

func TestDoNotKnockNeedsAnAddress(t *testing.T) {
	s := newScreen(t, eligible)
	s.fill("EXEMPLEAU", "Aurore", "17/03/1979")
	s.h.Press("enter")
	s.h.Until("the verdict", func() bool { return s.step == stepVerdict })
	s.h.Press("o", "right", "enter")
	if s.step != stepOppose {
		t.Fatalf("an objection at no address went on to its confirmation")
	}
	tuitest.WantText(t, s.view(), "An objection at an address needs the address")
}

func TestTypingAndEscape(t *testing.T) {
	s := newScreen(t, eligible)
	s.h.Type("q?")
	if got := s.birthName.value(); got != "q?" {
		t.Errorf("birth name %q: q and ? should be text while typing", got)
	}
	s.h.Press("esc")
	if s.Mode() != common.ModeNormal {
		t.Error("esc should stop typing, so that q quits and esc leaves")
	}
	if handled, _ := s.Back(); handled {
		t.Error("esc on the form out of typing should leave the screen")
	}
	s.h.Press("tab")
	if s.Mode() != common.ModeTyping || s.identity.focus != 0 {
		t.Errorf("tab should give the first field the focus again (focus %d)", s.identity.focus)
	}
	s.h.Press("esc")
	s.h.Run(s.Enter()) // left with esc, then opened again from the dashboard
	s.h.Settle()
	if s.Mode() != common.ModeTyping || s.identity.focus != 0 {
		t.Errorf("opening the screen again should put the cursor in the birth name (focus %d)", s.identity.focus)
	}
}

func TestEscGoesBackAStep(t *testing.T) {
	s := newScreen(t, eligible)
	s.checkPerson(t)
	s.h.Press("w", "esc") // typing: the screen cancels
	if s.step != stepVerdict {
		t.Errorf("esc in the withdrawal should go back to the verdict, step %v", s.step)
	}
	s.h.Press("c") // the channel picker: normal mode, the root calls Back
	if handled, _ := s.Back(); !handled || s.step != stepVerdict {
		t.Errorf("Back from the consent form: handled %v, step %v", handled, s.step)
	}
	if handled, _ := s.Back(); !handled || s.step != stepIdentity {
		t.Errorf("Back from the verdict: handled %v, step %v", handled, s.step)
	}
}

func TestSmallSizes(t *testing.T) {
	s := newScreen(t, eligible)
	steps := []func(){
		func() {},
		func() { s.checkPerson(t) },
		func() { s.h.Press("c") },
		func() { s.h.Press("esc", "w") },
		func() { s.h.Press("esc", "o", "enter") },
	}
	for i, step := range steps {
		s.SetSize(80, 21)
		step()
		for _, size := range [][2]int{{20, 10}, {1, 1}, {0, 0}} {
			s.SetSize(size[0], size[1])
			tuitest.WantFits(t, fmt.Sprintf("step %d", i), s.View(), size[0], size[1])
		}
	}
}

// TestGolden renders the form and the two verdicts at the room an 80×24 and a 160×48 terminal
// leave a screen (three lines go to the title bar and the key help), compared with
// testdata/TestGolden/<case>-<size>.golden; go test -update rewrites those.
func TestGolden(t *testing.T) {
	// A volunteer, over SSH, may not record a consent: the refusal names the rule.
	access := policy.Refuse(0, "policy.access", "Name", "Lucie", "Role", i18n.Msg("policy.role.volunteer"),
		"Action", i18n.Msg("policy.action.consents"), "Why", i18n.Msg("policy.scope.volunteer"))
	cases := []struct {
		name    string
		verdict canvass.Verdict
		fail    error
		drive   func(s *screen)
	}{
		{"form", eligible, nil, func(s *screen) { s.fill("EXEMPLEAU", "Aurore Marie", "17/03/1979") }},
		{"eligible", eligible, nil, func(s *screen) { s.checkPerson(t) }},
		{"refused", noConsent, nil, func(s *screen) { s.checkPerson(t) }},
		{"consent-form", noConsent, nil, func(s *screen) { s.checkPerson(t); s.h.Press("c") }},
		{"opposition-confirm", noConsent, nil, func(s *screen) { s.checkPerson(t); s.h.Press("o", "right", "enter") }},
		{"consent-refused", noConsent, access, func(s *screen) {
			s.checkPerson(t)
			s.h.Press("c")
			s.h.Press("tab", "tab", "tab", "ctrl+u")
			s.h.Type("02/10/2026")
			s.h.Press("enter")
			s.h.Until("the refusal", func() bool { return !s.busy && s.notice != "" })
		}},
	}
	for _, c := range cases {
		tuitest.GoldenScreenLangs(t, c.name, func(t *testing.T, p *i18n.Printer) tuitest.Sized {
			s := newScreenIn(t, &fake{verdict: c.verdict, fail: c.fail}, p)
			c.drive(s)
			return s
		})
	}
}
