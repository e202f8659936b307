package web_test

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTargetsPage: the city sees every district's targets, the ranking and
// the quota allocation, and sets a target that the page then shows; a
// district official sees its district and the city's row only, on the page,
// the home and the exports.
func TestTargetsPage(t *testing.T) {
	e := newEnv(t)
	t.Run("CitySeesAllWithQuota", func(t *testing.T) {
		p := e.as("city").get("/targets?year=2026")
		if p.status != 200 {
			t.Fatalf("status %d: %s", p.status, errText(p.body))
		}
		for _, want := range []string{`id="target-board"`, `data-region="4101"`, `data-region="410102"`, `data-region="410105"`,
			`id="target-ranking"`, `id="quota"`, `id="quota-total"`, "省级专精特新中小企业申报推荐名额", `id="forecast-check"`,
			"预测校验：以可能性表回测 2025 年", `id="target-form"`, "三年倍增"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("city's targets page lacks %q", want)
			}
		}
		// The city's 2026 row: 378 省级专精特新 by 三年倍增.
		city := regexp.MustCompile(`(?s)<tr class="sum-row" data-region="4101">.*?</tr>`).FindString(p.body)
		if !strings.Contains(city, ">378 ") || !strings.Contains(city, ">26 ") || !strings.Contains(city, ">630 ") {
			t.Errorf("city row lacks the doubled targets 26 / 378 / 630: %s", city)
		}
	})
	t.Run("DistrictSeesOwnAndCity", func(t *testing.T) {
		for _, path := range []string{"/targets?year=2025", "/"} {
			p := e.as("district").get(path)
			if p.status != 200 {
				t.Fatalf("%s: %d", path, p.status)
			}
			for _, other := range []string{"410102", "中原区", "二七区", "郑州高新技术产业开发区"} {
				if strings.Contains(p.body, `data-region="`+other+`"`) || strings.Contains(p.body, ">"+other+"<") {
					t.Errorf("%s shows another district %s", path, other)
				}
			}
			if !strings.Contains(p.body, "全市") || !strings.Contains(p.body, "金水区") {
				t.Errorf("%s lacks the city's or its own row", path)
			}
			if strings.Contains(p.body, `id="target-form"`) {
				t.Errorf("%s offers a district the target form", path)
			}
		}
	})
	t.Run("CitySetsThenChangesWithVersion", func(t *testing.T) {
		b := e.as("city")
		b.get("/targets")
		form := url.Values{"year": {"2027"}, "tier": {"little_giant"}, "region": {"410105"}, "target": {"7"}, "basis": {"区县申报"}, "version": {"0"}}
		if p := b.post("/targets", form, false); p.status != 303 {
			t.Fatalf("create: %d %s", p.status, errText(p.body))
		}
		p := b.get("/targets?year=2027&edit=little_giant:410105")
		if !strings.Contains(p.body, `name="version" value="1"`) || !strings.Contains(p.body, `value="7"`) {
			t.Fatalf("edit form lacks the target read and its version")
		}
		form.Set("target", "9")
		form.Set("version", "1")
		if p := b.post("/targets", form, false); p.status != 303 {
			t.Fatalf("update: %d %s", p.status, errText(p.body))
		}
		form.Set("target", "11") // from version 1 again: someone changed it since
		p = b.post("/targets", form, false)
		if p.status != 400 || !strings.Contains(p.body, "已被他人修改") {
			t.Errorf("stale update: %d, want 400 with the conflict named", p.status)
		}
		form.Set("version", "2")
		form.Set("target", "-3")
		p = b.post("/targets", form, false)
		if p.status != 400 || !strings.Contains(p.body, "目标数") || !strings.Contains(p.body, `value="-3"`) {
			t.Errorf("bad target: %d, want 400 naming 目标数 and keeping the input", p.status)
		}
	})
	t.Run("Exports", func(t *testing.T) {
		for _, tt := range []struct {
			role, path string
			sheets     []string
			notWant    string
		}{
			{"city", "/targets/export.xlsx?year=2025", []string{"目标完成与预测", "完成率排名", "推荐名额"}, ""},
			{"district", "/dashboard/export.xlsx", []string{"后备清单培育漏斗", "2026年目标完成情况", "近 12 个月趋势", "包联帮扶"}, "中原区"},
			{"city", "/review/export.xlsx", []string{"汇总", "未明确主包干部", "未制定培育计划", "培育任务逾期", "走访逾期", "诉求超时", "称号即将到期", "风险雷达预警"}, ""},
			{"district", "/review/export.xlsx", []string{"汇总", "未明确主包干部"}, "二七区"},
			{"district", "/targets/export.xlsx?year=2025", []string{"目标完成与预测"}, "二七区"},
		} {
			p := e.as(tt.role).get(tt.path)
			if p.status != 200 {
				t.Fatalf("%s: %d", tt.path, p.status)
			}
			f, err := excelize.OpenReader(bytes.NewReader([]byte(p.body)))
			if err != nil {
				t.Fatal(err)
			}
			names := f.GetSheetList()
			if strings.Join(names, ",") != strings.Join(tt.sheets, ",") && !strings.HasPrefix(strings.Join(names, ","), strings.Join(tt.sheets, ",")) {
				t.Errorf("%s sheets %v, want %v", tt.path, names, tt.sheets)
			}
			if tt.notWant != "" {
				for _, sh := range names {
					rows, _ := f.GetRows(sh)
					for _, row := range rows {
						if len(row) > 0 && row[0] == tt.notWant {
							t.Errorf("%s as %s: sheet %s shows %s", tt.path, tt.role, sh, tt.notWant)
						}
					}
				}
			}
			f.Close()
		}
	})
}
