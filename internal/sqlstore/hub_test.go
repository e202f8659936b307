package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/hub"
	"zjtx/internal/library"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// hubFixture is two institutions with products and two enterprises in two
// districts, and a caller for each.
type hubFixture struct {
	instA, instB         *hub.Institution
	pa, pb, pc           *hub.Product
	zy, eq               int64
	asA, asB, asZY, asEQ context.Context
}

func newHubFixture(t *testing.T, s *sqlstore.Store) *hubFixture {
	t.Helper()
	f := &hubFixture{}
	f.zy = mustCreate(t, s, zhongyuan, "郑州中原知产有限公司", 1).ID
	f.eq = mustCreate(t, s, erqi, "郑州二七数智有限公司", 2).ID
	f.instA = &hub.Institution{Name: "甲知识产权服务中心", Kind: hub.KindService, Status: hub.StatusApproved}
	f.instB = &hub.Institution{Name: "乙科技服务平台", Kind: hub.KindPlatform, Status: hub.StatusApproved}
	if err := s.WithTx(city, func(tx *sqlstore.Tx) error {
		if err := tx.CreateInstitution(city, f.instA); err != nil {
			return err
		}
		return tx.CreateInstitution(city, f.instB)
	}); err != nil {
		t.Fatal(err)
	}
	f.asA = as(auth.Caller{UserID: 801, Username: "a", Role: auth.RoleInstitution, InstitutionID: f.instA.ID})
	f.asB = as(auth.Caller{UserID: 802, Username: "b", Role: auth.RoleInstitution, InstitutionID: f.instB.ID})
	f.asZY, f.asEQ = enterpriseCtx(f.zy), enterpriseCtx(f.eq)
	f.pa = &hub.Product{Name: "高价值专利培育", Category: "知识产权", Tiers: []string{"srdi"}, Description: "专利挖掘与布局"}
	f.pb = &hub.Product{Name: "专利申请代理", Category: "知识产权", PriceFen: 300000}
	f.pc = &hub.Product{Name: "智能工厂诊断", Category: "数智改造", Chains: []string{"装备制造"}}
	for _, x := range []struct {
		ctx context.Context
		p   *hub.Product
	}{{f.asA, f.pa}, {f.asB, f.pb}, {f.asB, f.pc}} {
		if err := s.SaveProduct(x.ctx, x.p); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestHubProductsScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newHubFixture(t, s)
		for _, tc := range []struct {
			name string
			ctx  context.Context
			want int
		}{{"InstitutionSeesOwn", f.asA, 1}, {"OtherInstitutionOwn", f.asB, 2}, {"City", city, 3},
			{"District", districtEQ, 3}, {"Enterprise", f.asZY, 3}, {"BankNothing", bank, 0}} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.ListProducts(tc.ctx, sqlstore.ProductFilter{})
				if err != nil || got.Total != tc.want || len(got.Items) != tc.want {
					t.Errorf("ListProducts = %d/%d, %v; want %d", len(got.Items), got.Total, err, tc.want)
				}
			})
		}
		t.Run("InstitutionCannotReadOthersProduct", func(t *testing.T) {
			if _, err := s.GetProduct(f.asA, f.pb.ID); code(err) != apperr.ENOTFOUND {
				t.Errorf("GetProduct(B's) as A: %v, want ENOTFOUND", err)
			}
		})
		t.Run("InstitutionCannotWriteOthersProduct", func(t *testing.T) {
			p := *f.pb
			p.Name = "改名"
			if err := s.SaveProduct(f.asA, &p); code(err) != apperr.ENOTFOUND {
				t.Errorf("SaveProduct(B's) as A: %v, want ENOTFOUND", err)
			}
			p = hub.Product{InstitutionID: f.instB.ID, Name: "冒名产品", Category: "法律服务"}
			if err := s.SaveProduct(f.asA, &p); code(err) != apperr.EFORBIDDEN {
				t.Errorf("SaveProduct for B as A: %v, want EFORBIDDEN", err)
			}
		})
		t.Run("BadInputNamesField", func(t *testing.T) {
			for _, p := range []hub.Product{{Name: "x", Category: "算命"}, {Name: "", Category: "法律服务"},
				{Name: "x", Category: "法律服务", PriceFen: -1}, {Name: "x", Category: "法律服务", Chains: []string{"火星"}},
				{Name: "x", Category: "法律服务", Tiers: []string{"gold"}}} {
				if err := s.SaveProduct(f.asA, &p); code(err) != apperr.EINVALID {
					t.Errorf("SaveProduct(%+v): %v, want EINVALID", p, err)
				}
			}
		})
		t.Run("StaleVersionConflicts", func(t *testing.T) {
			p := *f.pa
			p.Version = 99
			if err := s.SaveProduct(f.asA, &p); code(err) != apperr.ECONFLICT {
				t.Errorf("stale save: %v, want ECONFLICT", err)
			}
		})
		t.Run("FilterByTierChain", func(t *testing.T) {
			got, err := s.ListProducts(city, sqlstore.ProductFilter{Tier: "innovative", Chain: "新材料"})
			// pa serves srdi only, pc 装备制造 only: pb serves every tier and chain.
			if err != nil || got.Total != 1 || got.Items[0].ID != f.pb.ID {
				t.Errorf("filter = %+v, %v; want only pb", got.Items, err)
			}
		})
		t.Run("PackagesAndTheirProducts", func(t *testing.T) {
			k := &hub.Package{Name: "专精特新知识产权服务包", Tier: "srdi", Chain: "新材料", ProductIDs: []int64{f.pa.ID, f.pb.ID}}
			if err := s.CreatePackage(districtZY, k); code(err) != apperr.EFORBIDDEN {
				t.Errorf("district assembles a package: %v, want EFORBIDDEN", err)
			}
			if err := s.CreatePackage(city, k); err != nil {
				t.Fatal(err)
			}
			got, err := s.PackageProducts(districtZY, "srdi", "新材料")
			if err != nil || len(got) != 2 {
				t.Errorf("PackageProducts(srdi, 新材料) = %d, %v; want 2", len(got), err)
			}
			if got, _ := s.PackageProducts(districtZY, "srdi", "生物医药"); len(got) != 0 {
				t.Errorf("PackageProducts(srdi, 生物医药) = %d, want 0", len(got))
			}
		})
	})
}

