package auth

import (
	"context"
	"sync/atomic"
)

// Caller is who is acting: the logged-in user, or the system for work that
// no person started (migrations, the demo loader, scheduled jobs). The store
// reads it from the context and derives every scope condition from it.
type Caller struct {
	UserID        int64 // 0 for the system
	Username      string
	Role          Role
	Region        string // district code, for district officials
	EnterpriseID  int64  // for enterprise accounts
	InstitutionID int64  // for institution and bank accounts
	// MustChangePassword: the session may only change its password (it
	// expired, or an administrator set it); see httpx.Access.AnyPassword.
	MustChangePassword bool
}

// System is the caller for work no user started: it has the city's reach and
// is recorded in the audit log as "system". Only cmd/ should use it.
var System = Caller{Username: "system", Role: RoleCity}

type callerKey struct{}

// WithCaller returns a context that carries c.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the caller carried by ctx; ok is false when there is none.
func CallerFrom(ctx context.Context) (c Caller, ok bool) {
	c, ok = ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// Origin is where a request came from, for the audit log: the client's
// address, and the group its audit rows share. It travels in the context
// beside the caller, and is there for anonymous requests too (a failed login
// has no caller but is audited with its address). The HTTP layer sets it
// for every request; work outside a request has none.
type Origin struct {
	Addr  string       // the client's address (host, without the port)
	group atomic.Int64 // the request's audit group, once its first row is written
}

type originKey struct{}

// WithOrigin returns a context that carries a new Origin for a request from
// addr.
func WithOrigin(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, originKey{}, &Origin{Addr: addr})
}

// OriginFrom returns the context's Origin, or nil outside a request.
func OriginFrom(ctx context.Context) *Origin {
	o, _ := ctx.Value(originKey{}).(*Origin)
	return o
}

// Group returns the audit group of the request: the first value any of its
// transactions offered, so that the rows of one request share it even when
// it writes in several transactions. On a nil Origin (no request) it returns
// first: the transaction is the group.
func (o *Origin) Group(first int64) int64 {
	if o == nil {
		return first
	}
	o.group.CompareAndSwap(0, first)
	return o.group.Load()
}

// AddrOf returns the client address of the context's request, "" outside one.
func AddrOf(ctx context.Context) string {
	if o := OriginFrom(ctx); o != nil {
		return o.Addr
	}
	return ""
}
