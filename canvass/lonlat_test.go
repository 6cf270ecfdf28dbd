package canvass_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
)

func TestParseLonLat(t *testing.T) {
	for in, want := range map[string]orb.Point{
		"2.3985,48.8632":   {2.3985, 48.8632},
		" 2.3985 , 48.86 ": {2.3985, 48.86},
		"-61.5,16.25":      {-61.5, 16.25},
		"180,-90":          {180, -90},
	} {
		if got, err := canvass.ParseLonLat(in); err != nil || got != want {
			t.Errorf("ParseLonLat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "48.86", "2.39;48.86", "2.39,", ",48.86", "x,48.86", "2.39,y", "181,48", "2.39,91", "2.39,48.86,1",
		"NaN,NaN", "nan,48.86", "2.39,NaN", "Inf,48", "2.39,-Inf", "1e999,48"} {
		_, err := canvass.ParseLonLat(bad)
		var usage *canvass.UsageError
		if !errors.As(err, &usage) {
			t.Errorf("ParseLonLat(%q): %v, want a *UsageError", bad, err)
			continue
		}
		if !strings.Contains(err.Error(), "expected LON,LAT") {
			t.Errorf("ParseLonLat(%q): %q does not name the expected form", bad, err)
		}
	}
}
