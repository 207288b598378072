package api

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/dualuse/dualuse/internal/screenfile"
)

// appendResults writes what encoding/json writes, for results with every
// field (including any field added later) set at random: empty and nil
// slices, empty strings, strings to escape and all sorts of numbers.
func TestAppendResults(t *testing.T) {
	strs := []string{"", "", "us_ofac_sdn", "AL-RAWI, Saif-al-Din", `"quoted" \ back`, "<b>&amp;</b>", "tab\there\nline", "\u2028\u2029", "bad \xff byte", "Müller 中文 ال"}
	floats := []float64{0, 1, 0.889, 0.05, -0.2, 1e-7, 2.5e21, 0.1 + 0.2, 1.0 / 3}
	rnd := rand.New(rand.NewPCG(1, 2))
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(strs[rnd.IntN(len(strs))])
		case reflect.Float64:
			v.SetFloat(floats[rnd.IntN(len(floats))])
		case reflect.Slice:
			switch rnd.IntN(4) {
			case 0: // nil
			case 1:
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			default:
				n := 1 + rnd.IntN(3)
				v.Set(reflect.MakeSlice(v.Type(), n, n))
				for i := range n {
					fill(v.Index(i))
				}
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
		default:
			t.Fatalf("a result holds a %s: teach appendResults (and this test) to write it", v.Type())
		}
	}
	for range 3000 {
		var rs []screenfile.Result
		fill(reflect.ValueOf(&rs).Elem())
		want, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendResults(nil, rs)
		if !ok || string(got) != string(want) {
			t.Fatalf("appendResults:\n%s\nencoding/json:\n%s", got, want)
		}
	}
	rs := []screenfile.Result{{ID: "1", Matches: []screenfile.Match{{Score: math.NaN()}}}}
	if _, ok := appendResults(nil, rs); ok {
		t.Error("NaN score encoded")
	}
}
