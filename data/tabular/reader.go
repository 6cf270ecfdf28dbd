// Package tabular reads delimited text files the way they reach a campaign office: `;` or `,`,
// UTF-8 with or without BOM or Windows-1252, CRLF or LF, plain or gzip-compressed. It streams, and
// its memory is bounded whatever the input: a record longer than MaxRecord is rejected, not read.
//
// The encoding is decided on evidence. Bytes that are not valid UTF-8 make a file Windows-1252
// only when they outnumber the valid UTF-8 sequences around them (the first 64 KB, or when those
// are plain ASCII the first record that is not, and the 64 KB after it): a UTF-8 file with a few
// stray bytes stays UTF-8, and only the records holding them are rejected.
//
// Control characters (C0 but tab and line feed, DEL, C1) are never passed on: Next strips them
// from the fields, or, after RejectControls, rejects the record that holds one.
package tabular

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/textfold"
)

// MaxRecord bounds the bytes of one record, all its fields and lines together: far more than any
// row of the files canvass reads (an electoral-list row is about 300 bytes), small enough that
// memory stays flat whatever the file holds.
const MaxRecord = 64 << 10

// sniffSize is how much of the file is looked at to choose the encoding.
const sniffSize = 64 << 10

// The encodings a file may be read in. undecided is a file whose bytes so far are all ASCII.
const (
	encUndecided = ""
	encUTF8      = "UTF-8"
	encUTF8BOM   = "UTF-8 with BOM"
	encCP1252    = "Windows-1252"
)

// Reader reads the records of one delimited file.
type Reader struct {
	ctx      context.Context
	path     string
	file     *os.File
	counted  *CountingReader
	gz       *gzip.Reader
	src      *bufio.Reader
	sep      byte
	encoding string
	reject   bool // reject records with control characters instead of stripping them
	header   []string
	folded   []string
	size     int64
	line     int // line on which the last record read starts
	cur      int // line of the last byte read
	next     int // line of the next byte to read
	buf      []byte
	ends     []int
	rec      []string
	// ambiguous is set by Column when two columns match one name: Next then fails with it.
	ambiguous error
}

// Open opens path, detects compression, encoding and separator, and reads the header row. Errors
// name the file and say what was expected. Reading stops with ctx's error once ctx is done.
func Open(ctx context.Context, path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := &Reader{ctx: ctx, path: path, file: f, next: 1}
	if st, err := f.Stat(); err == nil {
		r.size = st.Size()
	}
	if err := r.init(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// fail is the error that stops the reading on line (0: the whole file): message id with kv.
func (r *Reader) fail(line int, id string, kv ...any) error {
	return &Error{File: filepath.Base(r.path), Line: line, Reason: i18n.Msg(id, kv...)}
}

func (r *Reader) init() error {
	r.counted = NewCountingReader(r.ctx, r.file)
	var src io.Reader = bufio.NewReaderSize(r.counted, 64<<10)
	magic, _ := src.(*bufio.Reader).Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return r.readError(0, "import.csv.gzip", err)
		}
		r.gz = gz
		src = gz
	}
	// Large enough for a whole record of MaxRecord bytes, and to look sniffSize bytes ahead.
	r.src = bufio.NewReaderSize(src, max(MaxRecord, sniffSize)+4<<10)
	head, err := r.src.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return r.readError(0, "import.csv.unreadable", err)
	}
	if len(head) == 0 {
		return r.fail(0, "import.csv.empty")
	}
	if UTF16(head) {
		return r.fail(0, "import.csv.utf16")
	}
	if binary(head) {
		return r.fail(0, "import.csv.binary")
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		r.src.Discard(3)
		head = head[3:]
		r.encoding = encUTF8BOM
	} else {
		r.encoding = decide(head, len(head) == sniffSize)
	}
	firstLine := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		firstLine = head[:i]
	}
	r.sep = separator(firstLine)
	header, err := r.Next()
	switch {
	case errors.Is(err, io.EOF):
		return r.fail(0, "import.csv.noheader")
	case err != nil:
		var re *RowError
		if errors.As(err, &re) {
			return r.fail(re.Line, "import.csv.header", "Reason", re.Reason)
		}
		return err
	}
	r.header = append([]string(nil), header...)
	r.folded = make([]string, len(header))
	seen := make(map[string]int, len(header))
	for i, h := range header {
		r.folded[i] = Fold(h)
		if r.folded[i] == "" {
			continue
		}
		if j, ok := seen[r.folded[i]]; ok {
			return r.fail(r.line, "import.csv.samename",
				"A", j+1, "NameA", strings.TrimSpace(header[j]), "B", i+1, "NameB", strings.TrimSpace(h))
		}
		seen[r.folded[i]] = i
	}
	return nil
}