func TestHubFunnel(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		f := newHubFixture(t, s)
		d := &hub.Demand{Text: "需要围绕主导产品布局发明专利", Category: "知识产权", Urgency: "high"}
		if err := s.CreateDemand(f.asZY, d); err != nil {
			t.Fatal(err)
		}
		if d.Source != hub.SourceEnterprise || d.Status != hub.DemandOpen || d.Region != zhongyuan {
			t.Errorf("demand = %+v", d)
		}
		t.Run("DemandScope", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				ctx  context.Context
				want string
			}{{"Own", f.asZY, ""}, {"OtherEnterprise", f.asEQ, apperr.ENOTFOUND}, {"District", districtZY, ""},
				{"OtherDistrict", districtEQ, apperr.ENOTFOUND}, {"InstitutionOfCategory", f.asA, ""},
				{"Bank", bank, apperr.ENOTFOUND}} {
				if _, err := s.GetDemand(tc.ctx, d.ID); code(err) != tc.want {
					t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
				}
			}
		})
		m, err := s.ProposeMatch(f.asA, d.ID, f.pa.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProposeMatch(f.asA, d.ID, f.pb.ID, ""); code(err) != apperr.ENOTFOUND {
			t.Errorf("A proposes B's product: %v, want ENOTFOUND", err)
		}
		if _, err := s.ProposeMatch(f.asZY, d.ID, f.pb.ID, "企业自选"); err != nil {
			t.Errorf("enterprise picks a product: %v", err)
		}
		t.Run("InstitutionSeesOwnMatchesOnly", func(t *testing.T) {
			got, err := s.ListMatches(f.asA, sqlstore.MatchFilter{})
			if err != nil || got.Total != 1 || got.Items[0].ID != m.ID {
				t.Errorf("A's matches = %+v, %v", got.Items, err)
			}
			if _, err := s.GetMatch(f.asB, m.ID); code(err) != apperr.ENOTFOUND {
				t.Errorf("B reads A's match: %v", err)
			}
		})
		t.Run("EnterpriseNotVisibleBeforeContact", func(t *testing.T) {
			if _, err := s.GetEnterprise(f.asA, f.zy); code(err) != apperr.ENOTFOUND {
				t.Errorf("A reads the enterprise before contact: %v, want ENOTFOUND", err)
			}
		})
		steps := []struct {
			name string
			ctx  context.Context
			do   func(ctx context.Context, m *hub.Match) (*hub.Match, error)
			want string
		}{
			{"EnterpriseCannotMarkContacted", f.asZY, adv(s, hub.StageContacted), apperr.EFORBIDDEN},
			{"CannotSkipToSigned", f.asA, adv(s, hub.StageSigned), apperr.ECONFLICT},
			{"OtherInstitutionNotFound", f.asB, adv(s, hub.StageContacted), apperr.ENOTFOUND},
			{"InstitutionContacts", f.asA, adv(s, hub.StageContacted), ""},
			{"EnterpriseSigns", f.asZY, adv(s, hub.StageSigned), ""},
			{"DeliveryNeedsEvidence", f.asA, func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
				return s.DeliverMatch(ctx, m.ID, m.Version, &hub.Delivery{Summary: "完成专利布局", DeliveredOn: "2026-09-20"})
			}, apperr.EINVALID},
			{"EnterpriseCannotDeliver", f.asZY, func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
				return s.DeliverMatch(ctx, m.ID, m.Version, &hub.Delivery{Summary: "x", Evidence: "y", DeliveredOn: "2026-09-20"})
			}, apperr.EFORBIDDEN},
			{"InstitutionDelivers", f.asA, func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
				return s.DeliverMatch(ctx, m.ID, m.Version, &hub.Delivery{Summary: "完成专利布局方案并提交发明专利申请 3 件",
					Evidence: "合同 ZC-2026-018；受理通知书 2026109XXXX", DeliveredOn: "2026-09-20"})
			}, ""},
			{"RatingOutOfRange", f.asZY, func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
				return s.RateMatch(ctx, m.ID, m.Version, &hub.Rating{Score: 6})
			}, apperr.EINVALID},
			{"InstitutionCannotRate", f.asA, func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
				return s.RateMatch(ctx, m.ID, m.Version, &hub.Rating{Score: 5})
			}, apperr.EFORBIDDEN},
			{"EnterpriseRates", f.asZY, func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
				return s.RateMatch(ctx, m.ID, m.Version, &hub.Rating{Score: 5, Comment: "响应快，专业"})
			}, ""},
		}
		for _, st := range steps {
			clock.Add(3 * time.Hour)
			got, err := st.do(st.ctx, m)
			if code(err) != st.want {
				t.Fatalf("%s: %v, want %q", st.name, err, st.want)
			}
			if err == nil {
				m = got
			}
		}
		if m.Stage != hub.StageRated || m.Score != 5 {
			t.Errorf("after the funnel: %+v", m)
		}
		t.Run("StaleVersionConflicts", func(t *testing.T) {
			if _, err := s.AdvanceMatch(f.asA, m.ID, 1, hub.StageContacted); code(err) != apperr.ECONFLICT {
				t.Errorf("stale advance: %v, want ECONFLICT", err)
			}
		})
		t.Run("DemandClosedAfterRating", func(t *testing.T) {
			got, err := s.GetDemand(f.asZY, d.ID)
			if err != nil || got.Status != hub.DemandClosed {
				t.Errorf("demand after rating: %+v, %v", got, err)
			}
		})
		t.Run("EngagedEnterpriseVisibleToItsInstitutionOnly", func(t *testing.T) {
			if _, err := s.GetEnterprise(f.asA, f.zy); err != nil {
				t.Errorf("A reads the enterprise it served: %v", err)
			}
			if _, err := s.GetEnterprise(f.asA, f.eq); code(err) != apperr.ENOTFOUND {
				t.Errorf("A reads another enterprise: %v", err)
			}
			if _, err := s.GetEnterprise(f.asB, f.zy); code(err) != apperr.ENOTFOUND {
				t.Errorf("B reads A's client: %v", err)
			}
			if err := s.UpdateEnterprise(f.asA, mustGet(t, s, f.zy)); code(err) != apperr.EFORBIDDEN {
				t.Errorf("A writes the enterprise: %v, want EFORBIDDEN", err)
			}
		})
		t.Run("Audit", func(t *testing.T) {
			for _, a := range []string{"product.create", "demand.create", "match.create", "match.contacted", "match.signed",
				"match.delivered", "match.rated"} {
				if n := auditCount(t, s, auth.AuditFilter{Action: a}); n == 0 {
					t.Errorf("no audit row %s", a)
				}
			}
			// The log names what a hub row refers to.
			rows, _, err := s.ListAudit(city, auth.AuditFilter{Action: "match.rated"})
			if err != nil || len(rows) != 1 || rows[0].EntityName != "郑州中原知产有限公司 ← 高价值专利培育" {
				t.Errorf("match.rated audit rows = %+v, %v; want the enterprise and product named", rows, err)
			}
		})
		// A typical case drafted for the enterprise names the service it used,
		// what was delivered and its rating among the measures.
		t.Run("CaseDraftNamesTheService", func(t *testing.T) {
			var k *library.Case
			err := s.WithTx(districtZY, func(tx *sqlstore.Tx) (err error) { k, err = tx.DraftCase(districtZY, f.zy); return err })
			want := "1. 借助甲知识产权服务中心的“高价值专利培育”（知识产权）服务：完成专利布局方案并提交发明专利申请 3 件（2026-09-20 交付，企业评价 5 分）。"
			if err != nil || !strings.Contains(k.Measures, want) {
				t.Errorf("measures %q (%v); want %q", k.Measures, err, want)
			}
		})
		t.Run("Outcomes", func(t *testing.T) {
			got, err := s.InstitutionOutcomes(city, 2026)
			if err != nil || len(got) != 2 {
				t.Fatalf("outcomes = %+v, %v", got, err)
			}
			a := got[0]
			if a.InstitutionID != f.instA.ID || a.Delivered != 1 || a.Rated != 1 || a.AvgScore != 5 || a.ResponseHours != 12 {
				t.Errorf("A's outcome = %+v; want 1 delivered, rated 5, 12 h to contact", a)
			}
			if got, _ := s.InstitutionOutcomes(f.asB, 2026); len(got) != 1 || got[0].InstitutionID != f.instB.ID {
				t.Errorf("B's outcomes = %+v, want its own only", got)
			}
			if got, _ := s.InstitutionOutcomes(districtEQ, 2026); len(got) != 0 {
				t.Errorf("another district's outcomes = %+v, want none", got)
			}
		})
	})
}

