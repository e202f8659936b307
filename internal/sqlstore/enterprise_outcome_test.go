package sqlstore_test

import (
	"context"
	"testing"

	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

// assessTier saves an assessment of one tier with status for r as the city.
func assessTier(tb testing.TB, s *sqlstore.Store, r *enterprise.Record, tier, status string) {
	tb.Helper()
	a := newAssessment(r.ID)
	a.Tier, a.Status = tier, status
	if err := s.SaveAssessment(city, a); err != nil {
		tb.Fatal(err)
	}
}

// TestOutcomeFilters: the list keeps each enterprise's latest outcome per
// tier, filters on it (AND across tiers), on 符合但未认定, and on ids, and
// says when the record changed since its latest assessment.
func TestOutcomeFilters(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		// All hold the innovative title (newRecord).
		a := mustCreate(t, s, zhongyuan, "郑州甲精密机械有限公司", 1)
		b := mustCreate(t, s, zhongyuan, "郑州乙精密机械有限公司", 2)
		c := mustCreate(t, s, erqi, "郑州丙精密机械有限公司", 3)
		d := mustCreate(t, s, erqi, "郑州丁精密机械有限公司", 4)
		e := mustCreate(t, s, erqi, "郑州戊精密机械有限公司", 5)
		assessTier(t, s, e, "srdi", "review") // met up to an official's judgement
		assessTier(t, s, a, "srdi", "fail")
		assessTier(t, s, a, "srdi", "pass") // the latest counts
		assessTier(t, s, a, "innovative", "pass")
		assessTier(t, s, b, "srdi", "missing")
		assessTier(t, s, b, "innovative", "pass")
		assessTier(t, s, c, "srdi", "fail")
		assessTier(t, s, c, "innovative", "pass")
		assessTier(t, s, c, "innovative", "fail")

		// d holds 专精特新 and passes it: not "unrecognized".
		rd, err := s.GetEnterprise(city, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		rd.Profile.Titles[0].Tier = "srdi"
		if err := s.UpdateEnterprise(city, rd); err != nil {
			t.Fatal(err)
		}
		assessTier(t, s, d, "srdi", "pass")

		for _, tt := range []struct {
			name string
			ctx  context.Context // nil: the city
			f    enterprise.Filter
			want []*enterprise.Record
		}{
			{name: "SRDIPass", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "pass"}}}, want: []*enterprise.Record{a, d}},
			{name: "MissingIsReview", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "review"}}}, want: []*enterprise.Record{b, e}},
			{name: "SRDIFail", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "fail"}}}, want: []*enterprise.Record{c}},
			{name: "NoneNeverAssessed", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "little_giant", Outcome: "none"}}}, want: []*enterprise.Record{a, b, c, d, e}},
			{name: "InnovativeNone", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "innovative", Outcome: "none"}}}, want: []*enterprise.Record{d, e}},
			{name: "ANDAcrossTiers", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "review"}, {Tier: "innovative", Outcome: "pass"}}}, want: []*enterprise.Record{b}},
			{name: "LatestOfTierCounts", f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "innovative", Outcome: "fail"}}}, want: []*enterprise.Record{c}},
			{name: "UnrecognizedPassOrReview", f: enterprise.Filter{Unrecognized: "srdi"}, want: []*enterprise.Record{a, e}},
			{name: "UnrecognizedInnovativeHeld", f: enterprise.Filter{Unrecognized: "innovative"}, want: nil},
			{name: "IDs", f: enterprise.Filter{IDs: []int64{b.ID, c.ID}}, want: []*enterprise.Record{b, c}},
			{name: "DistrictScope", ctx: districtEQ, f: enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "pass"}}}, want: []*enterprise.Record{d}},
			{name: "DistrictIDsOutOfScope", ctx: districtEQ, f: enterprise.Filter{IDs: []int64{a.ID, b.ID}}, want: nil},
		} {
			t.Run(tt.name, func(t *testing.T) {
				tt.f.Sort = "-created"
				if tt.ctx == nil {
					tt.ctx = city
				}
				items, total, err := s.ListEnterprises(tt.ctx, tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := ids(items), ids(tt.want); !equalIDs(got, want) || total != len(want) {
					t.Errorf("%+v: %v (total %d), want %v", tt.f, got, total, want)
				}
			})
		}

		t.Run("ItemsCarryOutcomesAndStale", func(t *testing.T) {
			items, _, err := s.ListEnterprises(city, enterprise.Filter{Sort: "-created"})
			if err != nil {
				t.Fatal(err)
			}
			got := items[0]
			if got.Outcomes["srdi"] != "pass" || got.Outcomes["innovative"] != "pass" || len(got.Outcomes) != 2 || got.Stale() {
				t.Errorf("a: outcomes %v, stale %v; want srdi and innovative pass, not stale", got.Outcomes, got.Stale())
			}
			r, err := s.GetEnterprise(city, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			r.Profile.Name = "郑州甲精密传动有限公司"
			if err := s.UpdateEnterprise(city, r); err != nil {
				t.Fatal(err)
			}
			r, err = s.GetEnterprise(city, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Stale() || r.Outcomes["srdi"] != "pass" {
				t.Errorf("after a profile change: stale %v, outcomes %v; want stale with the old outcomes", r.Stale(), r.Outcomes)
			}
			assessTier(t, s, a, "srdi", "pass")
			if r, _ = s.GetEnterprise(city, a.ID); r.Stale() {
				t.Error("assessed again: still stale")
			}
		})

		t.Run("BadTier", func(t *testing.T) {
			_, _, err := s.ListEnterprises(city, enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "x; DROP", Outcome: "pass"}}})
			if code(err) != "invalid" {
				t.Errorf("bad tier: %v, want invalid", err)
			}
		})
	})
}
