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
