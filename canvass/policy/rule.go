package policy

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// A Rule selects areas of one level by their aggregates, never by who lives there. The language:
//
//	all                              every area of the level
//	top N by INDICATOR               the N areas with the highest value
//	bottom N by INDICATOR            the N areas with the lowest value
//	INDICATOR OP VALUE               a comparison, OP one of > >= < <= = !=, VALUE a number or a
//	                                 percentage (45%)
//	not covered                      areas where no door has been knocked yet
//
// Comparisons, "not covered" and at most one top or bottom combine with "and": "not covered and
// abstention > 60%", "top 3 by abstention and coverage < 50%" (the comparisons filter, then the
// ranking picks).
//
// Indicators: voters, doors, stations, registered, votes, abstention, turnout, coverage, revisit
// (doors whose last field-sheet outcome was absent or à revoir), and share:LIST (a list's share of
// the valid votes, LIST as in the results file's column).
//
// A rule reads values as they are shown, not as floating-point numbers: ratios (abstention,
// turnout, coverage, shares) to 0.1 percentage point, counts (voters, doors, stations, registered,
// votes, revisit) to the unit. So "abstention = 45%" holds for an area shown at 45.0% (45.04%), and
// "abstention > 45%" does not; = and != read the value typed at that precision too ("= 45.04%" is
// "= 45.0%"). "not covered" is "coverage = 0": no door knocked, or too few to show (under 0.05%).
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

// indicators are the aggregates a rule may read. share:LIST comes on top of them.
var indicators = []string{"voters", "doors", "stations", "registered", "votes", "abstention", "turnout", "coverage", "revisit"}

// counts are the indicators shown as whole numbers; the others are ratios.
var counts = []string{"voters", "doors", "stations", "registered", "votes", "revisit"}

// ops are the comparisons, the two-character ones first so that ">=" is not read as ">".
var ops = []string{">=", "<=", "!=", ">", "<", "="}

// personalAttributes are what a rule may never use, in the words organizers might type, folded
// (lower case, no accents, punctuation as spaces): selecting whom to visit by who they are is
// personalized targeting (DOMAIN.md rule 1).
var personalAttributes = map[string]string{
	"age": "age", "birth": "birth date", "birth date": "birth date", "birthdate": "birth date", "born": "birth date",
	"date de naissance": "birth date", "naissance": "birth date", "annee": "birth date", "year": "birth date",
	"sex": "sex", "sexe": "sex", "gender": "sex", "genre": "sex",
	"birthplace": "birthplace", "lieu de naissance": "birthplace", "commune de naissance": "birthplace",
	"pays de naissance": "birthplace", "country": "birthplace", "pays": "birthplace",
	"nationality": "nationality", "nationalite": "nationality",
	"name": "name", "nom": "name", "surname": "name", "given names": "name", "prenom": "name", "prenoms": "name",
	"first name": "name", "usage name": "name", "nom d usage": "name",
}

// attributeIDs name the personal attributes in the reader's language.
var attributeIDs = map[string]string{"age": "policy.attribute.age", "birth date": "policy.attribute.birth",
	"sex": "policy.attribute.sex", "birthplace": "policy.attribute.birthplace",
	"nationality": "policy.attribute.nationality", "name": "policy.attribute.name"}

// ParseRule reads a rule. A rule naming a person's attribute anywhere but in a list's name
// (share:Pays Basque is a list) is refused by the policy (RefusedError), whatever else is wrong
// with it; any other mistake is a UsageError that lists what is allowed.
func ParseRule(text string) (Rule, error) {
	r := Rule{Text: strings.TrimSpace(text)}
	parts := splitAnd(r.Text)
	for _, p := range parts {
		if attr, ok := personalAttribute(withoutListName(p)); ok {
			return r, Refuse(1, "policy.rule.personal", "Rule", r.Text, "Attribute", i18n.Msg(attributeIDs[attr]),
				"Indicators", strings.Join(indicators, ", "))
		}
	}
	if len(parts) == 1 && strings.EqualFold(parts[0], "all") {
		return r, nil
	}
	for _, p := range parts {
		if err := r.add(p); err != nil {
			return r, err
		}
	}
	return r, nil
}

