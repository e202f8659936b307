package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// hubIDs are the service hub's records the page tests refer to: a second
// institution B with a product only it offers, a demand of no category a
// product of B was proposed for (routed to B alone), an open demand of the
// demo enterprise and a match of it with the demo institution at 已签约.
type hubIDs struct {
	instB, productB, demandB, ownDemand, match, version, pilot, pending int64
}

func (e *env) hubFixture() hubIDs {
	e.t.Helper()
	ctx := context.Background()
	city := auth.WithCaller(ctx, auth.System)
	s := e.app.Store
	var out hubIDs
	b := &hub.Institution{Name: "乙方测试服务机构", Kind: hub.KindService, Status: hub.StatusApproved}
	if err := s.WithTx(city, func(tx *sqlstore.Tx) error { return tx.CreateInstitution(city, b) }); err != nil {
		e.t.Fatal(err)
	}
	asB := auth.WithCaller(ctx, auth.Caller{UserID: 9001, Username: "b", Role: auth.RoleInstitution, InstitutionID: b.ID})
	pb := &hub.Product{Name: "乙方独有的涉外仲裁服务", Category: "法律服务"}
	if err := s.SaveProduct(asB, pb); err != nil {
		e.t.Fatal(err)
	}
	d := &hub.Demand{EnterpriseID: e.ids.jinshui, Text: "乙方测试需求：类别未定"}
	if err := s.CreateDemand(city, d); err != nil {
		e.t.Fatal(err)
	}
	if _, err := s.ProposeMatch(city, d.ID, pb.ID, ""); err != nil {
		e.t.Fatal(err)
	}
	own := &hub.Demand{EnterpriseID: e.ids.own, Text: "本企业测试需求：专利布局", Category: "知识产权"}
	if err := s.CreateDemand(city, own); err != nil {
		e.t.Fatal(err)
	}
	u, err := s.FindUserByUsername(city, "institution")
	if err != nil {
		e.t.Fatal(err)
	}
	asA := auth.WithCaller(ctx, auth.Caller{UserID: u.ID, Username: "institution", Role: auth.RoleInstitution, InstitutionID: u.InstitutionID})
	pa := &hub.Product{Name: "测试专利布局服务", Category: "知识产权"}
	if err := s.SaveProduct(asA, pa); err != nil {
		e.t.Fatal(err)
	}
	m, err := s.ProposeMatch(city, own.ID, pa.ID, "")
	if err == nil {
		m, err = s.AdvanceMatch(asA, m.ID, m.Version, hub.StageContacted)
	}
	if err == nil {
		m, err = s.AdvanceMatch(auth.WithCaller(ctx, auth.Caller{Username: "enterprise", Role: auth.RoleEnterprise, EnterpriseID: e.ids.own}),
			m.ID, m.Version, hub.StageSigned)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	pilots, err := s.ListPilots(city)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range pilots {
		if p.Status == hub.PilotRunning {
			out.pilot = p.ID
		}
	}
	insts, err := s.ListInstitutions(city, sqlstore.InstitutionFilter{Status: hub.StatusPending})
	if err != nil || len(insts) == 0 {
		e.t.Fatalf("no pending institution in the demo: %v", err)
	}
	out.instB, out.productB, out.demandB, out.ownDemand, out.match, out.version, out.pending = b.ID, pb.ID, d.ID, own.ID, m.ID, m.Version, insts[0].ID
	return out
}

func (h hubIDs) expand(s string) string {
	return strings.NewReplacer("{demandB}", itoa(h.demandB), "{ownDemand}", itoa(h.ownDemand), "{match}", itoa(h.match),
		"{pilot}", itoa(h.pilot), "{pending}", itoa(h.pending)).Replace(s)
}

// TestHubPagesByRole is the role × page matrix of the service hub, with the
// scope between institutions: the demo institution sees neither B's product
// nor the demand routed to B alone.
func TestHubPagesByRole(t *testing.T) {
	e := newEnv(t)
	h := e.hubFixture()
	const S, OK, NF, FB = 303, 200, 404, 403
	browsers := map[string]*browser{}
	for _, r := range roles {
		browsers[r] = e.as(r)
	}
	for _, tt := range []struct {
		path string
		want [6]int // anonymous, city, district, enterprise, institution, bank
	}{
		{"/demands", [6]int{S, OK, OK, OK, OK, FB}},
		{"/demands?status=proposed&page=9", [6]int{S, OK, OK, OK, OK, FB}},
		{"/demands/{ownDemand}", [6]int{S, OK, OK, OK, OK, FB}},
		{"/demands/{demandB}", [6]int{S, OK, OK, NF, NF, FB}},
		{"/demands/999999", [6]int{S, NF, NF, NF, NF, FB}},
		{"/products", [6]int{S, OK, OK, OK, OK, FB}},
		{"/products?category=知识产权&tier=srdi&chain=装备制造&q=专利&page=2", [6]int{S, OK, OK, OK, OK, FB}},
		{"/packages", [6]int{S, OK, OK, OK, OK, FB}},
		{"/packages?tier=srdi&chain=装备制造", [6]int{S, OK, OK, OK, OK, FB}},
		{"/institutions", [6]int{S, OK, OK, OK, OK, FB}},
		{"/institutions?kind=academic&quality=1&year=2026", [6]int{S, OK, OK, OK, OK, FB}},
		{"/institutions/outcomes.xlsx?year=2026", [6]int{S, OK, OK, FB, OK, FB}},
		{"/research", [6]int{S, OK, OK, OK, OK, FB}},
		{"/bottlenecks", [6]int{S, OK, OK, OK, OK, FB}},
		{"/bottlenecks?chain=超硬材料", [6]int{S, OK, OK, OK, OK, FB}},
	} {
		for i, r := range roles {
			p := browsers[r].get(h.expand(tt.path))
			if p.status != tt.want[i] {
				t.Errorf("GET %s as %q: %d, want %d: %.300s", tt.path, r, p.status, tt.want[i], p.body)
			}
		}
	}
	t.Run("InstitutionSeesOnlyItsOwnProducts", func(t *testing.T) {
		p := browsers["institution"].get("/products?category=法律服务")
		if strings.Contains(p.body, "乙方独有的涉外仲裁服务") {
			t.Error("the demo institution sees B's product")
		}
		if p := browsers["city"].get("/products?category=法律服务&q=涉外仲裁"); !strings.Contains(p.body, "乙方独有的涉外仲裁服务") {
			t.Error("the city does not see B's product")
		}
	})
	t.Run("InstitutionListShowsOwnOnly", func(t *testing.T) {
		p := browsers["institution"].get("/institutions")
		if strings.Contains(p.body, "乙方测试服务机构") || !strings.Contains(p.body, "演示机构") {
			t.Errorf("the institution's list: %.500s", p.body)
		}
	})
	t.Run("DemandsRoutedToTheInstitution", func(t *testing.T) {
		p := browsers["institution"].get("/demands")
		if strings.Contains(p.body, "乙方测试需求") || !strings.Contains(p.body, "本企业测试需求") {
			t.Error("the demo institution's demands: want its routed demand and not B's")
		}
	})
	t.Run("GapDemandExplainsItsOrigin", func(t *testing.T) {
		p := browsers["enterprise"].get("/demands?status=proposed")
		if !strings.Contains(p.body, "差距项：") {
			t.Errorf("the enterprise's proposed demands do not name their gap: %.800s", p.body)
		}
	})
}

// TestHubUnsafeRoutesByRole covers the hub's POST routes: who may, who is
// refused, and bad input answered on the page with the field named.
func TestHubUnsafeRoutesByRole(t *testing.T) {
	e := newEnv(t)
	h := e.hubFixture()
	for _, tt := range []struct {
		name, role, path string
		form             url.Values
		want             int
		says             string
	}{
		{"EnterprisePostsDemand", "enterprise", "/demands", url.Values{"text": {"需要专利布局"}, "category": {"知识产权"}}, 303, ""},
		{"DemandWithoutText400", "enterprise", "/demands", url.Values{"text": {" "}, "category": {"知识产权"}}, 400, "需求描述必填"},
		{"DemandBadCategory400", "district", "/demands", url.Values{"enterprise_id": {"{jinshui}"}, "text": {"x"}, "category": {"算命"}}, 400, "需求类别"},
		{"DistrictPostsForOtherDistrict400", "district", "/demands", url.Values{"enterprise_id": {"{other}"}, "text": {"x"}}, 400, "不在您的管辖范围"},
		{"InstitutionPostsDemand403", "institution", "/demands", url.Values{"text": {"x"}}, 403, ""},
		{"BankPostsDemand403", "bank", "/demands", url.Values{"text": {"x"}}, 403, ""},
		{"AnonymousDemand401", "", "/demands", url.Values{"text": {"x"}}, 401, ""},
		{"EnterpriseFromGaps", "enterprise", "/demands/from-gaps", nil, 303, ""},
		{"InstitutionFromGaps403", "institution", "/demands/from-gaps", nil, 403, ""},
		{"DistrictDecides403", "district", "/demands/{ownDemand}/decision", url.Values{"version": {"1"}, "confirm": {"1"}}, 403, ""},
		{"EnterpriseDecidesOpenDemand409", "enterprise", "/demands/{ownDemand}/decision", url.Values{"version": {"1"}, "confirm": {"1"}}, 409, "已确认或已处理"},
		{"InstitutionCannotProposeForB404", "institution", "/demands/{demandB}/matches", url.Values{"product_id": {"1"}}, 404, ""},
		{"DeliveryWithoutEvidence400", "institution", "/matches/{match}/delivery", url.Values{"version": {"{version}"}, "summary": {"完成"}, "delivered_on": {"2026-09-01"}}, 400, "交付佐证"},
		{"DeliveryKeepsWhatWasTyped", "institution", "/matches/{match}/delivery", url.Values{"version": {"{version}"}, "summary": {"完成布局方案"}, "delivered_on": {"2026-13-01"}, "evidence": {"合同 7"}}, 400, "完成布局方案"},
		{"EnterpriseDelivers403", "enterprise", "/matches/{match}/delivery", url.Values{"version": {"{version}"}}, 403, ""},
		{"RateBeforeDelivery409", "enterprise", "/matches/{match}/rating", url.Values{"version": {"{version}"}, "score": {"5"}}, 409, "只能从"},
		{"StaleStep409", "institution", "/matches/{match}/delivery", url.Values{"version": {"1"}, "summary": {"x"}, "evidence": {"y"}, "delivered_on": {"2026-09-01"}}, 409, "已被他人修改"},
		{"InstitutionDelivers", "institution", "/matches/{match}/delivery", url.Values{"version": {"{version}"}, "summary": {"完成"}, "evidence": {"合同 1"}, "delivered_on": {"2026-09-01"}}, 303, ""},
		{"InstitutionCreatesProduct", "institution", "/products", url.Values{"name": {"新服务"}, "category": {"标准化"}, "price": {"1200"}}, 303, ""},
		{"ProductBadPrice400", "institution", "/products", url.Values{"name": {"新服务二"}, "category": {"标准化"}, "price": {"-3"}}, 400, "价格"},
		{"ProductBadCategory400", "institution", "/products", url.Values{"name": {"新服务三"}, "category": {"杂项"}}, 400, "服务类别"},
		{"DistrictCreatesProduct403", "district", "/products", url.Values{"name": {"x"}, "category": {"标准化"}}, 403, ""},
		{"DistrictReviews403", "district", "/institutions/{pending}/review", url.Values{"version": {"1"}, "status": {"approved"}}, 403, ""},
		{"CityApproves", "city", "/institutions/{pending}/review", url.Values{"version": {"1"}, "status": {"approved"}}, 303, ""},
		{"EnterpriseFinishesPilot403", "enterprise", "/research/pilots/{pilot}/finish", url.Values{"version": {"1"}, "status": {"succeeded"}}, 403, ""},
		{"PilotBadDate400", "city", "/research/pilots/{pilot}/finish", url.Values{"version": {"1"}, "status": {"succeeded"}, "finished_on": {"昨天"}}, 400, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := e.as(tt.role)
			b.get("/selftest")
			form := url.Values{}
			for k, vs := range tt.form {
				for _, v := range vs {
					form.Add(k, strings.ReplaceAll(h.expand(v), "{version}", itoa(h.version)))
				}
			}
			p := b.post(h.expand(tt.path), form, false)
			if p.status != tt.want {
				t.Errorf("POST %s as %q: %d, want %d: %s", tt.path, tt.role, p.status, tt.want, errText(p.body))
			}
			if tt.says != "" && !strings.Contains(p.body, tt.says) {
				t.Errorf("POST %s: the answer does not say %q: %s", tt.path, tt.says, errText(p.body))
			}
		})
	}
}
