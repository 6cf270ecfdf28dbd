package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/server"
)

// team is a served demo campaign: the plan "est" on quartier 1, its turfs 1 and 3 assigned to the
// volunteer, and one member of each role with their key.
type team struct {
	addr   string
	db     string
	camp   *canvass.Campaign
	keys   map[string]ssh.Signer // by role
	priv   map[string]ed25519.PrivateKey
	server *server.Server
}

// serveTeam builds the demo campaign and its team, and serves it on a free loopback port.
func serveTeam(t *testing.T, cfg server.Config) *team {
	t.Helper()
	tm := newTeam(t)
	tm.serve(t, cfg)
	return tm
}

// serve serves the team's campaign on a free loopback port.
func (tm *team) serve(t testing.TB, cfg server.Config) {
	t.Helper()
	dir := t.TempDir()
	var err error
	cfg.Campaign, cfg.Command, cfg.HostKey, cfg.Dir = tm.camp, runAs, filepath.Join(dir, "host-key"), filepath.Join(dir, "exports")
	tm.server, err = server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tm.addr = l.Addr().String()
	go tm.server.Serve(l)
	t.Cleanup(func() { tm.server.Close() })
}

// newTeam builds the demo campaign and its team.
func newTeam(t testing.TB) *team {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a whole campaign")
	}
	ctx := context.Background()
	dir := t.TempDir()
	tm := &team{db: filepath.Join(dir, "team.db"), keys: map[string]ssh.Signer{}, priv: map[string]ed25519.PrivateKey{}}
	camp, err := canvass.Create(tm.db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) })
	if err := demo.Build(ctx, camp, t.TempDir(), 1, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "est", Level: "neighborhood", Layer: "quartiers",
		Areas: []string{"1"}, Measure: turf.Doors, Target: 100}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{1, 3} {
		if err := camp.AssignTurf(ctx, "est", id, "Bob Martin", "2026-01-20"); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []canvass.TeamChange{{Name: "Nadia", Role: "organisateur"}, {Name: "Alice", Role: "chef", Areas: []string{"1"}},
		{Name: "Bob Martin", Role: "benevole"}, {Name: "Inès", Role: "referent"}} {
		signer, line, priv := newKeyPair(t)
		m.Key = line
		tm.priv[m.Role] = priv
		if _, err := camp.AddMember(ctx, m); err != nil {
			t.Fatal(err)
		}
		tm.keys[m.Role] = signer
	}
	tm.camp = camp
	return tm
}

// newKey makes a key pair: the signer a client logs in with, the public line the team records.
func newKey(t *testing.T) (ssh.Signer, string) {
	signer, line, _ := newKeyPair(t)
	return signer, line
}

// newKeyPair is newKey with the private key, for a client that reads it from a file.
func newKeyPair(t testing.TB) (ssh.Signer, string, ed25519.PrivateKey) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, string(ssh.MarshalAuthorizedKey(signer.PublicKey())), priv
}

// dial logs in with auth.
func (tm *team) dial(auth ...ssh.AuthMethod) (*ssh.Client, error) {
	return ssh.Dial("tcp", tm.addr, &ssh.ClientConfig{User: "canvass", Auth: auth,
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
}

// run runs a command as the member of role, as `ssh HOST COMMAND` does; it returns the exit code
// and the output, standard error after standard output.
func (tm *team) run(t *testing.T, role, command string) (int, string) {
	t.Helper()
	code, out, err := tm.tryRun(role, command)
	if err != nil {
		t.Fatalf("%s: %s: %v", role, command, err)
	}
	return code, out
}

// tryRun is run, with the error of a connection or session that failed.
func (tm *team) tryRun(role, command string) (int, string, error) {
	return tm.tryRunEnv(role, command, nil)
}

// tryRunEnv is tryRun with environment variables the client sends (ssh -o SendEnv=LANG).
func (tm *team) tryRunEnv(role, command string, env map[string]string) (int, string, error) {
	client, err := tm.dial(ssh.PublicKeys(tm.keys[role]))
	if err != nil {
		return -1, "", err
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return -1, "", err
	}
	defer sess.Close()
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			return -1, "", err
		}
	}
	var out, errs bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errs
	err = sess.Run(command)
	var exit *ssh.ExitError
	switch {
	case err == nil:
		return 0, out.String() + errs.String(), nil
	case errors.As(err, &exit):
		return exit.ExitStatus(), out.String() + errs.String(), nil
	}
	return -1, "", err
}

