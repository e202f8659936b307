package auth

import (
	"encoding/json"
	"time"
)

// AuditEntry is one row of the audit log (操作日志): who did what to which
// record, when, and the record before and after, as JSON.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   int64 // 0 for the system or an anonymous login attempt
	Actor     string
	ActorRole Role
	Action    string // e.g. enterprise.create, login.failed
	Entity    string // e.g. enterprise, user, session
	EntityID  string
	Region    string // district of the record, when it has one
	Before    json.RawMessage
	After     json.RawMessage
}

// AuditFilter selects audit entries; zero fields do not filter.
type AuditFilter struct {
	ActorID  int64
	Action   string
	Entity   string
	EntityID string
	Region   string
	Since    time.Time // inclusive
	Until    time.Time // exclusive
	Limit    int
	Offset   int
}
