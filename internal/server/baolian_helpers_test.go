package server_test

import "fmt"

// userID is the id of a demo account, read from its own account route.
func (e *env) userID(role string) int64 {
	e.t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	res := e.do(role, "GET", "/api/v1/account", nil)
	res.json(e.t, &v)
	if v.ID == 0 {
		e.t.Fatalf("account of %s: %s", role, res)
	}
	return v.ID
}

// newAssignment designates the demo district official beside a new 金水区
// enterprise (n makes its USCC), as the city, and returns the assignment's id.
func (e *env) newAssignment(n int) int64 {
	e.t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	res := e.do("city", "POST", "/api/v1/assignments", map[string]any{"enterprise_id": e.newEnterprise(n),
		"official_id": e.userID("district"), "role": "lead"})
	if res.status != 201 {
		e.t.Fatalf("assign: %s", res)
	}
	res.json(e.t, &v)
	return v.ID
}

// newAppeal registers an issue of enterprise id as the city and returns
// its id.
func (e *env) newAppeal(id int64, title string) int64 {
	e.t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	res := e.do("city", "POST", "/api/v1/appeals", map[string]any{"enterprise_id": id, "source": "gap", "category": "其他", "title": title})
	if res.status != 201 {
		e.t.Fatalf("appeal %s: %s", title, res)
	}
	res.json(e.t, &v)
	return v.ID
}

func appealPath(id int64, suffix string) string {
	return fmt.Sprintf("/api/v1/appeals/%d%s", id, suffix)
}