// TestServeCommandsSpeakTheClientsLanguage: `ssh HOST COMMAND` speaks the LANG or LC_* the
// client sends, --lang overriding it; without either, the campaign's language, else English.
// Exit codes do not change with the language.
func TestServeCommandsSpeakTheClientsLanguage(t *testing.T) {
	tm := serveTeam(t, server.Config{})
	french := map[string]string{"LANG": "fr_FR.UTF-8"}
	for _, tc := range []struct {
		env         map[string]string
		command     string
		exit        int
		has, hasNot string
	}{
		{french, "status", 0, "Électeurs", "Voters"},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "status", 0, "Électeurs", "Voters"},
		{nil, "status", 0, "Voters", "Électeurs"},
		{french, "--lang en status", 0, "Voters", "Électeurs"},
		{french, "plan --name x --turf-doors 5", exitUsage, "--level est obligatoire", "required"},
		{french, "plan show nulle", exitError, "", "not found"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "plan --name x --turf-doors 5", exitUsage, "--level is required", ""},
	} {
		code, out, err := tm.tryRunEnv("organisateur", tc.command, tc.env)
		if err != nil || code != tc.exit || !strings.Contains(out, tc.has) || (tc.hasNot != "" && strings.Contains(out, tc.hasNot)) {
			t.Errorf("%v %s: exit %d (want %d), %v\n%s", tc.env, tc.command, code, tc.exit, err, out)
		}
	}
	if _, err := tm.camp.SetCampaign(context.Background(), canvass.CampaignChange{Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := tm.tryRunEnv("organisateur", "status", nil); code != 0 || !strings.Contains(out, "Électeurs") {
		t.Errorf("with the campaign in French and no LANG sent: exit %d\n%s", code, out)
	}
	if code, out, _ := tm.tryRunEnv("organisateur", "status", map[string]string{"LANG": "C.UTF-8"}); code != 0 || !strings.Contains(out, "Voters") {
		t.Errorf("with the campaign in French and LANG=C sent: exit %d\n%s", code, out)
	}
}

func TestServeCommandsByRole(t *testing.T) {
	tm := serveTeam(t, server.Config{})
	for _, tc := range []struct {
		role, command string
		exit          int
		has, hasNot   string
	}{
		{"organisateur", "team list", 0, "Bob Martin", ""},
		{"organisateur", "status --json", 0, `"voters"`, ""},

		{"chef", "status", 0, "", ""},
		{"chef", "areas --level neighborhood --layer quartiers", 0, "", ""},
		{"chef", "plan show est", 0, "Turf 3", ""},
		{"chef", "plan --name ouest --level neighborhood --layer quartiers --areas 2 --turf-doors 100", exitRefused, "not one of theirs", ""},
		{"chef", "consent check --birth-name DUPONT --given-names Marie --birth-date 03/01/1980", exitRefused, "refused", ""},
		{"chef", "import list " + tm.db, exitRefused, "refused", ""},
		{"chef", "purge --force", exitRefused, "refused", ""},
		{"chef", "register", exitRefused, "refused", ""},
		{"chef", "team list", exitRefused, "refused", ""},
		{"chef", "geocode --missing", exitRefused, "refused", ""},

		{"benevole", "plan list", 0, "est", ""},
		{"benevole", "plan show est", 0, "Turf 3", "Turf 2"},
		{"benevole", "plan outcome est 2 --street x --knocked 1", exitRefused, "only the turfs assigned to them", ""},
		{"benevole", "plan assign est 1 --volunteer X", exitRefused, "refused", ""},
		{"benevole", "status", exitRefused, "refused", ""},
		{"benevole", "areas --level neighborhood", exitRefused, "refused", ""},
		{"benevole", "audit", exitRefused, "refused", ""},
		{"benevole", "settings --walk-speed 70", exitRefused, "refused", ""},
		{"benevole", "opposition export --out x.csv", exitRefused, "refused", ""},
		{"benevole", "export est --out /tmp", exitRefused, "no file on the server", ""},
		{"benevole", "export est --turfs 3 --format field --out -", 0, "<!DOCTYPE html>", ""},
		{"benevole", "export est --turfs 2 --format csv --out -", exitRefused, "only the turfs assigned to them", ""},
		{"benevole", "export est --format csv --out -", exitUsage, "writes one file", ""},
		{"benevole", "import outcomes /etc/passwd", exitRefused, "no file on the server", ""},
		{"chef", "notice --out notice.txt", exitRefused, "no file on the server", ""},
		{"referent", "register --out r.md", exitRefused, "no file on the server", ""},

		{"referent", "register", 0, "", ""},
		{"referent", "audit verify", 0, "intact", ""},
		{"referent", "status", 0, "", ""},
		{"referent", "plan list", exitRefused, "refused", ""},
		{"referent", "consent check --birth-name DUPONT --given-names Marie --birth-date 03/01/1980", exitRefused, "refused", ""},
		{"referent", "purge --force", exitRefused, "refused", ""},

		{"organisateur", "--db other.db status", exitUsage, "--db is not given over SSH", ""},
		{"organisateur", "init --campaign x --election municipales --election-date 2027-03-14 --end 2027-04-30 --controller C --contact c@x", exitUsage, "not run over SSH", ""},
		{"organisateur", "demo", exitUsage, "not run over SSH", ""},
	} {
		code, out := tm.run(t, tc.role, tc.command)
		if code != tc.exit || !strings.Contains(out, tc.has) || (tc.hasNot != "" && strings.Contains(out, tc.hasNot)) {
			t.Errorf("%s: %s: exit %d, want %d\n%s", tc.role, tc.command, code, tc.exit, out)
		}
	}
	// Logins, commands and refusals are in the trail with each person's name.
	trail, err := tm.camp.AuditTrail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range trail {
		seen[string(e.Operation)+" "+e.Actor] = true
	}
	for _, want := range []string{"session.login Bob Martin", "session.command Bob Martin", "session.logout Bob Martin",
		"refused.role Inès", "refused.role Alice"} {
		if !seen[want] {
			t.Errorf("no %s in the audit trail", want)
		}
	}
}

func TestServeRefusesStrangers(t *testing.T) {
	tm := serveTeam(t, server.Config{MaxFailures: 4})
	stranger, _ := newKey(t)
	if _, err := tm.dial(ssh.PublicKeys(stranger)); err == nil {
		t.Error("an unknown key was let in")
	}
	if _, err := tm.dial(ssh.Password("canvass")); err == nil {
		t.Error("a password was let in")
	}
	if _, err := tm.dial(ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return []string{"canvass"}, nil
	})); err == nil {
		t.Error("keyboard-interactive was let in")
	}
	// The failures are counted per address: past the limit, even a member's key is refused.
	for range 4 {
		tm.dial(ssh.PublicKeys(stranger))
	}
	if _, err := tm.dial(ssh.PublicKeys(tm.keys["organisateur"])); err == nil {
		t.Error("an address that failed too often was let in")
	}
}

