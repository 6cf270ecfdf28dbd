package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/data/audit"
)

// buildCanvass builds the real binary into the test's folder.
func buildCanvass(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "canvass")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Skipf("cannot build the binary (go build: %v): %s", err, out)
	}
	return bin
}

// startServe runs `canvass serve` on a free loopback port and returns the process and its address.
func startServe(t *testing.T, bin, db string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "--db", db, "serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(t.TempDir(), "host"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	r := bufio.NewReader(stdout)
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("canvass serve said nothing: %v", err)
	}
	m := regexp.MustCompile(`on (127\.0\.0\.1:\d+), only from this machine`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("canvass serve says %q: no loopback address", line)
	}
	go r.WriteTo(io.Discard)
	return cmd, m[1]
}

// TestServeKilledDuringWrites: `kill -9` of the server while people record outcomes leaves the
// campaign file whole, its audit trail intact, and every write a person was told about in it.
func TestServeKilledDuringWrites(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	plan, err := tm.camp.Plan(ctx, "est")
	if err != nil {
		t.Fatal(err)
	}
	tm.camp.Close()
	bin := buildCanvass(t)
	cmd, addr := startServe(t, bin, tm.db)
	tm.addr = addr

	var acknowledged atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tu := plan.Turfs[w%len(plan.Turfs)]
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				st := tu.Stops[i%len(tu.Stops)]
				code, _, err := tm.tryRun("organisateur", fmt.Sprintf("plan outcome est %d --street %s --knocked %d", tu.ID, st.StreetID, i%(st.Doors+1)))
				if err != nil {
					return // the server is gone
				}
				if code == 0 {
					acknowledged.Add(1)
				}
			}
		}()
	}
	time.Sleep(2 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if acknowledged.Load() == 0 {
		t.Fatal("no write was acknowledged before the kill")
	}

	db, err := sql.Open("sqlite3", "file:"+tm.db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
	db.Close()
	camp, err := canvass.Open(tm.db)
	if err != nil {
		t.Fatal(err)
	}
	defer camp.Close()
	chk, err := camp.VerifyAudit(ctx)
	if err != nil || !chk.Intact {
		t.Fatalf("audit verify after kill -9: %+v, %v", chk, err)
	}
	trail, _ := camp.AuditTrail(ctx)
	recorded := 0
	for _, e := range trail {
		if e.Operation == audit.OpPlanOutcome && e.Actor == "Nadia" {
			recorded++
		}
	}
	if int64(recorded) < acknowledged.Load() {
		t.Errorf("%d outcomes acknowledged, %d in the file: acknowledged writes were lost", acknowledged.Load(), recorded)
	}
	t.Logf("%d outcomes acknowledged before the kill, %d in the file", acknowledged.Load(), recorded)
	if code, out := canvassRun(t, "--db", tm.db, "audit", "verify"); code != 0 {
		t.Errorf("canvass audit verify: exit %d\n%s", code, out)
	}
}
