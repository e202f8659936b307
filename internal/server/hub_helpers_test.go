package server_test

import (
	"fmt"
	"net/http"
)

// The service hub's fixtures, made through the API as the roles that make
// them: the demo institution's products, the demo enterprise's demands (of
// a category the demo institution offers, so they are routed to it) and
// matches between them at a chosen stage.

// hubInstitution is the id of the demo institution account's institution.
func (e *env) hubInstitution() int64 {
	e.t.Helper()
	var v struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	e.mustDo("institution", "GET", "/api/v1/institutions", nil, http.StatusOK).json(e.t, &v)
	if len(v.Items) != 1 {
		e.t.Fatalf("the institution account sees %d institutions, want its own", len(v.Items))
	}
	return v.Items[0].ID
}

// mustDo sends a request and fails the test unless it gets want.
func (e *env) mustDo(role, method, path string, body any, want int) response {
	e.t.Helper()
	res := e.do(role, method, path, body)
	if res.status != want {
		e.t.Fatalf("%s %s as %s: %s, want %d", method, path, role, res, want)
	}
	return res
}

// idOf returns the id of a JSON answer.
func (e *env) idOf(res response) (id, version int64) {
	e.t.Helper()
	var v struct {
		ID      int64 `json:"id"`
		Version int64 `json:"version"`
	}
	res.json(e.t, &v)
	return v.ID, v.Version
}

// newHubProduct lists a 知识产权 product of the demo institution.
func (e *env) newHubProduct(name string) int64 {
	e.t.Helper()
	id, _ := e.idOf(e.mustDo("institution", "POST", "/api/v1/products", map[string]any{"name": name, "category": "知识产权",
		"description": "专利挖掘与布局"}, http.StatusCreated))
	return id
}

// newHubDemand posts a 知识产权 demand of the demo enterprise.
func (e *env) newHubDemand(text string) int64 {
	e.t.Helper()
	id, _ := e.idOf(e.mustDo("enterprise", "POST", "/api/v1/demands", map[string]any{"text": text, "category": "知识产权"},
		http.StatusCreated))
	return id
}

// newHubMatch proposes a new product of the demo institution for a new
// demand of the demo enterprise and takes it to stage (contacted, signed
// or delivered); it returns the match id and version.
func (e *env) newHubMatch(tag, stage string) (int64, int64) {
	e.t.Helper()
	m := e.mustDo("city", "POST", "/api/v1/matches", map[string]any{"demand_id": e.newHubDemand("需求 " + tag),
		"product_id": e.newHubProduct("产品 " + tag)}, http.StatusCreated)
	id, version := e.idOf(m)
	steps := []struct{ role, path, stage string }{{"institution", "stage", "contacted"}, {"enterprise", "stage", "signed"},
		{"institution", "delivery", "delivered"}}
	for _, st := range steps {
		if stage == "recommended" {
			break
		}
		body := map[string]any{"version": version, "stage": st.stage}
		if st.path == "delivery" {
			body = map[string]any{"version": version, "summary": "完成专利布局", "evidence": "合同 ZC-1", "delivered_on": "2026-09-01"}
		}
		_, version = e.idOf(e.mustDo(st.role, "POST", fmt.Sprintf("/api/v1/matches/%d/%s", id, st.path), body, http.StatusOK))
		if st.stage == stage {
			break
		}
	}
	return id, version
}

// proposedDemand is a demand proposed from the demo enterprise's gaps.
func (e *env) proposedDemand() (int64, int64) {
	e.t.Helper()
	var v struct {
		Items []struct {
			ID      int64 `json:"id"`
			Version int64 `json:"version"`
		} `json:"items"`
	}
	e.mustDo("enterprise", "GET", "/api/v1/demands?status=proposed", nil, http.StatusOK).json(e.t, &v)
	if len(v.Items) == 0 {
		e.t.Fatal("the demo enterprise has no demand proposed from its gaps")
	}
	return v.Items[0].ID, v.Items[0].Version
}
