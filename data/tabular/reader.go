// Package tabular reads delimited text files the way they reach a campaign office: `;` or `,`,
// UTF-8 with or without BOM or Windows-1252, CRLF or LF, plain or gzip-compressed. It streams: memory
// stays flat whatever the file size.
package tabular

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// sniffSize is how much of the file is looked at to choose the encoding.
const sniffSize = 64 << 10

// Reader reads the records of one delimited file.
type Reader struct {
	path     string
	file     *os.File
	counted  *countingReader
	gz       *gzip.Reader
	csv      *csv.Reader
	header   []string
	folded   []string
	encoding string
	size     int64
	line     int
}

// Open opens path, detects compression, encoding and separator, and reads the header row.
// Errors name the file and say what was expected.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := &Reader{path: path, file: f, encoding: "UTF-8"}
	if st, err := f.Stat(); err == nil {
		r.size = st.Size()
	}
	if err := r.init(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *Reader) fail(line int, format string, args ...any) error {
	return &Error{File: filepath.Base(r.path), Line: line, Reason: fmt.Sprintf(format, args...)}
}

func (r *Reader) init() error {
	r.counted = &countingReader{r: r.file}
	var src io.Reader = bufio.NewReaderSize(r.counted, 64<<10)
	magic, _ := src.(*bufio.Reader).Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return r.fail(0, "looks gzip-compressed but cannot be read: %v", err)
		}
		r.gz = gz
		src = gz
	}
	br := bufio.NewReaderSize(src, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return r.fail(0, "cannot be read: %v", err)
	}
	if len(head) == 0 {
		return r.fail(0, "is empty: expected a header row")
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return r.fail(0, "is not a text file (it holds NUL bytes): expected CSV")
	}
	var text io.Reader = br
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
		head = head[3:]
		r.encoding = "UTF-8 with BOM"
	} else if !validUTF8Prefix(head) {
		r.encoding = "Windows-1252"
		text = transform.NewReader(br, charmap.Windows1252.NewDecoder())
	}
	firstLine := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		firstLine = head[:i]
	}
	c := csv.NewReader(text)
	c.Comma = separator(firstLine)
	c.FieldsPerRecord = -1
	c.ReuseRecord = true
	r.csv = c
	header, err := c.Read()
	if err != nil {
		return r.csvError(err)
	}
	r.line = 1
	r.header = append([]string(nil), header...)
	r.folded = make([]string, len(header))
	for i, h := range header {
		r.folded[i] = Fold(h)
	}
	return nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing b to end in the middle of a character.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		if len(b) < sniffSize {
			return false // the whole file was read: no cut character to allow for
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// separator picks `;`, `,` or tab, whichever the header line has most of.
func separator(line []byte) rune {
	best, bestN := ';', -1
	for _, sep := range []rune{';', ',', '\t'} {
		if n := bytes.Count(line, []byte(string(sep))); n > bestN {
			best, bestN = sep, n
		}
	}
	return best
}

// Encoding names the detected text encoding; Windows-1252 deserves a warning to the user.
func (r *Reader) Encoding() string { return r.encoding }

// Separator is the detected field separator.
func (r *Reader) Separator() rune { return r.csv.Comma }

// Header is the header row as written in the file.
func (r *Reader) Header() []string { return r.header }

// Column finds the first column whose folded name equals the fold of one of the names, or -1.
func (r *Reader) Column(names ...string) int {
	for _, n := range names {
		n = Fold(n)
		for i, h := range r.folded {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// Line is the line on which the last record read starts (the header is line 1).
func (r *Reader) Line() int { return r.line }

// Progress returns the bytes read so far from the file (compressed bytes for .gz) and its size.
func (r *Reader) Progress() (read, total int64) { return r.counted.n, r.size }

// Next returns the next record, io.EOF after the last. The slice is reused by the next call.
// A record that is not valid text in the detected encoding comes back with a *RowError.
// Any other error is fatal for the file.
func (r *Reader) Next() ([]string, error) {
	rec, err := r.csv.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, r.csvError(err)
	}
	r.line, _ = r.csv.FieldPos(0)
	if r.encoding != "Windows-1252" {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return rec, &RowError{Line: r.line, Column: i, Reason: "is not valid UTF-8 text (the rest of the file is)"}
			}
		}
	}
	return rec, nil
}

func (r *Reader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e := &Error{File: filepath.Base(r.path), Line: pe.Line, Reason: pe.Err.Error()}
		if pe.Column > 0 {
			e.Reason = fmt.Sprintf("%s (column %d)", pe.Err, pe.Column)
		}
		if errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote) {
			e.Reason += `: a field with a double quote must be wholly quoted, with the quote doubled ("")`
		}
		return e
	}
	return &Error{File: filepath.Base(r.path), Reason: err.Error()}
}

// Close releases the file.
func (r *Reader) Close() error {
	if r.gz != nil {
		r.gz.Close()
	}
	return r.file.Close()
}

// Error is a problem that stops the reading of a file.
type Error struct {
	File   string
	Line   int
	Reason string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	}
	return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Reason)
}

// RowError is a problem with one record only; reading can go on.
type RowError struct {
	Line   int
	Column int
	Reason string
}

func (e *RowError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column+1, e.Reason)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Fold normalizes a name for matching: trimmed, lower case, accents removed, runs of spaces,
// underscores and hyphens as one space. "Libellé_de  VOIE" and "libelle de voie" fold alike.
func Fold(s string) string {
	s, _, err := transform.String(stripMarks(), strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return s
	}
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.FieldsFunc(s, func(c rune) bool {
		return c == ' ' || c == '_' || c == '-' || c == '\t'
	}), " ")
}

// stripMarks removes diacritics: decompose, drop the combining marks, recompose. A transformer
// holds state, so each call gets its own.
func stripMarks() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}
