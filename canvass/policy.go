package canvass

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/campagne-fr/porteaporte/data/tabular"
)

// RefusedError is a request the policy refuses (DOMAIN.md rules 1–4), with the reason in words an
// organizer understands. The CLI exits with code 3 on it.
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return "refused: " + e.Reason }

// forbiddenSources are the words that mark a consent collected through a file the law keeps out
// of political communication (DOMAIN.md rule 5): an employer's, an association's, a customer file,
// a public body's, or a list bought or rented.
var forbiddenSources = []string{"fichier client", "fichier clients", "clientele", "employeur", "salaries",
	"personnel de l'entreprise", "fichier d'association", "adherents de l'association", "association",
	"organisme public", "administration", "collectivite", "fichier de la mairie", "fichier loue",
	"location de fichier", "achat de fichier", "fichier achete", "liste louee", "liste achetee"}

// refusedSource says why a consent may not be used at all because of where it came from, or "".
func refusedSource(c Consent) string {
	source := words(c.Source)
	for _, word := range forbiddenSources {
		if w := words(word); strings.Contains(source, w) || strings.Contains(source, strings.TrimSuffix(w, " ")+"s ") {
			return fmt.Sprintf("its source %q is a file the law keeps out of political communication "+
				"(an employer's, an association's, a customer file, a public body's, or a list bought or rented)", c.Source)
		}
	}
	return ""
}

// words folds s to lower-case words without accents or punctuation, each followed by a space
// and the first preceded by one: " fichier de l employeur ".
func words(s string) string {
	return " " + strings.Join(strings.FieldsFunc(tabular.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
}
