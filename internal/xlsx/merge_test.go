package xlsx_test

import (
	"testing"

	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
)

func TestKeepUnsheeted(t *testing.T) {
	d := profile.MustDate("2027-12-31")
	stored := &profile.Profile{
		IP:     []profile.IP{{Kind: profile.InventionPatent}},
		Honors: []profile.Honor{{Kind: profile.HighTechEnterprise, ValidTo: &d}, {Kind: profile.IPDemo}},
		Titles: []profile.Title{{Tier: "innovative"}, {Tier: "srdi"}},
		Years:  map[int]*profile.Year{2023: {}, 2024: {}},
	}
	imported := &profile.Profile{
		Titles: []profile.Title{{Tier: "srdi", ValidTo: &d}},
		Years:  map[int]*profile.Year{2024: {}, 2025: {}},
	}
	xlsx.KeepUnsheeted(imported, stored)
	for _, tt := range []struct {
		name      string
		got, want int
	}{
		{"ip", len(imported.IP), 1},
		{"honors (the sheeted high-tech one is the import's: none)", len(imported.Honors), 1},
		{"titles", len(imported.Titles), 2},
		{"years", len(imported.Years), 3},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	if imported.Titles[0].ValidTo == nil {
		t.Errorf("the sheet's srdi title was replaced by the stored one")
	}
}
