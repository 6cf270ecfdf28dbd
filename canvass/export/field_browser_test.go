package export_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
)

// chromium is Debian's browser, which .ci/run installs.
const chromium = "/usr/bin/chromium"

// One browser for the test binary, started by the first test that needs it; each test gets its
// own browser context (its own localStorage) and a time limit.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if browserCtx != nil {
		chromedp.Cancel(browserCtx)
	}
	os.Exit(code)
}

// tab opens a tab of the shared headless Chromium in a fresh browser context, as a phone of
// 360×640 with touch, or skips the test without Chromium.
func tab(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s: install it (apt-get install -y chromium) to run the browser tests", chromium)
	}
	browserOnce.Do(func() {
		dir, err := os.MkdirTemp("", "canvass-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		alloc, _ := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(chromium), chromedp.Headless,
			chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(dir),
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true))
		browserCtx, _ = chromedp.NewContext(alloc)
		browserErr = chromedp.Do(browserCtx) // starts the browser
	})
	if browserErr != nil {
		t.Fatalf("starting %s: %v", chromium, browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, stop := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(stop)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// requests records the URL of every request the tab makes.
func requests(t testing.TB, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var urls []string
	err := chromedp.Listen(ctx, func(ev any) {
		var url string
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			url = e.Request.URL
		case network.EventRequestWillBeSent:
			url = e.Request.URL
		default:
			return
		}
		mu.Lock()
		urls = append(urls, url)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(urls)
	}
}

func run[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// outcomes reads the outcome each door button shows, by rank.
func outcomes(t testing.TB, ctx context.Context) map[string]string {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[map[string]string](
		`Object.fromEntries([...document.querySelectorAll(".door[data-o]")].map(b => [b.dataset.i, b.dataset.o]))`))
}

// TestFieldSheetInABrowser fills the demo plan's first field sheet in headless Chromium as a
// volunteer would on a phone: taps outcomes and a note, reloads, undoes, finishes, downloads the
// results, and imports them; coverage and the opposition list change, and the page made no
// request but for itself.
func TestFieldSheetInABrowser(t *testing.T) {
	ctx := tab(t)
	camp, plan, _ := demoPlan(t)
	dir := t.TempDir()
	paths, err := camp.Export(context.Background(), plan.Name, canvass.ExportOptions{Dir: dir, Formats: []string{export.Field}, Turfs: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	page := "file://" + paths[0]
	seen := requests(t, ctx)
	start := time.Now()
	do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#panel")))
	t.Logf("the demo sheet opened in %v (navigation and load, as measured from the test)", time.Since(start).Round(time.Millisecond))

	// The walk's first doors of turf 1 are do-not-knock at ranks 2 and 3: the first tap goes to
	// rank 1, then the sheet moves on to rank 4, skipping them.
	tapOut := func(code string) chromedp.Action[chromedp.Void] {
		return chromedp.Tap(chromedp.CSS(`#panel button[data-o="` + code + `"]`))
	}
	do(t, ctx, tapOut("O"), tapOut("A"), tapOut("T"))
	if got := fmt.Sprint(outcomes(t, ctx)); got != "map[1:O 4:A 5:T]" {
		t.Fatalf("after three taps the doors show %s, want map[1:O 4:A 5:T] (do-not-knock doors 2 and 3 skipped)", got)
	}
	do(t, ctx, chromedp.Tap(chromedp.CSS(`.notes button[data-s="1"][data-n="D"]`)))

	// A reload keeps everything, and opens where it was left.
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#panel")))
	if got := fmt.Sprint(outcomes(t, ctx)); got != "map[1:O 4:A 5:T]" {
		t.Fatalf("after a reload the doors show %s, want them kept", got)
	}
	if cur := run(t, ctx, chromedp.Evaluate[string](`document.querySelector(".door.cur").dataset.i`)); cur != "6" {
		t.Errorf("after a reload the current door is %s, want 6, where it was left", cur)
	}
	pressed := run(t, ctx, chromedp.Evaluate[string](`document.querySelector('.notes button[data-s="1"][data-n="D"]').getAttribute("aria-pressed")`))
	if pressed != "true" {
		t.Error("the digicode note was lost on reload")
	}

	// Undo twice: the note, then the last door; then the right outcome and a ne plus frapper.
	undo := chromedp.Tap(chromedp.ID("undo"))
	do(t, ctx, undo, undo)
	if got := fmt.Sprint(outcomes(t, ctx)); got != "map[1:O 4:A]" {
		t.Fatalf("after two undos the doors show %s, want map[1:O 4:A]", got)
	}
	do(t, ctx, tapOut("R"), tapOut("N"), chromedp.Tap(chromedp.CSS(`.notes button[data-s="1"][data-n="F"]`)))
	if err := os.WriteFile(filepath.Join(dir, "shot.png"), run(t, ctx, chromedp.CaptureScreenshot()), 0o600); err != nil {
		t.Fatal(err)
	}
	checkScreenshot(t, filepath.Join(dir, "shot.png"))

	// The map colours the doors; the position shows only on a tap, and is never stored.
	lat, lon := plan.Turfs[0].Stops[0].Numbers[0].Lat, plan.Turfs[0].Stops[0].Numbers[0].Lon
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: "granted",
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lon, Accuracy: ptr(5.0)}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Tap(chromedp.CSS(`nav button[data-view="map"]`)))
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#map circle[data-o]").length`)); n != 4 {
		t.Errorf("the map colours %d doors, want 4", n)
	}
	do(t, ctx, chromedp.Tap(chromedp.ID("locate")), chromedp.WaitReady(chromedp.ID("me")))
	if stored := run(t, ctx, chromedp.Evaluate[string](`JSON.stringify(localStorage)`)); strings.Contains(stored, fmt.Sprintf("%.4f", lat)) {
		t.Error("the position was stored")
	}

	// The notice is one tap away.
	do(t, ctx, chromedp.Tap(chromedp.CSS(`nav button[data-view="notice"]`)))
	notice := run(t, ctx, chromedp.Text(chromedp.CSS("#notice .notice")))
	if !strings.Contains(notice, "Réclamation") || !strings.Contains(notice, "CNIL") && !strings.Contains(notice, "cnil") {
		t.Errorf("the notice view shows %q", notice)
	}

	// Terminer: the results as text, and the same as a file.
	do(t, ctx, chromedp.Tap(chromedp.CSS(`nav button[data-view="finish"]`)))
	text := run(t, ctx, chromedp.Value(chromedp.ID("results")))
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: "allow",
		DownloadPath: downloads, BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Tap(chromedp.ID("download")))
	file := filepath.Join(downloads, "est-demo-turf-01-resultats.txt")
	var got []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if got, err = os.ReadFile(file); err == nil && len(got) > 0 {
			break
		}
	}
	if string(got) != text+"\n" {
		t.Errorf("the downloaded file %q differs from the text %q", got, text)
	}

	// What the script wrote, Go reads and writes again byte for byte.
	res, err := fieldresult.Read(strings.NewReader(text), "results")
	if err != nil {
		t.Fatalf("the sheet's results do not read: %v\n%s", err, text)
	}
	if again := fieldresult.Encode(res); again != text {
		t.Errorf("Go writes the results as\n%s\nthe sheet wrote\n%s", again, text)
	}
	codes := map[int]string{}
	for _, d := range res.Doors {
		codes[d.Door] = d.Outcome
	}
	if fmt.Sprint(codes) != "map[1:O 4:A 5:R 6:N]" || len(res.Notes) != 1 || res.Notes[0].Note != "F" {
		t.Errorf("results %v, notes %+v; want map[1:O 4:A 5:R 6:N] and the note F on stop 1", codes, res.Notes)
	}
	for _, in := range []string{"", "123456789", "PAP1 p=Est démo", "e\u0301té — 42"} {
		js := run(t, ctx, chromedp.Evaluate[string](fmt.Sprintf("pap.crc32(%q)", in)))
		if js != fieldresult.Checksum(in) {
			t.Errorf("checksum of %q: the sheet says %s, Go %s", in, js, fieldresult.Checksum(in))
		}
	}

	// Imported, the results show in coverage and the opposition list.
	street := plan.Turfs[0].Stops[0].StreetID
	knocked := func() int {
		streets, err := camp.Areas(context.Background(), "street")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range streets {
			if s.ID == street {
				return s.Knocked
			}
		}
		return -1
	}
	st, _ := camp.Status(context.Background())
	before, opposed := knocked(), st.Opposition
	rep, err := camp.ImportOutcomes(context.Background(), strings.NewReader(text), "results")
	if err != nil {
		t.Fatal(err)
	}
	st, _ = camp.Status(context.Background())
	if after := knocked(); rep.Saved.Doors != 4 || after < before+1 {
		t.Errorf("imported %+v; the first street's doors knocked went from %d to %d", rep.Saved, before, after)
	}
	if st.Opposition != opposed+1 {
		t.Errorf("the opposition list went from %d to %d, want one more", opposed, st.Opposition)
	}

	for _, u := range seen() {
		if u != page && !strings.HasPrefix(u, "blob:file://") {
			t.Errorf("the sheet made a request for %s", u)
		}
	}
	if len(seen()) == 0 {
		t.Error("no request seen at all: the listener does not work")
	}
}

func ptr[T any](v T) *T { return &v }

// checkScreenshot keeps the screenshot as the reference image with -update (look at it), and
// otherwise checks that it is a 360×640 picture.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if sz := img.Bounds().Size(); sz.X != 360 || sz.Y != 640 {
		t.Errorf("screenshot of %v, want 360×640", sz)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "field-360x640.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkOpenFieldSheet opens a 150-door field sheet in headless Chromium and reports the time
// from navigation to the load event as the page measures it.
func BenchmarkOpenFieldSheet(b *testing.B) {
	ctx := tab(b)
	var page bytes.Buffer
	if err := export.WriteField(&page, bigTurf(150), testNotice()); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "sheet.html")
	if err := os.WriteFile(path, page.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	var total float64
	for b.Loop() {
		do(b, ctx, chromedp.Navigate("file://"+path+"?"+fmt.Sprint(b.N)), chromedp.WaitVisible(chromedp.CSS("#panel")))
		total += run(b, ctx, chromedp.Evaluate[float64](`performance.getEntriesByType("navigation")[0].loadEventEnd`))
	}
	b.ReportMetric(total/float64(b.N), "ms-to-load/op")
}
