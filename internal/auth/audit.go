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

	Seq        int64  // place in the hash chain (0: not sealed yet)
	GroupID    int64  // rows of one request share it: the seq of its first row
	ClientAddr string // the client's address, "" for work outside a request
	Hash       string // SHA-256 of the row and PrevHash, hex
	PrevHash   string // Hash of the row at Seq − 1, "" for the first

	// Read from the records the row names, when they still exist (lists
	// fill them; the audit row itself keeps only ids):
	ActorName    string // the actor's name (姓名)
	EntityName   string // the record's name: the enterprise, the user, the token
	EnterpriseID int64  // the enterprise an enterprise or assessment row is about
	GroupSize    int    // rows in the group, this one included
}

// AuditFilter selects audit entries; zero fields do not filter.
type AuditFilter struct {
	ActorID  int64
	Actor    string // the actor's username
	Action   string
	Entity   string
	EntityID string
	Region   string
	GroupID  int64
	Since    time.Time // inclusive
	Until    time.Time // exclusive
	Limit    int
	Offset   int
}
