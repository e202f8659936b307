package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/sqlstore"
)

// policyList searches the policy library: q over title, 文号, tags and full
// text (Chinese), level, tag; without the full texts.
func (a *API) policyList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.PolicyDocFilter{Q: q.str("q", 100), Level: q.oneOf("level", library.Levels), Tag: q.str("tag", 20),
		Limit: q.int("limit", 50, 1, 1000), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, total, err := a.store.ListPolicyDocs(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": total})
}

// policyGet returns a document with its full text.
func (a *API) policyGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	d, err := a.store.GetPolicyDoc(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(d.Version))
	httpx.JSON(w, http.StatusOK, d)
}
