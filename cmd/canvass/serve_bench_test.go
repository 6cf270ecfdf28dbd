package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/server"
)

var (
	loadSessions = flag.Int("load-sessions", 50, "BenchmarkServeLoad: interface sessions at once")
	loadDuration = flag.Duration("load-duration", 60*time.Second, "BenchmarkServeLoad: how long they work")
	loadPace     = flag.Duration("load-pace", 250*time.Millisecond, "BenchmarkServeLoad: time between two keys of a session, as a person types")
)

// BenchmarkServeLoad opens -load-sessions interface sessions at once (50), each a volunteer with a
// turf of their own, who for -load-duration (60 s) move between the stored plans, their plan,
// its turfs and streets, and record outcomes, over SSH on loopback, a key every -load-pace
// (250 ms: a person typing; with no pause, the sessions queue on the processor and the latency
// measured is the queue's). It reports the time from a
// key sent to the first bytes of the frame drawn back (p50, p95, max), the outcomes saved, and
// fails on an outcome the screen said was saved but the file does not hold, on a "database is
// locked" shown, and on a p95 over 50 ms. Run it once: -benchtime 1x.
func BenchmarkServeLoad(b *testing.B) {
	for range b.N {
		loadOnce(b)
	}
}

func loadOnce(b *testing.B) {
	tm := newLoadTeam(b)
	var mu sync.Mutex
	var latencies []time.Duration
	saved := map[string]int{}
	var failures []string
	var wg sync.WaitGroup
	start := make(chan struct{})
	deadline := time.Now().Add(*loadDuration + 30*time.Second) // the logins come first
	for i := range *loadSessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := volunteerName(i)
			lat, n, err := tm.volunteerWork(tm.loadKeys[name], start, deadline)
			mu.Lock()
			defer mu.Unlock()
			latencies = append(latencies, lat...)
			saved[name] = n
			if err != nil {
				failures = append(failures, fmt.Sprintf("%s: %v", name, err))
			}
		}()
	}
	time.Sleep(2 * time.Second) // every session logged in and on its plan
	b.ResetTimer()
	close(start)
	wg.Wait()
	b.StopTimer()
	for _, f := range failures {
		b.Error(f)
	}
	// Every outcome a screen said was saved is in the file, under its volunteer's name.
	trail, err := tm.camp.AuditTrail(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	inFile := map[string]int{}
	for _, e := range trail {
		if e.Operation == audit.OpPlanOutcome {
			inFile[e.Actor]++
		}
	}
	total := 0
	for name, n := range saved {
		total += n
		if inFile[name] < n {
			b.Errorf("%s: %d outcomes shown as saved, %d in the file", name, n, inFile[name])
		}
	}
	slices.Sort(latencies)
	if len(latencies) == 0 {
		b.Fatal("no key was answered")
	}
	pct := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(latencies[len(latencies)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(len(latencies)), "keys")
	b.ReportMetric(float64(total), "outcomes")
	if p95 := pct(0.95); p95 > 50 {
		b.Errorf("p95 from key to frame %.1f ms: over 50 ms", p95)
	}
}

func volunteerName(i int) string { return fmt.Sprintf("Bénévole %02d", i+1) }

// loadTeam is the demo campaign with a plan of many small turfs, one per volunteer.
type loadTeam struct {
	*team
	loadKeys map[string]ssh.Signer
}

func newLoadTeam(b *testing.B) *loadTeam {
	b.Helper()
	tm := newTeam(b)
	ctx := context.Background()
	p, err := tm.camp.BuildPlan(ctx, canvass.PlanRequest{Name: "charge", Level: "neighborhood", Layer: "quartiers",
		Rule: "all", Measure: turf.Doors, Target: 25})
	if err != nil {
		b.Fatal(err)
	}
	if len(p.Turfs) < *loadSessions {
		b.Fatalf("plan charge has %d turfs for %d sessions", len(p.Turfs), *loadSessions)
	}
	lt := &loadTeam{team: tm, loadKeys: map[string]ssh.Signer{}}
	for i := range *loadSessions {
		name := volunteerName(i)
		signer, line, _ := newKeyPair(b)
		if _, err := tm.camp.AddMember(ctx, canvass.TeamChange{Name: name, Role: "benevole", Key: line}); err != nil {
			b.Fatal(err)
		}
		if err := tm.camp.AssignTurf(ctx, "charge", p.Turfs[i].ID, name, "2026-01-20"); err != nil {
			b.Fatal(err)
		}
		lt.loadKeys[name] = signer
	}
	tm.serve(b, server.Config{MaxSessions: *loadSessions + 10})
	return lt
}

// volunteerWork logs in, opens the volunteer's plan and, once start is closed and until the
// load's duration is over, goes round: stored plans, their plan, its streets, a street down,
// the outcome dialog, a value, saved. It returns the time from each key to the first bytes
// drawn back, and how many outcomes the screen said were saved.
func (tm *loadTeam) volunteerWork(key ssh.Signer, start <-chan struct{}, deadline time.Time) ([]time.Duration, int, error) {
	client, err := tm.dial(ssh.PublicKeys(key))
	if err != nil {
		return nil, 0, err
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return nil, 0, err
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, ssh.TerminalModes{}); err != nil {
		return nil, 0, err
	}
	s := &screen{sess: sess, out: newSyncBuffer()}
	sess.Stdout = s.out
	if s.in, err = sess.StdinPipe(); err != nil {
		return nil, 0, err
	}
	if err := sess.Shell(); err != nil {
		return nil, 0, err
	}
	if err := s.await("Stored plans", deadline); err != nil {
		return nil, 0, err
	}
	if _, err := s.key("\r", deadline); err != nil {
		return nil, 0, err
	}
	if err := s.await("streets in walking order", deadline); err != nil {
		return nil, 0, err
	}
	<-start
	end := time.Now().Add(*loadDuration)
	var lat []time.Duration
	saved := 0
	// A key marked quiet may change nothing on screen (a move at the end of a list, a field
	// already empty cleared): it is timed only when something is drawn.
	round := []struct {
		key, shows string
		quiet      bool
	}{{"p", "Stored plans", false}, {"\r", "streets in walking order", false}, {"\t", "", false},
		{"\x1b[B", "", true}, {"o", "Knocked", false}, {"\x15", "", true}, {"1", "", false}, {"\r", "", false},
		{"\x15", "", true}, {"0", "", false}, {"\r", "", false}, {"\r", "Recorded on", false}, {"\t", "", false}}
	for time.Now().Before(end) {
		for _, step := range round {
			time.Sleep(*loadPace)
			s.out.Reset() // what the key draws, only
			wait := deadline
			if step.quiet {
				wait = time.Now().Add(300 * time.Millisecond)
			}
			d, err := s.key(step.key, wait)
			if err != nil && step.quiet {
				continue
			}
			if err != nil {
				return lat, saved, err
			}
			lat = append(lat, d)
			if step.shows != "" {
				if err := s.await(step.shows, deadline); err != nil {
					return lat, saved, err
				}
			}
			if step.shows == "Recorded on" {
				saved++
			}
			if txt := s.text(); strings.Contains(txt, "locked") {
				return lat, saved, fmt.Errorf("the screen showed a lock: %s", txt)
			}
		}
	}
	return lat, saved, nil
}

// key sends k and returns the time until the first bytes drawn back.
func (s *screen) key(k string, deadline time.Time) (time.Duration, error) {
	before := s.out.Len()
	select { // a write signalled before the key is not its frame
	case <-s.out.wrote:
	default:
	}
	sent := time.Now()
	if _, err := s.in.Write([]byte(k)); err != nil {
		return 0, err
	}
	for s.out.Len() == before {
		select {
		case <-s.out.wrote:
		case <-time.After(time.Until(deadline)):
			return 0, fmt.Errorf("no frame after key %q", k)
		}
	}
	return time.Since(sent), nil
}

// await waits until the screen drew want (spaces aside).
func (s *screen) await(want string, deadline time.Time) error {
	want = strings.Join(strings.Fields(want), "")
	for !strings.Contains(s.text(), want) {
		select {
		case <-s.out.wrote:
		case <-time.After(time.Until(deadline)):
			return fmt.Errorf("the screen never showed %q", want)
		}
	}
	return nil
}
