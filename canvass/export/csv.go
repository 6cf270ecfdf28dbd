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
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	cw.UseCRLF = true
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = tabular.Neutralize(cell)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