// splitAnd cuts a rule at each "and", in any case.
func splitAnd(s string) []string {
	var parts []string
	for {
		i := indexFold(s, " and ")
		if i < 0 {
			return append(parts, strings.TrimSpace(s))
		}
		parts = append(parts, strings.TrimSpace(s[:i]))
		s = s[i+len(" and "):]
	}
}

// indexFold is the index of the ASCII word sub in s, in any case, or -1. (Lowering s first would
// move the bytes of what is not valid UTF-8.)
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// withoutListName is a part of a rule without the name of the list of a share:LIST indicator,
// which runs to the comparison or the end: a list's name may be any word.
func withoutListName(part string) string {
	i := indexFold(part, "share:")
	if i < 0 {
		return part
	}
	start := i + len("share:")
	end := strings.IndexAny(part[start:], "<>=!")
	if end < 0 {
		return part[:start]
	}
	return part[:start] + part[start+end:]
}

// personalAttribute finds a person's attribute named in text, as a whole word or words.
func personalAttribute(text string) (string, bool) {
	folded := " " + fold(text) + " "
	for word, attr := range personalAttributes {
		if strings.Contains(folded, " "+word+" ") {
			return attr, true
		}
	}
	return "", false
}

// add reads one part of a rule: "not covered", a top or bottom, or a comparison.
func (r *Rule) add(part string) error {
	f := strings.Fields(strings.ToLower(part))
	switch {
	case len(f) == 2 && f[0] == "not" && f[1] == "covered":
		r.Clauses = append(r.Clauses, Clause{Indicator: "coverage", Op: "=", Value: 0})
		return nil
	case len(f) >= 4 && (f[0] == "top" || f[0] == "bottom") && f[2] == "by":
		if r.Top > 0 {
			return ruleError(r.Text, "usage.rule.top")
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || n <= 0 {
			return ruleError(r.Text, "usage.rule.count", "Value", f[1])
		}
		ind := strings.Join(f[3:], " ")
		if err := checkIndicator(r.Text, ind); err != nil {
			return err
		}
		r.Top, r.Bottom, r.By = n, f[0] == "bottom", ind
		return nil
	}
	c, err := parseClause(r.Text, strings.ToLower(part))
	if err != nil {
		return err
	}
	r.Clauses = append(r.Clauses, c)
	return nil
}

func parseClause(rule, s string) (Clause, error) {
	for _, op := range ops {
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
			return Clause{}, ruleError(rule, "usage.rule.value", "Value", strings.TrimSpace(right))
		}
		return Clause{Indicator: ind, Op: op, Value: v}, nil
	}
	return Clause{}, ruleError(rule, "usage.rule.clause", "Clause", s)
}

// parseValue reads 0.45, 45% or 45 %; percentages become fractions. Only finite numbers.
func parseValue(s string) (float64, error) {
	scale := 1.0
	if p, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(p), 100
	}
	v, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		err = fmt.Errorf("not a finite number")
	}
	return v / scale, err
}

func checkIndicator(rule, ind string) error {
	if slices.Contains(indicators, ind) {
		return nil
	}
	if list, ok := strings.CutPrefix(ind, "share:"); ok && strings.TrimSpace(list) != "" {
		return nil
	}
	return ruleError(rule, "usage.rule.indicator", "Indicator", ind, "Indicators", strings.Join(indicators, ", "))
}

// ruleError is the usage error of a rule: message id with its name/value pairs says why.
func ruleError(rule, id string, kv ...any) error {
	return Usage("usage.rule", "Rule", rule, "Why", i18n.Msg(id, kv...))
}

// ReadsIndicators reports whether the rule reads any indicator: every rule but "all" does.
func (r Rule) ReadsIndicators() bool { return r.Top > 0 || len(r.Clauses) > 0 }

// holds reports whether c holds for v, the value read as it is shown: ratios to 0.1 percentage
// point, counts to the unit. = and != read the value typed that way too.
func (c Clause) holds(v float64) bool {
	step := 0.001
	if slices.Contains(counts, c.Indicator) {
		step = 1
	}
	shown := math.Round(v / step)
	typed := math.Round(c.Value/step*1e6) / 1e6 // 45% is 450 tenths of a point, not 450.00000000000006
	switch c.Op {
	case ">":
		return shown > typed
	case ">=":
		return shown >= typed
	case "<":
		return shown < typed
	case "<=":
		return shown <= typed
	case "=":
		return shown == math.Round(typed)
	}
	return shown != math.Round(typed)
}