func adv(s *sqlstore.Store, stage string) func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
	return func(ctx context.Context, m *hub.Match) (*hub.Match, error) {
		return s.AdvanceMatch(ctx, m.ID, m.Version, stage)
	}
}

func mustGet(t *testing.T, s *sqlstore.Store, id int64) *enterprise.Record {
	t.Helper()
	r, err := s.GetEnterprise(city, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestHubGapDemands(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy := mustCreate(t, s, zhongyuan, "郑州差距有限公司", 1)
		a := newAssessment(zy.ID)
		a.Tier, a.RulesetID, a.Status = "srdi", "srdi@2026", "fail"
		a.Result = []byte(`{"tier":"srdi","status":"fail","conditions":[{"id":"S26-1","label":"基本条件","kind":"prerequisite","outcome":"pass"},
			{"id":"S26-7","label":"研发费用","kind":"mandatory","outcome":"fail"},{"id":"S26-8","label":"Ⅰ类知识产权","kind":"mandatory","outcome":"fail"}]}`)
		if err := s.SaveAssessment(enterpriseCtx(zy.ID), a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProposeGapDemands(districtEQ, zy.ID); code(err) != apperr.ENOTFOUND {
			t.Errorf("another district proposes: %v, want ENOTFOUND", err)
		}
		got, err := s.ProposeGapDemands(enterpriseCtx(zy.ID), zy.ID)
		if err != nil || len(got) != 2 {
			t.Fatalf("ProposeGapDemands = %d, %v; want 2 (技术创新, 知识产权)", len(got), err)
		}
		if got[1].Category != "知识产权" || got[1].GapItem != "S26-8" || got[1].Status != hub.DemandProposed || got[1].Gap != "" && got[1].Gap != "知识产权弱" {
			t.Errorf("second proposal = %+v", got[1])
		}
		again, err := s.ProposeGapDemands(districtZY, zy.ID)
		if err != nil || len(again) != 0 {
			t.Errorf("proposing again = %d, %v; want nothing new", len(again), err)
		}
		d := got[1]
		if _, err := s.DecideDemand(districtZY, d.ID, d.Version, true); code(err) != apperr.EFORBIDDEN {
			t.Errorf("an official confirms for the enterprise: %v, want EFORBIDDEN", err)
		}
		dd, err := s.DecideDemand(enterpriseCtx(zy.ID), d.ID, d.Version, true)
		if err != nil || dd.Status != hub.DemandOpen || dd.Gap != "知识产权弱" {
			t.Errorf("confirmed = %+v, %v", dd, err)
		}
		if _, err := s.DecideDemand(enterpriseCtx(zy.ID), d.ID, dd.Version, false); code(err) != apperr.ECONFLICT {
			t.Errorf("deciding twice: %v, want ECONFLICT", err)
		}
	})
}

func TestHubPilotPutsOnInnovativeList(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		s.Lists = includer(t)
		r := newRecord(zhongyuan, "郑州中试有限公司", 7)
		r.Profile.Titles = nil
		if err := s.CreateEnterprise(city, r); err != nil {
			t.Fatal(err)
		}
		f := &hub.Institution{Name: "郑州大学", Kind: hub.KindAcademic, Status: hub.StatusApproved}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error { return tx.CreateInstitution(city, f) }); err != nil {
			t.Fatal(err)
		}
		asU := as(auth.Caller{UserID: 805, Username: "u", Role: auth.RoleInstitution, InstitutionID: f.ID})
		res := &hub.ResearchResult{Title: "高熵合金激光熔覆", Maturity: "pilot", Chains: []string{"新材料"}}
		if err := s.CreateResearch(asU, res); err != nil {
			t.Fatal(err)
		}
		p := &hub.Pilot{ResearchID: res.ID, EnterpriseID: r.ID, Title: "高熵合金熔覆层中试", StartedOn: "2026-06-01"}
		if err := s.CreatePilot(asU, p); code(err) != apperr.ENOTFOUND {
			t.Errorf("an institution pilots with an enterprise it never served: %v, want ENOTFOUND", err)
		}
		p.InstitutionID = f.ID
		if err := s.CreatePilot(districtZY, p); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FinishPilot(districtZY, p.ID, p.Version, hub.PilotSucceeded, "2026-05-01", ""); code(err) != apperr.EINVALID {
			t.Errorf("finishing before the start: %v, want EINVALID", err)
		}
		if _, err := s.FinishPilot(asU, p.ID, p.Version, hub.PilotSucceeded, "2026-08-30", "良率 96%"); err != nil {
			t.Fatal(err)
		}
		entries, err := s.EnterpriseBackupEntries(city, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var found *cultivation.Entry
		for _, e := range entries {
			if e.Tier == profile.TierInnovative && e.Source == "innovative.from_pilot" {
				found = e
			}
		}
		if found == nil {
			t.Fatalf("entries = %+v; want innovative from innovative.from_pilot", entries)
		}
		if want := "科技成果“高熵合金熔覆层中试”中试成功（2026-08-30）"; found.Reason != want {
			t.Errorf("reason %q, want %q", found.Reason, want)
		}
	})
}
