package web

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
)

// recognitionRow is a recognition as the pages show it.
type recognitionRow struct {
	*cultivation.Recognition
	TierName   string
	LevelName  string
	RegionName string
	ReviewName string
	ChangeName string
}

func (w *Web) recognitionRowOf(r *cultivation.Recognition) recognitionRow {
	return recognitionRow{Recognition: r, TierName: cultivation.TierZH[r.Tier], LevelName: cultivation.LevelZH[r.Level],
		RegionName: w.region[r.Region], ReviewName: cultivation.ReviewZH[r.ReviewResult], ChangeName: cultivation.ChangeZH[r.ChangeKind]}
}

// managedRegionOptions are the districts a caller may pick among: all for the
// city, its own for a district official.
func (w *Web) managedRegionOptions(r *http.Request) []option {
	c, _ := httpx.Caller(r)
	var out []option
	for _, rg := range c.ManagedRegions(w.regions) {
		out = append(out, option{rg.Code, rg.Name})
	}
	return out
}

// options turns a code → name table into options in the order of codes.
func options(codes []string, names map[string]string) []option {
	out := make([]option, len(codes))
	for i, c := range codes {
		out[i] = option{c, names[c]}
	}
	return out
}
