package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The record syntax is RFC 4180's, as encoding/csv reads it: a field is quoted when it starts with
// a double quote, a doubled quote inside it stands for one, and it may span lines; empty lines are
// skipped; CRLF is read as LF. It is parsed here rather than by encoding/csv because that reader
// keeps a whole record in memory however long it is: this one stops keeping it at MaxRecord bytes
// and skips the rest.

// errLong is readLine's signal of a line longer than the buffer.
var errLong = errors.New("line too long")

// readLine reads one physical line, without its line feed and a carriage return before it; eol
// says whether it had a line feed. For a line longer than the buffer it returns the buffer's bytes
// and errLong. At the end of the file it returns io.EOF with no bytes.
func (r *Reader) readLine() (line []byte, eol bool, err error) {
	r.cur = r.next
	line, err = r.src.ReadSlice('\n')
	switch {
	case err == nil:
		r.next++
		line = line[:len(line)-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		return line, true, nil
	case errors.Is(err, bufio.ErrBufferFull):
		return line, false, errLong
	case errors.Is(err, io.EOF):
		if len(line) == 0 {
			return nil, false, io.EOF
		}
		if n := len(line); line[n-1] == '\r' {
			line = line[:n-1]
		}
		return line, false, nil
	}
	return nil, false, r.readError(r.next, "cannot be read: %v", err)
}

// readRecord reads the next record into r.buf, the fields' contents one after the other, and
// r.ends, where each field ends in r.buf. It sets r.line to the record's first line.
func (r *Reader) readRecord() error {
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	var line []byte
	var eol bool
	for len(line) == 0 { // empty lines are no records
		start := r.next
		var err error
		line, eol, err = r.readLine()
		if err == nil || errors.Is(err, errLong) {
			r.line = start
		}
		if errors.Is(err, errLong) {
			return r.skipLong(false, line)
		}
		if err != nil {
			return err
		}
	}
	pos := 0
fields:
	for {
		if pos < len(line) && line[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 { // the quoted field goes on on the next line
					r.buf = append(r.buf, line[pos:]...)
					r.buf = append(r.buf, '\n')
					if !eol {
						return r.fail(r.line, "import.csv.unclosed")
					}
					if len(r.buf) > MaxRecord {
						return r.skipLong(true, nil)
					}
					var err error
					line, eol, err = r.readLine()
					pos = 0
					switch {
					case errors.Is(err, errLong):
						return r.skipLong(true, line)
					case errors.Is(err, io.EOF):
						return r.fail(r.line, "import.csv.unclosed")
					case err != nil:
						return err
					}
					continue
				}
				r.buf = append(r.buf, line[pos:pos+i]...)
				pos += i + 1
				switch {
				case pos < len(line) && line[pos] == '"':
					r.buf = append(r.buf, '"')
					pos++
				case pos < len(line) && line[pos] == r.sep:
					r.ends = append(r.ends, len(r.buf))
					pos++
					continue fields
				case pos == len(line):
					r.ends = append(r.ends, len(r.buf))
					break fields
				default:
					return r.fail(r.cur, "import.csv.afterquote", "Field", len(r.ends)+1)
				}
			}
		}
		i := bytes.IndexByte(line[pos:], r.sep)
		field := line[pos:]
		if i >= 0 {
			field = field[:i]
		}
		if bytes.IndexByte(field, '"') >= 0 {
			return r.fail(r.cur, "import.csv.innerquote", "Field", len(r.ends)+1)
		}
		r.buf = append(r.buf, field...)
		r.ends = append(r.ends, len(r.buf))
		if i < 0 {
			break
		}
		pos += i + 1
	}
	if len(r.buf) > MaxRecord {
		col := 0
		for col < len(r.ends)-1 && r.ends[col] <= MaxRecord {
			col++
		}
		r.buf, r.ends = r.buf[:0], r.ends[:0]
		return r.tooLong(col)
	}
	return nil
}

// tooLong rejects the record just skipped, which column col made longer than MaxRecord.
func (r *Reader) tooLong(col int) error {
	end := r.cur
	reason := i18n.Msg("import.csv.long", "KB", MaxRecord>>10)
	if end > r.line {
		reason = i18n.Msg("import.csv.long.lines", "KB", MaxRecord>>10, "End", end)
	}
	return &RowError{Line: r.line, Column: col, Reason: reason}
}

// skipLong reads, without keeping it, the rest of a record that is too long: from chunk, bytes of
// it already read, then to its end, which is the first line feed outside quotes. inQuotes says
// whether chunk starts inside a quoted field (else at the start of a field, or of the record
// when nothing of it was kept). Quoting errors are tolerated here: the record is rejected anyway.
func (r *Reader) skipLong(inQuotes bool, chunk []byte) error {
	const (
		fieldStart = iota
		unquoted
		quoted
		quoteInQuoted // a quote inside a quoted field: doubled, or its end
	)
	state := fieldStart
	if inQuotes {
		state = quoted
	}
	col, size, over := len(r.ends), len(r.buf), -1
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	for {
		for _, c := range chunk {
			size++
			if size > MaxRecord && over < 0 {
				over = col
			}
			if c == '\n' {
				r.cur = r.next
				r.next++
				if state != quoted {
					return r.tooLong(over)
				}
				continue
			}
			switch state {
			case fieldStart:
				state = unquoted
				if c == '"' {
					state = quoted
				}
			case quoted:
				if c == '"' {
					state = quoteInQuoted
				}
			case quoteInQuoted:
				state = unquoted
				if c == '"' {
					state = quoted
				}
			}
			if c == r.sep && state == unquoted {
				state = fieldStart
				col++
			}
		}
		var err error
		chunk, err = r.src.ReadSlice('\n')
		switch {
		case err == nil, errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			if len(chunk) > 0 {
				continue
			}
			if state == quoted {
				return r.fail(r.line, "import.csv.unclosed")
			}
			r.cur = r.next
			return r.tooLong(max(over, 0))
		default:
			return r.readError(r.next, "cannot be read: %v", err)
		}
	}
}
