package tabular

import "strings"

// Neutralize keeps a spreadsheet from running a cell as a formula: a cell starting with `=`, `+`,
// `-`, `@`, a tab or a carriage return gets a leading apostrophe, which spreadsheets show as text
// (OWASP's advice on CSV injection). A street named "=HYPERLINK(...)" stays a name, and so does
// "-1". A cell that would read back as neutralized ("'=x") gets one more apostrophe, so that
// Unneutralize gives back every cell exactly.
func Neutralize(cell string) string {
	if formula(cell) {
		return "'" + cell
	}
	return cell
}

// Unneutralize undoes Neutralize on a cell read from a CSV file: the apostrophe a spreadsheet (or
// canvass) put before a formula is dropped.
func Unneutralize(cell string) string {
	if rest, ok := strings.CutPrefix(cell, "'"); ok && formula(rest) {
		return rest
	}
	return cell
}

// formula reports whether a spreadsheet would run cell, or Unneutralize would change it.
func formula(cell string) bool {
	switch {
	case cell == "":
		return false
	case strings.ContainsRune("=+-@\t\r", rune(cell[0])):
		return true
	case cell[0] == '\'':
		return formula(cell[1:])
	}
	return false
}
