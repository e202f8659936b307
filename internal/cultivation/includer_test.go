package cultivation_test

import (
	"os"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/rules"
)

// TestIncluderOnWorkedExamples runs the inclusion rules with the real
// engine on the worked examples of spec/criteria.md.
func TestIncluderOnWorkedExamples(t *testing.T) {
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	in, err := cultivation.LoadInclusion(rules.InclusionFS, "inclusion")
	if err != nil {
		t.Fatal(err)
	}
	inc := &cultivation.Includer{Engine: eng, Rules: in}
	for _, tc := range []struct {
		file, want string
	}{
		{"E1-innovative-60.json", "innovative eligible 经评价符合创新型中小企业认定条件，尚未认定"},
		{"E2-innovative-category-min.json", ""}, // a category minimum missed is not a near miss
		{"E7-srdi-2026-fail.json", "srdi srdi.from_innovative 创新型中小企业（有效期至 2027-12-09）"},
		{"E8-little-giant-2026-boundary.json", "little_giant lg.from_srdi_ip 专精特新中小企业（有效期至 2027-11-14），与主导产品相关的Ⅰ类知识产权 4 项"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile("../../examples/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			p, errs := profile.DecodeBytes(b)
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			got := ""
			for _, a := range inc.Plan(p, nil, profile.MustDate("2026-09-01"), true) {
				got += a.Entry.Tier + " " + a.Entry.Source + " " + a.Entry.Reason
			}
			if got != tc.want {
				t.Errorf("entries = %q, want %q", got, tc.want)
			}
			if acts := inc.Plan(p, nil, profile.MustDate("2026-09-01"), false); len(acts) != 0 {
				t.Errorf("an enterprise not in business gets %d entries", len(acts))
			}
		})
	}
}