func TestServeCapsSessions(t *testing.T) {
	tm := serveTeam(t, server.Config{MaxSessions: 2})
	var clients []*ssh.Client
	for range 2 {
		c, err := tm.dial(ssh.PublicKeys(tm.keys["benevole"]))
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
	}
	if _, err := tm.dial(ssh.PublicKeys(tm.keys["benevole"])); err == nil {
		t.Error("a third session was opened over a cap of 2")
	}
	clients[0].Close()
	time.Sleep(100 * time.Millisecond)
	c, err := tm.dial(ssh.PublicKeys(tm.keys["benevole"]))
	if err != nil {
		t.Errorf("a session closed leaves no room: %v", err)
	} else {
		c.Close()
	}
	clients[1].Close()
}

func TestServeClosesIdleSessions(t *testing.T) {
	tm := serveTeam(t, server.Config{IdleTimeout: 300 * time.Millisecond})
	c, err := tm.dial(ssh.PublicKeys(tm.keys["benevole"]))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("an idle session was not closed")
		c.Close()
	}
}

// screen is an interface session: what it drew, as text.
type screen struct {
	sess *ssh.Session
	in   interface{ Write([]byte) (int, error) }
	out  *syncBuffer
}

// openInterface logs in as role with a terminal of 120x40 and waits until text appears.
func (tm *team) openInterface(t *testing.T, role string) *screen {
	t.Helper()
	client, err := tm.dial(ssh.PublicKeys(tm.keys[role]))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, ssh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	s := &screen{sess: sess, out: newSyncBuffer()}
	sess.Stdout = s.out
	if s.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return s
}

var ansi = regexp.MustCompile(`\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78DEHMc])`)

// text is what the session drew, escape sequences and spaces taken out: a renderer may move the
// cursor over blanks instead of writing them.
func (s *screen) text() string {
	return strings.Join(strings.Fields(ansi.ReplaceAllString(s.out.String(), "")), "")
}

