package server_test

import (
	"context"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
)

// newAccount creates a district account (金水区) with the demo password
// through the store, as the system, and returns its id.
func (e *env) newAccount(username string) int64 {
	e.t.Helper()
	hash, err := auth.HashPassword(demo.Password)
	if err != nil {
		e.t.Fatal(err)
	}
	u := &auth.User{Username: username, Name: "测试账号", Role: auth.RoleDistrict, Region: demo.Jinshui, PasswordHash: hash}
	if err := e.app.Store.CreateUser(auth.WithCaller(context.Background(), auth.System), u); err != nil {
		e.t.Fatal(err)
	}
	return u.ID
}

// apiToken issues an API token to the demo account of role through the
// store and returns its id ("" role: 1, which an anonymous call never
// reaches).
func (e *env) apiToken(role string) int64 {
	e.t.Helper()
	if role == "" {
		return 1
	}
	ctx := context.Background()
	u, err := e.app.Store.FindUserByUsername(ctx, role)
	if err != nil {
		e.t.Fatal(err)
	}
	_, t, err := e.app.Store.CreateAPIToken(auth.WithCaller(ctx, u.Caller()), "测试", t0.Add(24*time.Hour))
	if err != nil {
		e.t.Fatal(err)
	}
	return t.ID
}
