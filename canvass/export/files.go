package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is one file to write: its name in the output directory and what writes its bytes.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// WriteFiles writes every file into dir (created 0700 if missing) with mode perm (0600 for
// anything about voters), all or nothing: each file goes to a temporary file in dir first, and only
// when every one is complete are they renamed into place. A failure leaves no file half-written and
// no temporary file behind. It returns the paths written.
func WriteFiles(dir string, perm os.FileMode, files []File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	temps := make([]string, 0, len(files))
	defer func() {
		for _, t := range temps {
			os.Remove(t) // after a rename the name no longer exists: only leftovers go
		}
	}()
	for _, f := range files {
		tmp, err := writeTemp(dir, perm, f)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			return nil, err
		}
	}
	var out []string
	for i, f := range files {
		path := filepath.Join(dir, f.Name)
		if err := os.Rename(temps[i], path); err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, path)
	}
	return out, nil
}

// writeTemp writes f to a new temporary file in dir, synced to disk, and returns its path.
func writeTemp(dir string, perm os.FileMode, f File) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+f.Name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(dir, f.Name), err)
	}
	fail := func(err error) (string, error) {
		tmp.Close()
		return tmp.Name(), fmt.Errorf("%s: %w", filepath.Join(dir, f.Name), err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	w := bufio.NewWriter(tmp)
	if err := f.Write(w); err != nil {
		return fail(err)
	}
	if err := w.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return tmp.Name(), fmt.Errorf("%s: %w", filepath.Join(dir, f.Name), err)
	}
	return tmp.Name(), nil
}
