package web

import (
	"reflect"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		in   string
		want []diffPart
	}{
		{"plain text", []diffPart{{"", "plain text"}}},
		{"a [-old-] {+new+} b", []diffPart{{"", "a "}, {"-", "old"}, {"", " "}, {"+", "new"}, {"", " b"}}},
		{"[a] {b} [-x", []diffPart{{"", "["}, {"", "a] {"}, {"", "b} [-x"}}}, // no marks: all kept
		{"", nil},
	}
	for _, tt := range tests {
		if got := wordDiff(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wordDiff(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
