package review_test

import (
	"testing"

	"zjtx/internal/cultivation"
	"zjtx/internal/review"
)

// TestTally: each finding counts for its district and, with the city's
// row, for the city; a district with none gets zeros; a finding outside
// the regions shown is left out; Of picks a check's list by region.
func TestTally(t *testing.T) {
	found := []cultivation.Finding{
		{Check: cultivation.CheckUnassigned, EnterpriseID: 1, Region: "410102"},
		{Check: cultivation.CheckUnassigned, EnterpriseID: 2, Region: "410103"},
		{Check: cultivation.CheckRisks, EnterpriseID: 1, Region: "410102"},
		{Check: cultivation.CheckOverdueIssues, EnterpriseID: 9, Region: "410199"},
	}
	for _, tc := range []struct {
		name     string
		regions  []string
		withCity bool
		want     []review.Counts
	}{
		{"City", []string{"410102", "410103", "410104"}, true, []review.Counts{
			{Region: "4101", Unassigned: 2, Risks: 1}, {Region: "410102", Unassigned: 1, Risks: 1},
			{Region: "410103", Unassigned: 1}, {Region: "410104"}}},
		{"OneDistrict", []string{"410103"}, false, []review.Counts{{Region: "410103", Unassigned: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := review.Tally(found, tc.regions, tc.withCity)
			if len(got) != len(tc.want) {
				t.Fatalf("rows %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("row %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
	if got := review.Of(found, cultivation.CheckUnassigned, "4101"); len(got) != 2 {
		t.Errorf("the city's unassigned: %d, want 2", len(got))
	}
	if got := review.Of(found, cultivation.CheckUnassigned, "410103"); len(got) != 1 || got[0].EnterpriseID != 2 {
		t.Errorf("410103's unassigned: %+v, want enterprise 2", got)
	}
	if c := (review.Counts{Unassigned: 2, Risks: 1}); c.Total() != 3 || c.Get(cultivation.CheckRisks) != 1 {
		t.Errorf("total %d, risks %d; want 3 and 1", c.Total(), c.Get(cultivation.CheckRisks))
	}
}
