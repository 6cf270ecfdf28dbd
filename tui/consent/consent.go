// Package consent is the Consent screen, the one place of the interface where a person is looked
// up: by the identity the electoral list gives (birth name, given names, birth date, address), to
// check and explain whether they may be visited by name on a date, and to record their consent,
// its withdrawal, or their objection (DOMAIN.md rules 2–4).
//
// It offers no search by attribute and no list of voters: a check names one person, and a text
// such as "age>60" typed as a name is a name that nobody on the list has.
package consent

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// ID is the Consent screen's ID.
const ID common.ScreenID = "consent"

// Domain is what the screen asks of the campaign; *canvass.Campaign fits, tests use a fake.
type Domain interface {
	CheckConsent(ctx context.Context, who canvass.Identity, on string) (canvass.Verdict, error)
	RecordConsent(ctx context.Context, cs canvass.Consent) error
	WithdrawConsent(ctx context.Context, who canvass.Identity, on string) (int, error)
	RecordOpposition(ctx context.Context, o canvass.Opposition) error
	FindAddress(ctx context.Context, number, street, postcode string) (canvass.Address, error)
	Settings(ctx context.Context) (canvass.Settings, error)
	Today() string
}

// step is where the organizer is on the screen.
type step int

const (
	stepIdentity step = iota // typing who and the visit's date
	stepVerdict              // reading the policy's answer, choosing what to record
	stepConsent              // the consent's details
	stepWithdraw             // the withdrawal's date
	stepOppose               // the objection's scope and reason
	stepConfirm              // confirming the objection, which is permanent
	stepKnock                // a do-not-knock at an address, nobody named
)

// Channels are the consent channels offered, as canvass.RecordConsent reads them; a social
// network also needs its name.
var Channels = []string{"porte-a-porte", "email", "sms", "telephone", "courrier", "reseau social"}

// socialNetwork is the channel that needs a network's name.
const socialNetwork = "reseau social"

// Kinds of contact (DOMAIN.md rule 3), as canvass.Consent writes them.
var kinds = []string{"regular", "occasional"}

// scopes of an objection, in the order the form offers them.
var scopes = []string{canvass.ScopePerson, canvass.ScopeAddress}

// Model is the Consent screen.
type Model struct {
	common common.Common
	domain Domain
	keys   keyMap
	step   step
	busy   bool   // a call to the campaign is under way: enter is not taken twice
	notice string // one line: what is missing, what was recorded, what failed
	tone   tone

	controller string // the campaign's, the consent form's default

	identity                                                            form
	birthName, givenNames, birthDate, number, street, postcode, visitOn *field

	// The last check: who, on which date, and the answer.
	who     canvass.Identity
	on      string
	verdict canvass.Verdict
	checks  int // the number of the last check asked for; older answers are dropped

	consent                                                                           form
	channel, network, purpose, controllerField, givenOn, source, proof, expires, kind *field

	withdraw  form
	withdrawn *field

	oppose form
	scope  *field
	reason *field

	knock                                                form
	knockNumber, knockStreet, knockPostcode, knockReason *field
	knockAt                                              *canvass.Address // the door found, while its objection is confirmed
}

// New builds the Consent screen on the campaign's domain.
func New(c common.Common, d Domain) *Model {
	s, p := c.Styles, c.P
	text := func(label, placeholder string) *field { return newText(s, p.T(label), p.T(placeholder)) }
	m := &Model{common: c, domain: d, keys: defaultKeys(p)}
	m.birthName = text("tui.consent.label.birthname", "tui.consent.placeholder.birthname")
	m.givenNames = text("tui.consent.label.givennames", "tui.consent.placeholder.givennames")
	m.birthDate = text("tui.consent.label.birthdate", "tui.consent.placeholder.birthdate")
	m.number = text("tui.consent.label.number", "tui.consent.placeholder.number")
	m.street = text("tui.consent.label.street", "tui.consent.placeholder.street")
	m.postcode = text("tui.consent.label.postcode", "tui.consent.placeholder.optional")
	m.visitOn = text("tui.consent.label.visiton", "tui.consent.placeholder.date")
	m.identity.fields = []*field{m.birthName, m.givenNames, m.birthDate, m.number, m.street, m.postcode, m.visitOn}

	m.channel = newChoice(p.T("tui.consent.label.channel"), Channels...)
	m.network = text("tui.consent.label.network", "tui.consent.placeholder.network")
	m.network.when = func() bool { return m.channel.value() == socialNetwork }
	m.purpose = newText(s, p.T("tui.consent.label.purpose"), "")
	m.controllerField = newText(s, p.T("tui.consent.label.controller"), "")
	m.givenOn = text("tui.consent.label.givenon", "tui.consent.placeholder.date")
	m.source = text("tui.consent.label.source", "tui.consent.placeholder.source")
	m.proof = text("tui.consent.label.proof", "tui.consent.placeholder.proof")
	m.expires = text("tui.consent.label.expires", "tui.consent.placeholder.expires")
	m.kind = newChoice(p.T("tui.consent.label.kind"), kinds...)
	m.kind.names = []string{p.T("tui.consent.kind.regular"), p.T("tui.consent.kind.occasional")}
	m.consent.fields = []*field{m.channel, m.network, m.purpose, m.controllerField, m.givenOn, m.source, m.proof, m.expires, m.kind}

	m.withdrawn = text("tui.consent.label.withdrawn", "tui.consent.placeholder.date")
	m.withdraw.fields = []*field{m.withdrawn}

	m.scope = newChoice(p.T("tui.consent.label.objection"), describeScope(p, scopes[0]), describeScope(p, scopes[1]))
	m.reason = text("tui.consent.label.reason", "tui.consent.placeholder.reason")
	m.oppose.fields = []*field{m.scope, m.reason}
	m.knockNumber = text("tui.consent.label.number", "tui.consent.placeholder.knocknumber")
	m.knockStreet = text("tui.consent.label.street", "tui.consent.placeholder.knockstreet")
	m.knockPostcode = text("tui.consent.label.postcode", "tui.consent.placeholder.optional")
	m.knockReason = text("tui.consent.label.reason", "tui.consent.placeholder.reason")
	m.knock.fields = []*field{m.knockNumber, m.knockStreet, m.knockPostcode, m.knockReason}
	for _, f := range m.forms() {
		f.focus = -1
	}
	return m
}

