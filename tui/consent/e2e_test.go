package consent_test

import (
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestEndToEnd runs the real binary on the demo campaign (a fictional town) in a 100×30 tmux
// terminal: an attribute filter typed as a name finds nobody; a voter without consent is not
// eligible; a door-to-door consent recorded by hand makes them eligible, on the screen and then
// for the CLI reading the campaign file.
func TestEndToEnd(t *testing.T) {
	d := tuitest.NewDemo(t)
	// The same seed writes the same list as the demo imported: its first voter is the person.
	files, err := demo.Generate(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	people, err := canvass.ReadPeople(files.List)
	if err != nil || len(people) == 0 {
		t.Fatalf("reading the demo list: %v (%d people)", err, len(people))
	}
	p := people[0].Identity

	term := d.Start(100, 30)
	term.WaitFor(`canvass · Dashboard`)
	term.Keys("c")
	term.WaitFor(`Check one person`)
	term.WaitFor(`no list of voters here`)

	term.Type("age>60")
	term.Keys("Tab")
	term.Type("*")
	term.Keys("Tab")
	term.Type("01/01/1960")
	term.Keys("Enter")
	term.WaitFor(`✗ NOT ELIGIBLE \(not on list\)`)
	term.WaitFor(`nobody on the electoral list has this birth name`)

	term.Keys("Enter") // check someone else: the form as typed, the birth name focused
	term.WaitFor(`▸ Birth name`)
	for _, v := range []string{p.BirthName, p.GivenNames, p.BirthDate, p.Number, p.Street, p.Postcode} {
		term.Keys("C-u")
		term.Type(v)
		term.Keys("Tab")
	}
	term.Keys("Enter")
	term.WaitFor(`✗ NOT ELIGIBLE \(no consent\)`)

	term.Keys("c")
	term.WaitFor(`▸ Channel\s+\[porte-a-porte\]`)
	term.Keys("Tab", "Tab", "Tab", "Tab") // purpose, controller, given on, source
	term.Type("stand du marché")
	term.Keys("Tab")
	term.Type("F-0012")
	term.Keys("Enter")
	term.WaitFor(`✓ Consent recorded \(porte-a-porte, regular contact\)\.`)
	term.WaitFor(`✓ ELIGIBLE: may be visited by name on`)

	term.Keys("Enter") // the same person again, from the form
	term.WaitFor(`▸ Birth name`)
	term.Keys("Enter")
	term.WaitFor(`✓ ELIGIBLE: may be visited by name on`)
	term.WaitFor(`source: stand du marché, proof: F-0012`)
	if strings.Contains(term.Screen(), "Consent recorded") {
		t.Error("the check after the record still shows the record's notice: it was not checked again")
	}

	term.Keys("q")
	term.WaitExit()
	out, err := d.Command("consent", "check", "--birth-name", p.BirthName, "--given-names", p.GivenNames,
		"--birth-date", p.BirthDate, "--number", p.Number, "--street", p.Street, "--postcode", p.Postcode).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "May be visited by name") {
		t.Errorf("consent check after the session: %v\n%s", err, out)
	}
}
