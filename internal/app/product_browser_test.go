package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

// A demo exporter registers a product, classifies it as 5A001.j and finds
// it in the registry with its classification.
func TestBrowserProductRegistry(t *testing.T) {
	ctx := browser(t)
	f := start(t, storetest.Engines(t)[0].DSN(t))
	const name = "Harbourwatch IP probe"
	// A list change under a demo product's entry opens a task for it.
	diff := controllist.ListDiff{OldVersion: f.app.ControlList.List().Version.ID, NewVersion: "eu-annex-i/2026-05",
		Changed: []controllist.Change{{Code: "5A001.j.1", Kind: "changed", TextDiff: "on a carrier class {+or enterprise+} Internet Protocol (IP) network"}}}
	if tasks, err := f.app.Products.Reclassify(context.Background(), auth.System(), diff); err != nil || len(tasks) != 1 {
		t.Fatalf("tasks = %+v (err %v)", tasks, err)
	}

	form := text(t, ctx, "#product-form", append(signIn(f, "export@nordlicht.example", "/products"),
		chromedp.WaitVisible(chromedp.ID("products")),
		chromedp.Click(chromedp.ID("new-product")),
	)...)
	if !strings.Contains(form, "Technical parameters") {
		t.Errorf("new product form = %q", form)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("name"), name),
		chromedp.SendKeys(chromedp.ID("description"), "Carrier-class probe that analyses IP traffic at layer 7 and searches it by e-mail address and phone number."),
		chromedp.SendKeys(chromedp.ID("parameters"), "Throughput: 100 Gbit/s\nSelectors: e-mail, phone number"),
	); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "product-new")

	flash := text(t, ctx, "p.flash", chromedp.Submit(chromedp.ID("product-form")), chromedp.WaitVisible(chromedp.ID("classify-form")))
	if !strings.Contains(flash, "Product registered") {
		t.Errorf("flash after registering = %q", flash)
	}
	params := text(t, ctx, "#parameters")
	if !strings.Contains(params, "100 Gbit/s") || !strings.Contains(params, "Selectors") {
		t.Errorf("parameters shown = %q", params)
	}
	// Choosing "not listed" shows the Art. 2(20) questionnaire.
	art220 := text(t, ctx, "#art220", chromedp.Click(chromedp.ID("kind-not-listed")))
	if !strings.Contains(art220, "covert surveillance") {
		t.Errorf("Art. 2(20) questionnaire = %q", art220)
	}
	screenshot(t, ctx, "product-not-listed-form")

	// Unanswered elements are refused, and the form keeps what was typed.
	refused := text(t, ctx, "p.error",
		chromedp.SendKeys(chromedp.ID("rationale"), "Meets 5A001.j.1 and 5A001.j.2: carrier-class, layer 7, hard selectors."),
		chromedp.Submit(chromedp.ID("classify-form")),
	)
	if !strings.Contains(refused, "Art. 2(20) assessment: specially designed: answer yes or no") {
		t.Errorf("error for an unanswered assessment = %q", refused)
	}
	code := text(t, ctx, "#current-code",
		chromedp.WaitVisible(chromedp.ID("art220")),
		chromedp.Click(chromedp.ID("kind-listed")),
		chromedp.WaitVisible(chromedp.ID("code")),
		chromedp.SendKeys(chromedp.ID("code"), "5A001.j"),
		chromedp.Submit(chromedp.ID("classify-form")),
	)
	if code != "5A001.j" {
		t.Errorf("current classification = %q", code)
	}
	history := text(t, ctx, "#history")
	if !strings.Contains(history, "5A001.j") || !strings.Contains(history, "export@nordlicht.example") || !strings.Contains(history, "cyber-surveillance") {
		t.Errorf("history = %q", history)
	}
	screenshot(t, ctx, "product")

	list := text(t, ctx, "#products", chromedp.Click(chromedp.Search(`//nav//a[text()="Products"]`)))
	row := ""
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, name) {
			row = line
		}
	}
	if !strings.Contains(row, "5A001.j") || !strings.Contains(list, "Sentinel IP-7") {
		t.Errorf("products list = %q", list)
	}
	if tasks := text(t, ctx, "#open-tasks"); !strings.Contains(tasks, "Sentinel IP-7") || !strings.Contains(tasks, "5A001.j.1 changed") {
		t.Errorf("open tasks = %q", tasks)
	}
	screenshot(t, ctx, "products")

	task := text(t, ctx, "#tasks", chromedp.Click(chromedp.Search(`//table[@id="products"]//a[contains(., "Sentinel IP-7")]`)))
	if !strings.Contains(task, "open") || !strings.Contains(task, "eu-annex-i/2026-05") {
		t.Errorf("product's tasks = %q", task)
	}
	screenshot(t, ctx, "product-task")
}
