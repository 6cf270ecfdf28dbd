package reu

import (
	"strconv"
	"strings"
)

// Voter is one row of the list, normalised. Its strings point into the record it was parsed from,
// except a rewritten birth date or a joined street: parse the next row into another Voter, or copy
// what must outlive the record.
type Voter struct {
	// Text holds the text attributes, indexed by Field; Text[OrderNumber] is unused.
	Text [NumFields]string
	// Order is the order number in the polling station; HasOrder is false when it is empty.
	Order    int64
	HasOrder bool
	badOrder bool // the order number was there but not a number: imported as empty, reported as a gap
}

// FieldError says why a row cannot be imported. Field is the column's header as written in the
// file, or empty when the problem is with the whole row. It never holds the value.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return "field " + strconv.Quote(e.Field) + ": " + e.Reason
}

// Gap is something missing from a row that is imported all the same.
type Gap struct {
	Field  string // header of the column, as written in the file
	Reason string
}

// Parse reads a record into v. It returns a *FieldError when the row must be left out: wrong number
// of fields, no commune code, or a birth date that is neither dd/mm/yyyy (00 for an unknown day or
// month), yyyy-mm-dd, nor a year. An order number that is not a number is stored empty and reported
// by Gaps: it is renumbered at every list change and matters little.
func (l *Layout) Parse(rec []string, v *Voter) error {
	if len(rec) != len(l.header) {
		return &FieldError{Reason: "has " + strconv.Itoa(len(rec)) + " fields, expected " +
			strconv.Itoa(len(l.header)) + " like the header"}
	}
	for f := Field(0); f < NumFields; f++ {
		if c := l.col[f]; c >= 0 {
			v.Text[f] = strings.TrimSpace(rec[c])
		} else {
			v.Text[f] = ""
		}
	}
	if c := l.col[ugleDepartment]; c >= 0 {
		v.Text[UGLE] = CommuneCode(strings.TrimSpace(rec[c]), v.Text[UGLE])
	}
	if c := l.col[streetType]; c >= 0 {
		if t := strings.TrimSpace(rec[c]); t != "" {
			if v.Text[Street] == "" {
				v.Text[Street] = t
			} else {
				v.Text[Street] = t + " " + v.Text[Street]
			}
		}
	}
	if v.Text[UGLE] == "" {
		return &FieldError{Field: l.fieldName(UGLE), Reason: "is empty: expected the INSEE code of the commune managing the list"}
	}
	d, ok := NormalizeDate(v.Text[BirthDate])
	if !ok {
		return &FieldError{Field: l.fieldName(BirthDate),
			Reason: "is not a date: expected dd/mm/yyyy (00 for an unknown day or month), yyyy-mm-dd or a year"}
	}
	v.Text[BirthDate] = d
	v.Order, v.HasOrder, v.badOrder = 0, false, false
	if o := v.Text[OrderNumber]; o != "" {
		n, err := strconv.ParseInt(o, 10, 64)
		v.Order, v.HasOrder, v.badOrder = n, err == nil && n >= 0, err != nil || n < 0
	}
	return nil
}

// CommuneCode builds the 5-character INSEE code of a commune from a department code and a commune
// code written without it, as the REU's 2013 layout and the ministry's results files give them:
// "75" and "120" make "75120", "971" and "5" make "97105". A commune code too long to be completed,
// an empty one, or a department code of neither 2 nor 3 characters (none, for a file that gives
// full codes, or one too short to be sure of) leaves the commune code as it is.
func CommuneCode(dept, commune string) string {
	width := 5 - len(dept) // 3 digits after "75" or "2A", 2 after the overseas "971"
	if commune == "" || (len(dept) != 2 && len(dept) != 3) || len(commune) > width {
		return commune
	}
	return dept + strings.Repeat("0", width-len(commune)) + commune
}

// Gaps lists what the voter's row lacks for canvassing planning (a polling station, a street), for
// the columns the file has, and an order number left out. It returns nil, without allocating, for a
// complete row.
func (l *Layout) Gaps(v *Voter) []Gap {
	noStation := l.col[StationCode] >= 0 && v.Text[StationCode] == ""
	noStreet := l.col[Street] >= 0 && v.Text[Street] == ""
	if !noStation && !noStreet && !v.badOrder {
		return nil
	}
	var gaps []Gap
	if noStation {
		gaps = append(gaps, Gap{Field: l.fieldName(StationCode), Reason: "is empty: no polling station for this voter"})
	}
	if noStreet {
		reason := "is empty: no street, the address has only a hamlet (lieu-dit)"
		if v.Text[Locality] == "" {
			reason = "is empty: no street and no hamlet, the voter cannot be placed on a map"
		}
		gaps = append(gaps, Gap{Field: l.fieldName(Street), Reason: reason})
	}
	if v.badOrder {
		gaps = append(gaps, Gap{Field: l.fieldName(OrderNumber), Reason: "is not a whole number: stored empty"})
	}
	return gaps
}

// NormalizeDate turns a birth date as lists write it into the store's form: dd/mm/yyyy becomes
// YYYY-MM-DD, YYYY-MM when the day is 00, YYYY when the month is 00; a year alone stays a year;
// yyyy-mm-dd (a list re-saved by a spreadsheet) is kept. Empty stays empty. ok is false for
// anything else, including impossible dates (31/02/1970).
func NormalizeDate(s string) (norm string, ok bool) {
	switch {
	case s == "":
		return "", true
	case len(s) == 4:
		return s, year(s) > 0
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d := year(s[:4]), num2(s[5:7]), num2(s[8:10])
		return s, y > 0 && validDay(y, m, d) && d > 0 && m > 0
	}
	// d/m/yyyy with one- or two-digit day and month
	i := strings.IndexByte(s, '/')
	j := strings.LastIndexByte(s, '/')
	if i < 1 || i > 2 || j-i < 2 || j-i > 3 || len(s)-j != 5 {
		return "", false
	}
	d, m, y := num2(s[:i]), num2(s[i+1:j]), year(s[j+1:])
	if d < 0 || m < 0 || y <= 0 || !validDay(y, m, d) {
		return "", false
	}
	switch {
	case m == 0:
		return s[j+1:], true
	case d == 0:
		var b [7]byte
		copy(b[:], s[j+1:])
		b[4], b[5], b[6] = '-', byte('0'+m/10), byte('0'+m%10)
		return string(b[:]), true
	}
	var b [10]byte
	copy(b[:], s[j+1:])
	b[4], b[5], b[6], b[7], b[8], b[9] = '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10)
	return string(b[:]), true
}

// year parses four digits, or returns -1.
func year(s string) int {
	if len(s) != 4 {
		return -1
	}
	n := 0
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// num2 parses one or two digits, or returns -1.
func num2(s string) int {
	if len(s) < 1 || len(s) > 2 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// validDay reports whether day d of month m exists in year y; 0 stands for unknown and is valid.
func validDay(y, m, d int) bool {
	if m < 0 || m > 12 || d < 0 || d > 31 {
		return false
	}
	if m == 0 || d == 0 {
		return true
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
