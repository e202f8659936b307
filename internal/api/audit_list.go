package api

import (
	"net/http"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// auditList lets city officials browse and filter the audit log (操作日志),
// with the names of the people and records it mentions, the client address
// and the group of each row. since and until are dates (China time) or
// RFC 3339 times; until is exclusive.
func (a *API) auditList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := auth.AuditFilter{
		ActorID:  int64(q.int("actor_id", 0, 0, 1<<62)),
		Actor:    q.str("actor", 64),
		GroupID:  int64(q.int("group_id", 0, 0, 1<<62)),
		Action:   q.str("action", 64),
		Entity:   q.str("entity", 64),
		EntityID: q.str("entity_id", 64),
		Region:   q.str("region", 6),
		Since:    q.time("since"),
		Until:    q.time("until"),
		Limit:    q.int("limit", 50, 1, 500),
		Offset:   q.int("offset", 0, 0, 1<<30),
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		q.bad("until", "不能早于 since")
	}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	entries, total, err := a.store.ListAudit(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := make([]auditView, len(entries))
	for i, e := range entries {
		items[i] = auditOf(e)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": total, "limit": f.Limit, "offset": f.Offset})
}

// time reads a date (midnight China time) or an RFC 3339 time.
func (p *params) time(name string) time.Time {
	s := p.q.Get(name)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, cst); err == nil {
		return t
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		p.bad(name, "应为日期 YYYY-MM-DD 或 RFC 3339 时间")
	}
	return t
}
