package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// yearUpdate saves one data year's figures from its form. The figures are
// put into the stored profile as the JSON format has them and the whole
// document is decoded and validated again, so the form obeys exactly the
// rules of the JSON format and the API. On a problem the page comes back
// with the user's input kept and the Chinese message beside each field.
func (w *Web) yearUpdate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	year, err := pathYear(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	old, err := w.store.GetEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	form := &yearForm{Year: year, Version: version, Open: true}
	yearDoc := map[string]json.RawMessage{}
	for _, k := range yearKeys {
		info, _ := profile.Describe("years.*." + k)
		val := formValue(r, k)
		form.Fields = append(form.Fields, formField{Name: k, Label: info.Label, Unit: info.Unit, Kind: info.Kind, Value: val})
		if val != "" {
			yearDoc[k] = jsonScalar(info.Kind, val)
		}
	}
	yearJSON, err := json.Marshal(yearDoc)
	if err != nil {
		httpx.Error(rw, r, apperr.Wrap(err, apperr.EINTERNAL, ""))
		return
	}
	doc, err := profile.WithYear(old.Profile, year, yearJSON)
	if err != nil {
		httpx.Error(rw, r, apperr.Wrap(err, apperr.EINTERNAL, ""))
		return
	}
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		prefix := fmt.Sprintf("years.%d.", year)
		for _, e := range errs {
			if e.Warning {
				continue
			}
			placed := false
			for i := range form.Fields {
				if e.Path == prefix+form.Fields[i].Name {
					form.Fields[i].Error = fieldMessage(e)
					placed = true
				}
			}
			if !placed {
				form.Other = append(form.Other, e.MessageZH)
			}
		}
		v, err := w.enterprisePage(r, id, form)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		w.render(rw, r, http.StatusBadRequest, "enterprise_show", v)
		return
	}
	rec := &enterprise.Record{ID: id, Profile: p, Chain: old.Chain, Status: old.Status, Version: version}
	if err := w.store.UpdateEnterprise(r.Context(), rec); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/enterprises/%d?saved=%d#year-%d", id, year, year))
}
