package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// File is one file to write: its name in the output directory and what writes its bytes.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// WriteFiles writes every file into dir (created 0700 if missing) with mode perm (0600 for
// anything about voters), all or nothing: each file goes to a temporary file in dir first, and only
// when every one is complete are they renamed into place, replacing any file of that name with a
// new one of mode perm whatever mode the old one had. A failure leaves no file half-written and no
// temporary file behind; temporary files a killed run left in dir are deleted first (see
// CleanTemps). It returns the paths written.
func WriteFiles(dir string, perm os.FileMode, files []File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", dir, err)
	}
	CleanTemps(dir)
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
			Remove(out)
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, path)
	}
	return out, nil
}

// WriteFile writes one file at path as WriteFiles does: through a temporary file renamed into
// place, so that the file at path ends with mode perm even if one existed with another mode.
func WriteFile(path string, perm os.FileMode, write func(io.Writer) error) error {
	_, err := WriteFiles(filepath.Dir(path), perm, []File{{Name: filepath.Base(path), Write: write}})
	return err
}

// Remove deletes the files at paths, written by WriteFiles, when what they were written for failed
// (their audit entry could not be committed): a file about voters is never left unaccounted for.
func Remove(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

// tempSuffix ends the name of every temporary file: ".NAME.PID-RANDOM.tmp".
const tempSuffix = ".tmp"

// writeTemp writes f to a new temporary file in dir, synced to disk, and returns its path. The
// name carries this process's id, so that CleanTemps can tell a live run's file from a dead one's.
func writeTemp(dir string, perm os.FileMode, f File) (string, error) {
	tmp, err := os.CreateTemp(dir, fmt.Sprintf(".%s.%d-*%s", f.Name, os.Getpid(), tempSuffix))
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

// CleanTemps deletes the temporary files that writes killed before they finished left in dir
// (some may be complete personal lists): those of a process no longer running, and those named
// the way earlier versions did, without a process id. It leaves a running process's alone.
func CleanTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, tempSuffix) {
			continue
		}
		rest := strings.TrimSuffix(name, tempSuffix)
		tag := rest[strings.LastIndexByte(rest, '.')+1:] // "PID-RANDOM", or "RANDOM" from earlier versions
		if pid, _, ok := strings.Cut(tag, "-"); ok {
			n, err := strconv.Atoi(pid)
			if err != nil || n == os.Getpid() || running(n) {
				continue
			}
		} else if _, err := strconv.ParseUint(tag, 10, 64); err != nil {
			continue // not a name os.CreateTemp made for us
		}
		os.Remove(filepath.Join(dir, name))
	}
}
