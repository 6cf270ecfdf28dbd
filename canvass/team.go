package canvass

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// Member is a person of the campaign team: name, role, a team lead's areas (policy.Member).
type Member = policy.Member

// TeamMember is a member as the team lists them, with the key they log in with.
type TeamMember = data.Member

// Organizer is who works on the campaign file on their own machine: the organizer, whose name
// the audit trail leaves empty.
var Organizer = Member{Role: policy.Organizer}

// As is a handle on the same campaign file for member m: every operation it offers checks, on
// entry, that m's role allows it on what it touches (policy.Permit), and records m as who did it in
// the audit trail. It is how the server gives each person their own campaign; closing it leaves
// the file open for the others.
func (c *Campaign) As(m Member) *Campaign {
	h := *c
	h.member, h.shared = m, true
	return &h
}

// Member is who acts through this handle.
func (c *Campaign) Member() Member { return c.member }

// allow is the role check every operation makes on entry: nil when the member's role allows
// action a on scope s (policy.Permit), else the refusal, recorded in the audit trail. The context
// it returns names the member in the audit entries written under it.
func (c *Campaign) allow(ctx context.Context, a policy.Action, s policy.Scope) (context.Context, error) {
	return c.refused(ctx, a, policy.Permit(c.member, a, s))
}

// allowAny is allow for an action whose scope is not known yet, or for a listing that will show
// only what the member may see (policy.May).
func (c *Campaign) allowAny(ctx context.Context, a policy.Action) (context.Context, error) {
	return c.refused(ctx, a, policy.May(c.member, a))
}

// refused records err, a refusal by role, in the audit trail; ctx comes back naming the member.
func (c *Campaign) refused(ctx context.Context, a policy.Action, err error) (context.Context, error) {
	ctx = data.WithActor(ctx, c.member.Name)
	var r *RefusedError
	if !errors.As(err, &r) {
		return ctx, err
	}
	if auditErr := c.store.AppendAudit(ctx, audit.RefusedRole{Action: string(a), Reason: r.Reason}); auditErr != nil {
		return ctx, i18n.Msg("domain.audit.unrecorded", "Err", err, "AuditErr", auditErr.Error())
	}
	return ctx, err
}

// memberOf reads a stored member as the policy sees them.
func memberOf(m data.Member) Member {
	return Member{Name: m.Name, Role: policy.Role(m.Role), Areas: m.Areas}
}

// TeamChange is a member to add, or the new role of one.
type TeamChange struct {
	Name  string
	Role  string   // as people write it (policy.ParseRole)
	Areas []string // a team lead's areas, by id; required for a team lead, refused for the others
	Key   string   // an OpenSSH public key line: "ssh-ed25519 AAAA... comment"
}

// AddMember adds a member to the team, with the public key they log in with over SSH. Names are
// compared as people type them (the name turfs are assigned to); a key is one person's.
func (c *Campaign) AddMember(ctx context.Context, ch TeamChange) (TeamMember, error) {
	ctx, err := c.allowAny(ctx, policy.ManageTeam)
	if err != nil {
		return TeamMember{}, err
	}
	role, problems := c.checkMember(ctx, ch)
	pub, _, _, _, keyErr := ssh.ParseAuthorizedKey([]byte(strings.TrimSpace(ch.Key)))
	if keyErr != nil {
		problems = append(problems, i18n.Msg("usage.team.key"))
	}
	if len(problems) > 0 {
		return TeamMember{}, &UsageError{Problems: problems}
	}
	m := TeamMember{Name: strings.TrimSpace(ch.Name), Role: string(role), Areas: ch.Areas,
		Key: strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))), Fingerprint: ssh.FingerprintSHA256(pub)}
	err = c.store.AddMember(ctx, m, textfold.Key(m.Name), audit.TeamAdd{Name: m.Name, Role: m.Role, Areas: m.Areas, Fingerprint: m.Fingerprint})
	if errors.Is(err, data.ErrMemberExists) || errors.Is(err, data.ErrKeyTaken) {
		return TeamMember{}, Usage("usage.team.taken", "Err", err)
	}
	return m, err
}

