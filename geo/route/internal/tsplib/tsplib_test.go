package tsplib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.tsp")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoad(t *testing.T) {
	path := write(t, "NAME : sq\nTYPE : TSP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n"+
		"1 0 0\n3 3.0 4.0\n2 3 0\n4 0.0 4.6\nEOF\n")
	in, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if in.Name != "sq" || len(in.Points) != 4 || in.Points[2].X() != 3 || in.Points[2].Y() != 4 {
		t.Fatalf("loaded %+v", in)
	}
	if d := in.Dist(0, 2); d != 5 {
		t.Errorf("Dist(0,2) = %d, want 5", d)
	}
	if d := in.Dist(2, 3); d != 3 { // hypot(3, 0.6) = 3.06 rounds to 3
		t.Errorf("Dist(2,3) = %d, want 3", d)
	}
	// 0 -> 1 (3) -> 2 (4) -> 3 (3) -> 0 (round 4.6 = 5).
	if l := in.Length([]int{0, 1, 2, 3}); l != 15 {
		t.Errorf("Length = %d, want 15", l)
	}
}

func TestLoadErrors(t *testing.T) {
	for name, tc := range map[string]struct{ text, want string }{
		"weights": {"DIMENSION : 2\nEDGE_WEIGHT_TYPE : GEO\n", "only EUC_2D"},
		"id":      {"DIMENSION : 2\nNODE_COORD_SECTION\n3 0 0\n", "line 3: node id"},
		"coords":  {"DIMENSION : 2\nNODE_COORD_SECTION\n1 0 x\n", "line 3: coordinates"},
		"section": {"DIMENSION : 2\n", "no NODE_COORD_SECTION"},
		"dim":     {"DIMENSION : two\n", "line 1: DIMENSION"},
		"nodim":   {"NODE_COORD_SECTION\n1 0 0\n", "before DIMENSION"},
		"fields":  {"DIMENSION : 2\nNODE_COORD_SECTION\n1 0\n", "line 3: want"},
	} {
		_, err := Load(write(t, tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, tc.want)
		}
	}
}
