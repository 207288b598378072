package screenfile_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/screenfile"
	"github.com/dualuse/dualuse/internal/screening"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name, in string
		ids      []string
		errs     map[string]string // id -> part of its error
		err      string            // whole-file error
	}{
		{"csv", "id,name,type,country,birth_date\n1,Kim Yong Chol,person,KP,1962\n2,Acme,organisation,,\n", []string{"1", "2"}, nil, ""},
		{"csv without id", "name\nA\n\nB\n", []string{"row 2", "row 4"}, nil, ""},
		{"csv bad rows", "id,name,type\n1,A,robot\n2,,person\n3,C,person,extra\n", []string{"1", "2", "3"}, map[string]string{"1": "row 2: type: unknown party type", "2": "row 3: name", "3": "row 4: 4 fields"}, ""},
		{"csv bad quote", "id,name\n1,\"A\n", []string{"row 2"}, map[string]string{"row 2": "malformed CSV"}, ""},
		{"csv no name column", "id,nom\n1,A\n", nil, nil, "x.csv: row 1"},
		{"empty", "", nil, nil, "empty"},
		{"jsonl", "{\"id\":7,\"name\":\"A\",\"type\":\"person\"}\n{bad\n{\"name\":\"C\",\"birth_date\":\"1990-13\"}\n", []string{"7", "line 2", "line 3"}, map[string]string{"line 2": "line 2: malformed JSON", "line 3": "birth_date"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := screenfile.Read("x.csv", []byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range rows {
				ids = append(ids, r.ID)
				want := tt.errs[r.ID]
				if (want == "") != (r.Err == nil) || (r.Err != nil && !strings.Contains(r.Err.Error(), want)) {
					t.Errorf("row %s: err %v, want %q", r.ID, r.Err, want)
				}
			}
			if strings.Join(ids, "|") != strings.Join(tt.ids, "|") {
				t.Errorf("ids = %v, want %v", ids, tt.ids)
			}
		})
	}
}

func TestReadXLSX(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Name", "Country", "ID"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"Kim Yong Chol", "KP", 12})
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := screenfile.Read("p.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].ID != "12" || rows[0].Query.Name != "Kim Yong Chol" || rows[0].Query.Countries[0] != "KP" || rows[0].Err != nil {
		t.Errorf("rows = %+v", rows)
	}
	if _, err := screenfile.Read("p.xlsx", append([]byte("PK\x03\x04"), "garbage"...)); err == nil || !strings.Contains(err.Error(), "XLSX") {
		t.Errorf("corrupt workbook: %v", err)
	}
}

func TestWrite(t *testing.T) {
	rows, _ := screenfile.Read("x.csv", []byte("id,name\n1,A\n2,B\n3,\n"))
	batch := []screening.BatchResult{
		{Hits: []screening.Hit{{Source: "un_sc", SourceID: "6908", Name: "A A", Score: 0.91, Sources: []screening.SourceRef{{Source: "un_sc", SourceID: "6908"}, {Source: "us_ofac_sdn", SourceID: "1"}}},
			{Source: "us_csl", SourceID: "17018", Name: "B", Score: 0.8, Sources: []screening.SourceRef{
				{Source: "us_csl", SourceID: "17018", SubList: "Specially Designated Nationals (SDN) - Treasury Department"},
				{Source: "us_csl", SourceID: "17018", SubList: "Sectoral Sanctions Identifications List (SSI) - Treasury Department"},
				{Source: "eu_fsf", SourceID: "2", SubList: "no code"}}}}},
		{},
		{},
	}
	res := screenfile.Results(rows, batch)
	var csvOut, jsonOut bytes.Buffer
	if err := screenfile.WriteCSV(&csvOut, rows, res); err != nil {
		t.Fatal(err)
	}
	want := "id,query,score,source,source_id,sub_list,listed_name,also_listed_on,list_version,error\n" +
		"1,A,0.910,un_sc,6908,,A A,us_ofac_sdn:1,,\n" +
		"1,A,0.800,us_csl,17018,Specially Designated Nationals (SDN) - Treasury Department,B,us_csl:17018 (SSI) eu_fsf:2 (no code),,\n" +
		"2,B,,,,,,,,\n3,,,,,,,,,x.csv: row 4: name: a name or an identifier is required\n"
	if csvOut.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", csvOut.String(), want)
	}
	if err := screenfile.WriteJSONL(&jsonOut, res); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(jsonOut.String(), "\n"); n != 3 || !strings.Contains(jsonOut.String(), `{"id":"2","matches":[]}`) {
		t.Errorf("JSON lines:\n%s", jsonOut.String())
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("id,name,type,country,birth_date\n1,Kim Yong Chol,person,KP,1962\n"))
	f.Add([]byte("{\"id\":1,\"name\":\"A\"}\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := screenfile.Read("f", data)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Err == nil {
				if err := r.Query.Validate(); err != nil {
					t.Fatalf("row %s accepted with an invalid query: %v", r.ID, err)
				}
			}
		}
	})
}

// A bad row's error is Invalid and names the file, row and field.
func TestRowErrorsNameTheField(t *testing.T) {
	rows, err := screenfile.Read("p.csv", []byte("id,name,type,birth_date\n1,A,robot,\n2,B,person,1990-13\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"p.csv: row 2: type", "p.csv: row 3: birth_date"} {
		var e *apperr.Error
		if !errors.As(rows[i].Err, &e) || e.Kind != apperr.Invalid || e.Field != want {
			t.Errorf("row %d: %#v, want Invalid on %q", i, rows[i].Err, want)
		}
	}
}
