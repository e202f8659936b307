package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
)

// TestDiscoveryBackupAdd: two ticked candidates of the district are added
// to the 小巨人 list with the reason, one of another district is reported as
// not registered; ticking them again reports them on the list; the page
// links to the list.
func TestDiscoveryBackupAdd(t *testing.T) {
	e := newEnv(t)
	ctx := auth.WithCaller(context.Background(), auth.System)
	js, _, err := e.app.Store.ListEnterprises(ctx, enterprise.Filter{Region: demo.Jinshui, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var usccs []string
	var ids []int64
	for _, r := range js {
		on, _, err := e.app.Store.ListBackupEntries(ctx, cultivation.Filter{Tier: "little_giant", IDs: []int64{r.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if len(on) == 0 && len(usccs) < 2 {
			usccs, ids = append(usccs, r.USCC), append(ids, r.ID)
		}
	}
	other, err := e.app.Store.GetEnterprise(ctx, e.ids.other)
	if err != nil || len(usccs) != 2 {
		t.Fatalf("fixture: %v %v", usccs, err)
	}
	b := e.as("district")
	b.get("/discovery")
	form := url.Values{"tier": {"little_giant"}, "reason": {"区工信局推荐"}, "uscc": {usccs[0], usccs[1], other.USCC}, "back": {"tier=little_giant&outcome="}}
	p := b.post("/discovery/backup-list", form, false)
	for _, want := range []string{"已加入 2 家；1 家未加入：", other.USCC + "</span>（未登记或不在本辖区，请先登记企业档案）", `href="/backup-lists/little_giant"`} {
		if p.status != 200 || !strings.Contains(p.body, want) {
			t.Errorf("first addition: %d, want %q in %.600s", p.status, want, errText(p.body))
		}
	}
	on, _, err := e.app.Store.ListBackupEntries(ctx, cultivation.Filter{Tier: "little_giant", Source: "manual", IDs: ids})
	if err != nil || len(on) != 2 {
		t.Fatalf("manual 小巨人 entries of the two: %d %v", len(on), err)
	}
	for _, x := range on {
		if x.Reason != "区工信局推荐" {
			t.Errorf("entry of %d: reason %q", x.EnterpriseID, x.Reason)
		}
	}

	p = b.post("/discovery/backup-list", form, false)
	if !strings.Contains(p.body, "已加入 0 家；3 家未加入：") || strings.Count(p.body, "（已在后备清单中）") != 2 {
		t.Errorf("second addition: %d %.600s", p.status, errText(p.body))
	}
	p = b.post("/discovery/backup-list", url.Values{"tier": {"little_giant"}, "uscc": {usccs[0]}}, false)
	if p.status != 400 || !strings.Contains(p.body, "请填写纳入后备清单的原因") {
		t.Errorf("no reason: %d %.400s", p.status, errText(p.body))
	}
}

// TestDiscoveryPageShowsEfforts: after a population's import and
// evaluation, every candidate of the ranking shows its outcome and the
// effort of its cheapest plan as a figure or "—", never a raw value.
func TestDiscoveryPageShowsEfforts(t *testing.T) {
	e := newEnv(t)
	b := e.as("city")
	b.get("/populations")
	p := b.postFile("/populations", "file", "population.csv", populationCSV(60), map[string]string{"name": "测试总体"})
	m := regexp.MustCompile(`^/jobs/(\d+)$`).FindStringSubmatch(p.header.Get("Location"))
	if p.status != 303 || m == nil {
		t.Fatalf("population import: %d %q %s", p.status, p.header.Get("Location"), errText(p.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	sys := auth.WithCaller(context.Background(), auth.System)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		j, err := e.app.Store.GetJob(sys, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Finished() {
			if j.State != "completed" {
				t.Fatalf("import job: %+v", j)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("import job still %s", j.State)
		}
	}
	p = b.get("/discovery?tier=innovative&outcome=")
	rows := regexp.MustCompile(`(?s)<tr><td><input[^>]+name="uscc".*?</tr>`).FindAllString(p.body, -1)
	if p.status != 200 || len(rows) == 0 {
		t.Fatalf("discovery page: %d, %d rows %s", p.status, len(rows), errText(p.body))
	}
	effort := regexp.MustCompile(`<td class="text-end">(\d+\.\d\d|—)</td><td class="text-end">\d*</td></tr>$`)
	for _, row := range rows {
		if !strings.Contains(row, `class="badge text-bg-`) || !effort.MatchString(row) {
			t.Errorf("a candidate without its outcome or effort: %.800s", row)
			break
		}
	}
}
