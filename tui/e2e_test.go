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

	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
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

// TestEndToEnd runs the real binary in a tmux terminal of 100×30 under NO_COLOR with
// LANG=fr_FR.UTF-8, as a new French user would: dashboard, import of a list, an import cancelled
// half-way, back to the dashboard, quit.
func TestEndToEnd(t *testing.T) {
	bin := tuitest.BuildBinary(t)
	work := t.TempDir()
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

	term := tuitest.StartTerminalIn(t, "fr_FR.UTF-8", files, 100, 30, bin+" --db "+db)

	term.WaitFor(`canvass · Tableau de bord`)
	term.WaitFor(`Municipales Essai`)
	term.WaitFor(`Pas encore de liste électorale`)

	term.Keys("i")
	term.WaitFor(`Choisissez un fichier à importer`)
	term.WaitFor(`a-liste\.csv`)
	term.Keys("Enter")
	term.WaitFor(`liste électorale \(extrait du REU\)`)
	term.Keys("Enter")
	term.WaitFor(`Importé.: a-liste\.csv`) // a no-break space before the colon
	term.WaitFor(`lues 3 · importées 3`)

	term.Keys("Enter") // another file
	term.WaitFor(`Choisissez un fichier à importer`)
	term.Keys("Down", "Enter")
	term.WaitFor(`b-grande-liste\.csv`)
	term.WaitFor(`\[liste\]`)
	term.Keys("Enter")
	term.WaitFor(`lignes lues`)
	if s := term.StyledScreen(); regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|38|4[0-7]|48|9[0-7])[;m]`).MatchString(s) {
		t.Errorf("NO_COLOR is set, yet the screen has colours:\n%q", s)
	}
	term.Keys("q") // must not quit in the middle of an import
	term.WaitFor(`esc l'annule`)
	term.Keys("Escape")
	term.WaitFor(`Annulé, rien n'a changé.: b-grande-liste\.csv`)

	term.Keys("Escape")
	term.WaitFor(`canvass · Tableau de bord`)
	term.WaitFor(`Électeurs\s+3\s`) // the cancelled import left the store as it was

	term.Keys("q")
	term.WaitExit()
	if out, err := exec.Command(bin, "--db", db, "--lang", "en", "status").CombinedOutput(); err != nil || !strings.Contains(string(out), "Voters      3") {
		t.Errorf("status after the session: %v\n%s", err, out)
	}
}
