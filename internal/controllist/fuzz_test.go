package controllist_test

import (
	"os"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/controllist"
)

// checkParse asserts the loaders' contract on any input: a list whose entries
// all resolve, or an Invalid error.
func checkParse(t *testing.T, l *controllist.List, err error) {
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("error of kind %s: %v", apperr.KindOf(err), err)
		}
		return
	}
	for _, e := range l.Entries {
		if _, err := l.Entry(e.Code); err != nil {
			t.Fatalf("entry %q does not resolve: %v", e.Code, err)
		}
		for _, c := range e.Children {
			if !l.Has(c) {
				t.Fatalf("child %q of %q missing", c, e.Code)
			}
		}
	}
	ix := controllist.NewIndex(l)
	if _, err := ix.Search(controllist.Query{Text: "interception of mobile telecommunications"}); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseAnnexI(f *testing.F) {
	f.Add([]byte(`{"metadata":{"consolidation_date":"2025-11-15"},"entries":[{"code":"5A001","label":"Telecommunications as follows:","category":"5","subgroup":"A","depth":0,"full_content":"a. Equipment; b. Other: 1. One; or 2. Two; Note:"},{"code":"5A001.b","label":"does not control x.","category":"5","subgroup":"A","depth":1,"full_content":"c. Third"}]}`))
	f.Add([]byte(`{"entries":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := controllist.ParseAnnexI(data, "fuzz.json")
		checkParse(t, l, err)
	})
}

func FuzzParseEntryText(f *testing.F) {
	for _, s := range []string{
		"a. X; b. Y: 1. One; or 2. Two; Note: 5A001.b. does not control: a. P; or b. Q. c. Z",
		"N.B. SEE ALSO 1C450. 1. Thiodiglycol; 2. Other",
		"Technical Notes: 1. A. 2. B. a. First",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		data := []byte(`{"metadata":{"consolidation_date":"2025-11-15"},"entries":[{"code":"5A001","label":"Heading as follows:","category":"5","subgroup":"A","depth":0,"full_content":` + quote(body) + `}]}`)
		l, err := controllist.ParseAnnexI(data, "fuzz.json")
		checkParse(t, l, err)
	})
}

func FuzzParseNorwayListII(f *testing.F) {
	f.Add([]byte(`[{"model":"regulations.regulation","pk":1,"fields":{"code":"5A001"}},{"model":"regulations.paragraph","pk":1,"fields":{"path":"0001","depth":1,"code":"5A001.","note_type":"base","text":"Telecom","regulation":1}},{"model":"regulations.paragraph","pk":2,"fields":{"path":"00010001","depth":2,"code":"a.","note_type":"base","text":"Item a","regulation":1}},{"model":"regulations.paragraph","pk":3,"fields":{"path":"00010002","depth":2,"code":"Note:","note_type":"Note:","text":"Note: x","regulation":1}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := controllist.ParseNorwayListII(data, "fuzz.json")
		checkParse(t, l, err)
	})
}

func FuzzParseNational(f *testing.F) {
	data, err := os.ReadFile("../../testdata/controllist/national_nl_test.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := controllist.ParseNational(data, "fuzz.json")
		checkParse(t, l, err)
	})
}

func quote(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = append(b, ' ')
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, '"'))
}
