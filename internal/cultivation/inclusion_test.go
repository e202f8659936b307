package cultivation_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/rules"
)

var asOf = profile.MustDate("2026-09-01")

func datep(s string) *profile.Date { d := profile.MustDate(s); return &d }

func title(tier, to string) profile.Title {
	return profile.Title{Tier: tier, Recognized: datep("2024-01-01"), ValidTo: datep(to)}
}

func ips(n int, related bool) []profile.IP {
	out := make([]profile.IP, n)
	for i := range out {
		out[i] = profile.IP{Kind: profile.InventionPatent, Related: related, Granted: datep("2023-05-01")}
	}
	return out
}

func intp(n int) *int { return &n }

// report builds the engine's answer for one tier by hand, so the rules over
// the report are tested apart from the rule sets' numbers.
func report(tier string, status criteria.Outcome, score, pass int, conds ...criteria.Outcome) *criteria.Report {
	tr := &criteria.TierReport{Tier: tier, Status: status, PassScore: pass,
		Gaps: []criteria.GapPlan{{Summary: "研发费用增加 50 万元"}}}
	if pass > 0 {
		tr.Score = intp(score)
	}
	for i, o := range conds {
		tr.Conditions = append(tr.Conditions, &criteria.CondReport{Kind: "mandatory", Outcome: o, Label: "条件" + string(rune('A'+i))})
	}
	return &criteria.Report{Tiers: []*criteria.TierReport{tr}}
}

func TestCandidates(t *testing.T) {
	in, err := cultivation.LoadInclusion(rules.InclusionFS, "inclusion")
	if err != nil {
		t.Fatal(err)
	}
	rs := in.Select(asOf)
	if rs == nil || rs.ID != "inclusion@2025" {
		t.Fatalf("rules in force on %s: %v", asOf, rs)
	}
	P, F, M := criteria.Pass, criteria.Fail, criteria.Missing
	for _, tc := range []struct {
		name   string
		p      profile.Profile
		rep    *criteria.Report
		rec    cultivation.Records
		want   string // tier:rule pairs, space-separated
		reason string // the first candidate's reason contains this
	}{
		{name: "HighTechJoinsInnovative", p: profile.Profile{Honors: []profile.Honor{{Kind: "high_tech_enterprise", ValidTo: datep("2026-11-30")}}},
			want: "innovative:innovative.from_hightech", reason: "高新技术企业（有效期至 2026-11-30）"},
		{name: "ExpiredHighTechDoesNot", p: profile.Profile{Honors: []profile.Honor{{Kind: "high_tech_enterprise", ValidTo: datep("2026-08-31")}}}},
		{name: "TechSMETitleJoinsInnovative", p: profile.Profile{Titles: []profile.Title{title("tech_sme", "2026-12-31")}},
			want: "innovative:innovative.from_hightech", reason: "科技型中小企业（有效期至 2026-12-31）"},
		{name: "InnovativeJoinsSRDI", p: profile.Profile{Titles: []profile.Title{title("innovative", "2027-12-31")}},
			want: "srdi:srdi.from_innovative", reason: "创新型中小企业（有效期至 2027-12-31）"},
		{name: "SRDIWithTwoRelatedClass1IPJoinsLittleGiant", p: profile.Profile{Titles: []profile.Title{title("srdi", "2027-12-31")}, IP: ips(2, true)},
			want: "little_giant:lg.from_srdi_ip", reason: "与主导产品相关的Ⅰ类知识产权 2 项"},
		{name: "SRDIWithUnrelatedIPDoesNot", p: profile.Profile{Titles: []profile.Title{title("srdi", "2027-12-31")}, IP: append(ips(1, true), ips(3, false)...)}},
		{name: "HeldTierIsNeverAdded", p: profile.Profile{Titles: []profile.Title{title("little_giant", "2027-12-31")}, IP: ips(5, true),
			Honors: []profile.Honor{{Kind: "high_tech_enterprise", ValidTo: datep("2027-01-01")}}}},
		{name: "SuccessfulPilotJoinsInnovative", rec: cultivation.Records{Pilot: "科技成果“熔覆”中试成功（2026-08-30）"},
			want: "innovative:innovative.from_pilot", reason: "中试成功（2026-08-30）"},
		{name: "PilotOfAnInnovativeFirmAddsNothingNew", p: profile.Profile{Titles: []profile.Title{title("innovative", "2027-12-31")}},
			rec: cultivation.Records{Pilot: "x"}, want: "srdi:srdi.from_innovative"},
		{name: "MeetsTheTier", rep: report("srdi", criteria.Review, 0, 0, P), want: "srdi:eligible", reason: "经评价符合专精特新中小企业认定条件"},
		{name: "NearMissOneCondition", rep: report("srdi", F, 0, 0, P, F, P),
			want: "srdi:near_miss", reason: "未满足「条件B」；最省路径：研发费用增加 50 万元"},
		{name: "TwoConditionsAreNotNear", rep: report("srdi", F, 0, 0, F, F)},
		{name: "UnknownDataIsNotNear", rep: report("srdi", F, 0, 0, F, M)},
		{name: "NearMissScoreWithin10", rep: report("innovative", F, 52, 60, P, P),
			want: "innovative:near_miss", reason: "评分 52 分，距达标线 60 分差 8 分"},
		{name: "ScoreAt10IsNear", rep: report("innovative", F, 50, 60, P), want: "innovative:near_miss"},
		{name: "Score11ShortIsNot", rep: report("innovative", F, 49, 60, P)},
		{name: "ConditionAndScoreBothShortIsNot", rep: report("innovative", F, 55, 60, F)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rs.Candidates(cultivation.Input{Profile: &tc.p, Report: tc.rep, AsOf: asOf, Records: tc.rec})
			var pairs []string
			for _, c := range got {
				pairs = append(pairs, c.Tier+":"+c.Rule)
			}
			if g := strings.Join(pairs, " "); g != tc.want {
				t.Fatalf("candidates = %q, want %q", g, tc.want)
			}
			if tc.reason != "" && !strings.Contains(got[0].Reason, tc.reason) {
				t.Errorf("reason = %q, want it to contain %q", got[0].Reason, tc.reason)
			}
		})
	}
}

