package auth

import "context"

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
