package tabular

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes body to a file named name in a temporary directory.
func writeFile(t testing.TB, name string, body []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// readAll reads every record, copying them (the reader reuses its slice), with their lines.
func readAll(t *testing.T, r *Reader) (recs [][]string, lines []int) {
	t.Helper()
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return recs, lines
		}
		if err != nil {
			t.Fatalf("line %d: %v", r.Line(), err)
		}
		recs = append(recs, append([]string(nil), rec...))
		lines = append(lines, r.Line())
	}
}

const sample = "\"nom\";\"libellé de voie\";\"numéro\"\n\"DUPONT\";\"Rue de l'Essai; bis\";12\n\"MARTIN\";\"Place \"\"Fictive\"\"\nsur deux lignes\";\n\"ÉLODIE\";;7\n"

func TestReaderVariants(t *testing.T) {
	want := [][]string{{"DUPONT", "Rue de l'Essai; bis", "12"}, {"MARTIN", "Place \"Fictive\"\nsur deux lignes", ""}, {"ÉLODIE", "", "7"}}
	wantLines := []int{2, 3, 5}
	cp1252 := bytes.NewBufferString("")
	for _, r := range sample { // the sample's accents all exist in Windows-1252 at the same code as Latin-1
		cp1252.WriteByte(byte(r))
	}
	for _, c := range []struct {
		name     string
		body     []byte
		encoding string
		sep      rune
	}{
		{"plain.csv", []byte(sample), "UTF-8", ';'},
		{"bom.csv", append([]byte("\xef\xbb\xbf"), sample...), "UTF-8 with BOM", ';'},
		{"crlf.csv", []byte(strings.ReplaceAll(sample, "\n", "\r\n")), "UTF-8", ';'},
		{"comma.csv", []byte("nom,libellé de voie,numéro\nDUPONT,\"Rue de l'Essai; bis\",12\nMARTIN,\"Place \"\"Fictive\"\"\nsur deux lignes\",\nÉLODIE,,7\n"), "UTF-8", ','},
		{"tab.csv", []byte("nom\tlibellé de voie\tnuméro\nDUPONT\tRue de l'Essai; bis\t12\nMARTIN\t\"Place \"\"Fictive\"\"\nsur deux lignes\"\t\nÉLODIE\t\t7\n"), "UTF-8", '\t'},
		{"cp1252.csv", cp1252.Bytes(), "Windows-1252", ';'},
		{"plain.csv.gz", gzipped([]byte(sample)), "UTF-8", ';'},
		{"bom-crlf.csv.gz", gzipped([]byte("\xef\xbb\xbf" + strings.ReplaceAll(sample, "\n", "\r\n"))), "UTF-8 with BOM", ';'},
		{"no-final-newline.csv", []byte(strings.TrimSuffix(sample, "\n")), "UTF-8", ';'},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Open(context.Background(), writeFile(t, c.name, c.body))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if r.Encoding() != c.encoding || r.Separator() != c.sep {
				t.Errorf("encoding %q separator %q, want %q %q", r.Encoding(), r.Separator(), c.encoding, c.sep)
			}
			if h := r.Header(); len(h) != 3 || h[0] != "nom" || h[1] != "libellé de voie" {
				t.Errorf("header = %q", h)
			}
			if r.Column("Libelle_de VOIE") != 1 || r.Column("absent", "NUMERO") != 2 || r.Column("absent") != -1 {
				t.Errorf("Column lookups wrong: %d %d %d", r.Column("Libelle_de VOIE"), r.Column("absent", "NUMERO"), r.Column("absent"))
			}
			recs, lines := readAll(t, r)
			if len(recs) != len(want) {
				t.Fatalf("records = %q, want %q", recs, want)
			}
			for i := range want {
				if strings.Join(recs[i], "|") != strings.Join(want[i], "|") || lines[i] != wantLines[i] {
					t.Errorf("record %d = %q on line %d, want %q on line %d", i, recs[i], lines[i], want[i], wantLines[i])
				}
			}
			read, total := r.Progress()
			if read != total || total != int64(len(c.body)) {
				t.Errorf("progress at the end = %d of %d, want the whole %d bytes", read, total, len(c.body))
			}
		})
	}
}

func TestReaderInvalidUTF8Row(t *testing.T) {
	// The first 64 KB decide the encoding: a bad byte after them is an error of its row only.
	var b strings.Builder
	b.WriteString("a;b\n")
	for b.Len() < sniffSize+100 {
		b.WriteString("\"texte\";\"é\"\n")
	}
	b.WriteString("\"ok\";\"mauvais\xff\"\n\"après\";\"x\"\n")
	r, err := Open(context.Background(), writeFile(t, "late-bad-byte.csv", []byte(b.String())))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Encoding() != "UTF-8" {
		t.Fatalf("encoding = %s, want UTF-8", r.Encoding())
	}
	var rowErrs []*RowError
	var last []string
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			rowErrs = append(rowErrs, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		last = append(last[:0], rec...)
	}
	if len(rowErrs) != 1 || rowErrs[0].Column != 1 || rowErrs[0].Line != r.Line()-1 {
		t.Errorf("row errors = %v (last line %d), want one on column 1 of the line before the last", rowErrs, r.Line())
	}
	if strings.Contains(rowErrs[0].Error(), "mauvais") {
		t.Errorf("error quotes the value: %v", rowErrs[0])
	}
	if len(last) != 2 || last[0] != "après" {
		t.Errorf("reading did not go on after the bad row: last = %q", last)
	}
}

func TestReaderFatal(t *testing.T) {
	for _, c := range []struct {
		name, body string
		line       int
		reason     string
	}{
		{"empty.csv", "", 0, "empty"},
		{"nul.csv", "a;b\n\x00\x01;2\n", 0, "NUL"},
		{"bare-quote-last-line.csv", "a;b\n1;2\n3;x\"y\n", 3, "quote"},
		{"unterminated-quote.csv", "a;b\n1;\"2\n", 2, "quote"},
		{"bad-gzip.csv.gz", "\x1f\x8b\x08\x00garbage", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Open(context.Background(), writeFile(t, c.name, []byte(c.body)))
			if err == nil {
				for err == nil {
					_, err = r.Next()
				}
				r.Close()
				if errors.Is(err, io.EOF) {
					t.Fatal("read to the end, want a fatal error")
				}
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error = %v (%T), want *Error", err, err)
			}
			if fe.File != c.name || fe.Line != c.line || !strings.Contains(fe.Reason, c.reason) {
				t.Errorf("error = %+v, want file %s line %d saying %q", fe, c.name, c.line, c.reason)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  Libellé_de  VOIE ":                   "libelle de voie",
		"numéro d’ordre dans le bureau de vote": "numero d'ordre dans le bureau de vote",
		"Lieu-dit":        "lieu dit",
		"NomdeNaissance":  "nomdenaissance",
		"PRÉNOMS":         "prenoms",
		"code\tdu l'UGLE": "code du l'ugle",
		"libellé circonscription métropolitaine": "libelle circonscription metropolitaine",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
