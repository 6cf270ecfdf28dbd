package main

import (
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/campagne-fr/porteaporte/server"
)

// tmuxTerm is a terminal run by tmux, on a tmux server of the test's own.
type tmuxTerm struct {
	socket, name string
}

func (tt tmuxTerm) tmux(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tt.socket}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys types keys as tmux names them ("Enter", "Tab", "C-o", or text).
func (tt tmuxTerm) keys(t *testing.T, keys ...string) {
	t.Helper()
	tt.tmux(t, append([]string{"send-keys", "-t", tt.name}, keys...)...)
}

// waitFor waits until the terminal shows want.
func (tt tmuxTerm) waitFor(t *testing.T, want string) string {
	t.Helper()
	var screen string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		screen = tt.tmux(t, "capture-pane", "-p", "-t", tt.name)
		if strings.Contains(screen, want) {
			return screen
		}
	}
	t.Fatalf("%s never showed %q; it shows:\n%s", tt.name, want, screen)
	return ""
}

// TestServeWithOpenSSH logs in with OpenSSH's client, in terminals run by tmux: a volunteer
// records an outcome in the interface, and a team lead who has the plan open sees it.
func TestServeWithOpenSSH(t *testing.T) {
	for _, tool := range []string{"ssh", "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian: apt-get install openssh-client tmux): %v", tool, err)
		}
	}
	tm := serveTeam(t, server.Config{})
	dir := t.TempDir()
	_, port, _ := strings.Cut(tm.addr, ":")
	login := func(role string) tmuxTerm {
		t.Helper()
		block, err := ssh.MarshalPrivateKey(tm.priv[role], "")
		if err != nil {
			t.Fatal(err)
		}
		key := filepath.Join(dir, role)
		if err := os.WriteFile(key, pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
		tt := tmuxTerm{socket: "canvass-test-" + filepath.Base(dir), name: role}
		tt.tmux(t, "new-session", "-d", "-s", role, "-x", "120", "-y", "40",
			"ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="+filepath.Join(dir, "known_hosts")+
				" -o IdentitiesOnly=yes -i "+key+" -p "+port+" -t 127.0.0.1; sleep 30")
		t.Cleanup(func() { exec.Command("tmux", "-L", tt.socket, "kill-session", "-t", role).Run() })
		return tt
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", "canvass-test-"+filepath.Base(dir), "kill-server").Run() })

	lead := login("chef")
	lead.waitFor(t, "Plan builder")
	lead.keys(t, "p")
	lead.waitFor(t, "Describe a plan")
	lead.keys(t, "C-o")
	lead.waitFor(t, "Stored plans")
	lead.keys(t, "Enter")
	lead.waitFor(t, "Turf 1: streets in walking order")

	vol := login("benevole")
	vol.waitFor(t, "Stored plans")
	vol.keys(t, "Enter")
	vol.waitFor(t, "Turf 1: streets in walking order")
	vol.keys(t, "Tab", "o")
	vol.waitFor(t, "Knocked")
	vol.keys(t, "BSpace", "7", "Enter", "BSpace", "3", "Enter", "Enter")
	vol.waitFor(t, "7 knocked, 3 answered")

	// The team lead, whose screen was open all along, opens the same street's outcome: it holds
	// what the volunteer recorded, once the change reached their screen (within a second or so).
	lead.keys(t, "Tab")
	var screen string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		lead.keys(t, "o")
		screen = lead.waitFor(t, "Knocked")
		if strings.Contains(screen, "Knocked     7") && strings.Contains(screen, "Answered    3") {
			break
		}
		lead.keys(t, "Escape")
		time.Sleep(300 * time.Millisecond)
	}
	if !strings.Contains(screen, "Knocked     7") || !strings.Contains(screen, "Answered    3") {
		t.Errorf("the team lead does not see the volunteer's outcome:\n%s", screen)
	}
	// And the volunteer reaches no other screen: the dashboard's keys open nothing.
	vol.keys(t, "Escape")
	vol.waitFor(t, "Stored plans")
	vol.keys(t, "i")
	time.Sleep(300 * time.Millisecond)
	if s := vol.waitFor(t, "Stored plans"); strings.Contains(s, "Import") {
		t.Errorf("the volunteer reached the importer:\n%s", s)
	}
}
