package web

import (
	"maps"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
)

func TestParameters(t *testing.T) {
	t.Parallel()
	got, err := parseParameters("Output power: 1 W\r\n\n  Bands : GSM, LTE \nURL: http://x.example:8080\n")
	want := map[string]string{"Output power": "1 W", "Bands": "GSM, LTE", "URL": "http://x.example:8080"}
	if err != nil || !maps.Equal(got, want) {
		t.Fatalf("parseParameters = %v, %v", got, err)
	}
	if back, err := parseParameters(formatParameters(got)); err != nil || !maps.Equal(back, want) {
		t.Errorf("round trip = %v, %v", back, err)
	}
	for _, bad := range []string{"no colon here", ": 1 W", "a: 1\na: 2"} {
		if _, err := parseParameters(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("parseParameters(%q) = %v, want Invalid", bad, err)
		}
	}
}
