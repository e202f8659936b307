package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
)

var system = auth.WithCaller(context.Background(), auth.System)

// TestBrowserTrainingSignupCheckin: the enterprise account signs up for a
// 普惠 session held today, the door page shows the session's code, and the
// enterprise checks in with it; the session then counts it present.
func TestBrowserTrainingSignupCheckin(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	tr := &programme.Training{Level: programme.LevelInclusive, Title: "普惠性培训（今日）", Topic: "专精特新政策解读",
		Date: profile.Date{Y: t0.Year(), M: t0.Month(), D: t0.Day()}, Place: "郑州市民之家", Capacity: 200}
	if err := e.app.Store.CreateTraining(system, tr); err != nil {
		t.Fatal(err)
	}
	// The door page, as the official at the door sees it.
	door := e.as("district").get(fmt.Sprintf("/trainings/%d/door", tr.ID))
	code := regexp.MustCompile(`id="door-code">(\d{6})<`).FindStringSubmatch(door.body)
	if door.status != 200 || code == nil || code[1] != tr.CheckinCode {
		t.Fatalf("door page %d does not show the code %s", door.status, tr.CheckinCode)
	}
	r := newRun(t, e)
	r.login("enterprise")
	r.do("sign up",
		chromedp.Navigate(r.url(fmt.Sprintf("/trainings/%d", tr.ID))),
		chromedp.WaitVisible(chromedp.CSS("#signup-form")),
		chromedp.SendKeys(chromedp.CSS("#f-attendee"), "刘洋"),
		chromedp.SetValue(chromedp.CSS("#f-attendee_role"), "finance"),
		chromedp.Click(chromedp.CSS("#signup-submit")),
		chromedp.WaitVisible(chromedp.CSS("#checkin-form")),
	)
	if got := eval[string](r, "sign-up", `document.querySelector("#my-signup").textContent`); !strings.Contains(got, "已报名") {
		r.fail("sign-up", fmt.Errorf("sign-up shows %q, want 已报名", got))
	}
	r.do("check in",
		chromedp.SendKeys(chromedp.CSS("#f-code"), code[1]),
		chromedp.Click(chromedp.CSS("#checkin-submit")),
		chromedp.WaitNotPresent(chromedp.CSS("#checkin-form")),
	)
	if got := eval[string](r, "checked in", `document.querySelector("#saved").textContent + document.querySelector("#my-signup").textContent`); !strings.Contains(got, "签到成功") || !strings.Contains(got, "已于") {
		r.fail("check in", fmt.Errorf("page says %q, want the check-in confirmed", got))
	}
	if got := eval[string](r, "attended", `document.querySelector("#attended").textContent`); got != "1" {
		r.fail("attended", fmt.Errorf("attended %q, want 1", got))
	}
	r.screenshot("training-checkin.png", true)
}

