package criteria_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
	"zjtx/rules"
)

// root is the repository root, where examples/ and rules/cases/ live.
const root = "../.."

// caseFile is one rules/cases/*.yaml file: OpenFisca-style test cases that
// ship with the rule sets and run under go test.
type caseFile struct {
	RuleSet string     `yaml:"ruleset"`
	Cases   []ruleCase `yaml:"cases"`
}

type ruleCase struct {
	Name    string            `yaml:"name"`
	Profile string            `yaml:"profile"`
	AsOf    string            `yaml:"as_of"`
	Review  bool              `yaml:"review"`
	Tier    string            `yaml:"tier"`
	Set     map[string]string `yaml:"set"`
	Unset   []string          `yaml:"unset"`
	Add     map[string][]any  `yaml:"add"`
	Expect  expect            `yaml:"expect"`
}

type expect struct {
	RuleSet   string            `yaml:"ruleset"`
	Status    string            `yaml:"status"`
	Route     string            `yaml:"route"`
	Score     *int              `yaml:"score"`
	Points    map[string]int    `yaml:"points"`
	Outcomes  map[string]string `yaml:"outcomes"`
	Failed    *[]string         `yaml:"failed"`
	NotBefore *int              `yaml:"not_before"`
	HasGaps   *bool             `yaml:"has_gaps"`
	Summary   string            `yaml:"summary"`    // in the one-line main reasons
	RouteText string            `yaml:"route_text"` // the route in words, exactly
}

func mustEngine(tb testing.TB) *criteria.Engine {
	tb.Helper()
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func loadProfile(tb testing.TB, path string) *profile.Profile {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		tb.Fatal(err)
	}
	p, errs := profile.DecodeBytes(b)
	if errs.HasErrors() {
		tb.Fatalf("%s: %v", path, errs)
	}
	return p
}

// TestCases runs every case of every rule set's case file.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, "rules", "cases", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	eng := mustEngine(t)
	total := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cf caseFile
		if err := yaml.Unmarshal(b, &cf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Run(cf.RuleSet, func(t *testing.T) {
			for _, c := range cf.Cases {
				total++
				t.Run(c.Name, func(t *testing.T) { runCase(t, eng, cf.RuleSet, c) })
			}
		})
	}
	if total < 10 {
		t.Fatalf("only %d cases ran", total)
	}
}

