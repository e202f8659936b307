package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// populationImport takes an uploaded population (the Excel import template,
// or CSV with its column headers) and queues its import as a job, whose
// page shows the progress; the rows are read, stored and evaluated there.
func (w *Web) populationImport(rw http.ResponseWriter, r *http.Request) {
	data, filename, missing, err := uploadedFile(r, "file", xlsx.MaxCSVSize)
	if missing {
		w.renderPopulations(rw, r, http.StatusBadRequest, "请选择要上传的文件（Excel 导入模板 .xlsx，或按模板列名的 CSV）。")
		return
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	_, j, err := w.jobs.ImportPopulation(r.Context(), r.FormValue("name"), filename, data, w.todayDate())
	if err != nil {
		if apperr.Code(err) == apperr.EINVALID {
			w.renderPopulations(rw, r, http.StatusBadRequest, apperr.Message(err))
			return
		}
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/jobs/%d", j.ID))
}

// populationErrors downloads the upload of a population annotated with
// 错误原因 on each refused row.
func (w *Web) populationErrors(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	name, data, err := w.store.PopulationAnnotated(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	typ, ascii := xlsxType, "errors.xlsx"
	if len(data) < 2 || string(data[:2]) != "PK" {
		typ, ascii = "text/csv; charset=utf-8", "errors.csv"
	}
	setAttachment(rw, typ, name, ascii)
	_, _ = rw.Write(data)
}
