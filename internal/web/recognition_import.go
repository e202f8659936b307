package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
)

// recognitionImport reads an official published list, records the rows
// matched in the caller's scope and shows every other row with its reason
// and the annotated workbook; a large list's rows are recorded by a job,
// whose page shows the progress.
func (w *Web) recognitionImport(rw http.ResponseWriter, r *http.Request) {
	data, _, missing, err := uploadedFile(r, "file", httpx.MaxUploadBody)
	if missing {
		w.recognitionImportFailed(rw, r, "请选择要上传的 Excel 文件（.xlsx）。")
		return
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	res, err := jobs.ImportRecognitionList(r.Context(), w.store, w.jobs, data)
	if err != nil {
		if status, _, msg := httpx.Status(err); status < 500 && status != http.StatusRequestEntityTooLarge {
			w.recognitionImportFailed(rw, r, "未导入任何数据："+msg)
			return
		}
		httpx.Error(rw, r, err)
		return
	}
	if res.Job != nil && len(res.Errors) == 0 {
		redirect(rw, r, "/jobs/"+strconv.FormatInt(res.Job.ID, 10))
		return
	}
	v, err := w.recognitionPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Imported, v.Rows, v.Created, v.Updated, v.Errors = true, res.Rows, res.Created, res.Updated, res.Errors
	v.Message = "导入完成。"
	if res.Job != nil {
		v.Message = "已匹配的行由后台任务写入（任务 " + strconv.FormatInt(res.Job.ID, 10) + "）；下列行未能记录。"
	}
	if len(v.Errors) > maxListedErrors {
		v.MoreErrors, v.Errors = len(v.Errors)-maxListedErrors, v.Errors[:maxListedErrors]
	}
	if res.Annotated != nil {
		v.Annotated = template.URL("data:" + xlsxType + ";base64," + base64.StdEncoding.EncodeToString(res.Annotated))
		v.AnnotatedName = "认定名单错误原因-" + w.today().Format("20060102-150405") + ".xlsx"
	}
	w.render(rw, r, http.StatusOK, "recognition_list", v)
}

func (w *Web) recognitionImportFailed(rw http.ResponseWriter, r *http.Request, msg string) {
	v, err := w.recognitionPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Message = msg
	w.render(rw, r, http.StatusBadRequest, "recognition_list", v)
}