// Enter reads the campaign's controller for the consent form's default and, on the identity
// form, puts the cursor in the birth name: the screen is entered to type a name.
func (m *Model) Enter() tea.Cmd {
	if m.visitOn.input.Value() == "" {
		m.visitOn.input.SetValue(m.today())
	}
	cmd := settingsCmd(m.common.Ctx, m.domain)
	if m.step == stepIdentity && m.identity.focus < 0 {
		return tea.Batch(m.identity.focusOn(0), cmd)
	}
	return cmd
}

// Update handles the keys of the current step and the campaign's answers.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case settingsMsg:
		if msg.err == nil {
			m.controller = msg.controller
		}
		return m, nil
	case checkedMsg:
		return m, m.checked(msg)
	case recordedMsg:
		return m, m.recorded(msg)
	case foundMsg:
		return m, m.found(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, m.active().update(msg)
}

// active is the form of the current step; the verdict and the confirmation have none.
func (m *Model) active() *form {
	switch m.step {
	case stepIdentity:
		return &m.identity
	case stepConsent:
		return &m.consent
	case stepWithdraw:
		return &m.withdraw
	case stepOppose:
		return &m.oppose
	case stepKnock:
		return &m.knock
	}
	return &form{focus: -1}
}

// forms are every form of the screen.
func (m *Model) forms() []*form {
	return []*form{&m.identity, &m.consent, &m.withdraw, &m.oppose, &m.knock}
}

// tone is how the notice reads: a success, a caution or a problem.
type tone int

const (
	tonePlain tone = iota
	toneGood
	toneWarn
	toneBad
)

// say sets the notice line.
func (m *Model) say(notice string, t tone) { m.notice, m.tone = notice, t }

// SetSize sets the area the screen may draw in.
func (m *Model) SetSize(width, height int) {
	m.common.SetSize(width, height)
	for _, f := range m.forms() {
		f.setWidth(width)
	}
}

// Back goes from a step back to the one before it; from the identity form the root leaves the
// screen.
func (m *Model) Back() (bool, tea.Cmd) {
	switch m.step {
	case stepIdentity:
		m.forget()
		return false, nil
	case stepKnock:
		m.step = stepIdentity
		m.say("", tonePlain)
		return true, m.identity.focusOn(0)
	case stepVerdict:
		m.step = stepIdentity
		m.say("", tonePlain)
		return true, m.identity.focusOn(0)
	case stepConfirm:
		if m.knockAt != nil {
			m.step, m.knockAt = stepKnock, nil
			m.say(m.common.P.T("tui.consent.notrecorded"), tonePlain)
			return true, m.knock.focusOn(0)
		}
		m.step = stepOppose
		m.say(m.common.P.T("tui.consent.notrecorded"), tonePlain)
		return true, m.oppose.focusOn(0)
	}
	m.toVerdict()
	return true, nil
}

// today is the campaign's date as organizers write it, jj/mm/aaaa.
func (m *Model) today() string {
	t, err := time.Parse(time.DateOnly, m.domain.Today())
	if err != nil {
		return m.domain.Today()
	}
	return t.Format("02/01/2006")
}

// forget empties every form and the last verdict as the screen is left: at a stand in a market,
// the next person at the screen must not read who was checked before.
func (m *Model) forget() {
	for _, f := range m.forms() {
		for _, fl := range f.fields {
			if fl != m.visitOn {
				reset(fl, "")
			}
		}
		f.focus = -1
	}
	m.who, m.verdict, m.on, m.knockAt = canvass.Identity{}, canvass.Verdict{}, "", nil
	m.step = stepIdentity
	m.say("", tonePlain)
}

// toVerdict goes back to the last verdict, the forms' fields left as typed.
func (m *Model) toVerdict() {
	m.step = stepVerdict
	m.active().focusOn(-1)
	m.consent.focusOn(-1)
	m.withdraw.focusOn(-1)
	m.oppose.focusOn(-1)
}

// Mode is typing while a text field has focus; q and ? are then text.
func (m *Model) Mode() common.Mode {
	if m.active().typing() {
		return common.ModeTyping
	}
	return common.ModeNormal
}

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.consent.title") }