func runCase(t *testing.T, eng *criteria.Engine, ruleset string, c ruleCase) {
	p := loadProfile(t, c.Profile)
	for path, v := range c.Set {
		if err := p.SetPath(path, v); err != nil {
			t.Fatalf("set %s: %v", path, err)
		}
	}
	for _, path := range c.Unset {
		if err := p.UnsetPath(path); err != nil {
			t.Fatalf("unset %s: %v", path, err)
		}
	}
	for path, elems := range c.Add {
		for _, e := range elems {
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.AddPath(path, b); err != nil {
				t.Fatalf("add %s: %v", path, err)
			}
		}
	}
	if errs := profile.Validate(p); errs.HasErrors() {
		t.Fatalf("case profile invalid: %v", errs)
	}
	asOf, err := profile.ParseDate(c.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	tier := c.Tier
	if tier == "" {
		tier = eng.Plan(ruleset).RS.Tier
	}
	rep, err := eng.Evaluate(p, criteria.Options{AsOf: asOf, Review: c.Review, Tiers: []string{tier}, Gaps: true})
	if err != nil {
		t.Fatal(err)
	}
	tr := rep.Tiers[0]
	want := c.Expect
	if want.RuleSet != "" && tr.RuleSet != want.RuleSet {
		t.Errorf("ruleset = %s, want %s", tr.RuleSet, want.RuleSet)
	}
	if want.Status != "" && tr.Status.String() != want.Status {
		t.Errorf("status = %s, want %s", tr.Status, want.Status)
	}
	if want.Route != "" && tr.Route != want.Route {
		t.Errorf("route = %q, want %q", tr.Route, want.Route)
	}
	if want.Summary != "" && !strings.Contains(tr.Summary, want.Summary) {
		t.Errorf("summary = %q, want it to contain %q", tr.Summary, want.Summary)
	}
	if want.RouteText != "" && tr.RouteText != want.RouteText {
		t.Errorf("route_text = %q, want %q", tr.RouteText, want.RouteText)
	}
	if want.Score != nil {
		if tr.Score == nil || *tr.Score != *want.Score {
			t.Errorf("score = %v, want %d", deref(tr.Score), *want.Score)
		}
	}
	items := map[string]*criteria.ItemReport{}
	for _, it := range tr.Items {
		items[it.ID] = it
	}
	for id, pts := range want.Points {
		it := items[id]
		switch {
		case it == nil:
			t.Errorf("item %s not in the result", id)
		case it.Points != pts:
			t.Errorf("%s points = %d, want %d (value %s)", id, it.Points, pts, it.Display)
		}
	}
	nodes := map[string]*criteria.CondReport{}
	var walk func(cs []*criteria.CondReport)
	walk = func(cs []*criteria.CondReport) {
		for _, c := range cs {
			if c.ID != "" {
				nodes[c.ID] = c
			}
			walk(c.Children)
		}
	}
	walk(tr.Conditions)
	for id, o := range want.Outcomes {
		if it := items[id]; it != nil {
			if it.Outcome.String() != o {
				t.Errorf("item %s outcome = %s, want %s", id, it.Outcome, o)
			}
			continue
		}
		n := nodes[id]
		switch {
		case n == nil:
			t.Errorf("node %s not in the result", id)
		case n.Outcome.String() != o:
			t.Errorf("%s outcome = %s, want %s (%s)", id, n.Outcome, o, n.Display)
		}
	}
	if want.Failed != nil {
		var got []string
		for _, c := range tr.Conditions {
			if c.Kind != "direct" && c.Outcome == criteria.Fail {
				got = append(got, c.ID)
			}
		}
		w := slices.Clone(*want.Failed)
		sort.Strings(got)
		sort.Strings(w)
		if !slices.Equal(got, w) {
			t.Errorf("failed = %v, want %v", got, w)
		}
	}
	if want.NotBefore != nil && (tr.NotBefore == nil || *tr.NotBefore != *want.NotBefore) {
		t.Errorf("not_before = %v, want %d", deref(tr.NotBefore), *want.NotBefore)
	}
	if want.HasGaps != nil && (len(tr.Gaps) > 0) != *want.HasGaps {
		t.Errorf("has gaps = %v, want %v (%s)", len(tr.Gaps) > 0, *want.HasGaps, gapSummaries(tr))
	}
	checkGaps(t, eng, p, asOf, c.Review, tr)
}

// checkGaps applies every returned plan through the contract's dotted paths
// and checks that the tier is then reached.
func checkGaps(t *testing.T, eng *criteria.Engine, p *profile.Profile, asOf profile.Date, review bool, tr *criteria.TierReport) {
	t.Helper()
	for i, g := range tr.Gaps {
		q, err := g.Apply(p)
		if err != nil {
			t.Errorf("gap %d: %v", i+1, err)
			continue
		}
		for _, tier := range tr.Requires {
			from, to := asOf, profile.Date{Y: asOf.Y + 3, M: asOf.M, D: asOf.D}
			q.Titles = append(q.Titles, profile.Title{Tier: tier, Recognized: &from, ValidTo: &to})
		}
		rep, err := eng.Evaluate(q, criteria.Options{AsOf: asOf, Review: review, Tiers: []string{tr.Tier}})
		if err != nil {
			t.Fatal(err)
		}
		if s := rep.Tiers[0].Status; s != criteria.Pass && s != criteria.Review {
			t.Errorf("gap %d (%s) applied gives %s", i+1, g.Summary, s)
		}
	}
}

func gapSummaries(tr *criteria.TierReport) string {
	var s []string
	for _, g := range tr.Gaps {
		s = append(s, g.Summary)
	}
	return strings.Join(s, " | ")
}

func deref(p *int) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}
