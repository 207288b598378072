package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dualuse/dualuse/internal/store/storetest"
)

type screenResponse struct {
	Results []struct {
		ID      string
		Error   string
		Matches []struct {
			Source   string
			SourceID string `json:"source_id"`
			Name     string
			Score    float64
		}
	}
	Lists []struct{ Source string }
}

// The API screens one party or a batch, in order, with one shape.
func TestScreenAPI(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	tok := f.token(t, "export@nordlicht.example", demoPassword("export@nordlicht.example"))
	code, body := f.do(t, "POST", "/api/v1/screen", tok, `{"parties":[
		{"id":"a","name":"KIM YONG CHOL","type":"person"},
		{"id":"b","name":"Nordlicht Optics GmbH","type":"organisation"},
		{"id":"c","name":"","type":"person"},
		{"id":"d","name":"Kim Yong Chol","type":"ship"}]}`)
	if code != 200 {
		t.Fatalf("batch: %d %s", code, body)
	}
	var r screenResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Results) != 4 || r.Results[0].ID != "a" || r.Results[3].ID != "d" {
		t.Fatalf("results not in request order: %s", body)
	}
	if len(r.Results[0].Matches) == 0 || r.Results[0].Matches[0].Score < 0.9 {
		t.Errorf("Kim Yong Chol not found on the UN list: %s", body)
	}
	if len(r.Results[1].Matches) != 0 {
		t.Errorf("a fictional company matched: %+v", r.Results[1])
	}
	if !strings.Contains(r.Results[2].Error, "name") {
		t.Errorf("empty name: error %q", r.Results[2].Error)
	}
	if len(r.Lists) != 1 || r.Lists[0].Source != "un_sc" {
		t.Errorf("lists = %+v", r.Lists)
	}
	// One party: the same shape with one result.
	code, body = f.do(t, "POST", "/api/v1/screen", tok, `{"id":"x","name":"Kim Yong Chol"}`)
	if code != 200 || !strings.Contains(body, `"id":"x"`) || !strings.Contains(body, `"matches":[{`) {
		t.Errorf("single: %d %s", code, body)
	}
	tests := []struct{ body, field string }{
		{`{"parties":[]}`, "parties"},
		{`{"name":"a","parties":[{"name":"b"}]}`, "parties"},
		{`{"name":"a","exhaustive":true}`, "exhaustive"},
		{`{"name":"a","threshold":2}`, "threshold"},
		{`{"name":"a","nickname":"b"}`, "nickname"},
		{`{"parties":[` + strings.Repeat(`{"name":"a"},`, 1000) + `{"name":"a"}]}`, "parties"},
	}
	for _, tt := range tests {
		code, body := f.do(t, "POST", "/api/v1/screen", tok, tt.body)
		var e struct{ Error struct{ Field string } }
		json.Unmarshal([]byte(body), &e)
		if code != 400 || e.Error.Field != tt.field {
			t.Errorf("%.60s: %d %s, want 400 naming %q", tt.body, code, body, tt.field)
		}
	}
}

// A hit's listing can be read in full: names, birth dates, programmes.
func TestScreeningListing(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	tok := f.token(t, "officer@bafa.example", demoPassword("officer@bafa.example"))
	code, body := f.do(t, "GET", "/api/v1/screening/listings?source=un_sc&id=6908511", tok, "")
	var r struct {
		Listings []struct {
			Source     string
			SourceID   string `json:"source_id"`
			Kind       string
			Names      []struct{ Value, Type string }
			BirthDates []string `json:"birth_dates"`
			Programs   []string
			Version    string `json:"list_version"`
		}
	}
	if err := json.Unmarshal([]byte(body), &r); code != 200 || err != nil || len(r.Listings) != 1 {
		t.Fatalf("%d %s (%v)", code, body, err)
	}
	l := r.Listings[0]
	if l.Source != "un_sc" || l.SourceID != "6908511" || l.Kind != "person" || len(l.Names) == 0 || l.Names[0].Value != "KIM YONG CHOL" ||
		len(l.BirthDates) == 0 || len(l.Programs) == 0 || !strings.HasPrefix(l.Version, "un_sc@") {
		t.Errorf("listing = %+v", l)
	}
	for _, tc := range []struct {
		query string
		code  int
		want  string
	}{
		{"?source=un_sc", 400, `"field":"id"`},
		{"?id=6908511", 400, `"field":"source"`},
		{"?source=un_sc&id=1", 404, "no record 1 on list un_sc"},
		{"?source=us_ofac_sdn&id=6908511", 404, "no record"},
	} {
		if code, body := f.do(t, "GET", "/api/v1/screening/listings"+tc.query, tok, ""); code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s, want %d with %s", tc.query, code, body, tc.code, tc.want)
		}
	}
}

// An officer uploads an XLSX workbook of parties and downloads the results.
func TestScreenUpload(t *testing.T) {
	f := start(t, storetest.Engines(t)[0].DSN(t))
	cookie := f.session(t, "officer@bafa.example", demoPassword("officer@bafa.example"))
	x := excelize.NewFile()
	rows := [][]any{{"id", "name", "type", "country"}, {"p1", "Kim Yong Chol", "person", "KP"}, {"p2", "Aurora Biometrics Oy", "organisation", "FI"}, {"p3", "", "", ""}, {"p4", "Somebody", "starship", ""}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var xlsx bytes.Buffer
	if err := x.Write(&xlsx); err != nil {
		t.Fatal(err)
	}
	upload := func(name string, data []byte, format string) (int, string, http.Header) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.WriteField("format", format)
		mw.Close()
		req, _ := http.NewRequest("POST", f.srv.URL+"/screening/upload", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.AddCookie(cookie)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out), resp.Header
	}
	code, body, hdr := upload("parties.xlsx", xlsx.Bytes(), "csv")
	if code != 200 || !strings.Contains(hdr.Get("Content-Disposition"), "parties-screened.csv") {
		t.Fatalf("CSV download: %d %v %s", code, hdr, body)
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if !strings.HasPrefix(lines[0], "id,query,score,source") || !strings.HasPrefix(lines[1], "p1,Kim Yong Chol,") || !strings.Contains(lines[1], "un_sc") {
		t.Errorf("CSV = %s", body)
	}
	if !strings.Contains(body, "p2,Aurora Biometrics Oy,,,,,,,") {
		t.Errorf("no-match row missing: %s", body)
	}
	// Rows 4 and 5 of the sheet carry errors naming the row.
	if !strings.Contains(body, `sheet ""Sheet1"": row 4: name`) || !strings.Contains(body, `row 5: type: unknown party type ""starship""`) {
		t.Errorf("error row missing: %s", body)
	}
	code, body, _ = upload("parties.xlsx", xlsx.Bytes(), "")
	if code != 200 || !strings.Contains(body, "4 parties screened, 1 with matches, 2 with errors") {
		t.Errorf("HTML results: %d %.2000s", code, body)
	}
	// The single-party form names the field it refuses.
	req, _ := http.NewRequest("GET", f.srv.URL+"/screening?name=A&birth_date=1990-13", nil)
	req.AddCookie(cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "the form: birth_date: ") {
		t.Errorf("form error does not name the field: %.300s", between(string(page), `class="error"`, "</p>"))
	}
	code, body, _ = upload("broken.csv", []byte("nom,pays\nx,y\n"), "")
	if code != 400 || !strings.Contains(body, "broken.csv: row 1") {
		t.Errorf("bad header: %d %.2000s", code, body)
	}
}