// TestBrowserContestDirectRoute: the city official enters a 小巨人 in the
// 创客中国 edition and records a 全国50强 result; the
// enterprise's 小巨人 assessment (its 复核, under little_giant@2022) then
// meets the 创新直通条件, which it did not before.
func TestBrowserContestDirectRoute(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	giants, _, err := e.app.Store.ListEnterprises(system, enterprise.Filter{Tier: profile.TierLittleGiant, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var target *enterprise.Record
	for _, g := range giants {
		rec, err := e.app.Store.GetEnterprise(system, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if directRoute(t, e, rec) != criteria.Pass {
			target = rec
			break
		}
	}
	if target == nil {
		t.Fatal("no 小巨人 without the 创新直通条件 in the fixture")
	}
	r := newRun(t, e)
	r.login("city")
	// The criteria count placings up to the data year (2025 on t0): the
	// 2025 edition's results count, the 2026 edition's not yet.
	r.do("record the 2025 edition",
		chromedp.Navigate(r.url("/contests")),
		chromedp.WaitVisible(chromedp.CSS("#contest-form")),
		chromedp.SendKeys(chromedp.CSS("#f-year"), "2025"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "2025年“创客中国”中小企业创新创业大赛郑州分赛（补录）"),
		chromedp.Click(chromedp.CSS(`#contest-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#entry-form")),
	)
	r.do("enter the enterprise",
		chromedp.SetValue(chromedp.CSS("#f-group"), "enterprise"),
		chromedp.SendKeys(chromedp.CSS("#f-uscc"), target.USCC),
		chromedp.SendKeys(chromedp.CSS("#f-project"), "高端装备关键部件"),
		chromedp.Click(chromedp.CSS(`#entry-form button[type=submit]`)),
		// #saved is on the page already (the edition was just saved): wait
		// for the entry's own row.
		chromedp.WaitVisible(chromedp.CSS(`#entries select[name=stage]`)),
	)
	row := fmt.Sprintf(`Array.from(document.querySelectorAll("#entries tbody tr")).find(tr => tr.textContent.includes(%s))`, jsString(target.Name))
	r.do("record 全国50强",
		void(chromedp.Evaluate[any](row+`.querySelector("select[name=stage]").value = "national"`)),
		void(chromedp.Evaluate[any](row+`.querySelector("select[name=result]").value = "national_top50"`)),
		void(chromedp.Evaluate[any](row+`.querySelector("form").requestSubmit()`)),
		chromedp.WaitVisible(chromedp.CSS("#saved")),
	)
	r.screenshot("contest-results.png", true)
	r.do("the enterprise's page", chromedp.Navigate(r.url(fmt.Sprintf("/enterprises/%d", target.ID))), chromedp.WaitVisible(chromedp.CSS("#tier-little_giant")))
	got := eval[string](r, "direct route", `Array.from(document.querySelectorAll("#tier-little_giant tr")).find(tr => tr.cells[0] && tr.cells[0].textContent.trim() === "G22-4d").querySelector(".outcome").textContent`)
	if got != "符合" {
		r.fail("direct route", fmt.Errorf("创新直通条件 %q after 全国50强, want 符合", got))
	}
	if s := eval[string](r, "programmes", `document.querySelector("#programmes").textContent`); !strings.Contains(s, "全国50强") {
		r.fail("programmes", fmt.Errorf("the enterprise's programmes %q lack the result", s))
	}
	rec, _ := e.app.Store.GetEnterprise(system, target.ID)
	if directRoute(t, e, rec) != criteria.Pass {
		t.Errorf("the stored profile does not meet the direct route: %+v", rec.Profile.MakerChina)
	}
}

// directRoute is the outcome of little_giant@2022's 创新直通条件 (G22-4d) for
// rec, assessed as a 复核 on t0.
func directRoute(t *testing.T, e *env, rec *enterprise.Record) criteria.Outcome {
	t.Helper()
	rep, err := e.app.Engine.Evaluate(rec.Profile, criteria.Options{AsOf: profile.Date{Y: t0.Year(), M: t0.Month(), D: t0.Day()}, Review: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tiers {
		if tr.Tier == profile.TierLittleGiant {
			if c := findCond(tr.Conditions, "G22-4d"); c != nil {
				return c.Outcome
			}
		}
	}
	t.Fatal("no G22-4d in the 小巨人 report")
	return 0
}

// TestBrowserRotationPlanner: the city's rotation page shows districts
// behind the pace and the planner's proposal; inviting the first session's
// proposed enterprises fills that session's invitations, and they leave the
// list of those due.
func TestBrowserRotationPlanner(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("city")
	r.do("coverage", chromedp.Navigate(r.url("/trainings/coverage")), chromedp.WaitVisible(chromedp.CSS("#plan")))
	if n := eval[int](r, "behind", `document.querySelectorAll("#coverage tr.below").length`); n == 0 {
		r.fail("coverage", fmt.Errorf("no district behind the rotation's pace"))
	}
	due := eval[string](r, "due", `document.querySelector("#plan-due").textContent`)
	proposed := eval[int](r, "proposed", `document.querySelectorAll(".proposal").length`)
	if due == "0" || proposed == 0 {
		r.fail("plan", fmt.Errorf("%s due, %d proposals: want invitees proposed", due, proposed))
	}
	if !eval[bool](r, "completion", `!!document.querySelector("#plan-completes") && /\d{4}-\d{2}-\d{2}/.test(document.querySelector("#plan-completes").textContent)`) {
		r.fail("plan", fmt.Errorf("the plan does not say when the rotation completes"))
	}
	r.screenshot("training-coverage.png", true)
	r.do("invite the proposal",
		chromedp.Click(chromedp.CSS(`.proposal form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#invitees")),
	)
	if n := eval[int](r, "invitees", `document.querySelectorAll("#invitees tbody tr").length`); n < 2 {
		r.fail("invitees", fmt.Errorf("%d invitees after inviting the proposal", n))
	}
	if s := eval[string](r, "source", `document.querySelector("#invitees tbody").textContent`); !strings.Contains(s, "轮训计划建议") {
		r.fail("invitees", fmt.Errorf("invitees %q not marked as the planner's", s))
	}
	r.do("coverage again", chromedp.Navigate(r.url("/trainings/coverage")), chromedp.WaitVisible(chromedp.CSS("#plan")))
	if after := eval[string](r, "due", `document.querySelector("#plan-due").textContent`); after == due {
		r.fail("plan", fmt.Errorf("still %s due after the invitations", after))
	}
}

func findCond(conds []*criteria.CondReport, id string) *criteria.CondReport {
	for _, c := range conds {
		if c.ID == id {
			return c
		}
		if f := findCond(c.Children, id); f != nil {
			return f
		}
	}
	return nil
}
