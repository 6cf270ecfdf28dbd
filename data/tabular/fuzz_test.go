package tabular

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader as a file: it must never panic, never loop, and
// either read to the end or stop on an *Error, with rows errors as *RowError and lines that only
// go forward; no field it returns is longer than MaxRecord or holds a control character.
func FuzzReader(f *testing.F) {
	for _, seed := range []string{
		sample,
		"\xef\xbb\xbf" + sample,
		"a,b\r\n1,2\r\n",
		"a;b\n\"x\n",
		"a;b\n1;x\"y\n",
		"nom;voie\nCAF\xc9;RUE\n",
		"\"a\";\"b\"\n\"\xff\";2\n",
		"",
		"\n\n\n",
		"a\tb\n\t\n",
	} {
		f.Add([]byte(seed))
	}
	f.Add([]byte("a;b\n\"" + strings.Repeat("x\n", MaxRecord/2+10) + "\";2\nc;d\n"))
	f.Add([]byte("a;b\n" + strings.Repeat("y", MaxRecord+5000) + ";2\nc;d\n"))
	f.Add([]byte("\xff\xfea\x00;\x00b\x00\n\x00"))
	f.Add([]byte("a;b\nx\x1b[31m;\x00\n"))
	f.Add(gzipped([]byte(sample)))
	f.Add(gzipped([]byte("a;b\n1;x\"y\n")))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := Open(context.Background(), path)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("Open error %v (%T), want *Error", err, err)
			}
			return
		}
		defer r.Close()
		prev := r.Line()
		for rows := 0; ; rows++ {
			if rows > len(data)+1 {
				t.Fatalf("%d records from %d bytes", rows, len(data))
			}
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *RowError
			var fe *Error
			switch {
			case errors.As(err, &re):
				// A record too long to keep comes back empty, its error on the column that overflowed.
				if re.Column < 0 || rec != nil && re.Column >= len(rec) {
					t.Fatalf("row error on column %d of a %d-field record", re.Column, len(rec))
				}
			case errors.As(err, &fe):
				return
			case err != nil:
				t.Fatalf("error %v (%T), want *RowError or *Error", err, err)
			}
			size := 0
			for _, f := range rec {
				size += len(f)
				if err == nil && HasControl(f) {
					t.Fatalf("field with a control character: %q", f)
				}
			}
			if size > MaxRecord+len(rec) { // decoding Windows-1252 may lengthen a field
				t.Fatalf("record of %d bytes", size)
			}
			if r.Line() <= prev {
				t.Fatalf("line %d after line %d", r.Line(), prev)
			}
			prev = r.Line()
			read, total := r.Progress()
			if read < 0 || read > total {
				t.Fatalf("progress %d of %d", read, total)
			}
		}
	})
}
