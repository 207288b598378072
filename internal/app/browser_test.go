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
