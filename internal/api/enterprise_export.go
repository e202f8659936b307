package api

import (
	"net/http"
	"net/url"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// enterpriseExport streams the enterprises in the caller's scope matching
// the list's filters (without limit and offset) as a workbook in the import
// template's layout.
func (a *API) enterpriseExport(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := a.enterpriseFilter(q)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	regions := make([]auth.Region, 0, len(a.regions))
	for code, name := range a.regions {
		regions = append(regions, auth.Region{Code: code, Name: name})
	}
	d := &download{w: w}
	if err := xlsx.Export(d, a.store.EachEnterprise(r.Context(), f), regions); err != nil {
		if !d.started {
			httpx.Error(w, r, err)
			return
		}
		a.log.ErrorContext(r.Context(), "excel export broke off", "err", err)
	}
}

// download sets the headers of the workbook on its first write, so that a
// failure before it can still be answered with a JSON error.
type download struct {
	w       http.ResponseWriter
	started bool
}

func (d *download) Write(b []byte) (int, error) {
	if !d.started {
		d.started = true
		h := d.w.Header()
		h.Set("Content-Type", xlsxType)
		h.Set("Content-Disposition", `attachment; filename="zjtx-enterprises.xlsx"; filename*=UTF-8''`+url.PathEscape("企业名单.xlsx"))
		h.Set("Cache-Control", "no-store")
		d.w.WriteHeader(http.StatusOK)
	}
	return d.w.Write(b)
}
