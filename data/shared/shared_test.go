package shared

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// skipRecorder is a testing.TB whose Skipf records the message instead of ending the test, so
// that a skip can be asserted.
type skipRecorder struct {
	testing.TB
	skipped string
}

func (r *skipRecorder) Helper() {}

func (r *skipRecorder) Skipf(format string, args ...any) { r.skipped = fmt.Sprintf(format, args...) }

// tree lays out root/repo/go.mod, root/repo/pkg/sub and root/shared/data/x.csv, and works from
// root/repo/pkg/sub as go test would from a package's directory.
func tree(t *testing.T) string {
	root := t.TempDir()
	for _, d := range []string{"repo/pkg/sub", "shared/data"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/go.mod", "shared/data/x.csv"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(root, "repo", "pkg", "sub"))
	return root
}

func TestPathFindsSharedBesideTheModule(t *testing.T) {
	root := tree(t)
	r := &skipRecorder{TB: t}
	got := Path(r, "data", "x.csv")
	if r.skipped != "" {
		t.Fatalf("skipped: %s", r.skipped)
	}
	if want := filepath.Join(root, "shared", "data", "x.csv"); got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
	if !filepath.IsAbs(got) {
		t.Errorf("Path = %q, want an absolute path", got)
	}
}

func TestPathSkipsNamingWhatIsAbsent(t *testing.T) {
	root := tree(t)
	r := &skipRecorder{TB: t}
	if got := Path(r, "data", "missing.csv"); got != "" {
		t.Errorf("Path = %q for an absent file, want \"\"", got)
	}
	if want := filepath.Join(root, "shared", "data", "missing.csv"); !strings.Contains(r.skipped, want) {
		t.Errorf("skip message %q does not name %s", r.skipped, want)
	}
}

func TestPathSkipsWithoutGoMod(t *testing.T) {
	t.Chdir(t.TempDir())
	r := &skipRecorder{TB: t}
	if got := Path(r, "data"); got != "" {
		t.Errorf("Path = %q without go.mod, want \"\"", got)
	}
	if !strings.Contains(r.skipped, "go.mod") {
		t.Errorf("skip message %q does not say go.mod was not found", r.skipped)
	}
}