// waitFor waits until the session drew want (spaces aside).
func (s *screen) waitFor(t *testing.T, want string) {
	t.Helper()
	want = strings.Join(strings.Fields(want), "")
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.text(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q; it showed:\n%s", want, s.text())
}

// press types keys and clears what was drawn before, so that waitFor sees only what follows.
func (s *screen) press(t *testing.T, keys string) {
	t.Helper()
	s.out.Reset()
	if _, err := s.in.Write([]byte(keys)); err != nil {
		t.Fatal(err)
	}
}

func TestServeInterfaceByRole(t *testing.T) {
	tm := serveTeam(t, server.Config{})
	for _, tc := range []struct {
		role         string
		shows, hides []string
	}{
		{"organisateur", []string{"Import a file", "Check or record a consent", "Map", "Plan builder", "Compliance"}, nil},
		{"chef", []string{"Areas", "Plan builder", "Export"}, []string{"Import a file", "Check or record a consent", "Compliance", "Map"}},
		{"referent", []string{"Compliance"}, []string{"Import a file", "Check or record a consent", "Plan builder", "Export"}},
	} {
		s := tm.openInterface(t, tc.role)
		for _, w := range tc.shows {
			s.waitFor(t, w)
		}
		got := s.text()
		for _, w := range tc.hides {
			if strings.Contains(got, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s: the menu offers %q", tc.role, w)
			}
		}
	}
	// A volunteer starts on their plans, and their plan shows their turfs only; the import key
	// opens nothing.
	s := tm.openInterface(t, "benevole")
	s.waitFor(t, "Stored plans")
	s.press(t, "i")
	time.Sleep(300 * time.Millisecond)
	if strings.Contains(s.text(), "Import") {
		t.Error("a volunteer opened the importer")
	}
	s.press(t, "\r")
	s.waitFor(t, "Turf 1: streets in walking order")
	got := s.text()
	if !strings.Contains(got, "2turfs") {
		t.Errorf("the volunteer's plan does not say 2 turfs:\n%s", got)
	}
	// What each opened is in the audit trail with their name.
	trail, err := tm.camp.AuditTrail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	opened := map[string]bool{}
	for _, e := range trail {
		if e.Operation == audit.OpScreen {
			opened[e.Actor+" "+fmt.Sprint(e.Params["screen"])] = true
		}
	}
	if !opened["Bob Martin planner"] || !opened["Inès dashboard"] {
		t.Errorf("screens opened, as the trail has them: %v", opened)
	}
}

// TestServeLive: what one person records shows on another's screen without a restart.
func TestServeLive(t *testing.T) {
	tm := serveTeam(t, server.Config{})
	vol, lead := tm.openInterface(t, "benevole"), tm.openInterface(t, "chef")
	vol.waitFor(t, "Stored plans")
	vol.press(t, "\r")
	vol.waitFor(t, "Turf 1: streets in walking order")
	lead.waitFor(t, "Plan builder")
	lead.press(t, "p")
	lead.waitFor(t, "Describe a plan")
	lead.press(t, "\x0f") // ctrl+o: the stored plans
	lead.waitFor(t, "Stored plans")
	lead.press(t, "\r")
	lead.waitFor(t, "Turf 1: streets in walking order")
	// The team lead moves turf 1 to another day; the volunteer's screen shows it. (The screen
	// redraws only what changed: from 2026-01-20 to 2027-12-31, "7-12-31".)
	vol.out.Reset()
	lead.press(t, "a")
	lead.waitFor(t, "Volunteer")
	lead.press(t, "\t\x15"+"2027-12-31\r")
	lead.waitFor(t, "assigned to Bob Martin on 2027-12-31")
	vol.waitFor(t, "7-12-31")
}

// syncBuffer is a buffer written by the session's goroutine and read by the test; each write is
// signalled on wrote, so that readers wait without polling.
type syncBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{wrote: make(chan struct{}, 1)} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case b.wrote <- struct{}{}:
	default:
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len is the length of what was written.
func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

func TestServeSaysWhereItListens(t *testing.T) {
	loop := listening(nil, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}, 2, "h")
	if !strings.Contains(loop, "only from this machine (loopback)") || !strings.Contains(loop, "ssh -p 2222") {
		t.Errorf("on loopback it says:\n%s", loop)
	}
	if all := listening(nil, &net.TCPAddr{IP: net.IPv4zero, Port: 2222}, 0, "h"); !strings.Contains(all, "from the network") ||
		!strings.Contains(all, "The team is empty") {
		t.Errorf("on every address it says:\n%s", all)
	}
}
