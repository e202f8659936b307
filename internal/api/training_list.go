package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// trainingItem is a session as the list answers it.
type trainingItem struct {
	ID       int64        `json:"id"`
	Level    string       `json:"level"`
	Title    string       `json:"title"`
	Date     profile.Date `json:"date"`
	Capacity int          `json:"capacity"`
	SignedUp int          `json:"signed_up"`
	Attended int          `json:"attended"`
}

// trainingList lists the training sessions, filtered by year and level
// (inclusive 普惠, mid 中端, high 高端), newest first. Every account reads the
// programme; the counts are the session's.
func (a *API) trainingList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.TrainingFilter{Year: q.int("year", 0, 2000, 2100), Level: q.oneOf("level", programme.Levels),
		Limit: q.int("limit", 50, 1, 1000), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, total, err := a.store.ListTrainings(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := make([]trainingItem, len(list))
	for i, t := range list {
		items[i] = trainingItem{ID: t.ID, Level: t.Level, Title: t.Title, Date: t.Date, Capacity: t.Capacity,
			SignedUp: t.SignedUp, Attended: t.Attended}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}
