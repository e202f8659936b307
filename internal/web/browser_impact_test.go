package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zjtx/internal/demo"
)

// TestBrowserImpact: the city opens the policy impact analysis srdi@2022 →
// srdi@2026 of the registered enterprises, sees the move matrix, the
// districts and the deciding conditions, and drills down from the pass →
// fail number to the enterprises behind it, each with its deciding
// conditions. Then it imports a population as CSV: the job page shows the
// job's progress until it completes and links to the ranked candidates;
// 重新评价 runs the discovery again as a job.
func TestBrowserImpact(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("city")
	r.do("impact", chromedp.Navigate(r.url("/impact?from=srdi@2022&to=srdi@2026")), chromedp.WaitVisible(chromedp.CSS("#impact-matrix")))
	total := eval[string](r, "total", `document.querySelector("#impact-total").textContent`)
	if total != fmt.Sprint(fixtureSize) {
		r.fail("impact total", fmt.Errorf("total %q, want %d", total, fixtureSize))
	}
	passFail := eval[string](r, "pass→fail", `document.querySelector('#impact-matrix td[data-move="pass_to_fail"]').textContent.trim()`)
	if passFail == "0" || passFail == "" {
		r.fail("matrix", fmt.Errorf("no enterprise moves pass → fail"))
	}
	if n := eval[int](r, "districts", `document.querySelectorAll("#impact-regions tbody tr").length`); n < 2 {
		r.fail("districts", fmt.Errorf("%d district rows", n))
	}
	if n := eval[int](r, "deciding", `document.querySelectorAll("#impact-deciding tbody tr").length`); n < 2 {
		r.fail("deciding", fmt.Errorf("%d deciding conditions", n))
	}
	r.screenshot("impact.png", true)
	r.do("drill down",
		chromedp.Click(chromedp.CSS(`#impact-matrix td[data-move="pass_to_fail"] a`)),
		chromedp.WaitVisible(chromedp.CSS("#movers-table")))
	if got := eval[string](r, "movers total", `document.querySelector("#movers-total").textContent`); got != passFail {
		r.fail("drill down", fmt.Errorf("%s movers listed, the matrix says %s", got, passFail))
	}
	rows := eval[[]string](r, "mover rows", `Array.from(document.querySelectorAll("#movers-table tbody tr")).map(tr => tr.lastElementChild.textContent.trim())`)
	if len(rows) == 0 {
		r.fail("drill down", fmt.Errorf("no mover rows"))
	}
	for _, d := range rows {
		if !strings.Contains(d, "S26-") {
			r.fail("drill down", fmt.Errorf("deciding conditions %q name no srdi@2026 condition", d))
		}
	}

	csv := filepath.Join(t.TempDir(), "population.csv")
	if err := os.WriteFile(csv, populationCSV(30), 0o644); err != nil {
		t.Fatal(err)
	}
	r.do("import a population",
		chromedp.Navigate(r.url("/populations")),
		chromedp.WaitVisible(chromedp.CSS("#population-form")),
		chromedp.SendKeys(chromedp.CSS("#population-name"), "浏览器测试总体"),
		chromedp.SetUploadFiles(chromedp.CSS("#population-file"), []string{csv}),
		chromedp.Click(chromedp.CSS(`#population-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#job-progress")),
		void(chromedp.Poll[bool](`document.querySelector("#job-progress").dataset.state === "completed"`, chromedp.WithPollingTimeout(30*time.Second))),
	)
	got := eval[string](r, "job", `document.querySelector("#job-progress").textContent.replace(/\s+/g, " ")`)
	for _, want := range []string{"已完成", "已处理 30 / 30 家", "100%"} {
		if !strings.Contains(got, want) {
			r.fail("job page", fmt.Errorf("job page %q lacks %q", got, want))
		}
	}
	r.do("candidates", chromedp.Click(chromedp.CSS("#job-result-link")), chromedp.WaitVisible(chromedp.CSS("#discovery-table")))
	if text := eval[string](r, "candidates", `document.querySelector("#discovery-table").innerText`); strings.Contains(text, "%!") {
		r.fail("candidates", fmt.Errorf("a value the template could not format: %.200s", text[strings.Index(text, "%!"):]))
	}
	if n := eval[string](r, "candidates", `document.querySelector("#discovery-total").textContent`); n == "" {
		r.fail("candidates", fmt.Errorf("no total"))
	}
	// 加入后备清单: the first candidate ticked, with a reason; the page says
	// what was added (a candidate not registered as an enterprise is named).
	r.do("add to backup list",
		chromedp.Navigate(r.url("/discovery?tier=srdi&outcome=")), chromedp.WaitVisible(chromedp.CSS("#discovery-table")),
		chromedp.Click(chromedp.CSS(`#discovery-table input[name="uscc"]`), chromedp.NodeVisible),
		chromedp.SendKeys(chromedp.CSS("#add-reason"), "选种：差一点"),
		chromedp.Click(chromedp.CSS(`#discovery-add button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#discovery-add-result")))
	if got := eval[string](r, "add result", `document.querySelector("#discovery-add-result").textContent`); !strings.Contains(got, "已加入") {
		r.fail("add result", fmt.Errorf("summary %q", got))
	}
	// 重新评价 runs discovery again over the stored profiles, as a job.
	r.do("evaluate again",
		chromedp.Navigate(r.url("/populations")),
		chromedp.Click(chromedp.CSS(`form[action$="/evaluate"] button`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#job-progress")),
		void(chromedp.Poll[bool](`document.querySelector("#job-progress").dataset.state === "completed"`, chromedp.WithPollingTimeout(30*time.Second))),
		chromedp.Click(chromedp.CSS("#job-result-link")), chromedp.WaitVisible(chromedp.CSS("#discovery-table")))
}

// populationCSV is a population of n demo enterprises of 2023–2025 as CSV
// in the import template's column headers.
func populationCSV(n int) []byte {
	var b strings.Builder
	b.WriteString("统一社会信用代码,企业名称,所属区县（市）,国民经济行业分类代码,年度,营业收入（万元）,研发费用（万元）,从业人员（人）\n")
	for _, rec := range demo.Records(n, 77, 2025) {
		p := rec.Profile
		for _, y := range []int{2023, 2024, 2025} {
			yr := p.Years[y]
			fmt.Fprintf(&b, "%s,%s,%s,%s,%d,%s,%s,%d\n", p.USCC, p.Name, p.Region, p.Industry, y, yr.Revenue, yr.RDExpense, *yr.Employees)
		}
	}
	return []byte(b.String())
}
