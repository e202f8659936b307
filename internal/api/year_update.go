package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// yearUpdate replaces one year's figures of an enterprise's profile. The
// body is the year object of spec/profile.md; the whole profile is decoded
// and validated again with the new year in place, so a problem is reported at
// its full path ("years.2025.revenue") and cross-field rules still hold.
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
	doc, err := profile.WithYear(u.old.Profile, year, u.body)
	if err != nil {
		httpx.Error(w, r, httpx.Invalid("请求体有误", httpx.Field{Path: "years." + strconv.Itoa(year), Message: "请求体应为该年度数据的 JSON 对象"}))
		return
	}
	p, err := decodeProfile(doc, "")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec := &enterprise.Record{ID: u.old.ID, Profile: p, Chain: u.old.Chain, Status: u.old.Status, Version: u.version}
	if err := a.store.UpdateEnterprise(r.Context(), rec); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusOK, yearsOf(rec))
}

// withYear returns the stored profile as JSON with years[year] replaced by
// the raw body, for the profile decoder to check as a whole.
