package campaigntest

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
)

var sheetData = regexp.MustCompile(`<script type="application/json" id="sheet">(.*?)</script>`)

// SheetResults reads an exported field sheet and returns empty results for it, as its script
// would start them: campaign, plan fingerprint, turf and plan. Tests add doors and notes, and
// write them with fieldresult.Encode.
func SheetResults(t testing.TB, path string) fieldresult.Results {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := sheetData.FindSubmatch(page)
	if m == nil {
		t.Fatalf("%s: no sheet data: not a field sheet", path)
	}
	var head struct {
		C, F, P string
		T       int
	}
	if err := json.Unmarshal(m[1], &head); err != nil {
		t.Fatal(err)
	}
	return fieldresult.Results{Campaign: head.C, Fingerprint: head.F, Turf: head.T, Plan: head.P}
}
