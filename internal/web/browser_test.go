package web_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium is Debian's browser; CI installs it (apt-get install chromium).
const chromium = "/usr/bin/chromium"

// -screenshots writes the README's screenshots to docs/screenshots/.
var updateScreenshots = flag.Bool("screenshots", false, "write the README's pictures to docs/screenshots/")

// outDir is where screenshots of failures (and every run's pictures) go; git
// ignores it.
const outDir = "testdata/out"

// run is a browser session of the tests: one headless chromium with its
// own profile folder, so cookies do not leak between roles.
type run struct {
	t   *testing.T
	e   *env
	ctx context.Context
}

func newRun(t *testing.T, e *env) *run {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN"),
		chromedp.Env("LANG=zh_CN.UTF-8", "LANGUAGE=zh_CN:zh"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	return &run{t: t, e: e, ctx: ctx}
}

// do runs steps; on failure it saves a screenshot and fails the test.
func (r *run) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	r.t.Helper()
	if err := chromedp.Do(r.ctx, steps...); err != nil {
		r.fail(what, err)
	}
}

func (r *run) fail(what string, err error) {
	r.t.Helper()
	name := strings.NewReplacer("/", "_", " ", "_").Replace(r.t.Name())
	path := filepath.Join(outDir, name+".png")
	if shot, serr := chromedp.Run(r.ctx, chromedp.FullScreenshot(100)); serr == nil {
		_ = os.MkdirAll(outDir, 0o755)
		if os.WriteFile(path, shot, 0o644) == nil {
			r.t.Fatalf("%s: %v (screenshot: %s)", what, err, path)
		}
	}
	r.t.Fatalf("%s: %v", what, err)
}

// eval evaluates a JavaScript expression.
func eval[T any](r *run, what, js string) T {
	r.t.Helper()
	v, err := chromedp.Run(r.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		r.fail(what, err)
	}
	return v
}

func (r *run) url(path string) string { return r.e.app.URL() + r.e.expand(path) }

// screenshot saves the top 1440×1500 of the page as a PNG under
// testdata/out and, with -screenshots and docs set, as
// docs/screenshots/name for the README.
func (r *run) screenshot(name string, docs bool) {
	r.t.Helper()
	r.do("viewport", chromedp.EmulateViewport(1440, 1500),
		void(chromedp.Evaluate[any](`window.scrollTo({top: 0, behavior: "instant"})`)), chromedp.Sleep(300*time.Millisecond))
	shot, err := chromedp.Run(r.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		r.fail("screenshot "+name, err)
	}
	r.do("viewport", chromedp.EmulateViewport(1440, 1000))
	r.save(name, shot, docs)
}

// elementShot saves a picture of the element sel, as screenshot does.
func (r *run) elementShot(name, sel string, docs bool) {
	r.t.Helper()
	shot, err := chromedp.Run(r.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		r.fail("screenshot "+name, err)
	}
	r.save(name, shot, docs)
}

func (r *run) save(name string, shot []byte, docs bool) {
	r.t.Helper()
	dirs := []string{outDir}
	if *updateScreenshots && docs {
		dirs = append(dirs, filepath.Join("..", "..", "docs", "screenshots"))
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, name), shot, 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *run) login(role string) {
	r.t.Helper()
	r.do("login as "+role,
		chromedp.Navigate(r.url("/login")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), role),
		chromedp.SendKeys(chromedp.CSS("#password"), "zjtx-demo"),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".user-box")),
	)
	if got := eval[string](r, "header", `document.querySelector(".user-box").textContent`); !strings.Contains(got, role) {
		r.fail("header", fmt.Errorf("header %q does not name %s", got, role))
	}
}

func requireBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)")
	}
	if _, err := os.Stat("static/vendor/htmx.min.js"); err != nil {
		t.Skip("browser tests need the front-end files: run make assets")
	}
}

