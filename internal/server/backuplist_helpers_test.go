package server_test

// newEnterprise registers a 金水区 enterprise (n makes its USCC) as the city
// and returns its id.
func (e *env) newEnterprise(n int) int64 {
	e.t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	res := e.do("city", "POST", "/api/v1/enterprises", newProfile("410105", n))
	if res.status != 201 {
		e.t.Fatalf("register enterprise %d: %s", n, res)
	}
	res.json(e.t, &v)
	return v.ID
}
