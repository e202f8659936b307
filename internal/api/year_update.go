package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// yearUpdate replaces one year's figures of an enterprise's profile. The
// body is the year object of spec/profile.md and If-Match names the version
// it was made from (428 without, 409 when stale). The year is put into the
// record as it is inside the write transaction, so the update changes that
// year only; the whole profile is then decoded and validated again, so a
// problem is reported at its full path ("years.2025.revenue") and
// cross-field rules still hold.
func (a *API) yearUpdate(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1990 || year > 2100 {
		httpx.Error(w, r, httpx.Invalid("请求路径有误", httpx.Field{Path: "year", Message: "year：应为 1990 至 2100 之间的年份"}))
		return
	}
	u, err := a.readUpdate(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec, err := a.store.ModifyEnterprise(r.Context(), u.old.ID, u.version, func(rec *enterprise.Record) error {
		doc, err := profile.WithYear(rec.Profile, year, u.body)
		if err != nil {
			return httpx.Invalid("请求体有误", httpx.Field{Path: "years." + strconv.Itoa(year), Message: "请求体应为该年度数据的 JSON 对象"})
		}
		p, err := decodeProfile(doc, "")
		if err != nil {
			return err
		}
		rec.Profile = p
		return nil
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusOK, yearsOf(rec))
}