// TestBrowserRoles logs in as each role and looks at what each may see.
func TestBrowserRoles(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	for _, role := range []string{"city", "district", "enterprise", "institution", "bank"} {
		t.Run(role, func(t *testing.T) {
			r := newRun(t, e)
			r.login(role)
			total := eval[string](r, "cards", `Array.from(document.querySelectorAll(".stat-value")).map(e => e.textContent).join(",")`)
			switch role {
			case "city":
				r.do("chart", void(chromedp.Poll[bool](`!!document.querySelector("#district-chart canvas")`,
					chromedp.WithPollingTimeout(10*time.Second))))
				r.screenshot("city-home.png", false)
			case "district":
				// Its own numbers, not a chart of one bar titled 各区县.
				chart := eval[bool](r, "chart", `!!document.querySelector("#district-chart")`)
				sum := eval[string](r, "sum", `document.querySelector("#district-numbers .sum-row").textContent`)
				if chart || !strings.HasPrefix(sum, "合计") || !eval[bool](r, "recent", `!!document.querySelector("#recent-changes a[href^='/enterprises/']")`) {
					r.fail("district home", fmt.Errorf("chart %v, sum row %q", chart, sum))
				}
				r.screenshot("district-home.png", false)
			case "institution", "bank":
				// What they will be able to do, not empty counts, and no
				// way to a list or an export of enterprises they cannot see.
				chart := eval[bool](r, "chart", `!!document.querySelector("#district-chart")`)
				list := eval[bool](r, "nav", `!!document.querySelector('.site-nav a[href^="/enterprises"]')`)
				intro := eval[string](r, "intro", `document.querySelector("#partner-intro").textContent`)
				if chart || total != "" || list || !strings.Contains(intro, map[string]string{"institution": "服务成效", "bank": "建设中"}[role]) {
					r.fail("home", fmt.Errorf("cards %q, chart %v, list link %v, intro %q", total, chart, list, intro))
				}
			}
			if role == "city" {
				r.do("audit page", chromedp.Navigate(r.url("/audit")), chromedp.WaitVisible(chromedp.CSS(".audit-table")))
			}
		})
	}
}

