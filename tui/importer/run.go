package importer

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// Request is one import, as confirmed by the organizer.
type Request struct {
	Path    string
	Kind    canvass.Kind
	Areas   canvass.AreaOptions   // for KindAreas
	Results canvass.ResultOptions // for KindResults
	// Replace lets a list or address import remove more than half of what a commune had: the
	// organizer confirmed it, shown the counts of a first, refused, run.
	Replace bool
}

// RunFunc runs an import, reporting progress as it reads. When ctx is cancelled it must stop and
// leave the campaign as it was. It runs off the interface's loop; tests replace it with a fake.
type RunFunc func(ctx context.Context, req Request, progress canvass.ProgressFunc) (canvass.Report, error)

// CampaignRunner runs imports on camp.
func CampaignRunner(camp *canvass.Campaign) RunFunc {
	return func(ctx context.Context, req Request, progress canvass.ProgressFunc) (canvass.Report, error) {
		var opts []canvass.ImportOption
		if req.Replace {
			opts = append(opts, canvass.AllowReplace)
		}
		switch req.Kind {
		case canvass.KindList:
			return camp.ImportList(ctx, req.Path, progress, opts...)
		case canvass.KindAddresses:
			return camp.ImportAddresses(ctx, req.Path, progress, opts...)
		case canvass.KindAreas:
			return camp.ImportAreas(ctx, req.Path, req.Areas, progress)
		case canvass.KindResults:
			return camp.ImportResults(ctx, req.Path, req.Results, progress)
		case canvass.KindStreets:
			return camp.ImportStreets(ctx, req.Path, canvass.StreetOptions{}, progress)
		case canvass.KindConsents:
			return camp.ImportConsents(ctx, req.Path, progress)
		case canvass.KindOpposition:
			return camp.ImportOpposition(ctx, req.Path, progress)
		}
		return canvass.Report{}, fmt.Errorf("no importer for files of kind %q", req.Kind)
	}
}

// detectedMsg carries what DetectKind found in the chosen file.
type detectedMsg struct {
	path string
	size int64
	det  canvass.Detection
	err  error
}

// progressMsg is the latest progress of run number run.
type progressMsg struct {
	run int
	p   canvass.Progress
}

// doneMsg ends run number run.
type doneMsg struct {
	run int
	rep canvass.Report
	err error
}

// The import's messages come back to this screen whichever screen is active.
func (detectedMsg) ScreenID() common.ScreenID { return ID }
func (progressMsg) ScreenID() common.ScreenID { return ID }
func (doneMsg) ScreenID() common.ScreenID     { return ID }

// stream carries a running import's progress to the screen. progress holds only the latest
// one: a fast importer never waits for the screen, and the screen never lags behind. done closes
// when the import returns; progress is never closed, so a late report cannot panic.
type stream struct {
	progress chan canvass.Progress
	done     chan struct{}
}

// startCmd runs req in a command of its own and streams its progress, read by waitProgress,
// which the screen re-arms after each message.
func startCmd(ctx context.Context, cancel context.CancelFunc, run int, do RunFunc, req Request) (tea.Cmd, stream) {
	s := stream{progress: make(chan canvass.Progress, 1), done: make(chan struct{})}
	runCmd := func() tea.Msg {
		defer cancel()
		rep, err := do(ctx, req, func(p canvass.Progress) { offer(s.progress, p) })
		close(s.done)
		return doneMsg{run: run, rep: rep, err: err}
	}
	return tea.Batch(runCmd, waitProgress(run, s)), s
}

// offer puts p in ch, replacing a progress nobody has read yet. There is one sender per channel.
func offer(ch chan canvass.Progress, p canvass.Progress) {
	for {
		select {
		case ch <- p:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

// waitProgress waits for the next progress of run; it returns no message once the run is over,
// since doneMsg says so.
func waitProgress(run int, s stream) tea.Cmd {
	return func() tea.Msg {
		select {
		case p := <-s.progress:
			return progressMsg{run: run, p: p}
		case <-s.done:
			return nil
		}
	}
}

// detectCmd looks at the chosen file off the interface's loop: a .gz has to be opened to read
// its header.
func detectCmd(path string) tea.Cmd {
	return func() tea.Msg {
		det, err := canvass.DetectKind(path)
		return detectedMsg{path: path, size: fileSize(path), det: det, err: err}
	}
}
