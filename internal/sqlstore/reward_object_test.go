package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
)

// objectFixture adds to the reward fixture what carriers, clusters and
// 创客中国 prizes are rewarded for: an operator enterprise, carriers of two
// kinds and years, a cluster, and a 2025 edition with two enterprise entries
// on the national lists and a maker team without an enterprise.
type objectFixture struct {
	*rewardFixture
	policy         map[string]*reward.Policy // by code
	op, a, b       int64                     // the operator; the entrants of 中原区 and 二七区
	entryA, entryB *programme.Entry
	team           *programme.Entry
	zyBase, eqBase *carrier.Carrier
	cluster        *carrier.Cluster
	contest        *programme.Contest
}

func newObjectFixture(t *testing.T, s *sqlstore.Store) *objectFixture {
	t.Helper()
	f := &objectFixture{rewardFixture: newRewardFixture(t, s), policy: map[string]*reward.Policy{}}
	ps, err := s.ListRewardPolicies(city)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		f.policy[p.Code] = p
	}
	op := mustCreate(t, s, zhongyuan, "郑州中原双创运营有限公司", 801)
	a := mustCreate(t, s, zhongyuan, "创客参赛甲公司", 802)
	b := mustCreate(t, s, erqi, "创客参赛乙公司", 803)
	f.op, f.a, f.b = op.ID, a.ID, b.ID
	f.zyBase = &carrier.Carrier{Name: "中原区小微企业创业创新示范基地", Kind: carrier.KindDemoBase, Level: cultivation.LevelNational,
		Operator: op.Name, Region: zhongyuan, RecognizedOn: profile.MustDate("2025-05-01"), DocNo: "工信部企业函〔2025〕9号"}
	f.eqBase = &carrier.Carrier{Name: "二七区小微企业创业创新示范基地", Kind: carrier.KindDemoBase, Level: cultivation.LevelNational,
		Operator: "未登记的运营公司", Region: erqi, RecognizedOn: profile.MustDate("2025-06-01")}
	others := []*carrier.Carrier{
		{Name: "旧示范基地", Kind: carrier.KindDemoBase, Level: cultivation.LevelNational, Operator: op.Name, Region: zhongyuan,
			RecognizedOn: profile.MustDate("2024-05-01")}, // another year
		{Name: "中原区众创空间", Kind: carrier.KindMakerSpace, Level: cultivation.LevelNational, Operator: op.Name, Region: zhongyuan,
			RecognizedOn: profile.MustDate("2025-05-01")}, // another kind
	}
	f.cluster = &carrier.Cluster{Name: "中原区智能装备特色产业集群", Level: cultivation.LevelNational, Region: zhongyuan,
		Operator: op.Name, RecognizedOn: profile.MustDate("2025-04-01")}
	f.contest = &programme.Contest{Year: 2025, Name: "第十届“创客中国”郑州分赛"}
	f.entryA = &programme.Entry{Group: programme.GroupEnterprise, EnterpriseID: a.ID, Project: "高端轴承"}
	f.entryB = &programme.Entry{Group: programme.GroupEnterprise, EnterpriseID: b.ID, Project: "工业视觉"}
	f.team = &programme.Entry{Group: programme.GroupMaker, Team: "星火创客团队", Region: erqi, Project: "智能农机"}
	err = s.WithTx(city, func(tx *sqlstore.Tx) error {
		for _, k := range append([]*carrier.Carrier{f.zyBase, f.eqBase}, others...) {
			if err := tx.CreateCarrier(city, k); err != nil {
				return err
			}
		}
		if err := tx.CreateCluster(city, f.cluster); err != nil {
			return err
		}
		if err := tx.CreateContest(city, f.contest); err != nil {
			return err
		}
		for e, result := range map[*programme.Entry]string{f.entryA: "national_top50", f.entryB: "national_top500",
			f.team: "national_top500"} {
			e.ContestID = f.contest.ID
			if _, err := tx.AddEntry(city, e); err != nil {
				return err
			}
			got, _, err := tx.SetEntryResult(city, e.ID, e.Version, "national", result)
			if err != nil {
				return err
			}
			*e = *got
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// dryRun makes a dry run of the policy of code, as the preparer.
func (f *objectFixture) dryRun(t *testing.T, code string) *reward.Run {
	t.Helper()
	p := f.policy[code]
	if p == nil {
		t.Fatalf("no policy %s", code)
	}
	run, err := f.s.CreateRewardRun(f.prep, p.ID)
	if err != nil {
		t.Fatalf("dry run of %s: %v", code, err)
	}
	run, err = f.s.GetRewardRun(f.prep, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, it := range run.Items {
		if reward.Claiming(it.Status) {
			sum += it.AmountFen
		}
	}
	if sum != run.TotalFen {
		t.Errorf("%s: items sum to %d 分, run total %d 分", code, sum, run.TotalFen)
	}
	return run
}

// itemOf returns the run's item of the named payee or holder.
func itemOf(t *testing.T, run *reward.Run, name string) *reward.RunItem {
	t.Helper()
	for _, it := range run.Items {
		if it.Name == name || it.Holder == name {
			return it
		}
	}
	t.Fatalf("run #%d has no item of %s: %+v", run.ID, name, run.Items)
	return nil
}

func TestRewardObjects(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newObjectFixture(t, s)
		for _, tc := range []struct {
			name, code string
			items      int   // listed: the titles of the policy's kind, level and year
			total      int64 // 分
		}{
			{"CarrierByKindAndLevel", "zz2025.base_national", 2, 100_000_000},
			{"CarrierOfAnotherLevelNotListed", "zz2025.base_provincial", 0, 0},
			{"ClusterByLevel", "zz2025.cluster_national", 1, 100_000_000},
			{"PrizeByResult", "zz2025.maker_top500", 2, 5_000_000},
			{"PrizeOfAnotherResultNotListed", "zz2025.maker_first", 0, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				run := f.dryRun(t, tc.code)
				if len(run.Items) != tc.items || run.TotalFen != tc.total {
					t.Errorf("%d items, total %d 分; want %d, %d: %+v", len(run.Items), run.TotalFen, tc.items, tc.total, run.Items)
				}
			})
		}
		t.Run("CarrierPaidToItsOperator", func(t *testing.T) {
			run := f.dryRun(t, "zz2025.base_national")
			it := itemOf(t, run, f.zyBase.Name)
			if it.Status != reward.ItemProposed || it.EnterpriseID != f.op || it.Name != "郑州中原双创运营有限公司" ||
				it.AmountFen != 100_000_000 || !strings.Contains(it.Explanation, "国家级创业创新示范基地") {
				t.Errorf("operator's item %+v", it)
			}
			it = itemOf(t, run, f.eqBase.Name)
			if it.Status != reward.ItemExcluded || it.Reason != reward.ReasonNoEnterprise || it.EnterpriseID != 0 ||
				!strings.Contains(it.ReasonText, "无企业主体") || !strings.Contains(it.ReasonText, "未登记的运营公司") {
				t.Errorf("unregistered operator's item %+v", it)
			}
		})
		t.Run("MakerTeamWithoutEnterpriseExcluded", func(t *testing.T) {
			run := f.dryRun(t, "zz2025.maker_top500")
			it := itemOf(t, run, "星火创客团队")
			if it.Status != reward.ItemExcluded || it.Reason != reward.ReasonNoEnterprise || it.AmountFen != 0 ||
				!strings.Contains(it.ReasonText, "无企业主体") || it.Region != erqi {
				t.Errorf("team %+v", it)
			}
			if it := itemOf(t, run, "创客参赛乙公司"); it.Status != reward.ItemProposed || it.AmountFen != 5_000_000 {
				t.Errorf("500强 %+v", it)
			}
			// A district official sees its district's items, the team's among
			// them, and none of another district's.
			for _, c := range []struct {
				ctx  context.Context
				want int
			}{{districtEQ, 2}, {districtZY, 0}} {
				got, err := s.GetRewardRun(c.ctx, run.ID)
				if err != nil || len(got.Items) != c.want {
					t.Errorf("district sees %v items (%v), want %d", got, err, c.want)
				}
			}
		})
		// 从高不重复 within an edition: the 500强 paid, the entry then named
		// to the 50强 is paid the difference, and is no longer a 500强.
		t.Run("Top50After500PaysTheDifference", func(t *testing.T) {
			run := f.dryRun(t, "zz2025.maker_top500")
			run = f.change(t, f.prep, run, reward.ActSubmit)
			f.change(t, f.rev, run, reward.ActApprove)
			err := s.WithTx(city, func(tx *sqlstore.Tx) error {
				_, _, err := tx.SetEntryResult(city, f.entryB.ID, f.entryB.Version, "national", "national_top50")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			top50 := f.dryRun(t, "zz2025.maker_top50")
			a, b := itemOf(t, top50, "创客参赛甲公司"), itemOf(t, top50, "创客参赛乙公司")
			if a.Status != reward.ItemProposed || a.AmountFen != 20_000_000 {
				t.Errorf("50强 %+v", a)
			}
			if b.Status != reward.ItemProposed || b.AmountFen != 15_000_000 || !strings.Contains(b.Explanation, "升级补差") {
				t.Errorf("500强 then 50强 %+v; want the difference, 15 万", b)
			}
			if top50.TotalFen != 35_000_000 {
				t.Errorf("total %d 分, want 35 万", top50.TotalFen)
			}
			again := f.dryRun(t, "zz2025.maker_top500")
			if len(again.Items) != 1 || again.Items[0].Reason != reward.ReasonNoEnterprise {
				t.Errorf("500强 run after the move: %+v; want the team alone", again.Items)
			}
		})
	})
}
