package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
)

func (e *env) enterprise(t *testing.T, id int64) *enterprise.Record {
	t.Helper()
	r, err := e.app.Store.GetEnterprise(auth.WithCaller(context.Background(), auth.System), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantIn(t *testing.T, p page, what string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(p.body, w) {
			t.Errorf("%s (%d) lacks %q", what, p.status, w)
		}
	}
}

// TestPolicyLibraryPages: the demo's library is searchable in Chinese; a
// document lists the rule clauses citing it; the city adds and edits
// documents from the version read, a district official may only read.
func TestPolicyLibraryPages(t *testing.T) {
	e := newEnv(t)
	d := e.as("district")
	wantIn(t, d.get("/policies?q="+url.QueryEscape("免申即享")), "search", "2025年郑州市专精特新企业梯度培育实施方案", `id="total">1<`)
	list := d.get("/policies?q=" + url.QueryEscape("梯度培育"))
	m := regexp.MustCompile(`href="/policies/(\d+)">优质中小企业梯度培育管理暂行办法<`).FindStringSubmatch(list.body)
	if m == nil {
		t.Fatalf("no link to the 2022 办法: %.2000s", list.body)
	}
	doc := d.get("/policies/" + m[1])
	wantIn(t, doc, "document", "工信部企业〔2022〕63号", `id="clauses"`, "little_giant@2022", "已失效")
	if strings.Contains(doc.body, `id="policy-form"`) {
		t.Error("a district official gets the edit form")
	}
	if p := d.post("/policies", url.Values{"title": {"区文件"}, "level": {"district"}, "issued_on": {"2025-01-01"}}, false); p.status != http.StatusForbidden {
		t.Errorf("district adds a document: %d", p.status)
	}
	c := e.as("city")
	bad := c.post("/policies", url.Values{"title": {"新文件"}, "level": {"municipal"}, "issued_on": {"2025-13-01"}}, false)
	wantIn(t, bad, "bad date", "发布日期", "不是有效日期", `value="新文件"`)
	if bad.status != http.StatusBadRequest {
		t.Errorf("bad date: %d", bad.status)
	}
	ok := c.post("/policies", url.Values{"title": {"郑州市支持专精特新企业高质量发展若干措施"}, "doc_no": {"郑政[2025]9号"},
		"level": {"municipal"}, "issued_on": {"2025-06-01"}, "tags": {"资金奖励，免申即享"}, "body": {"对新认定的国家级专精特新小巨人企业给予一次性奖励。"}}, false)
	if ok.status != http.StatusSeeOther {
		t.Fatalf("add: %d %.500s", ok.status, ok.body)
	}
	shown := c.get(ok.header.Get("Location"))
	wantIn(t, shown, "added", "郑政〔2025〕9号", "一次性奖励", `id="policy-form"`)
	// Two officials edit from one version: the second is refused.
	v := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(shown.body)[1]
	path := strings.Split(ok.header.Get("Location"), "?")[0]
	form := url.Values{"title": {"郑州市支持专精特新企业高质量发展若干措施（修订）"}, "doc_no": {"郑政〔2025〕9号"}, "level": {"municipal"},
		"issued_on": {"2025-06-01"}, "version": {v}}
	if p := c.post(path, form, false); p.status != http.StatusSeeOther {
		t.Fatalf("edit: %d", p.status)
	}
	if p := c.post(path, form, false); p.status != http.StatusBadRequest || !strings.Contains(p.body, "已被他人修改") {
		t.Errorf("stale edit: %d", p.status)
	}
	if p := e.as("enterprise").get("/policies"); p.status != http.StatusForbidden {
		t.Errorf("enterprise reads the officials' library: %d", p.status)
	}
}

// TestRewardPolicyDocLinks: a reward policy links to its library document
// by 文号, on the policies' list and on a run's page, and the document's page
// lists the reward policies citing it beside the rule clauses; an
// enterprise, which has no access to the library, gets no link.
func TestRewardPolicyDocLinks(t *testing.T) {
	e := newEnv(t)
	c := e.as("city")
	rewards := c.get("/rewards")
	m := regexp.MustCompile(`<tr id="policy-zz2025\.little_giant">.*?href="/policies/(\d+)"`).FindStringSubmatch(rewards.body)
	if m == nil {
		t.Fatalf("no document link on the 小巨人 policy: %.3000s", rewards.body)
	}
	doc := c.get("/policies/" + m[1])
	wantIn(t, doc, "the plan", "郑工信企业〔2025〕4号", `id="rewards"`, "专精特新“小巨人”企业一次性奖励",
		"创客中国全国50强奖励", "待核实", `href="/rewards#policy-zz2025.maker_top50"`)
	d := e.as("district")
	wantIn(t, d.get("/policies/"+m[1]), "the plan, district", `id="rewards"`, "省级专精特新中小企业一次性奖励")
	if p := e.as("enterprise").get("/rewards"); p.status != http.StatusOK || strings.Contains(p.body, `class="doc-link"`) {
		t.Errorf("enterprise's reward page: %d, links to the library: %v", p.status, strings.Contains(p.body, `class="doc-link"`))
	}
	other := c.get("/policies?q=" + url.QueryEscape("暂行办法"))
	if n := regexp.MustCompile(`href="/policies/(\d+)">优质中小企业梯度培育管理暂行办法<`).FindStringSubmatch(other.body); n != nil {
		wantIn(t, c.get("/policies/"+n[1]), "the 2022 办法", "没有奖励政策引用本文件")
	} else {
		t.Error("no 2022 办法 in the library")
	}
}

// TestCarrierClusterParkPages: districts see their own carriers and add
// their own enterprises only; the park ranks applicants by 亩均效益 and
// only the city decides.
func TestCarrierClusterParkPages(t *testing.T) {
	e := newEnv(t)
	own, other := e.enterprise(t, e.ids.jinshui), e.enterprise(t, e.ids.other)
	d := e.as("district")
	carriers := d.get("/carriers")
	wantIn(t, carriers, "carriers", "金水区创业创新示范基地")
	if strings.Contains(carriers.body, "中原区众创空间") || strings.Contains(carriers.body, `id="carrier-form"`) {
		t.Error("a district official sees another district's carrier or the city's form")
	}
	id := regexp.MustCompile(`href="/carriers/(\d+)">金水区创业创新示范基地<`).FindStringSubmatch(carriers.body)[1]
	if p := d.post("/carriers/"+id+"/tenants", url.Values{"uscc": {other.USCC}}, false); p.status != http.StatusBadRequest ||
		!strings.Contains(p.body, "未找到统一社会信用代码") {
		t.Errorf("another district's enterprise as tenant: %d", p.status)
	}
	// The demo may have made it a tenant already: take it out first.
	d.post("/carriers/"+id+"/tenants/"+itoa(own.ID)+"/delete", nil, false)
	if p := d.post("/carriers/"+id+"/tenants", url.Values{"uscc": {own.USCC}, "since": {"2026-03-01"}}, false); p.status != http.StatusSeeOther {
		t.Errorf("own enterprise as tenant: %d %.300s", p.status, p.body)
	}
	wantIn(t, d.get("/carriers/"+id), "carrier page", own.Name)
	if p := d.post("/carriers/"+id+"/tenants", url.Values{"uscc": {own.USCC}}, false); p.status != http.StatusBadRequest || !strings.Contains(p.body, "已在其中") {
		t.Errorf("a tenant twice: %d", p.status)
	}
	if p := d.post("/carriers", url.Values{"name": {"x"}, "kind": {"maker_space"}, "level": {"municipal"}, "region": {"410105"}}, false); p.status != http.StatusForbidden {
		t.Errorf("district registers a carrier: %d", p.status)
	}
	zy := regexp.MustCompile(`href="/carriers/(\d+)">中原区众创空间<`).FindStringSubmatch(e.as("city").get("/carriers").body)[1]
	if p := d.get("/carriers/" + zy); p.status != http.StatusNotFound {
		t.Errorf("another district's carrier page: %d", p.status)
	}

	c := e.as("city")
	clusters := c.get("/clusters")
	wantIn(t, clusters, "clusters", "汽车零部件中小企业特色产业集群", "创新型中小企业覆盖")

	parks := c.get("/parks")
	pid := regexp.MustCompile(`href="/parks/(\d+)"`).FindStringSubmatch(parks.body)[1]
	ranking := c.get("/parks/" + pid)
	wantIn(t, ranking, "ranking", `id="applicants"`, "亩均税收", "拟入园", `id="within">`)
	// The enterprise applies for itself, with its figures; a bad figure is
	// named.
	ent := e.as("enterprise")
	bad := ent.post("/parks/"+pid+"/applications", url.Values{"need_mu": {"20"}, "used_mu": {"abc"}, "revenue": {"5000"}, "tax": {"300"}}, false)
	if bad.status != http.StatusBadRequest || !strings.Contains(bad.body, "现有用地（亩）") {
		t.Errorf("bad figure: %d", bad.status)
	}
	if p := ent.post("/parks/"+pid+"/applications", url.Values{"need_mu": {"20"}, "used_mu": {"10"}, "revenue": {"6000"},
		"tax": {"300"}, "rd_expense": {"300"}, "employees": {"60"}}, false); p.status != http.StatusSeeOther {
		t.Fatalf("apply: %d %.500s", p.status, p.body)
	}
	mine := ent.get("/parks/" + pid)
	// 100 points: class A, and the enterprise sees its own application only.
	if n := strings.Count(mine.body, `data-class=`); n != 1 {
		t.Errorf("the enterprise sees %d applications, want its own", n)
	}
	wantIn(t, mine, "own application", `data-class="A"`, "100.00")
	appID := regexp.MustCompile(`action="/parks/\d+/applications/(\d+)"`).FindStringSubmatch(c.get("/parks/" + pid).body)
	if appID == nil {
		t.Fatal("no decision form for the city")
	}
	if p := d.post("/parks/"+pid+"/applications/"+appID[1], url.Values{"status": {"granted"}, "version": {"1"}}, false); p.status != http.StatusNotFound && p.status != http.StatusForbidden {
		t.Errorf("a district decides: %d", p.status)
	}
}

// TestCasePages: a district official drafts a case from its enterprise's
// record and publishes it; anyone reads it on /showcase; another district
// cannot open the draft.
func TestCasePages(t *testing.T) {
	e := newEnv(t)
	own := e.enterprise(t, e.ids.jinshui)
	d := e.as("district")
	p := d.post("/cases", url.Values{"uscc": {own.USCC}}, false)
	if p.status != http.StatusSeeOther {
		t.Fatalf("draft: %d %.500s", p.status, p.body)
	}
	edit := d.get(p.header.Get("Location"))
	wantIn(t, edit, "draft", own.Name, `id="case-form"`, "草稿")
	v := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(edit.body)[1]
	title := own.Name + "：深耕细分市场的成长之路"
	if s := d.post(p.header.Get("Location"), url.Values{"title": {title}, "tier_path": {"创新型中小企业（2024 年）"},
		"measures": {"建设企业技术中心"}, "results": {"营业收入增长 30%"}, "status": {"published"}, "version": {v}}, false); s.status != http.StatusSeeOther {
		t.Fatalf("publish: %d %.500s", s.status, s.body)
	}
	public := e.as("").get("/showcase")
	wantIn(t, public, "showcase", title, "建设企业技术中心")
	if q := e.as("").get("/cases"); q.status == http.StatusOK {
		t.Error("the officials' case list is public")
	}
	// 中原区 has no demo account; the city's other districts are checked
	// in the store tests. The enterprise account may not draft.
	if q := e.as("enterprise").post("/cases", url.Values{"uscc": {own.USCC}}, false); q.status != http.StatusForbidden {
		t.Errorf("enterprise drafts a case: %d", q.status)
	}
}