// readError is a fatal error while reading, message id saying err; a done context is reported as
// itself.
func (r *Reader) readError(line int, id string, err error) error {
	if ctxErr := r.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return r.fail(line, id, "Err", err)
}

// UTF16 reports whether head, the first bytes of a file, starts with a UTF-16 byte-order mark, or
// looks like UTF-16 text without one: a NUL in the same half of most byte pairs.
func UTF16(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return true
	}
	pairs := min(len(head), 1024) / 2
	var even, odd int
	for i := 0; i < pairs; i++ {
		a, b := head[2*i], head[2*i+1]
		switch {
		case a == 0 && b != 0:
			even++
		case b == 0 && a != 0:
			odd++
		}
	}
	return pairs >= 2 && max(even, odd)*10 >= pairs*8
}

// binary reports whether head is too full of control characters for a text file: one in ten, or
// one in a hundred with NUL bytes among them. A text file with a few stray control characters
// gets their records rejected or the characters stripped, as any other.
func binary(head []byte) bool {
	n, nul := 0, false
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
			nul = nul || c == 0
		}
	}
	return n*10 >= len(head) || nul && n*100 >= len(head)
}

// decide chooses the encoding of a file from a sample of its bytes (cut: the sample may end in the
// middle of a character). A sample of plain ASCII decides nothing.
func decide(sample []byte, cut bool) string {
	valid, invalid := utf8Evidence(sample, cut)
	switch {
	case invalid == 0 && valid == 0:
		return encUndecided
	case invalid > valid:
		return encCP1252
	}
	return encUTF8
}

// utf8Evidence counts the multi-byte UTF-8 sequences of b and the bytes that belong to none. A
// sequence cut by the end of b is not counted when cut is true.
func utf8Evidence(b []byte, cut bool) (valid, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		c, n := utf8.DecodeRune(b[i:])
		switch {
		case c != utf8.RuneError || n > 1:
			valid++
		case cut && len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]):
			return valid, invalid
		default:
			invalid++
		}
		i += n
	}
	return valid, invalid
}

// separator picks `;`, `,` or tab, whichever the header line has most of.
func separator(line []byte) byte {
	best, bestN := byte(';'), -1
	for _, sep := range []byte{';', ',', '\t'} {
		if n := bytes.Count(line, []byte{sep}); n > bestN {
			best, bestN = sep, n
		}
	}
	return best
}

// Encoding names the detected text encoding; Windows-1252 deserves a warning to the user. It is
// known for sure only once the file is read: a file is UTF-8 until a record says otherwise.
func (r *Reader) Encoding() string {
	if r.encoding == encUndecided {
		return encUTF8
	}
	return r.encoding
}

// Separator is the detected field separator.
func (r *Reader) Separator() rune { return rune(r.sep) }

// Header is the header row as written in the file.
func (r *Reader) Header() []string { return r.header }

// Column finds the column whose folded name equals the fold of one of the names, or -1. The names
// are spellings of one column: when the file has two of them, the file is ambiguous (which one
// holds the value?), and Next fails with an *Error naming both.
func (r *Reader) Column(names ...string) int {
	found := -1
	for _, n := range names {
		n = Fold(n)
		for i, h := range r.folded {
			if h != n || i == found {
				continue
			}
			if found < 0 {
				found = i
			} else if r.ambiguous == nil {
				a, b := min(found, i), max(found, i)
				r.ambiguous = r.fail(1, "import.csv.twonames",
					"A", a+1, "NameA", strings.TrimSpace(r.header[a]), "B", b+1, "NameB", strings.TrimSpace(r.header[b]))
			}
		}
	}
	return found
}

// Line is the line on which the last record read starts (the header is line 1).
func (r *Reader) Line() int { return r.line }

// Progress returns the bytes read so far from the file (compressed bytes for .gz) and its size.
func (r *Reader) Progress() (read, total int64) { return r.counted.Count(), r.size }

// RejectControls makes Next reject a record holding a control character, with a *RowError naming
// its column, instead of stripping the character.
func (r *Reader) RejectControls() { r.reject = true }

