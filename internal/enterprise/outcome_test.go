package enterprise_test

import (
	"slices"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
)

func TestParseTierOutcome(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want enterprise.TierOutcome
		err  bool
	}{
		{in: "srdi:pass", want: enterprise.TierOutcome{Tier: "srdi", Outcome: "pass"}},
		{in: "little_giant:none", want: enterprise.TierOutcome{Tier: "little_giant", Outcome: "none"}},
		{in: " innovative:review ", want: enterprise.TierOutcome{Tier: "innovative", Outcome: "review"}},
		{in: "srdi", err: true},
		{in: "srdi:maybe", err: true},
		{in: "srdi:missing", err: true}, // a stored status, not a filter value
		{in: "single_champion:pass", err: true},
		{in: ":pass", err: true},
	} {
		got, err := enterprise.ParseTierOutcome(tt.in)
		if tt.err {
			if apperr.Code(err) != apperr.EINVALID {
				t.Errorf("%q: %v, want invalid", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want || got.String() != tt.want.Tier+":"+tt.want.Outcome {
			t.Errorf("%q = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestOutcomeOfAndStatuses(t *testing.T) {
	for status, want := range map[string]string{"pass": "pass", "review": "review", "missing": "review", "fail": "fail", "": ""} {
		if got := enterprise.OutcomeOf(status); got != want {
			t.Errorf("OutcomeOf(%q) = %q, want %q", status, got, want)
		}
	}
	// Every status folds into the outcome whose filter matches it.
	for _, status := range []string{"pass", "review", "missing", "fail"} {
		if !slices.Contains(enterprise.Statuses(enterprise.OutcomeOf(status)), status) {
			t.Errorf("status %s is not matched by the filter %s", status, enterprise.OutcomeOf(status))
		}
	}
	if got := enterprise.HeldAtOrAbove("srdi"); !slices.Equal(got, []string{"srdi", "little_giant", "key_little_giant", "single_champion"}) {
		t.Errorf("HeldAtOrAbove(srdi) = %v", got)
	}
}

func TestIndustryName(t *testing.T) {
	for code, want := range map[string]string{
		"C3484": "机械零部件加工",
		"I6513": "应用软件开发",
		"C3499": "通用设备制造业", // a class not in the table: its division
		"C34":   "通用设备制造业",
		"Z9999": "",
		"":      "",
	} {
		if got := enterprise.IndustryName(code); got != want {
			t.Errorf("IndustryName(%q) = %q, want %q", code, got, want)
		}
	}
}
