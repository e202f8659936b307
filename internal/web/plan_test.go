package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zjtx/internal/assess"
	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
	"zjtx/internal/testdb"
)

// weaken gives enterprise id the figures of testdb.WeakExample (its
// identity and titles kept), so 科技型中小企业 has a gap plan.
func (e *env) weaken(id int64) {
	e.t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	rec, err := e.app.Store.GetEnterprise(ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	_, err = e.app.Store.ModifyEnterprise(ctx, id, rec.Version, func(r *enterprise.Record) error {
		p := testdb.WeakExample(e.t)
		p.USCC, p.Region, p.Name, p.Industry, p.Titles = r.Profile.USCC, r.Profile.Region, r.Profile.Name, r.Profile.Industry, r.Profile.Titles
		r.Profile = p
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// weakPlan weakens enterprise id and returns its 科技型中小企业 plan, made by
// the city.
func (e *env) weakPlan(id int64) *plan.Plan {
	e.t.Helper()
	e.weaken(id)
	ctx := auth.WithCaller(context.Background(), auth.System)
	city, err := e.app.Store.FindUserByUsername(ctx, "city")
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := assess.GeneratePlan(ctx, e.app.Store, e.app.Engine, assess.PlanRequest{EnterpriseID: id, Tier: profile.TierTechSME,
		AsOf: profile.Date{Y: 2026, M: 9, D: 1}, Due: profile.Date{Y: 2026, M: 12, D: 31}, Owner: plan.Owner{UserID: city.ID}})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// closeTask posts a task's close form with a file and a figure.
func (b *browser) closeTask(p *plan.Plan, task int64, filename string, file []byte, value string) page {
	b.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", b.csrf)
	_ = mw.WriteField("value", value)
	if filename != "" {
		fw, _ := mw.CreateFormFile("evidence", filename)
		_, _ = fw.Write(file)
	}
	_ = mw.Close()
	req, err := http.NewRequest("POST", fmt.Sprintf("%s/plans/%d/tasks/%d/close", b.e.app.URL(), p.ID, task), &buf)
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestPlanPages(t *testing.T) {
	e := newEnv(t)
	p := e.weakPlan(e.ids.jinshui)
	own := e.weakPlan(e.ids.own)
	district := e.as("district")

	t.Run("ByRole", func(t *testing.T) {
		const S, OK, NF = 303, 200, 404
		for _, tt := range []struct {
			path string
			want [6]int // anonymous, city, district, enterprise, institution, bank
		}{
			{fmt.Sprintf("/plans/%d", p.ID), [6]int{S, OK, OK, NF, NF, NF}},
			{fmt.Sprintf("/plans/%d", own.ID), [6]int{S, OK, OK, OK, NF, NF}},
			{"/plans/999999", [6]int{S, NF, NF, NF, NF, NF}},
			{"/backup-lists/little_giant?tag=ip", [6]int{S, OK, OK, 403, 403, 403}},
		} {
			for i, r := range roles {
				if got := e.as(r).get(tt.path); got.status != tt.want[i] {
					t.Errorf("GET %s as %q: %d, want %d", tt.path, r, got.status, tt.want[i])
				}
			}
		}
	})
	t.Run("EnterprisePageGeneratesAPlan", func(t *testing.T) {
		pg := district.get("/enterprises/{jinshui}")
		for _, want := range []string{"培育辅导计划", "生成培育计划", `id="plan-owner"`, fmt.Sprintf(`href="/plans/%d"`, p.ID)} {
			if !strings.Contains(pg.body, want) {
				t.Errorf("the enterprise page lacks %q", want)
			}
		}
		u, _ := e.app.Store.FindUserByUsername(auth.WithCaller(context.Background(), auth.System), "district")
		res := district.post("/enterprises/{jinshui}/plans", url.Values{"tier": {"tech_sme"}, "owner": {fmt.Sprintf("u%d", u.ID)}, "due": {"2026-12-31"}}, false)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/plans/") {
			t.Fatalf("generate: %d %s", res.status, errText(res.body))
		}
		pg = district.get(res.header.Get("Location"))
		for _, want := range []string{"科技型中小企业培育辅导计划", "研发费用增至", "金水区科技工业和信息化局", "2026-12-31", "办结并重新评价"} {
			if !strings.Contains(pg.body, want) {
				t.Errorf("the new plan's page lacks %q", want)
			}
		}
		for _, tc := range []struct{ form url.Values }{
			{url.Values{"tier": {"tech_sme"}, "owner": {"x"}}},
			{url.Values{"tier": {"tech_sme"}, "owner": {fmt.Sprintf("u%d", u.ID)}, "due": {"2020-01-01"}}},
			{url.Values{"tier": {"innovative_plus"}, "owner": {fmt.Sprintf("u%d", u.ID)}}},
		} {
			if res := district.post("/enterprises/{jinshui}/plans", tc.form, false); res.status != http.StatusBadRequest {
				t.Errorf("%v: %d; want 400", tc.form, res.status)
			}
		}
		if res := e.as("enterprise").post("/enterprises/{own}/plans", url.Values{"tier": {"tech_sme"}}, false); res.status != http.StatusForbidden {
			t.Errorf("the enterprise generates a plan: %d; want 403", res.status)
		}
		if res := district.post("/enterprises/{other}/plans", url.Values{"tier": {"tech_sme"}, "owner": {fmt.Sprintf("u%d", u.ID)}}, false); res.status != http.StatusNotFound {
			t.Errorf("another district's enterprise: %d; want 404", res.status)
		}
	})
	task := p.Tasks[0]
	t.Run("CloseRefusesAFileNotWhatItsNameSays", func(t *testing.T) {
		district.get(fmt.Sprintf("/plans/%d", p.ID))
		res := district.closeTask(p, task.ID, "审计报告.pdf", []byte("MZ\x90\x00 not a pdf"), "180")
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "任务未能办结") || !strings.Contains(res.body, "文件类型不受支持") ||
			!strings.Contains(res.body, fmt.Sprintf(`href="#close-%d-evidence"`, task.ID)) {
			t.Errorf("a fake PDF: %d %s", res.status, errText(res.body))
		}
	})
	t.Run("Close", func(t *testing.T) {
		district.get(fmt.Sprintf("/plans/%d", p.ID))
		res := district.closeTask(p, task.ID, "研发费用专项审计报告.pdf", demo.PDF("audit"), "180")
		if res.status != http.StatusSeeOther {
			t.Fatalf("close: %d %s", res.status, errText(res.body))
		}
		pg := district.get(res.header.Get("Location"))
		for _, want := range []string{"任务已办结", "分</strong>", "研发费用专项审计报告.pdf", "已办结"} {
			if !strings.Contains(pg.body, want) {
				t.Errorf("the plan page after the close lacks %q", want)
			}
		}
		got, err := e.app.Store.GetPlan(auth.WithCaller(context.Background(), auth.System), p.ID)
		if err != nil || got.Tasks[0].Evidence == nil {
			t.Fatalf("plan %v, %v; want the evidence", got, err)
		}
		ev := fmt.Sprintf("/evidence/%d", got.Tasks[0].Evidence.ID)
		for _, tc := range []struct {
			role string
			want int
		}{{"city", 200}, {"district", 200}, {"enterprise", 404}, {"bank", 404}, {"institution", 404}, {"", 303}} {
			d := e.as(tc.role).get(ev)
			if d.status != tc.want {
				t.Errorf("GET %s as %q: %d; want %d", ev, tc.role, d.status, tc.want)
			}
			if d.status == 200 && (d.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(d.header.Get("Content-Disposition"), "attachment;")) {
				t.Errorf("download headers %v", d.header)
			}
		}
	})
	t.Run("EnterpriseSeesItsPlan", func(t *testing.T) {
		b := e.as("enterprise")
		home := b.get("/")
		for _, want := range []string{"培育辅导计划", fmt.Sprintf(`href="/plans/%d"`, own.ID), "研发费用增至"} {
			if !strings.Contains(home.body, want) {
				t.Errorf("the enterprise's home lacks %q", want)
			}
		}
		pg := b.get(fmt.Sprintf("/plans/%d", own.ID))
		if strings.Contains(pg.body, "办结并重新评价") || strings.Contains(pg.body, "生成培育计划") {
			t.Errorf("the enterprise may read its plan, not close its tasks")
		}
		if res := b.closeTask(own, own.Tasks[0].ID, "a.pdf", demo.PDF("x"), "180"); res.status != http.StatusForbidden {
			t.Errorf("the enterprise closes a task: %d; want 403", res.status)
		}
	})
}
