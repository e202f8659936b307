package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// yearUpdate saves one data year's figures from its form. The figures are
// put into the record as it is inside the write transaction (so the save
// changes that year only) as the JSON format has them, and the whole
// document is decoded and validated again, so the form obeys exactly the
// rules of the JSON format and the API. The form carries the version it was
// filled from: a stale one shows both versions. On a problem the page comes
// back with the user's input kept and the Chinese message beside each field.
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
	version := formVersion(r)
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
	edit := func(p *profile.Profile) (*profile.Profile, profile.Errors) {
		doc, err := profile.WithYear(p, year, yearJSON)
		if err != nil {
			return nil, profile.Errors{{Path: fmt.Sprintf("years.%d", year), MessageZH: "年度数据无法读取"}}
		}
		return profile.DecodeBytes(doc)
	}
	err = w.saveEdit(r, id, version, edit)
	if err == nil {
		redirect(rw, r, fmt.Sprintf("/enterprises/%d?saved=%d#year-%d", id, year, year))
		return
	}
	if errs, ok := fieldErrors(err); ok {
		form.place(errs, fmt.Sprintf("years.%d.", year))
		v, perr := w.enterprisePage(r, id, form)
		if perr != nil {
			httpx.Error(rw, r, perr)
			return
		}
		status, _, _ := httpx.Status(err)
		w.render(rw, r, status, "enterprise_show", v)
		return
	}
	w.saveFailed(rw, r, id, version, edit, fmt.Sprintf("#year-%d", year), err)
}

// place puts field problems beside the form's fields (paths under prefix)
// and the rest above them.
func (f *yearForm) place(errs profile.Errors, prefix string) {
	for _, e := range errs {
		if e.Warning {
			continue
		}
		placed := false
		for i := range f.Fields {
			if e.Path == prefix+f.Fields[i].Name {
				f.Fields[i].Error = fieldMessage(e)
				placed = true
			}
		}
		if !placed {
			f.Other = append(f.Other, e.MessageZH)
		}
	}
}
