package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/data/tabular"
)

// csvHeader names the street-list columns, in French for the volunteers; the last is left blank
// for the outcome.
var csvHeader = []string{"Ordre", "Rue", "Côté", "Numéros (de … à)", "Numéros dans l'ordre", "Portes", "Électeurs",
	"Ne pas frapper (n°)", "Résultat"}

// WriteCSV writes turf t as a spreadsheet street list: `;`-separated, UTF-8 with a byte-order mark
// (what French Excel needs to read accents), CRLF line ends. The first row is the header, then one
// row per stop in walking order, a total row, a blank row, and the notice, one line per row in the
// first column: the notice follows the stops rather than preceding them so that the first row stays
// the header a spreadsheet sorts and filters on.
func WriteCSV(w io.Writer, t Turf, n Notice) error {
	rows := [][]string{csvHeader}
	for i, s := range t.Stops {
		street := s.Street
		if st := stretch(s); st != "" {
			street += ", " + st
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), street, sideFR(s.Side), numberRange(s), numbers(s),
			strconv.Itoa(len(s.Numbers)), strconv.Itoa(s.Voters), strings.Join(noKnock(s), ", "), ""})
	}
	rows = append(rows, []string{"", "Total", "", "", "", strconv.Itoa(t.Doors), strconv.Itoa(t.Voters), "", ""}, nil)
	for _, line := range n.lines() {
		rows = append(rows, []string{line})
	}
	return WriteTable(w, rows)
}

// WriteTable writes rows as every CSV file canvass writes is written: `;`-separated, UTF-8 with a
// byte-order mark (what French Excel needs to read accents), CRLF line ends, and every cell made
// safe from formula injection (tabular.Neutralize; the importers undo it).
func WriteTable(w io.Writer, rows [][]string) error {
	t := NewTable(w)
	for _, row := range rows {
		if err := t.Write(row); err != nil {
			return err
		}
	}
	return t.Flush()
}

// Table writes a CSV file row by row, as WriteTable does, for a table too long to hold at once.
type Table struct {
	bw *bufio.Writer
	cw *csv.Writer
}

// NewTable starts a table on w (its byte-order mark is written at once).
func NewTable(w io.Writer) *Table {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	cw.UseCRLF = true
	return &Table{bw: bw, cw: cw}
}

// Write writes one row, each cell neutralized.
func (t *Table) Write(row []string) error {
	safe := make([]string, len(row))
	for i, cell := range row {
		safe[i] = tabular.Neutralize(cell)
	}
	return t.cw.Write(safe)
}

// Flush writes what is buffered; the table is complete once it returns nil.
func (t *Table) Flush() error {
	t.cw.Flush()
	if err := t.cw.Error(); err != nil {
		return err
	}
	return t.bw.Flush()
}