// ReadKeyFile reads the public key in file path (a .pub file), for --key-file.
func ReadKeyFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", Usage("usage.flag", "Flag", "--key-file", "Err", err)
	}
	return string(b), nil
}

// checkMember checks a member's name, role and areas.
func (c *Campaign) checkMember(ctx context.Context, ch TeamChange) (policy.Role, []i18n.Message) {
	var problems []i18n.Message
	if textfold.Key(ch.Name) == "" {
		problems = append(problems, i18n.Msg("usage.team.name"))
	}
	role, ok := policy.ParseRole(ch.Role)
	if !ok {
		problems = append(problems, i18n.Msg("usage.oneof", "Flag", "--role", "Value", ch.Role, "Values", "organisateur, chef, benevole, referent"))
	}
	switch {
	case role == policy.TeamLead && len(ch.Areas) == 0:
		problems = append(problems, i18n.Msg("usage.team.areas"))
	case role != policy.TeamLead && len(ch.Areas) > 0 && ok:
		problems = append(problems, i18n.Msg("usage.team.lead"))
	case len(ch.Areas) > 0:
		problems = append(problems, c.unknownAreas(ctx, ch.Areas)...)
	}
	return role, problems
}

// unknownAreas says which of ids no imported area (or BAN street) has.
func (c *Campaign) unknownAreas(ctx context.Context, ids []string) []i18n.Message {
	shapes, err := c.store.AreaShapes(ctx, "")
	if err != nil {
		return []i18n.Message{i18n.Msg("usage.text", "Text", err.Error())}
	}
	known := map[string]bool{}
	for _, s := range shapes {
		known[s.Code] = true
	}
	var unknown []string
	for _, id := range ids {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return []i18n.Message{i18n.Msg("usage.team.unknown", "Areas", strings.Join(unknown, ", "))}
}

// Team lists the members of the team by name.
func (c *Campaign) Team(ctx context.Context) ([]TeamMember, error) {
	ctx, err := c.allowAny(ctx, policy.ManageTeam)
	if err != nil {
		return nil, err
	}
	return c.store.Members(ctx)
}

// RemoveMember removes a member from the team: their key no longer opens a session. Turfs
// assigned to their name stay assigned.
func (c *Campaign) RemoveMember(ctx context.Context, name string) error {
	ctx, err := c.allowAny(ctx, policy.ManageTeam)
	if err != nil {
		return err
	}
	err = c.store.RemoveMember(ctx, textfold.Key(name), audit.TeamRemove{Name: name})
	if errors.Is(err, data.ErrNoMember) {
		return Usage("usage.team.none", "Name", name)
	}
	return err
}

// SetRole changes a member's role (and a team lead's areas). A session already open keeps the
// role it opened with until it ends.
func (c *Campaign) SetRole(ctx context.Context, ch TeamChange) error {
	ctx, err := c.allowAny(ctx, policy.ManageTeam)
	if err != nil {
		return err
	}
	role, problems := c.checkMember(ctx, ch)
	if len(problems) > 0 {
		return &UsageError{Problems: problems}
	}
	err = c.store.SetMemberRole(ctx, textfold.Key(ch.Name), string(role), ch.Areas, func(was data.Member) audit.TeamRole {
		return audit.TeamRole{Name: was.Name, Old: was.Role, New: string(role), Areas: ch.Areas}
	})
	if errors.Is(err, data.ErrNoMember) {
		return Usage("usage.team.none", "Name", ch.Name)
	}
	return err
}

// ErrUnknownKey means no member of the team logs in with that key.
var ErrUnknownKey = errors.New("no member of the team has this key")

// MemberByKey finds the member whose public key has the SHA256 fingerprint fp (ssh's
// FingerprintSHA256), for the server to know who logs in; ErrUnknownKey when none has it.
func (c *Campaign) MemberByKey(ctx context.Context, fp string) (Member, error) {
	ctx, err := c.allowAny(ctx, policy.ManageTeam)
	if err != nil {
		return Member{}, err
	}
	m, err := c.store.MemberByKey(ctx, fp)
	if errors.Is(err, data.ErrNoMember) {
		return Member{}, ErrUnknownKey
	}
	return memberOf(m), err
}

// Session ways of logging in: to the interface, or to run one command.
const (
	ViaInterface = "interface"
	ViaCommand   = "command"
)

// LoggedIn records in the audit trail that the handle's member logged in, via ViaInterface or
// ViaCommand. Every role may: it is what makes their session accountable.
func (c *Campaign) LoggedIn(ctx context.Context, via string) error {
	return c.store.AppendAudit(data.WithActor(ctx, c.member.Name), audit.Login{Role: string(c.member.Role), Via: via})
}

// LoggedOut records the end of the member's session, opened for d.
func (c *Campaign) LoggedOut(ctx context.Context, via string, d time.Duration) error {
	return c.store.AppendAudit(data.WithActor(ctx, c.member.Name), audit.Logout{Via: via, Seconds: int(d.Seconds())})
}

// RanCommand records a command the member ran over SSH: its words, never its arguments (they may
// name people), and its exit code.
func (c *Campaign) RanCommand(ctx context.Context, words []string, exit int) error {
	return c.store.AppendAudit(data.WithActor(ctx, c.member.Name), audit.Command{Command: strings.Join(words, " "), Exit: exit})
}

// Viewed records that the member opened a screen of the interface: what they read is accountable
// too. On the file's own machine (no member's name) nothing is recorded.
func (c *Campaign) Viewed(ctx context.Context, screen string) error {
	if c.member.Name == "" {
		return nil
	}
	return c.store.AppendAudit(data.WithActor(ctx, c.member.Name), audit.Screen{Screen: screen})
}

// Watch reports on the channel it returns each change committed to the campaign file (by anyone,
// in this program or another), at most a few times a second, until ctx is done: screens read
// what they show again on it. Handles on one file share one watcher.
func (c *Campaign) Watch(ctx context.Context) <-chan struct{} {
	return c.watchers.subscribe(ctx, c.store)
}

// watchers fan one watch of the file out to every handle's subscribers.
type watchers struct {
	mu     sync.Mutex
	cancel context.CancelFunc // stops the watch; nil until the first subscriber
	subs   []chan struct{}
}

// stop ends the watch, when the file closes.
func (w *watchers) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		w.cancel()
	}
}

