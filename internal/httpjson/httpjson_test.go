package httpjson_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/httpjson"
)

type body struct {
	Email string `json:"email"`
	Count int    `json:"count"`
	Tags  []string
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in, field, msg string
	}{
		{`{"email":"a@b.example","count":2}`, "", ""},
		{`{"email":1}`, "email", "must be a string"},
		{`{"count":"x"}`, "count", "must be a number"},
		{`{"nope":1}`, "nope", "unknown field"},
		{`{"email":`, "", "body ends early"},
		{`{"email":"a"}{}`, "", "single JSON value"},
		{``, "", "empty"},
		{`[1]`, "(body)", "must be an object"},
		{`{"email":"a",}`, "", "malformed JSON"},
	}
	for _, tt := range tests {
		var b body
		err := httpjson.DecodeReader(strings.NewReader(tt.in), &b)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.in, err)
			}
			continue
		}
		var e *apperr.Error
		if !errors.As(err, &e) || e.Kind != apperr.Invalid || e.Field != tt.field || !strings.Contains(e.Message, tt.msg) {
			t.Errorf("%s: err = %#v, want Invalid field %q message containing %q", tt.in, err, tt.field, tt.msg)
		}
	}
}

func TestDecodeTooLarge(t *testing.T) {
	big := `{"email":"` + strings.Repeat("x", httpjson.MaxBody) + `"}`
	r := httptest.NewRequest("POST", "/", strings.NewReader(big))
	var b body
	err := httpjson.Decode(httptest.NewRecorder(), r, &b)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("err = %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"email":"a@b.example","count":2,"Tags":["x"]}`)
	f.Add(`{"email":1}`)
	f.Fuzz(func(t *testing.T, in string) {
		var b body
		err := httpjson.DecodeReader(strings.NewReader(in), &b)
		if err != nil && !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("decode error of kind %s: %v", apperr.KindOf(err), err)
		}
	})
}

// Write sends what json.Encoder writes, with its length; a value that
// cannot be encoded sends the status alone.
func TestWrite(t *testing.T) {
	for _, v := range []any{map[string]any{"a": "<b>&", "n": 1.5e-7, "l": []int{1, 2}}, []string(nil), "x\u2028y"} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(true)
		enc.Encode(v)
		rec := httptest.NewRecorder()
		httpjson.Write(rec, 201, v)
		if rec.Code != 201 || rec.Body.String() != want.String() || rec.Header().Get("Content-Length") != strconv.Itoa(want.Len()) {
			t.Errorf("%v: %d %q (length %s), want %q", v, rec.Code, rec.Body, rec.Header().Get("Content-Length"), want.String())
		}
	}
	rec := httptest.NewRecorder()
	httpjson.Write(rec, 200, math.NaN())
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("NaN: %d %q", rec.Code, rec.Body)
	}
	b := httpjson.NewBody()
	b.Raw(`{"x":`)
	b.Value([]int{1})
	b.Raw("}\n")
	rec = httptest.NewRecorder()
	b.Send(rec, 200)
	if rec.Body.String() != "{\"x\":[1]}\n" {
		t.Errorf("Body: %q", rec.Body)
	}
}

// AppendString and AppendFloat write what encoding/json writes.
func TestAppend(t *testing.T) {
	strs := []string{"", "plain", `q"b\s`, "<script>&amp;</script>", "\x00\x01\b\f\n\r\t\x1f\x7f", "é中\u2028\u2029𝄞", "bad\xffutf8\xc3", "\xed\xa0\x80", "Ünïcode — ‘quotes’"}
	for c := 0; c < 256; c++ {
		strs = append(strs, string(rune(c)), string([]byte{byte(c)}))
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := httpjson.AppendString(nil, s); string(got) != string(want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.889, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 1.2345e21, -3e-10, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for i := 0; i < 2000; i++ {
		floats = append(floats, math.Round(float64(i)*0.37)/1000, math.Float64frombits(uint64(i)*0x9E3779B97F4A7C15))
	}
	for _, f := range floats {
		want, err := json.Marshal(f)
		got, ok := httpjson.AppendFloat(nil, f)
		if (err == nil) != ok || string(got) != string(want) {
			t.Errorf("AppendFloat(%v) = %s %v, want %s %v", f, got, ok, want, err)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("a<b>&\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := httpjson.AppendString(nil, s); string(got) != string(want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	})
}
