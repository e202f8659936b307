package web_test

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTierLabelContrast reads the tier labels' colours from app.css and
// checks WCAG 2.1 AA: a contrast ratio of at least 4.5:1 between the text
// and its background (the labels are small text).
func TestTierLabelContrast(t *testing.T) {
	css, err := os.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]map[string]string{} // selector → property → value
	for _, m := range regexp.MustCompile(`(?m)^\.(tier-[a-z_]+)\s*\{([^}]*)\}`).FindAllStringSubmatch(string(css), -1) {
		props := map[string]string{}
		for _, decl := range strings.Split(m[2], ";") {
			if k, v, ok := strings.Cut(decl, ":"); ok {
				props[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		rules[m[1]] = props
	}
	base := rules["tier-tag"]
	if base == nil {
		t.Fatal("no .tier-tag rule")
	}
	for _, tier := range []string{"tech_sme", "innovative", "srdi", "little_giant", "key_little_giant", "single_champion"} {
		own := rules["tier-"+tier]
		if own == nil {
			t.Errorf("no .tier-%s rule", tier)
			continue
		}
		fg, bg := base["color"], base["background"]
		if c, ok := own["color"]; ok {
			fg = c
		}
		if c, ok := own["background"]; ok {
			bg = c
		}
		if r := contrast(t, fg, bg); r < 4.5 {
			t.Errorf(".tier-%s: %s on %s has contrast %.2f:1, want ≥ 4.5:1", tier, fg, bg, r)
		}
	}
}

// contrast is the WCAG contrast ratio of two #rrggbb (or #rgb) colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of a colour.
func luminance(t *testing.T, hex string) float64 {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var ch [3]float64
	for i := range ch {
		n, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(n) / 255
		if c <= 0.03928 {
			ch[i] = c / 12.92
		} else {
			ch[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
}
