package normalize

import (
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in     string
		person bool
		want   string
	}{
		{"Владимир Путин", true, "vladimir putin"},
		{"محمد علي", true, "muhammad ali"},
		{"عبد الله", true, "abdallah"},
		{"김정은", true, "kim jeong eun"},
		{"习近平", true, "xi jin ping"},
		{"Αλέξανδρος", true, "alexander"},
		{"François Hollande", true, "francois hollande"},
		{"‘ABD AL-RAHMAN BIN ‘UMAYR AL-NU’AYMI", true, "abdrahman bin umayr al nuaymi"},
		{"Goldman Sachs & Co. L.L.C.", false, "goldman sachs and corp llc"},
		{"ООО Ромашка", false, "llc romashka"},
		{"OAO Gazprom", false, "jsc gazprom"},
		{"Gazprom JSC", false, "gazprom jsc"},
		{"Samsung Electronics Co., Ltd.", false, "samsung electronics llc"},
		{"HSBC Holdings p.l.c.", false, "hsbc holdings jsc"},
		{"Mohammed Osama", true, "muhammad usama"},
		{"Bibi Netanyahu", true, "benjamin netanyahu"},
		{"Moammar Qadhafi", true, "muammar qaddafi"},
		{"Shoigu Shoigu Sergey", true, "shoigu sergey"},
		{"Chang Chang Ha", true, "chang chang ha"},
		{"Mohamed Mohamed Caddow", true, "muhammad muhammad caddow"},
		{"Siemens Aktiengeselschaft", false, "siemens jsc"},
		{"Tactical Missiles Corporation Joynt Stock Compan", false, "tactical missiles corp jsc"},
		{"Societatea cu Raspundere Limitata Pro Traffic", false, "llc pro traffic"},
		{"Stock Exchange Limitless", false, "stock exchange limitless"},
	} {
		if got := strings.Join(Tokens(tc.in, tc.person), " "); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenSimilarity(t *testing.T) {
	for _, tc := range []struct {
		a, b     string
		abjad    bool
		min, max float64
	}{
		{"putin", "putin", false, 1, 1},
		{"husayn", "husain", false, 0.85, 1},
		{"mhmd", "muhammad", true, 0.9, 1},
		{"muhammad", "mahmud", false, 0, 0},
		{"scholz", "scholze", false, 0.8, 0.9},
		{"putin", "putinas", false, 0.9, 0.9},
		{"zuckermann", "zuckerberg", false, 0, 0.65},
		{"chen", "cheng", false, 0, 0.72},
		{"2004", "2005", false, 0, 0},
	} {
		if got := TokenSimilarity(tc.a, tc.b, tc.abjad); got < tc.min || got > tc.max {
			t.Errorf("TokenSimilarity(%q, %q) = %.3f, want [%.2f, %.2f]", tc.a, tc.b, got, tc.min, tc.max)
		}
	}
}

func TestCountry(t *testing.T) {
	for in, want := range map[string]string{"Russia": "RU", "af": "AF", "IRN": "IR", "Iran (Islamic Republic of)": "IR", "Democratic Republic of the Congo": "CD", "Atlantis": ""} {
		if got := Country(in); got != want {
			t.Errorf("Country(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Владимир Путин", "محمد علي", "김정은", "习近平", "L.L.C.", "ʿAbd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokens(s, false) {
			if tok == "" || strings.ContainsRune(tok, ' ') {
				t.Fatalf("bad token %q from %q", tok, s)
			}
			_ = Skeleton(tok)
		}
	})
}

func TestEastSlavic(t *testing.T) {
	for in, want := range map[string]string{
		"Уладзімір Уладзіміравіч Пуцін": "vladimir uladimiravich putin",
		"Аляксандр Лукашэнка":           "alexander lukashenka",
		"Путін Володимир Володимирович": "putin vladimir volodymyrovych",
		"Григорій":       "grigory",
		"Їжакевич":       "yizhakevych",
		"Владимир Путин": "vladimir putin",
	} {
		if got := strings.Join(Tokens(in, true), " "); got != want {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDistanceBits checks the bit-parallel distance against the table.
func TestDistanceBits(t *testing.T) {
	r := uint64(1)
	next := func(n int) int {
		r ^= r << 13
		r ^= r >> 7
		r ^= r << 17
		return int(r % uint64(n))
	}
	word := func() string {
		b := make([]byte, next(12))
		for i := range b {
			b[i] = "abcd"[next(4)]
		}
		return string(b)
	}
	for i := 0; i < 200000; i++ {
		a, b := word(), word()
		if len(a) < len(b) {
			a, b = b, a
		}
		want := osaTable(a, b, 1<<30)
		if len(b) == 0 {
			continue
		}
		if got := osaBits(a, b); got != want {
			t.Fatalf("osaBits(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"putin", "putin", 0}, {"ca", "ac", 1}, {"abc", "ca", 3}, {"sergei", "serei", 1}, {"", "abc", 3}} {
		if got := Distance(tc.a, tc.b); got != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}

func TestOrgWords(t *testing.T) {
	for in, want := range map[string]string{
		"Brigade Forty-Four":           "brigade 44",
		"Brigade Forty 4":              "brigade 44",
		"1st International Bank":       "1 international bank",
		"First Bank Int'l":             "1 bank international",
		"KKR Asian Fund III L.P.":      "kkr asian fund 3 lp",
		"Three Percenters":             "3 percenters",
		"Goldman Sachs Trust 2004-1":   "goldman sachs trust 2004 1",
		"Ig0r Sech1n Trading":          "igor sechin trading",
		"Boeing 737 Leasing B737 Ltd.": "boeing 737 leasing b737 llc",
	} {
		if got := strings.Join(Tokens(in, false), " "); got != want {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
	if got := strings.Join(Tokens("First Second", true), " "); got != "first second" {
		t.Errorf("person names keep their words, got %q", got)
	}
}
