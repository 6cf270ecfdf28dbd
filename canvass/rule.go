package canvass

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/data/tabular"
)

// A Rule selects areas of one level by their aggregates, never by who lives there. The language:
//
//	all                              every area of the level
//	top N by INDICATOR               the N areas with the highest value
//	bottom N by INDICATOR            the N areas with the lowest value
//	INDICATOR OP VALUE [and ...]     comparisons, OP one of > >= < <= = !=, VALUE a number or a
//	                                 percentage (45%)
//	not covered                      areas where no door has been knocked yet
//
// Indicators: voters, doors, stations, registered, votes, abstention, turnout, coverage, revisit
// (doors whose last field-sheet outcome was absent or à revoir), and share:LIST (a list's share of
// the valid votes, LIST as in the results file's column). revisit says who was home, so like the
// election results it is not read on an area of fewer than K voters.
type Rule struct {
	Text    string
	Top     int    // > 0 for top/bottom N
	Bottom  bool   // bottom N rather than top N
	By      string // indicator ranked by top/bottom
	Clauses []Clause
}

// Clause is one comparison of a rule.
type Clause struct {
	Indicator string
	Op        string
	Value     float64
}

// indicators are the aggregates a rule may use.
var indicators = []string{"voters", "doors", "stations", "registered", "votes", "abstention", "turnout", "coverage", "revisit"}

// countIndicators describe an area's size, or the campaign's own work there, rather than how its
// people behave.
var countIndicators = []string{"voters", "doors", "stations", "coverage"}

// personalAttributes are what a rule may never use, in the words organizers might type: selecting
// whom to visit by who they are is personalized targeting (DOMAIN.md rule 1).
var personalAttributes = map[string]string{
	"age": "age", "birth": "birth date", "birth date": "birth date", "birthdate": "birth date", "born": "birth date",
	"date de naissance": "birth date", "naissance": "birth date", "annee": "birth date", "year": "birth date",
	"sex": "sex", "sexe": "sex", "gender": "sex", "genre": "sex",
	"birthplace": "birthplace", "lieu de naissance": "birthplace", "commune de naissance": "birthplace",
	"pays de naissance": "birthplace", "country": "birthplace", "pays": "birthplace",
	"nationality": "nationality", "nationalite": "nationality",
	"name": "name", "nom": "name", "surname": "name", "given names": "name", "prenom": "name", "prenoms": "name",
	"first name": "name", "usage name": "name", "nom d'usage": "name",
}

// ParseRule reads a rule. A rule on a person's attribute is refused by the policy (RefusedError);
// any other mistake is a UsageError that lists what is allowed.
func ParseRule(text string) (Rule, error) {
	r := Rule{Text: strings.TrimSpace(text)}
	if attr, ok := personalAttribute(r.Text); ok {
		return r, &RefusedError{Reason: fmt.Sprintf("the rule %q uses a person's %s to choose whom to visit. "+
			"Without consent, door-to-door targeting stays at area level: select areas by their aggregates "+
			"(%s, share:LIST)", r.Text, attr, strings.Join(indicators, ", "))}
	}
	f := strings.Fields(strings.ToLower(r.Text))
	switch {
	case len(f) == 1 && f[0] == "all":
		return r, nil
	case len(f) == 2 && f[0] == "not" && f[1] == "covered":
		r.Clauses = []Clause{{Indicator: "coverage", Op: "=", Value: 0}}
		return r, nil
	case len(f) == 4 && (f[0] == "top" || f[0] == "bottom") && f[2] == "by":
		n, err := strconv.Atoi(f[1])
		if err != nil || n <= 0 {
			return r, ruleError(r.Text, fmt.Sprintf("%q: expected a positive whole number of areas", f[1]))
		}
		if err := checkIndicator(r.Text, f[3]); err != nil {
			return r, err
		}
		r.Top, r.Bottom, r.By = n, f[0] == "bottom", f[3]
		return r, nil
	}
	for _, part := range splitAnd(r.Text) {
		c, err := parseClause(r.Text, part)
		if err != nil {
			return r, err
		}
		r.Clauses = append(r.Clauses, c)
	}
	return r, nil
}

