package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// TestItemEdit: the record page lists each IP item, honour, R&D
// institution, award and standard; counts are the engine's (pending
// applications and unrelated items apart); items are added, changed and
// deleted with plain forms, version-checked, validated beside the field,
// audited, and refused where the role may not write the list.
func TestItemEdit(t *testing.T) {
	e := newEnv(t)
	g := profile.MustDate("2023-05-01")
	rec := e.edit(t, e.ids.jinshui, func(p *profile.Profile) {
		p.IP = []profile.IP{
			{Kind: profile.InventionPatent, Granted: &g, Related: true, SelfDeveloped: true, HolderRank: 1},
			{Kind: profile.InventionPatent, Related: true, SelfDeveloped: true, Pending: true},
			{Kind: profile.UtilityModel, Granted: &g, Related: false},
		}
	})
	sys := auth.WithCaller(context.Background(), auth.System)
	v := itoa(rec.Version)
	b := e.as("district")
	p := b.get("/enterprises/{jinshui}")
	for _, want := range []string{`id="items-ip"`, `id="items-honors"`, `id="items-rd_institutions"`, `id="items-awards"`, `id="items-standards"`,
		"Ⅰ类知识产权计入 1 项（与主导产品相关、已授权，其中自主研发 1 项）；另有申请中 1 项，不计入",
		"Ⅱ类知识产权计入 0 项", "不计入：申请中，尚未授权", "不计入：与主导产品无关", "<td>发明专利</td>",
		"1 项（另有申请中 1 项，不计入）", "Ⅱ类知识产权计入 0 项（与主导产品相关、已授权）；另有与主导产品无关 1 项，不计入", `action="/enterprises/` + itoa(e.ids.jinshui) + `/items/ip/1/delete"`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("record page lacks %q", want)
		}
	}
	t.Run("BadItemBesideField", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/items/ip", url.Values{"granted": {"2024-13-01"}, "version": {v}}, false)
		if p.status != 400 {
			t.Fatalf("status %d", p.status)
		}
		for _, want := range []string{`id="ip-new-granted" name="granted" value="2024-13-01"`, `id="ip-new-granted-e">`, `id="ip-new-kind-e">`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
	})
	t.Run("AddGranted", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/items/ip", url.Values{"kind": {"invention_patent"}, "granted": {"2024-02-01"},
			"related": {"true"}, "self_developed": {"true"}, "version": {v}}, false)
		if p.status != 303 {
			t.Fatalf("add: %d %s", p.status, errText(p.body))
		}
		p = b.get(p.header.Get("Location"))
		if !strings.Contains(p.body, "Ⅰ类知识产权计入 2 项") || !strings.Contains(p.body, "明细已保存") {
			t.Errorf("after adding, the count is not 2")
		}
		v = itoa(rec.Version + 1)
	})
	t.Run("StaleVersionConflict", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/items/ip/1", url.Values{"kind": {"invention_patent"}, "granted": {"2025-01-01"},
			"related": {"true"}, "version": {itoa(rec.Version)}}, false)
		if p.status != 409 || !strings.Contains(p.body, `id="conflict-rows"`) || !strings.Contains(p.body, "知识产权") {
			t.Errorf("stale: %d %s", p.status, errText(p.body))
		}
	})
	t.Run("GrantThePendingOne", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/items/ip/1", url.Values{"kind": {"invention_patent"}, "granted": {"2025-01-01"},
			"related": {"true"}, "self_developed": {"true"}, "version": {v}}, false)
		if p.status != 303 {
			t.Fatalf("edit: %d %s", p.status, errText(p.body))
		}
		if p = b.get(p.header.Get("Location")); !strings.Contains(p.body, "Ⅰ类知识产权计入 3 项") {
			t.Errorf("after granting, the count is not 3")
		}
		v = itoa(rec.Version + 2)
	})
	t.Run("Delete", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/items/ip/0/delete", url.Values{"version": {v}}, false)
		if p.status != 303 {
			t.Fatalf("delete: %d %s", p.status, errText(p.body))
		}
		if p = b.get(p.header.Get("Location")); !strings.Contains(p.body, "Ⅰ类知识产权计入 2 项") || !strings.Contains(p.body, "知识产权（明细）") {
			t.Errorf("after deleting, the count is not 2, or the history does not show the change")
		}
	})
	t.Run("EnterpriseCannotEditHonors", func(t *testing.T) {
		b := e.as("enterprise")
		p := b.get("/enterprises/{own}")
		if strings.Contains(p.body, "/items/honors") || !strings.Contains(p.body, "资质荣誉以认定文件为准") {
			t.Errorf("the enterprise sees a form for honours, or not why")
		}
		if !strings.Contains(p.body, "/items/ip\"") {
			t.Errorf("the enterprise cannot add its own IP")
		}
		own, _ := e.app.Store.GetEnterprise(sys, e.ids.own)
		p = b.post("/enterprises/{own}/items/honors", url.Values{"kind": {"high_tech_enterprise"}, "valid_from": {"2025-01-01"},
			"valid_to": {"2027-12-31"}, "version": {itoa(own.Version)}}, false)
		if p.status != 403 || !strings.Contains(p.body, "honors（资质荣誉）") {
			t.Errorf("honour by the enterprise: %d %s", p.status, errText(p.body))
		}
	})
	t.Run("UnknownList404", func(t *testing.T) {
		if p := b.post("/enterprises/{jinshui}/items/titles", url.Values{"version": {v}}, false); p.status != 404 {
			t.Errorf("titles: %d", p.status)
		}
	})
}

// edit changes an enterprise's profile directly in the store, as the
// system, and returns the saved record.
func (e *env) edit(t *testing.T, id int64, fn func(p *profile.Profile)) *enterprise.Record {
	t.Helper()
	sys := auth.WithCaller(context.Background(), auth.System)
	rec := e.get(t, id)
	fn(rec.Profile)
	if err := e.app.Store.UpdateEnterprise(sys, rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

// get reads an enterprise as the system.
func (e *env) get(t *testing.T, id int64) *enterprise.Record {
	t.Helper()
	rec, err := e.app.Store.GetEnterprise(auth.WithCaller(context.Background(), auth.System), id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestYearFormAuthority: the platform score is the national platform's, so
// an enterprise sees it read-only on its year form, and a forged change is
// refused with the reason beside the field; an official may set it.
func TestYearFormAuthority(t *testing.T) {
	e := newEnv(t)
	v := itoa(e.get(t, e.ids.own).Version)
	b := e.as("enterprise")
	if p := b.get("/enterprises/{own}"); !strings.Contains(p.body, `name="platform_score" value="`) || !regexp.MustCompile(`name="platform_score" value="[^"]*"\s+type="text" inputmode="decimal"\s+ readonly>`).MatchString(p.body) {
		t.Errorf("the platform score is not read-only for the enterprise")
	}
	p := b.post("/enterprises/{own}/years/2026", url.Values{"platform_score": {"99"}, "version": {v}}, false)
	if p.status != 403 || !strings.Contains(p.body, `id="e-2026-platform_score">`) || !strings.Contains(p.body, "由国家平台计算") {
		t.Errorf("platform score by the enterprise: %d", p.status)
	}
	d := e.as("district")
	if p := d.post("/enterprises/{own}/years/2026", url.Values{"platform_score": {"71"}, "version": {v}}, false); p.status != 303 {
		t.Errorf("platform score by the district: %d %s", p.status, errText(p.body))
	}
}
