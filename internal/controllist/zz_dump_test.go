package controllist

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	l, err := LoadAnnexI("/work/shared/data/controllist/eu_annex_i_2025-11/annex_i_en_2025-11.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"2B001", "1C002", "6A006", "7A003"} {
		s, _ := l.FullText(c)
		fmt.Println(s)
	}
	n := 0
	for _, r := range l.Repairs {
		if r.Fault == FaultMissingText || r.Fault == FaultGluedHeading || r.Fault == FaultMalformedCode {
			fmt.Println(r)
		} else {
			n++
		}
	}
	fmt.Println("entries", len(l.Entries), "joins", n)
	_ = os.Stdout
}
