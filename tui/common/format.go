package common

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// ShortPath writes path with the home directory as ~, the way a shell user reads paths.
func ShortPath(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if path == home {
		return "~"
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}

// Wrap breaks s into lines of at most width columns, at spaces; lines after the first are
// indented by indent columns, so that a long item reads as one. A word longer than a line is
// left whole, for Fit to cut.
func Wrap(s string, width, indent int) string {
	if width-indent < 10 {
		indent = 0
	}
	lines := strings.Split(ansi.Wordwrap(s, max(1, width), ""), "\n")
	if len(lines) == 1 {
		return s
	}
	rest := strings.Split(ansi.Wordwrap(strings.Join(lines[1:], " "), max(1, width-indent), ""), "\n")
	for i, l := range rest {
		rest[i] = strings.Repeat(" ", indent) + l
	}
	return lines[0] + "\n" + strings.Join(rest, "\n")
}
