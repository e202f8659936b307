package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// conflictView is the page of an edit made from an older version of the
// record: what the user typed beside what the record holds now, for the
// fields where they differ, and the way back to the record.
type conflictView struct {
	base
	Rec       *enterprise.Record
	Yours     int64 // the version the user edited
	LastActor string
	Rows      []conflictRow
	Gone      bool // the edit cannot be applied to the current record (its item was deleted)
	Back      string
}

type conflictRow struct{ Label, Yours, Current string }

// profileEdit is a user's change to a profile as a page saves it: the
// changed profile, or the problems at their paths.
type profileEdit func(p *profile.Profile) (*profile.Profile, profile.Errors)

// saveEdit applies edit to the enterprise's record as it is inside the
// write transaction, made from version (the store checks it, and who may
// write which field).
func (w *Web) saveEdit(r *http.Request, id, version int64, edit profileEdit) error {
	_, err := w.store.ModifyEnterprise(r.Context(), id, version, func(rec *enterprise.Record) error {
		p, errs := edit(rec.Profile)
		if errs.HasErrors() {
			return apperr.Wrap(errs, apperr.EINVALID, "企业画像有误，请按提示修改")
		}
		rec.Profile = p
		return nil
	})
	return err
}

// saveFailed answers a failed save of an edit page. A stale version shows
// the conflict page: the same edit applied to the current record, where
// it differs from it; other errors go to the usual error page.
func (w *Web) saveFailed(rw http.ResponseWriter, r *http.Request, id, yours int64, edit profileEdit, back string, err error) {
	switch {
	case apperr.Is(err, apperr.EPRECONDITION):
		// The store's words name the API's header; a page's user needs a way on.
		httpx.Error(rw, r, apperr.Wrap(err, apperr.EPRECONDITION, "表单缺少档案版本，请返回企业档案页刷新后重新填写"))
		return
	case !apperr.Is(err, apperr.ECONFLICT) || yours == 0:
		httpx.Error(rw, r, err)
		return
	}
	cur, gerr := w.store.GetEnterprise(r.Context(), id)
	if gerr != nil {
		httpx.Error(rw, r, gerr)
		return
	}
	v := &conflictView{base: w.base(r, "档案已被他人修改", "enterprises"), Rec: cur, Yours: yours,
		Back: "/enterprises/" + strconv.FormatInt(id, 10) + back}
	if h, herr := w.store.ListEnterpriseHistory(r.Context(), id, 1); herr == nil && len(h) > 0 {
		v.LastActor = h[0].Actor
	}
	mine, _ := edit(cur.Profile.Clone())
	if mine == nil {
		v.Gone, mine = true, cur.Profile
	}
	for _, path := range profile.Diff(cur.Profile, mine) {
		v.Rows = append(v.Rows, conflictRow{Label: pathLabel(path), Yours: valueText(mine, path), Current: valueText(cur.Profile, path)})
	}
	w.render(rw, r, http.StatusConflict, "conflict", v)
}

// valueText shows the value at a Diff path: a scalar as the format writes
// it, a list by its number of items.
func valueText(p *profile.Profile, path string) string {
	if s, ok := p.GetPath(path); ok {
		return s
	}
	if n, known := p.ListLen(path); known {
		return fmt.Sprintf("%d 项", n)
	}
	return "（空）"
}

// fieldErrors returns the field problems an error carries: validation
// (profile.Errors) or refused fields (EFORBIDDEN naming them).
func fieldErrors(err error) (profile.Errors, bool) {
	var errs profile.Errors
	if errors.As(err, &errs) {
		return errs, true
	}
	return nil, false
}
