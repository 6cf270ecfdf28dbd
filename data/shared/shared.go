// Package shared locates the public test data that lies beside the checkout, in ../shared; tests
// skip, saying so, when it is absent. The project never copies these files.
package shared

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Path returns the absolute path of ../shared/<parts...> beside the module's root, the directory
// holding go.mod above the working directory (a package's directory under go test). It skips the
// test or benchmark, naming the path looked for, when that path does not exist: the project's
// tests must pass without the shared data.
func Path(tb testing.TB, parts ...string) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Skipf("shared test data not looked for: %v", err)
		return ""
	}
	p := filepath.Join(append([]string{filepath.Dir(root), "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared test data absent: %s not found (the tests need ../shared beside the checkout)", p)
		return ""
	}
	return p
}

// moduleRoot walks up from the working directory to the first directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
