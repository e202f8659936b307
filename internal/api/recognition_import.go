package api

import (
	"encoding/base64"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
)

// listImportResult is the answer of an official list's import.
type listImportResult struct {
	Rows      int           `json:"rows"`
	Created   int           `json:"created"`
	Updated   int           `json:"updated"`
	Unmatched int           `json:"unmatched"`
	Errors    []importError `json:"errors"`
	Annotated string        `json:"annotated,omitempty"` // the workbook with 错误原因, base64
	Job       *jobView      `json:"job,omitempty"`       // the job recording a large list's rows
}

// recognitionImport reads an official published list (the body or the
// multipart field "file"), matches its rows by USCC in the caller's scope
// and records them; every row not recorded is in errors and in the
// annotated workbook. A list of more than 500 matched rows is recorded by a
// job (202 with the job).
func (a *API) recognitionImport(w http.ResponseWriter, r *http.Request) {
	data, err := readUpload(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := jobs.ImportRecognitionList(r.Context(), a.store, a.jobs, data)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := listImportResult{Rows: res.Rows, Created: res.Created, Updated: res.Updated, Errors: make([]importError, len(res.Errors))}
	rows := map[int]bool{}
	for i, e := range res.Errors {
		out.Errors[i] = importError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Path: e.Path, Message: e.MessageZH, Warning: e.Warning}
		rows[e.Row] = true
	}
	out.Unmatched = len(rows)
	if res.Annotated != nil {
		out.Annotated = base64.StdEncoding.EncodeToString(res.Annotated)
	}
	status := http.StatusOK
	if res.Job != nil {
		v := jobOf(res.Job)
		out.Job, status = &v, http.StatusAccepted
	}
	httpx.JSON(w, status, out)
}
