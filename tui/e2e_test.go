package tui

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// reuHeader is the header of a real REU export (shared/data/REU-FORMAT.md); the rows written
// under it are invented.
const reuHeader = `"code du l'ugle";"libellé de l'ugle";"libellé du type de liste";"nom de naissance";"nom d'usage";"prénoms";"sexe";"date de naissance";"code commune de naissance";"libellé commune de naissance";"code département de naissance";"pays de naissance";"libellé nationalité";"numéro de voie";"libellé de voie";"complément 1";"complément 2";"lieu-dit";"code postal";"commune";"pays";"code du bureau de vote";"libellé du bureau de vote";"code circonscription législative du bureau de vote";"libellé canton du bureau de vote";"libellé circonscription métropolitaine du bureau de vote";"numéro d'ordre dans le bureau de vote"`

// writeList writes an invented electoral list of n voters.
func writeList(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, reuHeader)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, `"99999";"VILLE-FICTIVE";"Liste principale";"EXEMPLEAU";;"Aurore";"F";"17/03/1979";"99998";"BOURG-IMAGINAIRE";"99";"FRANCE";"Française";"%d";"Rue des Exemples";;;;"99999";"Ville-Fictive";;"%04d";"École des Essais";"99-01";"Canton Fictif";;%d`+"\n", i%200+1, i%20+1, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// terminal is the real binary running in a tmux pane.
type terminal struct {
	t    *testing.T
	sock string
}

func (term *terminal) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", term.sock}, args...)...).CombinedOutput()
	return string(out), err
}

// screen is the pane's text; with escapes, its styles too.
func (term *terminal) screen(escapes bool) string {
	args := []string{"capture-pane", "-p", "-t", "e2e"}
	if escapes {
		args = append(args, "-e")
	}
	out, err := term.tmux(args...)
	if err != nil {
		term.t.Fatalf("capture-pane: %v: %s", err, out)
	}
	return out
}

func (term *terminal) keys(keys ...string) {
	if out, err := term.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...); err != nil {
		term.t.Fatalf("send-keys: %v: %s", err, out)
	}
}

// waitFor polls the pane until it shows re, and fails with the screen after a while.
func (term *terminal) waitFor(re string) {
	term.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := term.screen(false)
		if rx.MatchString(s) {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the screen never showed %q:\n%s", re, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestEndToEnd runs the real binary in a tmux terminal of 100×30 under NO_COLOR, as a new user
// would: dashboard, import of a list, an import cancelled half-way, back to the dashboard, quit.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "canvass")
	build := exec.Command("go", "build", "-o", bin, "./cmd/canvass")
	build.Dir = ".." // the module's root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(work, "campagne.db")
	end := time.Now().AddDate(0, 6, 0).Format(time.DateOnly)
	vote := time.Now().AddDate(0, 5, 0).Format(time.DateOnly)
	initCmd := exec.Command(bin, "--db", db, "init", "--campaign", "Municipales Essai", "--election", "municipales",
		"--election-date", vote, "--end", end, "--controller", "Comité Essai", "--contact", "droits@example.org")
	if out, err := initCmd.CombinedOutput(); err != nil {
		t.Fatalf("canvass init: %v\n%s", err, out)
	}
	files := filepath.Join(work, "fichiers")
	if err := os.Mkdir(files, 0o700); err != nil {
		t.Fatal(err)
	}
	writeList(t, filepath.Join(files, "a-liste.csv"), 3)
	writeList(t, filepath.Join(files, "b-grande-liste.csv"), 150_000) // a few seconds to import: long enough to cancel

	term := &terminal{t: t, sock: filepath.Join(work, "tmux.sock")}
	if out, err := term.tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "-c", files,
		"-e", "NO_COLOR=1", "-e", "TERM=xterm-256color", bin+" --db "+db); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { term.tmux("kill-server") })

	term.waitFor(`canvass · Dashboard`)
	term.waitFor(`Municipales Essai`)
	term.waitFor(`No electoral list yet`)

	term.keys("i")
	term.waitFor(`Choose a file to import`)
	term.waitFor(`a-liste\.csv`)
	term.keys("Enter")
	term.waitFor(`electoral list \(REU extract\)`)
	term.keys("Enter")
	term.waitFor(`Imported: a-liste\.csv`)
	term.waitFor(`read 3 · imported 3`)

	term.keys("Enter") // another file
	term.waitFor(`Choose a file to import`)
	term.keys("Down", "Enter")
	term.waitFor(`b-grande-liste\.csv`)
	term.waitFor(`\[list\]`)
	term.keys("Enter")
	term.waitFor(`rows read`)
	if s := term.screen(true); regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|38|4[0-7]|48|9[0-7])[;m]`).MatchString(s) {
		t.Errorf("NO_COLOR is set, yet the screen has colours:\n%q", s)
	}
	term.keys("q") // must not quit in the middle of an import
	term.waitFor(`esc cancels it`)
	term.keys("Escape")
	term.waitFor(`Cancelled, nothing changed: b-grande-liste\.csv`)

	term.keys("Escape")
	term.waitFor(`canvass · Dashboard`)
	term.waitFor(`Voters\s+3\s`) // the cancelled import left the store as it was

	term.keys("q")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := term.tmux("has-session", "-t", "e2e"); err != nil {
			break // the program quit and its session closed
		}
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", term.screen(false))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if out, err := exec.Command(bin, "--db", db, "status").CombinedOutput(); err != nil || !strings.Contains(string(out), "Voters      3") {
		t.Errorf("status after the session: %v\n%s", err, out)
	}
}