func TestParseRuleSetRefuses(t *testing.T) {
	base := "id: x\nname: x\neffective_from: 2025-01-01\nrules:\n  - id: r\n    name: r\n    tiers: [srdi]\n    reason: r\n    when:\n"
	for name, tail := range map[string]string{
		"UnknownWord":    "      has_patent: true\n",
		"UnknownKind":    "      holds: [gold_medal]\n",
		"EmptyCondition": "      {}\n",
	} {
		if _, err := cultivation.ParseRuleSet([]byte(base + tail)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := cultivation.ParseRuleSet([]byte(base + "      meets: true\n")); err != nil {
		t.Errorf("a good file: %v", err)
	}
}

func TestSelectByEffectiveDate(t *testing.T) {
	fsys := fstest.MapFS{
		"r/2025.yaml": {Data: []byte("id: a\nname: a\neffective_from: 2025-01-01\nrules:\n  - {id: r, name: r, tiers: [srdi], reason: r, when: {meets: true}}\n")},
		"r/2027.yaml": {Data: []byte("id: b\nname: b\neffective_from: 2027-01-01\nrules:\n  - {id: r, name: r, tiers: [srdi], reason: r, when: {meets: true}}\n")},
	}
	in, err := cultivation.LoadInclusion(fsys, "r")
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]string{"2024-12-31": "", "2026-09-01": "a", "2027-01-01": "b"} {
		got := ""
		if rs := in.Select(profile.MustDate(d)); rs != nil {
			got = rs.ID
		}
		if got != want {
			t.Errorf("Select(%s) = %q, want %q", d, got, want)
		}
	}
}
