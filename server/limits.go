package server

import (
	"path/filepath"
	"sync"
	"time"

	"github.com/campagne-fr/porteaporte/canvass/export"
)

// failures counts refused authentications per address over a sliding window: past max, the
// address is refused everything, a right key included, until its oldest failures age out.
type failures struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	seen   map[string][]time.Time
}

func newFailures(max int, window time.Duration) *failures {
	return &failures{max: max, window: window, now: time.Now, seen: map[string][]time.Time{}}
}

// recent drops the failures of addr older than the window; the caller holds mu.
func (f *failures) recent(addr string) []time.Time {
	cut := f.now().Add(-f.window)
	ts := f.seen[addr]
	i := 0
	for i < len(ts) && ts[i].Before(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(f.seen, addr)
	} else {
		f.seen[addr] = ts
	}
	return ts
}

// fail counts a failure of addr; it reports whether addr just became blocked.
func (f *failures) fail(addr string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	ts := append(f.recent(addr), f.now())
	f.seen[addr] = ts
	return len(ts) == f.max
}

// blocked reports whether addr failed max times within the window.
func (f *failures) blocked(addr string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.recent(addr)) >= f.max
}

// memberDir is the folder a member's exports go to: one per member, named after them.
func memberDir(dir, name string) string { return filepath.Join(dir, export.Slug(name)) }
