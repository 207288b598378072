package screening

import (
	"os"
	"strconv"
)

// Temporary tuning hooks (removed before hand-off).
func init() {
	f := func(name string, p *float64) {
		if v := os.Getenv(name); v != "" {
			*p, _ = strconv.ParseFloat(v, 64)
		}
	}
	f("SCR_NEARFLOOR", &nearFloor)
	f("SCR_NEARFACTOR", &nearFactor)
	f("SCR_BINSWAP", &binSwap)
	f("SCR_NEARFLOOR2", &nearFloor2)
	f("SCR_NUM", &numberMismatch)
	f("SCR_EXTRAQ", &extraQueryWeight)
	f("SCR_ORGEXTRA", &orgExtra)
	if v := os.Getenv("SCR_LINMIN"); v != "" {
		linearMinExact, _ = strconv.Atoi(v)
	}
	if os.Getenv("SCR_SQUARED") != "" {
		singleFuzzy = false
	}
}
