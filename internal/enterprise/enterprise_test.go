package enterprise_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

func date(s string) *profile.Date { d := profile.MustDate(s); return &d }

func TestHighestTier(t *testing.T) {
	p := &profile.Profile{Titles: []profile.Title{
		{Tier: "innovative", Recognized: date("2023-01-01"), ValidTo: date("2025-12-31")},
		{Tier: "srdi", Recognized: date("2025-06-01"), ValidTo: date("2028-05-31")},
		{Tier: "little_giant", Recognized: date("2027-01-01")},
	}}
	for _, tt := range []struct{ day, want string }{
		{"2022-12-31", ""},
		{"2024-01-01", "innovative"},
		{"2025-12-31", "srdi"},
		{"2026-09-01", "srdi"},
		{"2027-01-01", "little_giant"},
	} {
		if got := enterprise.HighestTier(p, profile.MustDate(tt.day)); got != tt.want {
			t.Errorf("HighestTier on %s = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func TestPrepare(t *testing.T) {
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		uscc string
		nm   string
		reg  string
		want string
	}{
		{"Valid", "91410173ma3xq8n1dr", "郑州示例精密机械有限公司", "410173", ""},
		{"ShortUSCC", "91410173MA3XQ8N1D", "名", "410173", apperr.EINVALID},
		{"ForbiddenLetterO", "91410173MA3XQ8N1DO", "名", "410173", apperr.EINVALID},
		{"NoName", "91410173MA3XQ8N1DR", " ", "410173", apperr.EINVALID},
		{"NoRegion", "91410173MA3XQ8N1DR", "名", "", apperr.EINVALID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &enterprise.Record{Profile: &profile.Profile{USCC: tt.uscc, Name: tt.nm, Region: tt.reg}}
			err := r.Prepare(now)
			if got := apperr.Code(err); got != tt.want {
				t.Fatalf("Prepare: code %q (%v), want %q", got, err, tt.want)
			}
			if err == nil && (r.USCC != "91410173MA3XQ8N1DR" || r.Status != enterprise.StatusActive) {
				t.Errorf("Prepare = USCC %q status %q; want upper-cased USCC, active", r.USCC, r.Status)
			}
		})
	}
}

func TestIndustryRange(t *testing.T) {
	for _, c := range []struct{ prefix, lo, hi string }{
		{"C", "C", "D"},
		{"T", "T", "U"},
		{"C34", "C34", "C35"},
		{"C348", "C348", "C349"},
		{"C349", "C349", "C35"},
		{"C3499", "C3499", "C35"},
		{"C99", "C99", "D"},
		{"I6510", "I6510", "I6511"},
		{"c34", "", ""},
		{"C3", "C3", "C4"},
		{"C34%", "", ""},
		{"", "", ""},
	} {
		lo, hi, ok := enterprise.IndustryRange(c.prefix)
		if lo != c.lo || hi != c.hi || ok != (c.lo != "") {
			t.Errorf("IndustryRange(%q) = %q, %q, %v; want %q, %q", c.prefix, lo, hi, ok, c.lo, c.hi)
		}
	}
}

// TestIndustryRangeIsPrefix checks the range against strings.HasPrefix on
// every prefix of a spread of codes, against codes of every length.
func TestIndustryRangeIsPrefix(t *testing.T) {
	var codes []string
	for _, sec := range "ABCIT" {
		for _, div := range []string{"", "00", "09", "34", "39", "90", "99"} {
			for _, rest := range []string{"", "0", "8", "9", "00", "48", "84", "90", "99"} {
				if div == "" && rest != "" {
					continue
				}
				codes = append(codes, string(sec)+div+rest)
			}
		}
	}
	for _, p := range codes {
		lo, hi, ok := enterprise.IndustryRange(p)
		if !ok {
			t.Fatalf("IndustryRange(%q) not ok", p)
		}
		for _, c := range codes {
			if in := c >= lo && c < hi; in != strings.HasPrefix(c, p) {
				t.Errorf("prefix %q, range [%q, %q): code %q in range %v, has prefix %v", p, lo, hi, c, in, !in)
			}
		}
	}
}

// TestProfileChanged: an assessment is out of date once the facts of the
// profile change, not when the same facts are written in another order.
func TestProfileChanged(t *testing.T) {
	doc, err := os.ReadFile("../../examples/E6-srdi-2026-boundary.json")
	if err != nil {
		t.Fatal(err)
	}
	load := func() *profile.Profile {
		p, errs := profile.DecodeBytes(doc)
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		return p
	}
	snapshot, err := json.Marshal(load())
	if err != nil {
		t.Fatal(err)
	}
	as := &enterprise.Assessment{Profile: snapshot}
	reordered := &enterprise.Assessment{Profile: doc} // the file's own layout and field order
	for _, tt := range []struct {
		name string
		as   *enterprise.Assessment
		edit func(p *profile.Profile)
		want bool
	}{
		{"SameFacts", as, func(*profile.Profile) {}, false},
		{"SameFactsOtherLayout", reordered, func(*profile.Profile) {}, false},
		{"FigureChanged", as, func(p *profile.Profile) {
			if err := p.SetPath("years.2025.rd_expense", "1"); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"ListItemRemoved", as, func(p *profile.Profile) { p.IP = p.IP[1:] }, true},
		{"UnreadableSnapshot", &enterprise.Assessment{Profile: []byte("{")}, func(*profile.Profile) {}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := load()
			tt.edit(p)
			if got := tt.as.ProfileChanged(p); got != tt.want {
				t.Errorf("ProfileChanged = %v, want %v", got, tt.want)
			}
		})
	}
}
