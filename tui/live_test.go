package tui

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/exporter"
)

// recordingExporter remembers the folder it was asked to write into.
type recordingExporter struct {
	exporter.Domain
	dir string
}

func (r *recordingExporter) Export(_ context.Context, _ string, opt canvass.ExportOptions) ([]string, error) {
	r.dir = opt.Dir
	return nil, nil
}

func TestConfinedExports(t *testing.T) {
	rec := &recordingExporter{}
	c := confined{Domain: rec, dir: "/srv/canvass-exports/bob-martin"}
	if _, err := c.Export(context.Background(), "est", canvass.ExportOptions{Dir: "./exports/est"}); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join("/srv/canvass-exports/bob-martin", "exports/est"); rec.dir != want {
		t.Errorf("written into %s, want %s", rec.dir, want)
	}
	for _, outside := range []string{"/etc", "../alice", "exports/../../x", ""} {
		rec.dir = ""
		_, err := c.Export(context.Background(), "est", canvass.ExportOptions{Dir: outside})
		var refused *canvass.RefusedError
		if !errors.As(err, &refused) || rec.dir != "" {
			t.Errorf("%q: %v, written into %q", outside, err, rec.dir)
		}
	}
}
