package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/product"
	"github.com/dualuse/dualuse/internal/store/storetest"
)

// demoProductIDs returns the first demo product of each organisation: own
// and other in the authorisation matrix.
func demoProductIDs(t *testing.T, f *fixture, own, other int64) [2]string {
	t.Helper()
	var ids [2]string
	for i, org := range []int64{own, other} {
		ps, err := f.app.DB.Products(context.Background(), product.Filter{OrgID: org})
		if err != nil || len(ps) == 0 {
			t.Fatalf("demo products of organisation %d: %d (err %v)", org, len(ps), err)
		}
		ids[i] = ps[0].ID
	}
	return ids
}

// idsFor picks the identifiers a matrix path takes: products' for the
// product routes, organisations' for the others.
func idsFor(path string, orgIDs, productIDs [2]string) [2]string {
	if strings.Contains(path, "/products/") {
		return productIDs
	}
	return orgIDs
}

// An exporter registers, edits and classifies a product over the API; its
// authority reads it; refused bodies name the field and write nothing.
func TestProductAPI(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	exp := f.token(t, "export@nordlicht.example", demoPassword("export@nordlicht.example"))
	off := f.token(t, "officer@bafa.example", demoPassword("officer@bafa.example"))
	nl := f.token(t, "officer@cdiu.example", demoPassword("officer@cdiu.example"))

	code, body := f.do(t, "POST", "/api/v1/products", exp, `{"name":"Test probe","description":"Carrier-class IP probe.","parameters":{"Throughput":"100 Gbit/s"}}`)
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var p product.Product
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.ID, "prd_") || p.State != "DE" || p.Parameters["Throughput"] != "100 Gbit/s" {
		t.Errorf("created %+v", p)
	}
	path := "/api/v1/products/" + p.ID

	before, err := f.app.DB.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path, body, field string
	}{
		{"POST", "/api/v1/products", `{"name":"x","description":"d","colour":"red"}`, "colour"},
		{"POST", "/api/v1/products", `{"name":"` + strings.Repeat("n", 201) + `","description":"d"}`, "name"},
		{"POST", "/api/v1/products", `{"name":"x","description":"d","parameters":{"a":7}}`, "parameters"},
		{"PUT", path, `{"name":"x"}`, "description"},
		{"PUT", path, `{"name":"x","description":"d","parameters":{"p":"` + strings.Repeat("v", 501) + `"}}`, "parameters"},
		{"POST", path + "/classifications", `{"code":"5A001.q","rationale":"r"}`, "code"},
		{"POST", path + "/classifications", `{"code":"5A001.j"}`, "rationale"},
		{"POST", path + "/classifications", `{"code":"not-listed","rationale":"r"}`, "art_2_20_assessment"},
		{"POST", path + "/classifications", `{"code":"not-listed","rationale":"r","art_2_20_assessment":{"covert":"yes"}}`, "art_2_20_assessment.covert"},
		{"POST", path + "/classifications", `{"code":"5A001.j","rationale":"r","list_version":"eu-annex-i/1999"}`, "list_version"},
	} {
		code, body := f.do(t, tc.method, tc.path, exp, tc.body)
		var e struct {
			Error struct{ Field, Message string }
		}
		json.Unmarshal([]byte(body), &e)
		if code != 400 || e.Error.Field != tc.field || e.Error.Message == "" {
			t.Errorf("%s %s %.60s: %d %s, want 400 naming %q", tc.method, tc.path, tc.body, code, body, tc.field)
		}
	}
	if after, err := f.app.DB.VerifyAudit(context.Background()); err != nil || after != before {
		t.Errorf("audit events %d -> %d (err %v): refused bodies wrote something", before, after, err)
	}

	unlisted := `{"code":"not-listed","rationale":"Below 5A001.j.","art_2_20_assessment":{"specially_designed":true,"specially_designed_reason":"a",
		"covert":true,"covert_reason":"b","natural_persons":true,"natural_persons_reason":"c","ict_data":true,"ict_data_reason":"d"}}`
	if code, body := f.do(t, "POST", path+"/classifications", exp, unlisted); code != 201 || !strings.Contains(body, `"cyber_surveillance":true`) || !strings.Contains(body, `"assessor":"export@nordlicht.example"`) {
		t.Errorf("classify not-listed: %d %s", code, body)
	}
	if code, body := f.do(t, "POST", path+"/classifications", exp, `{"code":"5a001.j.","rationale":"IP network surveillance."}`); code != 201 || !strings.Contains(body, `"code":"5A001.j"`) {
		t.Errorf("classify 5A001.j: %d %s", code, body)
	}
	code, body = f.do(t, "GET", path, off, "")
	var d product.Detail
	json.Unmarshal([]byte(body), &d)
	if code != 200 || d.Classification == nil || d.Classification.Code != "5A001.j" || len(d.History) != 2 || d.History[1].Code != "not-listed" {
		t.Errorf("officer reads: %d %s", code, body)
	}
	if code, _ := f.do(t, "GET", path, nl, ""); code != 404 {
		t.Errorf("officer of another state reads: %d", code)
	}
	if code, body := f.do(t, "GET", "/api/v1/reclassification-tasks?state=closed", exp, ""); code != 400 || !strings.Contains(body, `"field":"state"`) {
		t.Errorf("bad task state: %d %s", code, body)
	}
	if code, body := f.do(t, "GET", "/api/v1/reclassification-tasks", exp, ""); code != 200 || body != "{\"tasks\":[]}\n" {
		t.Errorf("tasks: %d %q", code, body)
	}
}
