package profile

import (
	"strings"
	"testing"
)

// The embedded table loads (or the package would not start); these cases
// show that the loader refuses the mistakes an edit of the file could make.
func TestLoadSizeTableRefuses(t *testing.T) {
	const other = `
  - id: other
    zh: 其他未列明行业
    default: true
    large: {employees: 300}
    medium: {employees: 100}
    small: {employees: 10}
`
	tests := []struct{ name, yaml, want string }{
		{"UnknownKey", "rows:" + other + "extra: 1\n", "field extra not found"},
		{"BoundsNotShrinking", "rows:" + other + `
  - id: industry
    zh: 工业
    codes: [C]
    large: {employees: 1000}
    medium: {employees: 2000}
    small: {employees: 20}
`, "0 < small <= medium <= large"},
		{"SizesReadDifferentFigures", "rows:" + other + `
  - id: industry
    zh: 工业
    codes: [C]
    large: {employees: 1000, revenue: 40000}
    medium: {employees: 300}
    small: {employees: 20, revenue: 300}
`, "same figures"},
		{"DuplicateCode", "rows:" + other + `
  - id: a
    zh: 甲
    codes: [C]
    large: {employees: 3}
    medium: {employees: 2}
    small: {employees: 1}
  - id: b
    zh: 乙
    codes: [C]
    large: {employees: 3}
    medium: {employees: 2}
    small: {employees: 1}
`, "listed twice"},
		{"MalformedCode", "rows:" + other + `
  - id: a
    zh: 甲
    codes: [c34]
    large: {employees: 3}
    medium: {employees: 2}
    small: {employees: 1}
`, "malformed industry code"},
		{"NoDefault", "rows: []\n", "no default row"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadSizeTable([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

// Every row quotes the standard's paragraph, and each threshold of the row
// appears in that text, so a typing error in a number is caught here.
func TestSizeTableMatchesQuotedText(t *testing.T) {
	for _, r := range sizeTable.Rows {
		if r.Text == "" || r.Clause == "" {
			t.Errorf("row %s has no quoted text or clause", r.ID)
			continue
		}
		for size, th := range map[string]thresholds{"large": r.Large, "medium": r.Medium, "small": r.Small} {
			for unit, v := range map[string]*int64{"人": th.Employees, "万元": th.Revenue} {
				if v != nil && !strings.Contains(r.Text, itoa(*v)+unit) {
					t.Errorf("row %s %s: %d%s is not in its text", r.ID, size, *v, unit)
				}
			}
			if th.Assets != nil && !strings.Contains(r.Text, "资产总额"+itoa(*th.Assets)+"万元") {
				t.Errorf("row %s %s: 资产总额%d万元 is not in its text", r.ID, size, *th.Assets)
			}
		}
	}
}

func itoa(n int64) string { return DecFromInt(n).String() }