// Next returns the next record, io.EOF after the last. The slice is reused by the next call.
// A record that cannot be imported as text (not valid in the file's encoding, a control character
// with RejectControls, longer than MaxRecord) comes back with a *RowError, and reading can go on.
// Any other error is fatal for the file: an *Error, or ctx's error once it is done.
func (r *Reader) Next() ([]string, error) {
	if r.ambiguous != nil {
		return nil, r.ambiguous
	}
	if err := r.readRecord(); err != nil {
		return nil, err
	}
	s := string(r.buf)
	r.rec = r.rec[:0]
	start := 0
	for _, end := range r.ends {
		r.rec = append(r.rec, s[start:end])
		start = end
	}
	if plainASCII(r.buf) {
		return r.rec, nil
	}
	if r.encoding == encUndecided && bytes.ContainsFunc(r.buf, func(c rune) bool { return c >= utf8.RuneSelf }) {
		ahead, _ := r.src.Peek(sniffSize)
		r.encoding = decide(append(bytes.Clone(r.buf), ahead...), len(ahead) == sniffSize)
	}
	for i, f := range r.rec {
		if r.encoding == encCP1252 {
			f = fromCP1252(f)
			if strings.ContainsRune(f, utf8.RuneError) {
				return r.rec, &RowError{Line: r.line, Column: i, Reason: i18n.Msg("import.csv.encoding")}
			}
		} else if !utf8.ValidString(f) {
			return r.rec, &RowError{Line: r.line, Column: i, Reason: i18n.Msg("import.csv.utf8")}
		}
		if HasControl(f) {
			if r.reject {
				return r.rec, &RowError{Line: r.line, Column: i, Reason: i18n.Msg("import.csv.control")}
			}
			f = StripControls(f)
		}
		r.rec[i] = f
	}
	return r.rec, nil
}

// plainASCII reports whether b holds only printable ASCII, tabs and line feeds: then every field
// is the same text in every encoding and holds no control character. It looks at eight bytes at
// a time, as most records are plain ASCII.
func plainASCII(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := uint64(b[i]) | uint64(b[i+1])<<8 | uint64(b[i+2])<<16 | uint64(b[i+3])<<24 |
			uint64(b[i+4])<<32 | uint64(b[i+5])<<40 | uint64(b[i+6])<<48 | uint64(b[i+7])<<56
		below := (x - ones*0x20) & ^x & highs // a byte under 0x20
		above := (x + ones) | x               // a byte over 0x7e has its high bit set
		if below|above&highs != 0 {
			return plainBytes(b[i:])
		}
	}
	return plainBytes(b[i:])
}

func plainBytes(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n') || c > 0x7e {
			return false
		}
	}
	return true
}

// fromCP1252 decodes a Windows-1252 string; bytes the encoding leaves undefined become U+FFFD.
func fromCP1252(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(charmap.Windows1252.DecodeByte(s[i]))
		}
	}
	return b.String()
}

// isControl reports whether c is a control character that imported text may not hold: C0 but tab
// and line feed (a quoted field may span lines), DEL, and C1.
func isControl(c rune) bool {
	return c < 0x20 && c != '\t' && c != '\n' || c >= 0x7f && c < 0xa0
}

// HasControl reports whether s holds a control character (C0 but tab and line feed, DEL, C1):
// text from a file that has one is refused or stripped, never stored as is.
func HasControl(s string) bool { return strings.IndexFunc(s, isControl) >= 0 }

// StripControls removes the control characters from s (see HasControl).
func StripControls(s string) string {
	if !HasControl(s) {
		return s
	}
	return strings.Map(func(c rune) rune {
		if isControl(c) {
			return -1
		}
		return c
	}, s)
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
	Line   int // 0 when the problem is not on one line
	Reason i18n.Message
}

func (e *Error) Error() string { return e.Unwrap().Error() }

// Unwrap is the whole error as a message, for Printer.Error to say it in the reader's language.
func (e *Error) Unwrap() error {
	if e.Line == 0 {
		return i18n.Msg("import.input.file", "File", e.File, "Reason", e.Reason)
	}
	return i18n.Msg("import.input.line", "File", e.File, "Line", e.Line, "Reason", e.Reason)
}

// RowError is a problem with one record only; reading can go on.
type RowError struct {
	Line   int
	Column int // 0-based; it may be past the header's last column for a record longer than it
	Reason i18n.Message
}

func (e *RowError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column+1, e.Reason.Error())
}

// CountingReader counts the bytes read through it, for progress, and stops once its context is
// done: a long read ends at ctrl-c.
type CountingReader struct {
	ctx context.Context
	r   io.Reader
	n   int64
}

// NewCountingReader counts what is read from r until ctx is done.
func NewCountingReader(ctx context.Context, r io.Reader) *CountingReader {
	return &CountingReader{ctx: ctx, r: r}
}

// Read reads from the underlying reader, or returns the context's error once it is done.
func (c *CountingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Count is the number of bytes read so far.
func (c *CountingReader) Count() int64 { return c.n }

// Fold normalizes a column name for matching: trimmed, lower case, accents removed, runs of
// spaces, underscores and hyphens as one space. "Libellé_de  VOIE" and "libelle de voie" fold
// alike. Unlike textfold.Key, which reads words people type, it keeps the other punctuation:
// column names differ by it ("% Votants" is not "Votants", "N°Panneau" not "N Panneau").
func Fold(s string) string {
	s = textfold.StripAccents(strings.ToLower(strings.TrimSpace(s)))
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.FieldsFunc(s, func(c rune) bool {
		return c == ' ' || c == '_' || c == '-' || c == '\t'
	}), " ")
}
