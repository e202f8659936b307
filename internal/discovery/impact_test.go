package discovery_test

import (
	"context"
	"iter"
	"os"
	"slices"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/internal/discovery"
	"zjtx/internal/profile"
	"zjtx/rules"
)

var asOf = profile.MustDate("2026-09-01")

func engine(tb testing.TB) *criteria.Engine {
	tb.Helper()
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func example(t *testing.T, name string) *profile.Profile {
	t.Helper()
	b, err := os.ReadFile("../../examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, errs := profile.DecodeBytes(b)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return p
}

// blocks encodes profiles as one block per district, rows numbered from 1.
func blocks(ps []*profile.Profile) iter.Seq2[discovery.Encoded, error] {
	return func(yield func(discovery.Encoded, error) bool) {
		byRegion := map[string][]int{}
		var order []string
		for i, p := range ps {
			if byRegion[p.Region] == nil {
				order = append(order, p.Region)
			}
			byRegion[p.Region] = append(byRegion[p.Region], i)
		}
		for _, reg := range order {
			var rows []int64
			var sel []*profile.Profile
			for _, i := range byRegion[reg] {
				rows, sel = append(rows, int64(i+1)), append(sel, ps[i])
			}
			if !yield(discovery.Encoded{Region: reg, Data: discovery.EncodeBlock(rows, sel)}, nil) {
				return
			}
		}
	}
}

// TestImpactHandMade runs srdi@2022 → srdi@2026 over a population whose
// moves are known from the worked example E7, which its author wrote to meet
// the 2022 standard and to fail the 2026 one on exactly S26-3, S26-4, S26-5,
// S26-7 and S26-10 (examples/E7-srdi-2026-fail.json, _note). With the
// provincial 特色化 score (15 points, unknown in the example) it passes 2022
// by score: 50 + 15 ≥ 60.
//
//	row 1  E7 + 特色化 15, 中牟县            pass → fail
//	row 2  the same in 金水区               pass → fail
//	row 3  the same, on the 经营异常 list   fail → fail (a prerequisite fails under both)
//	row 4  E7 as written (特色化 unknown)   missing → fail
func TestImpactHandMade(t *testing.T) {
	eng := engine(t)
	base := func() *profile.Profile {
		p := example(t, "E7-srdi-2026-fail.json")
		ls := profile.Dec(15 * profile.DecScale)
		p.LocalScore = &ls
		return p
	}
	p1, p2, p3, p4 := base(), base(), base(), example(t, "E7-srdi-2026-fail.json")
	p2.Region = "410105"
	yes := true
	p3.Flags.AbnormalList = &yes
	im, err := discovery.NewImpact(eng, "srdi@2022", "srdi@2026", asOf)
	if err != nil {
		t.Fatal(err)
	}
	out, err := discovery.RunImpact(context.Background(), im, 2, blocks([]*profile.Profile{p1, p2, p3, p4}))
	if err != nil {
		t.Fatal(err)
	}
	if out.Total != 4 {
		t.Fatalf("total %d, want 4", out.Total)
	}
	moves := map[string]int{}
	for k, v := range out.Cells {
		moves[k.Move] += v
	}
	want := map[string]int{"pass_to_fail": 2, "fail_to_fail": 1, "missing_to_fail": 1}
	if !maps(moves, want) {
		t.Errorf("moves %v, want %v", moves, want)
	}
	if got := out.Cells[discovery.CellKey{Region: "410105", Industry: "C3670", Move: "pass_to_fail"}]; got != 1 {
		t.Errorf("金水区 pass_to_fail %d, want 1", got)
	}
	if len(out.Movers) != 3 {
		t.Fatalf("%d movers, want 3 (rows 1, 2, 4)", len(out.Movers))
	}
	slices.SortFunc(out.Movers, func(a, b discovery.MoverRow) int { return int(a.Row - b.Row) })
	for _, m := range out.Movers[:2] {
		for _, id := range []string{"S26-3", "S26-4", "S26-5", "S26-7", "S26-10"} {
			if !slices.Contains(m.Deciding, id) {
				t.Errorf("row %d: %s not among the deciding conditions %v", m.Row, id, m.Deciding)
			}
		}
		if slices.Contains(m.Deciding, "S26-1") || slices.Contains(m.Deciding, "S26-8") {
			t.Errorf("row %d: a condition met under both sets decides: %v", m.Row, m.Deciding)
		}
	}
	if got := out.Deciding[discovery.DecidingKey{Region: "410122", Move: "pass_to_fail", Cond: "S26-5"}]; got != 1 {
		t.Errorf("中牟县 S26-5 decides %d movers, want 1", got)
	}

	if im.Label("S26-5") == "S26-5" {
		t.Error("no label for S26-5")
	}
}

// TestImpactRefusesSets checks that unknown sets and sets of two tiers are
// refused.
func TestImpactRefusesSets(t *testing.T) {
	eng := engine(t)
	for _, c := range [][2]string{{"srdi@2099", "srdi@2026"}, {"srdi@2022", "nope"}, {"srdi@2022", "little_giant@2026"}} {
		if _, err := discovery.NewImpact(eng, c[0], c[1], asOf); err == nil {
			t.Errorf("%s → %s accepted", c[0], c[1])
		}
	}
}

func maps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