// TestBrowserEnterprise: search, open an enterprise, edit a year with a
// bad value and see the Chinese message beside the field, run an
// assessment, open the print view; as 金水区, see only 金水区.
func TestBrowserEnterprise(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("district")
	r.do("list", chromedp.Navigate(r.url("/enterprises")), chromedp.WaitVisible(chromedp.CSS("#results")))
	before := eval[string](r, "total", `document.querySelector("#total").textContent`)
	r.do("search",
		chromedp.SendKeys(chromedp.CSS("#q"), "科技"),
		void(chromedp.Poll[bool](`document.querySelector("#total") && document.querySelector("#total").textContent !== `+jsString(before)+
			` && location.search.includes("q=")`, chromedp.WithPollingTimeout(10*time.Second))),
	)
	regions := eval[string](r, "regions", `Array.from(document.querySelectorAll(".enterprise-table tbody tr td:nth-child(4)")).map(e => e.textContent).join(",")`)
	for _, name := range strings.Split(regions, ",") {
		if name != "" && name != "金水区" {
			r.fail("district scope", fmt.Errorf("list shows an enterprise of %s", name))
		}
	}
	// An industry branch: every row's code lies under the prefix, and only
	// 金水区 shows.
	r.do("industry", chromedp.Navigate(r.url("/enterprises?industry=C34&sort=name")), chromedp.WaitVisible(chromedp.CSS("#results")))
	rows := eval[string](r, "industry rows", `Array.from(document.querySelectorAll(".enterprise-table tbody tr")).map(tr => tr.children[3].textContent + " " + tr.children[4].textContent).join(",")`)
	if rows == "" || strings.Contains(rows, "没有符合条件的企业") {
		r.fail("industry", fmt.Errorf("no 金水区 enterprise in C34 in the fixture"))
	}
	for _, row := range strings.Split(rows, ",") {
		if region, code, _ := strings.Cut(row, " "); region != "金水区" || !strings.HasPrefix(code, "C34") {
			r.fail("industry", fmt.Errorf("industry=C34 lists %q", row))
		}
	}
	r.screenshot("enterprise-list.png", false)
	r.do("open", chromedp.Navigate(r.url("/enterprises/{jinshui}")), chromedp.WaitVisible(chromedp.CSS("#enterprise-name")))
	r.do("bad year",
		chromedp.Click(chromedp.CSS("#year-2025 summary")),
		chromedp.WaitVisible(chromedp.CSS("#f-2025-rd_expense")),
		chromedp.SetValue(chromedp.CSS("#f-2025-rd_expense"), "-5"),
		chromedp.Click(chromedp.CSS(`#year-2025 button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#e-2025-rd_expense")),
	)
	if msg := eval[string](r, "message", `document.querySelector("#e-2025-rd_expense").textContent`); !strings.Contains(msg, "不能为负数") {
		r.fail("message", fmt.Errorf("beside 研发费用: %q", msg))
	}
	if v := eval[string](r, "kept", `document.querySelector("#f-2025-rd_expense").value`); v != "-5" {
		r.fail("kept", fmt.Errorf("input not kept: %q", v))
	}
	r.do("assess",
		chromedp.Click(chromedp.CSS("#run-assessment")),
		chromedp.WaitVisible(chromedp.CSS("#assessment .lost-items, #assessment .tier")),
	)
	r.screenshot("enterprise.png", true)
	r.do("report", chromedp.Navigate(r.url("/enterprises/{jinshui}/report")), chromedp.WaitVisible(chromedp.CSS(".sources-table")))
	r.do("other district", chromedp.Navigate(r.url("/enterprises/{other}")), chromedp.WaitVisible(chromedp.CSS("#error-message")))
	if m := eval[string](r, "404 message", `document.querySelector("#error-message").textContent`); m != "企业不存在或无权查看" {
		r.fail("404", fmt.Errorf("message %q", m))
	}
	if h := eval[string](r, "404", `document.querySelector(".error-page h1").textContent`); h != "未找到该企业" {
		r.fail("404", fmt.Errorf("heading %q", h))
	}
	bad := filepath.Join(t.TempDir(), "import.xlsx")
	if err := os.WriteFile(bad, workbook(t, newEnterprise("410105", 5001), newEnterprise("410102", 5002)), 0o644); err != nil {
		t.Fatal(err)
	}
	r.do("import a bad workbook",
		chromedp.Navigate(r.url("/enterprises/import")),
		chromedp.WaitVisible(chromedp.CSS("#import-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{bad}),
		chromedp.Click(chromedp.CSS(`#import-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-errors")),
	)
	if msg := eval[string](r, "import errors", `document.querySelector("#import-errors tbody").textContent`); !strings.Contains(msg, "所属区县") {
		r.fail("import errors", fmt.Errorf("error list %q", msg))
	}
	if !eval[bool](r, "annotated", `!!document.querySelector("#annotated-link[download]")`) {
		r.fail("annotated", fmt.Errorf("no annotated workbook offered"))
	}
}

// TestBrowserEnterpriseHome: an enterprise user's home shows its titles,
// the result of each tier with its main reason, the cheapest plan for the
// next tier and the next steps; after 生成评价 the results are the stored
// ones.
func TestBrowserEnterpriseHome(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("enterprise")
	r.do("home", chromedp.WaitVisible(chromedp.CSS("#home-results")))
	if n := eval[int](r, "tiers", `document.querySelectorAll(".home-tiers tbody tr").length`); n != 4 {
		r.fail("tiers", fmt.Errorf("%d tier rows, want 4", n))
	}
	r.do("assess",
		chromedp.Click(chromedp.CSS(`#home-reassess button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#saved")),
		chromedp.Navigate(r.url("/")),
		chromedp.WaitVisible(chromedp.CSS("#home-results")),
	)
	if live := eval[string](r, "stored", `document.querySelector("#home-results .card-header").textContent`); strings.Contains(live, "即时测算") {
		r.fail("stored", fmt.Errorf("results still evaluated live after 生成评价: %q", live))
	}
	failed := eval[string](r, "failed tier", `(() => { const tr = document.querySelector('.home-tiers tr[data-status="fail"]');
		return tr ? tr.querySelector(".reason").textContent : ""; })()`)
	if !strings.HasPrefix(failed, "不符合：") || strings.Contains(failed, "全部条件满足") {
		r.fail("reason", fmt.Errorf("failed tier's reason %q", failed))
	}
	for _, sel := range []string{"#gap-plan", "#next-steps a[href='/selftest?mine=1']", "#home-titles"} {
		if !eval[bool](r, sel, `!!document.querySelector(`+jsString(sel)+`)`) {
			r.fail("home", fmt.Errorf("no %s", sel))
		}
	}
	r.screenshot("enterprise-home.png", true)
	r.elementShot("failed-tier.png", "#home-standing", true)
}

// TestBrowserErrorSummary: a self-test computed on an empty form comes
// back with the summary of what is missing in view and focused; its link
// takes the user to the input.
func TestBrowserErrorSummary(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.do("empty form",
		chromedp.Navigate(r.url("/selftest")),
		chromedp.WaitVisible(chromedp.CSS("#selftest-form")),
		chromedp.Click(chromedp.CSS("#run-selftest")),
		chromedp.WaitVisible(chromedp.CSS("#error-summary")),
	)
	if id := eval[string](r, "focus", `document.activeElement.id`); id != "error-summary" {
		r.fail("focus", fmt.Errorf("focus on %q, want the error summary", id))
	}
	r.screenshot("selftest-errors.png", false)
	r.do("link", chromedp.Click(chromedp.CSS(`#error-summary a[href="#f-years.2025.revenue"]`)))
	if id := eval[string](r, "input", `document.activeElement.id`); id != "f-years.2025.revenue" {
		r.fail("link", fmt.Errorf("focus on %q after the link, want the input", id))
	}
}

// TestBrowserSelftest: the public self-test shows the 扣分项 table and the
// gap plans, the what-if slider changes the score, the print view opens.
// TestBrowserOutcomesAndJobs: a district official filters the list by an
// assessment outcome and sees only matching rows, ticks two of them, starts
// 评价所选 and watches the job's progress page until it shows the result.
func TestBrowserOutcomesAndJobs(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("district")
	r.do("filter by outcome", chromedp.Navigate(r.url("/enterprises?outcome=innovative:pass&size=10")), chromedp.WaitVisible(chromedp.CSS("#results")))
	cells := eval[[]string](r, "outcome cells", `Array.from(document.querySelectorAll(".enterprise-table tbody td.outcomes")).map(td => td.textContent.replace(/\s+/g, " "))`)
	if len(cells) == 0 || len(cells) > 10 {
		r.fail("filter by outcome", fmt.Errorf("%d rows, want 1–10", len(cells)))
	}
	for _, c := range cells {
		if !strings.Contains(c, "创新型 符合") {
			r.fail("filter by outcome", fmt.Errorf("row outcome %q, want 创新型 符合", c))
		}
	}
	if got := eval[string](r, "selected outcome", `document.querySelector("#outcome-innovative").value`); got != "innovative:pass" {
		r.fail("filter form", fmt.Errorf("outcome select %q, want innovative:pass", got))
	}
	// A page past the end shows the last page.
	r.do("past the end", chromedp.Navigate(r.url("/enterprises?outcome=innovative:pass&size=10&page=9999")), chromedp.WaitVisible(chromedp.CSS("#results")))
	if n := eval[int](r, "rows past the end", `document.querySelectorAll(".row-check").length`); n == 0 {
		r.fail("past the end", fmt.Errorf("no rows on a page past the end"))
	}
	r.do("select two",
		chromedp.Navigate(r.url("/enterprises?outcome=innovative:pass&size=10")), chromedp.WaitVisible(chromedp.CSS("#results")),
		chromedp.Click(chromedp.CSS(".row-check"), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS("tbody tr:nth-child(2) .row-check"), chromedp.NodeVisible),
		void(chromedp.Poll[bool](`document.querySelector("#selected-count").textContent === "2" && !document.querySelector("#assess-selected").disabled`,
			chromedp.WithPollingTimeout(5*time.Second))),
	)
	r.do("assess selected",
		chromedp.Click(chromedp.CSS("#assess-selected")),
		chromedp.WaitVisible(chromedp.CSS("#job-progress")),
		void(chromedp.Poll[bool](`document.querySelector("#job-progress").dataset.state === "completed"`, chromedp.WithPollingTimeout(30*time.Second))),
	)
	got := eval[string](r, "job result", `document.querySelector("#job-progress").textContent.replace(/\s+/g, " ")`)
	for _, want := range []string{"已完成", "已处理 2 / 2 家", "100%", "评价已完成"} {
		if !strings.Contains(got, want) {
			r.fail("job result", fmt.Errorf("job page %q lacks %q", got, want))
		}
	}
	r.screenshot("job.png", false)
	r.do("assessed list", chromedp.Click(chromedp.CSS("#job-list-link")), chromedp.WaitVisible(chromedp.CSS("#reset-link")))
	if n := eval[int](r, "assessed rows", `document.querySelectorAll(".row-check").length`); n != 2 {
		r.fail("assessed list", fmt.Errorf("the job's list shows %d rows, want the 2 assessed", n))
	}
}

func TestBrowserSelftest(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.do("form", chromedp.Navigate(r.url("/selftest")), chromedp.WaitVisible(chromedp.CSS("#selftest-form")))
	r.do("example", chromedp.Navigate(r.url("/selftest?example=1")), chromedp.WaitVisible(chromedp.CSS("#results")))
	// The example's page already shows results: remove them first, so that
	// the wait sees the page the submitted form leads to, not this one.
	r.do("run", void(chromedp.Evaluate[any](`document.querySelector("#results").remove()`)),
		chromedp.Click(chromedp.CSS("#run-selftest")), chromedp.WaitVisible(chromedp.CSS("#results .lost-items")))
	if n := eval[int](r, "plans", `document.querySelectorAll("#results .plans li").length`); n == 0 {
		r.fail("plans", fmt.Errorf("no gap plan shown"))
	}
	score := eval[string](r, "score", `document.querySelector("#tier-innovative .score-value").textContent`)
	r.do("slide",
		void(chromedp.Evaluate[any](`(() => { const s = document.querySelector("#wi_rd"); s.value = s.max * 0.9;
			s.dispatchEvent(new Event("input", {bubbles: true})); })()`)),
		void(chromedp.Poll[bool](`document.querySelector("#whatif-applied") !== null && document.querySelector("#tier-innovative .score-value").textContent !== `+jsString(score),
			chromedp.WithPollingTimeout(10*time.Second))),
	)
	r.do("back", void(chromedp.Evaluate[any](`(() => { const s = document.querySelector("#wi_rd"); s.value = s.defaultValue;
		s.dispatchEvent(new Event("input", {bubbles: true})); })()`)),
		void(chromedp.Poll[bool](`document.querySelector("#whatif-applied") === null`, chromedp.WithPollingTimeout(10*time.Second))),
	)
	r.screenshot("selftest.png", true)
	r.do("print", chromedp.Navigate(r.url("/selftest/print")), chromedp.WaitVisible(chromedp.CSS(".sources-table")))
	r.screenshot("selftest-print.png", false)
}

// void runs an action for its effect only.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }
