package source

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dualuse/dualuse/internal/screening"
)

func TestDerivedNames(t *testing.T) {
	for _, c := range []struct {
		in     string
		want   string // "type:value" joined by " | "
		person bool
	}{
		{"Huawei Technologies Co., Ltd. (Huawei)", "alias:Huawei Technologies Co., Ltd. | weak:Huawei", false},
		{"Huawei Technologies Co. Ltd., Tsim Sha Tsui", "alias:Huawei Technologies Co. Ltd.", false},
		{"Chengdu Huawei Technologies Co., Ltd., Chengdu, Sichuan", "alias:Chengdu Huawei Technologies Co., Ltd.", false},
		{"Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei Marine Networks Co., Ltd.", "alias:Huawei Marine Networks Co., Ltd.", false},
		{"Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity: Huawei Technologies Co., Ltd., Beijing Research Institute", "alias:Huawei Technologies Co., Ltd., Beijing Research Institute", false},
		{"Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity: Huawei Terminal (Shenzhen) Co., Ltd. ", "alias:Huawei Terminal (Shenzhen) Co., Ltd.", false},
		{"Far East Trading Company, Inc. (a.k.a. FETCO, Inc.)", "alias:Far East Trading Company, Inc. | alias:FETCO, Inc.", false},
		{"Mexpar International, Inc. (a.k.a. Pasadena Aerospace; Aviation Logistics and Supply)", "alias:Mexpar International, Inc. | alias:Pasadena Aerospace | alias:Aviation Logistics and Supply", false},
		{"Gazprom Telekom, OOO (f.k.a. Zakrytoe Aktsionernoe Obshchestvo Gaztelekom)", "alias:Gazprom Telekom, OOO | former:Zakrytoe Aktsionernoe Obshchestvo Gaztelekom", false},
		{"Gazprom Russkaya, OOO (f.k.a., Obshchestvo S Ogranichennoi Otvetstvennostyu Kovyktneftegaz)", "alias:Gazprom Russkaya, OOO | former:Obshchestvo S Ogranichennoi Otvetstvennostyu Kovyktneftegaz", false},
		{"Astronautics Research Institute [aka Astronautics Systems Research Center, Aerospace Research Institute]", "alias:Astronautics Research Institute | alias:Astronautics Systems Research Center | alias:Aerospace Research Institute", false},
		{"Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)", "alias:Chitron Electronics Company Ltd. | alias:Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)", false},
		{"Avin Electronics Technology Co., Ltd. (AETC)", "alias:Avin Electronics Technology Co., Ltd. | weak:AETC", false},
		{"Ningbo Zhongjun International Trade Co., Ltd. (NBZJ) and any successor, sub-unit, or subsidiary thereof", "alias:Ningbo Zhongjun International Trade Co., Ltd. | weak:NBZJ", false},
		{"Poly Technologies Incorporated (PTI), and its sub-units and successors", "alias:Poly Technologies Incorporated | weak:PTI", false},
		{"Igor Aleksandrovich Michurin (Russian individual)", "alias:Igor Aleksandrovich Michurin", true},
		{"Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)", "alias:Ri Sung Chol | alias:Ri Su'ng-ch'o'l", false},
		{"PEARL (A.K.A. NEI-CHIEN CHU) LI", "alias:PEARL LI | alias:NEI-CHIEN CHU", true},
		{"Baotou Guanghua Chemical Industrial Corporation (Parent Organization: China National Nuclear Group Corporation (CNNC))", "alias:Baotou Guanghua Chemical Industrial Corporation", false},
		{"IMAM KHOMEINI RELIEF COMMITTEE (LEBANON BRANCH)", "alias:IMAM KHOMEINI RELIEF COMMITTEE", false},
		{"Huawei Technologies Switzerland AG, Liebefeld", "alias:Huawei Technologies Switzerland AG", false},
		{"PREDUZECE ZA PROIZVODNJU, PROMET I USLUGE MELVALE CORPORATION DOO, BEOGRAD STARI GRAD", "alias:PREDUZECE ZA PROIZVODNJU, PROMET I USLUGE MELVALE CORPORATION DOO", false},
		{"Department of Atomic Energy entity: Nuclear reactors not under International Atomic Energy Agency (IAEA)", "", false},
		// Names that hold one name are left alone.
		{"Tactical Missile Corporation, NPO Lightning", "", false},
		{"IRAN MARINE INDUSTRIAL COMPANY, SADRA", "", false},
		{"Beijing Shangtang Technology Development Co., Ltd., and Sense Time", "", false},
		{"PJSC VTB BANK (KIEV)", "", false},
		{"GOLDEN FISH S.A.L. (OFFSHORE)", "", false},
		{"SANTOS, Ahmad (Ahmed)", "", true},
		{"Hilarion Santos, III (third)", "", true},
		{"FOREIGN TRADE BANK (FTB)", "alias:FOREIGN TRADE BANK | weak:FTB", false},
		{"GLOBAL TECHNOLOGY IMPORT & EXPORT, S.A. (GTI)", "alias:GLOBAL TECHNOLOGY IMPORT & EXPORT, S.A. | weak:GTI", false},
		{"ATLAS OCEAN AND PETROCHEMICAL (AOPC)", "alias:ATLAS OCEAN AND PETROCHEMICAL | weak:AOPC", false},
		{"Huawei Technologies (UK) Co., Ltd.", "", false},
		{"GAZPROMBANK (SWITZERLAND) LTD", "", false},
		{"Chemtech International (Private) Limited", "", false},
		{"ASIA ENERGY GENERAL TRADING (LLC)", "", false},
		{"UNIVERSAL INDUSTRIES (HK)", "", false},
		{"Austral Aero-Marine Corp., Sdn Bhd", "", false},
		{"Dilligas Trading Co., Inc.", "", false},
		{"China Aerospace Science and Industry Corporation (CASIC) 3rd Academy", "", false},
		{"ABAKAROV, Khizri Magomedovich", "", false},
		{"Universal Industries Limited, Inc.", "", false},
		{"Unclosed (bracket", "", false},
	} {
		var got []string
		for _, n := range derivedNames(c.in, c.person) {
			got = append(got, string(n.Type)+":"+n.Value)
		}
		if g := strings.Join(got, " | "); g != c.want {
			t.Errorf("derivedNames(%q)\n got %s\nwant %s", c.in, g, c.want)
		}
	}
}

func FuzzDerivedNames(f *testing.F) {
	for _, s := range []string{"A Co., Ltd. (A).  Affiliated Entity: B Co., Ltd., Xi'an", "X (a.k.a. Y; Z, Inc.) [f.k.a. W]", "((", "a, a.k.a. (b", "X, a.k.a. Y, a.k.a. Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, n := range append(derivedNames(s, false), derivedNames(s, true)...) {
			if !n.Derived || n.Value == "" || n.Value != strings.TrimSpace(n.Value) || n.Value == strings.Join(strings.Fields(s), " ") {
				t.Fatalf("derivedNames(%q) gave %s", s, fmt.Sprintf("%+v", n))
			}
			switch n.Type {
			case screening.NameAlias, screening.NameFormer, screening.NameWeak:
			default:
				t.Fatalf("derivedNames(%q): type %q", s, n.Type)
			}
		}
	})
}

func TestWithDerivedNames(t *testing.T) {
	names := withDerivedNames([]screening.Name{
		{Value: "FOREIGN TRADE BANK (FTB)", Type: screening.NamePrimary},
		{Value: "FOREIGN TRADE BANK", Type: screening.NameAlias},
		{Value: "Gazprom Telekom, OOO (a.k.a. Gaztelekom)", Type: screening.NameFormer},
		{Value: "Avin Co., Ltd. (AVC)", Type: screening.NameWeak},
	}, false)
	var got []string
	for _, n := range names[4:] {
		got = append(got, string(n.Type)+":"+n.Value)
	}
	want := "weak:FTB | former:Gazprom Telekom, OOO | former:Gaztelekom | weak:Avin Co., Ltd. | weak:AVC"
	if g := strings.Join(got, " | "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}
