package app_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dualuse/dualuse/internal/store/storetest"
)

// browser starts headless Chromium for a test. Without Chromium the test is
// skipped, except under CI=true, where browser tests are required.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("DUALUSE_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path != "" {
			break
		}
		path, _ = exec.LookPath(name)
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium not found: browser tests are required in CI (apt-get install chromium)")
		}
		t.Skip("Chromium not found; set DUALUSE_CHROMIUM or install chromium to run browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelT(); cancelB(); cancelA() })
	return ctx
}

// screenshot saves a PNG of the page into $DUALUSE_SCREENSHOTS, when set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("DUALUSE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

// signIn returns the steps that sign a demo user in through the form,
// landing on next.
func signIn(f *fixture, email, next string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(f.srv.URL + "/signin?next=" + next),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), demoPassword(email)),
		chromedp.Submit(chromedp.ID("signin")),
	}
}

// text runs the steps, then returns the text of the element sel.
func text(t *testing.T, ctx context.Context, sel chromedp.CSS, steps ...chromedp.Action[chromedp.Void]) string {
	t.Helper()
	if err := chromedp.Do(ctx, append(steps, chromedp.WaitVisible(sel))...); err != nil {
		t.Fatal(err)
	}
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBrowserSignIn(t *testing.T) {
	ctx := browser(t)
	f := start(t, storetest.Engines(t)[0].DSN(t))

	// Visiting a page that needs sign-in leads to the form; a wrong password
	// is refused with a message.
	errText := text(t, ctx, "p.error",
		chromedp.Navigate(f.srv.URL+"/account"),
		chromedp.WaitVisible(chromedp.ID("signin")),
		chromedp.SendKeys(chromedp.ID("email"), "officer@bafa.example"),
		chromedp.SendKeys(chromedp.ID("password"), "not the password"),
		chromedp.Submit(chromedp.ID("signin")),
	)
	if !strings.Contains(errText, "wrong e-mail or password") {
		t.Errorf("error shown = %q", errText)
	}
	email := text(t, ctx, "#account-email",
		chromedp.SendKeys(chromedp.ID("password"), "demo-officer-password"),
		chromedp.Submit(chromedp.ID("signin")),
	)
	role := text(t, ctx, "#account-role")
	if email != "officer@bafa.example" || role != "officer" {
		t.Errorf("account page shows %q, %q", email, role)
	}
	screenshot(t, ctx, "account")

	// The officer opens an exporter of their state and sees its history.
	history := text(t, ctx, "#history",
		chromedp.Navigate(f.srv.URL+"/organisations"),
		chromedp.WaitVisible(chromedp.ID("organisations")),
		chromedp.Click(chromedp.Search(`//a[contains(., "Nordlicht")]`)),
	)
	if !strings.Contains(history, "org.create") || !strings.Contains(history, "user.create") {
		t.Errorf("history table = %q", history)
	}
	screenshot(t, ctx, "organisation-history")

	home := text(t, ctx, "main", chromedp.Click(chromedp.CSS("button.link")), chromedp.WaitVisible(chromedp.CSS("a.button")))
	if !strings.Contains(home, "Sign in") {
		t.Errorf("after sign-out the page shows %q", home)
	}
}

// An exporter finds the entry for a product and asks whether exporting it
// needs a licence.
func TestBrowserClassifyAndLicenceGuide(t *testing.T) {
	ctx := browser(t)
	f := start(t, storetest.Engines(t)[0].DSN(t))
	results := text(t, ctx, "#results", append(signIn(f, "export@vantage.example", "/controllist"),
		chromedp.WaitVisible(chromedp.ID("classify")),
		chromedp.SendKeys(chromedp.ID("q"), "IP network surveillance system that analyses intercepted traffic of individuals"),
		chromedp.Submit(chromedp.ID("classify")),
	)...)
	if !strings.Contains(results, "5A001.j") {
		t.Fatalf("results do not offer 5A001.j: %q", results)
	}
	screenshot(t, ctx, "classify")
	heading := text(t, ctx, "#entry-heading", chromedp.Click(chromedp.Search(`//a[text()="5A001.j"]`)))
	if !strings.Contains(heading, "Internet Protocol") {
		t.Errorf("entry heading = %q", heading)
	}
	screenshot(t, ctx, "entry")
	verdict := text(t, ctx, "#verdict",
		chromedp.Click(chromedp.Search(`//a[contains(., "Do I need a licence")]`)),
		chromedp.WaitVisible(chromedp.ID("licence-form")),
		chromedp.SetValue(chromedp.ID("destination"), "AE"),
		chromedp.SetValue(chromedp.ID("end_user_type"), "police"),
		chromedp.Submit(chromedp.ID("licence-form")),
	)
	if !strings.Contains(verdict, "A licence is required") {
		t.Errorf("verdict = %q", verdict)
	}
	grounds := text(t, ctx, "#grounds")
	if !strings.Contains(grounds, "Art. 3(1)") {
		t.Errorf("grounds = %q", grounds)
	}
	screenshot(t, ctx, "licence-result")
}

// A compliance officer screens one name and reads why it matched.
func TestBrowserScreening(t *testing.T) {
	ctx := browser(t)
	f := start(t, storetest.Engines(t)[0].DSN(t))
	results := text(t, ctx, "#screen-results", append(signIn(f, "officer@cdiu.example", "/screening"),
		chromedp.WaitVisible(chromedp.ID("screen-one")),
		chromedp.SendKeys(chromedp.ID("name"), "Kim Yong Chol"),
		chromedp.SetValue(chromedp.ID("type"), "person"),
		chromedp.Submit(chromedp.ID("screen-one")),
	)...)
	// Each hit says which words met which, and how closely where not exactly.
	if !strings.Contains(results, "KIM YONG CHOL") || !strings.Contains(results, "un_sc") ||
		!strings.Contains(results, "words: kim = kim, yong = yong, chol = chol") || !strings.Contains(results, "yong ≈ tong (0.75)") {
		t.Errorf("results = %q", results)
	}
	screenshot(t, ctx, "screening")

	// The officer opens the listing behind the first hit to clear it.
	listing := text(t, ctx, "#listing-0",
		chromedp.Click(`#screen-results tbody tr:first-child td:nth-child(4) a`),
		chromedp.WaitVisible(chromedp.ID("listing-name")),
	)
	if !strings.Contains(listing, "un_sc 6908511") || !strings.Contains(listing, "KIM YONG CHOL") || !strings.Contains(listing, "Born") || !strings.Contains(listing, "List version") {
		t.Errorf("listing = %q", listing)
	}
	screenshot(t, ctx, "screening-listing")
}