// watchEvery is how often the file's data version is read: what one person changes shows on the
// others' screens within about this time.
const watchEvery = 500 * time.Millisecond

func (w *watchers) subscribe(ctx context.Context, s *data.Store) <-chan struct{} {
	ch := make(chan struct{}, 1)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.subs = append(w.subs, ch)
	if w.cancel == nil {
		watchCtx, cancel := context.WithCancel(context.Background())
		if changes, err := s.Watch(watchCtx, watchEvery); err == nil {
			w.cancel = cancel
			go w.fanOut(changes)
		} else {
			cancel()
		}
	}
	go func() {
		<-ctx.Done()
		w.mu.Lock()
		defer w.mu.Unlock()
		w.subs = slices.DeleteFunc(w.subs, func(c chan struct{}) bool { return c == ch })
	}()
	return ch
}

// fanOut tells every subscriber of each change; one that has not read the last report yet is
// not told twice.
func (w *watchers) fanOut(changes <-chan struct{}) {
	for range changes {
		w.mu.Lock()
		for _, ch := range w.subs {
			select {
			case ch <- struct{}{}:
			default:
			}
		}
		w.mu.Unlock()
	}
}

// May says whether the member's role allows action a on some scope: what an interface offers them
// (the operations check again, on what they touch).
func (c *Campaign) May(a policy.Action) bool { return policy.May(c.member, a) == nil }