func splitAnd(s string) []string {
	var parts []string
	for _, p := range strings.Split(strings.ReplaceAll(strings.ToLower(s), " and ", "\x00"), "\x00") {
		parts = append(parts, strings.TrimSpace(p))
	}
	return parts
}

func parseClause(rule, s string) (Clause, error) {
	for _, op := range []string{">=", "<=", "!=", ">", "<", "="} {
		left, right, ok := strings.Cut(s, op)
		if !ok {
			continue
		}
		ind := strings.TrimSpace(left)
		if err := checkIndicator(rule, ind); err != nil {
			return Clause{}, err
		}
		v, err := parseValue(strings.TrimSpace(right))
		if err != nil {
			return Clause{}, ruleError(rule, fmt.Sprintf("%q: expected a number or a percentage", strings.TrimSpace(right)))
		}
		return Clause{Indicator: ind, Op: op, Value: v}, nil
	}
	return Clause{}, ruleError(rule, fmt.Sprintf("%q: expected INDICATOR OP VALUE, e.g. abstention > 45%%", s))
}

// parseValue reads 0.45, 45% or 45 %; percentages become fractions.
func parseValue(s string) (float64, error) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		return v / 100, err
	}
	return strconv.ParseFloat(s, 64)
}

func checkIndicator(rule, ind string) error {
	if slices.Contains(indicators, ind) {
		return nil
	}
	if list, ok := strings.CutPrefix(ind, "share:"); ok && list != "" {
		return nil
	}
	return ruleError(rule, fmt.Sprintf("unknown indicator %q: expected one of %s, or share:LIST", ind, strings.Join(indicators, ", ")))
}

func ruleError(rule, why string) error {
	return &UsageError{Problems: []string{fmt.Sprintf("--rule %q: %s", rule, why)}}
}

// personalAttribute finds a person's attribute named anywhere in a rule.
func personalAttribute(text string) (string, bool) {
	folded := " " + strings.Map(func(c rune) rune {
		if strings.ContainsRune("<>=!()_-:,", c) {
			return ' '
		}
		return c
	}, tabular.Fold(text)) + " "
	for word, attr := range personalAttributes {
		if strings.Contains(folded, " "+word+" ") {
			return attr, true
		}
	}
	return "", false
}

// UsesBehaviour reports whether the rule relies on an indicator beyond an area's size: such an
// indicator may not be read on a unit of fewer than K voters.
func (r Rule) UsesBehaviour() bool {
	if r.Top > 0 {
		return !slices.Contains(countIndicators, r.By)
	}
	for _, c := range r.Clauses {
		if !slices.Contains(countIndicators, c.Indicator) {
			return true
		}
	}
	return false
}

// Indicators lists the indicators the rule reads.
func (r Rule) Indicators() []string {
	var out []string
	if r.By != "" {
		out = append(out, r.By)
	}
	for _, c := range r.Clauses {
		if !slices.Contains(out, c.Indicator) {
			out = append(out, c.Indicator)
		}
	}
	return out
}

// holds reports whether values satisfy every clause. A missing value (an indicator the area does
// not have) never satisfies a clause.
func (r Rule) holds(value func(string) (float64, bool)) bool {
	for _, c := range r.Clauses {
		v, ok := value(c.Indicator)
		if !ok {
			return false
		}
		var ok2 bool
		switch c.Op {
		case ">":
			ok2 = v > c.Value
		case ">=":
			ok2 = v >= c.Value
		case "<":
			ok2 = v < c.Value
		case "<=":
			ok2 = v <= c.Value
		case "=":
			ok2 = v == c.Value
		case "!=":
			ok2 = v != c.Value
		}
		if !ok2 {
			return false
		}
	}
	return true
}
