package country_test

import (
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/country"
	"github.com/dualuse/dualuse/internal/datatest"
)

func TestLoad(t *testing.T) {
	reg, err := country.Load(datatest.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	eu := reg.EUMembers()
	if len(eu) != 27 {
		t.Fatalf("EU members = %d, want 27", len(eu))
	}
	tests := []struct {
		code, name string
		eu         bool
	}{
		{"de", "Germany", true},
		{"GR", "Greece", true},
		{"CN", "China", false},
		{"NO", "Norway", false},
		{"GB", "UK", false},
	}
	for _, tt := range tests {
		c, err := reg.Lookup(tt.code)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", tt.code, err)
		}
		if c.Name != tt.name || c.EU != tt.eu {
			t.Errorf("Lookup(%q) = %+v, want name %q eu %v", tt.code, c, tt.name, tt.eu)
		}
	}
	_, err = reg.Lookup("DX")
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "closest") {
		t.Errorf("Lookup(DX) error = %v, want Invalid with closest codes", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, codes, terr, want string
	}{
		{"missing column", "ISO3166-1-Alpha-2\nDE\n", "", "column missing"},
		{"bad code", "ISO3166-1-Alpha-2,ISO3166-1-Alpha-3,CLDR display name,official_name_en\nD1,DEU,Germany,Germany\n", "", "country-codes.csv:2"},
		{"bad json", "", "{not json\n", "rigour_territories.jsonl:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := country.Parse(strings.NewReader(tt.codes), strings.NewReader(tt.terr))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("ISO3166-1-Alpha-2,ISO3166-1-Alpha-3,CLDR display name,official_name_en\nDE,DEU,Germany,Germany\n", `{"code":"de","is_country":true,"see":["eu"]}`)
	f.Fuzz(func(t *testing.T, codes, terr string) {
		reg, err := country.Parse(strings.NewReader(codes), strings.NewReader(terr))
		if err == nil && len(reg.EUMembers()) != 27 {
			t.Fatal("accepted a registry without 27 EU members")
		}
	})
}
