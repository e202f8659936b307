package plan_test

import (
	"slices"
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
	"zjtx/internal/testdb"
	"zjtx/rules"
)

func engine(t testing.TB) *criteria.Engine {
	t.Helper()
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// example is testdb.Example with edits applied, each a path and a value
// ("" unsets the path).
func example(t testing.TB, edits ...string) *profile.Profile {
	t.Helper()
	p := testdb.Example(t)
	for i := 0; i+1 < len(edits); i += 2 {
		var err error
		if edits[i+1] == "" {
			err = p.UnsetPath(edits[i])
		} else {
			err = p.SetPath(edits[i], edits[i+1])
		}
		if err != nil {
			t.Fatal(edits[i], err)
		}
	}
	return p
}

var asOf = profile.Date{Y: 2026, M: 9, D: 1}

func TestBuild(t *testing.T) {
	eng := engine(t)
	t.Run("ScoreTier", func(t *testing.T) {
		p, err := plan.Build(eng, testdb.WeakExample(t), profile.TierTechSME, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if p.ScoreNow == nil || p.ScoreDone == nil {
			t.Fatalf("score_now %v, score_done %v; want both for a points table", p.ScoreNow, p.ScoreDone)
		}
		if *p.ScoreNow >= 60 || *p.ScoreDone < 60 {
			t.Errorf("score %d → %d; want below 60 now and at least 60 when done", *p.ScoreNow, *p.ScoreDone)
		}
		if len(p.Tasks) == 0 {
			t.Fatal("no tasks")
		}
		for _, task := range p.Tasks {
			if task.SourceID == "" || task.SourceLabel == "" || task.Target.Path == "" || task.Target.To == nil || task.Summary == "" {
				t.Errorf("task %+v lacks its source, target or summary", task)
			}
		}
		// R&D expense serves the R&D item K2; the cost total moves with it.
		if got := p.Tasks[0]; got.Target.Path != "years.2025.rd_expense" || got.SourceID != "K2" {
			t.Errorf("first task %s serves %s; want years.2025.rd_expense for K2", got.Target.Path, got.SourceID)
		}
	})
	t.Run("ConditionsTier", func(t *testing.T) {
		p := example(t, "years.2025.rd_expense", "30")
		if err := p.AddPath("titles", []byte(`{"tier":"srdi","recognized":"2024-01-01","valid_to":"2027-12-31"}`)); err != nil {
			t.Fatal(err)
		}
		pl, err := plan.Build(eng, p, profile.TierSRDI, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if pl.RuleSet != "srdi@2026" || pl.ScoreNow != nil || pl.ScoreDone != nil {
			t.Errorf("rule set %s, scores %v/%v; want srdi@2026 without scores", pl.RuleSet, pl.ScoreNow, pl.ScoreDone)
		}
		if pl.MetNow >= pl.MetDone || pl.MetDone != pl.Conditions {
			t.Errorf("conditions met %d → %d of %d; want all met when done", pl.MetNow, pl.MetDone, pl.Conditions)
		}
		if pl.Tasks[0].SourceID != "S26-7" || pl.Tasks[0].Target.Path != "years.2025.rd_expense" {
			t.Errorf("first task %s for %s; want years.2025.rd_expense for S26-7", pl.Tasks[0].Target.Path, pl.Tasks[0].SourceID)
		}
	})
	t.Run("LittleGiantTags", func(t *testing.T) {
		p := example(t, "product.market_share", "0.05", "product.market_rank", "6", "years.2026.platform_score", "72",
			"years.2025.revenue", "21000", "years.2025.main_revenue", "19320", "years.2025.rd_expense", "945",
			"years.2025.total_assets", "16800", "years.2025.total_liabilities", "8400",
			"years.2024.revenue", "19444", "years.2024.main_revenue", "17888", "years.2024.rd_expense", "875",
			"years.2024.total_assets", "15555", "years.2024.total_liabilities", "7777", "years.2025.employees", "300",
			"years.2023.revenue", "18000", "years.2023.main_revenue", "16560", "years.2023.rd_expense", "810")
		if err := p.AddPath("product.domains", []byte(`"chain_key_link"`)); err != nil {
			t.Fatal(err)
		}
		for _, j := range []string{`{"tier":"srdi","recognized":"2024-01-01","valid_to":"2027-12-31"}`} {
			if err := p.AddPath("titles", []byte(j)); err != nil {
				t.Fatal(err)
			}
		}
		pl, err := plan.Build(eng, p, profile.TierLittleGiant, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"product", "ip"} {
			if !slices.Contains(pl.Tags, tag) {
				t.Errorf("tags %v lack %s (market share 5%%, one Ⅰ类 patent)", pl.Tags, tag)
			}
		}
	})
	t.Run("OtherTiersHaveNoTags", func(t *testing.T) {
		p, err := plan.Build(eng, testdb.WeakExample(t), profile.TierTechSME, asOf)
		if err != nil || len(p.Tags) != 0 {
			t.Errorf("tech_sme plan tags %v, %v; want none", p.Tags, err)
		}
	})
	for _, tt := range []struct{ name, tier, want string }{
		{"MetAlready", profile.TierInnovative, "tier：企业已满足创新型中小企业条件"},
		{"BadTier", "champion", "tier：取值应为"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.Build(eng, example(t), tt.tier, asOf)
			if !apperr.Is(err, apperr.EINVALID) || !strings.Contains(apperr.Message(err), tt.want) {
				t.Errorf("err = %v; want invalid %q", err, tt.want)
			}
		})
	}
}

// TestTagsNameRuleIDs checks the tag data against the rule sets: every
// source id is a condition of a 小巨人 rule set.
func TestTagsNameRuleIDs(t *testing.T) {
	var text strings.Builder
	for _, f := range []string{"little_giant@2022.yaml", "little_giant@2026.yaml"} {
		b, err := rules.FS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
	}
	if len(plan.Tags()) != 3 {
		t.Fatalf("%d tags; want the three 申报难题", len(plan.Tags()))
	}
	for _, tag := range plan.Tags() {
		if tag.Name == "" || len(tag.Sources) == 0 {
			t.Errorf("tag %s has no name or sources", tag.ID)
		}
		for _, id := range tag.Sources {
			if !strings.Contains(text.String(), "id: "+id+"\n") {
				t.Errorf("tag %s: %s is no condition of the 小巨人 rule sets", tag.ID, id)
			}
		}
	}
}
