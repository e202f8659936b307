package api

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
	"zjtx/internal/xlsx"
)

// importResult is the answer of an import. On 400 it carries the error
// object every API error has, besides the counts and the rows.
type importResult struct {
	Error    *httpx.ErrorDetail `json:"error,omitempty"`
	Imported int                `json:"imported"`
	Created  int                `json:"created"`
	Updated  int                `json:"updated"`
	// Unchanged are the rows of enterprises on file that change nothing:
	// not written, not refused.
	Unchanged int           `json:"unchanged"`
	Rejected  int           `json:"rejected"`
	Errors    []importError `json:"errors"`
}

type importError struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Path    string `json:"path"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// enterpriseImport reads a filled import template, sent as the body or as
// the multipart field "file". Without partial=1 a workbook with any wrong
// row writes nothing (400 with every error), nor does one with a row the
// store refuses (409: a record changed since the export, a row without a
// version for a registered enterprise, a code registered in another
// district); with it the clean enterprises are written and the others
// reported. The writes are one transaction.
func (a *API) enterpriseImport(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	partial := q.bool("partial")
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	data, err := readUpload(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, _ := auth.CallerFrom(r.Context())
	all := make([]auth.Region, 0, len(a.regions))
	for code, name := range a.regions {
		all = append(all, auth.Region{Code: code, Name: name})
	}
	res, err := xlsx.ImportBytes(data, c.ManagedRegions(all), xlsx.ImportLimits)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	report := func(status int, detail *httpx.ErrorDetail, o sqlstore.SaveOutcome) {
		out := importResult{Error: detail, Imported: o.Created + o.Updated, Created: o.Created, Updated: o.Updated, Unchanged: o.Unchanged,
			Rejected: res.Counts.Rejected, Errors: make([]importError, len(res.Errors))}
		for i, e := range res.Errors {
			out.Errors[i] = importError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Path: e.Path, Message: e.MessageZH, Warning: e.Warning}
		}
		httpx.JSON(w, status, out)
	}
	if res.Counts.ErrorRows > 0 && (!partial || len(res.Records) == 0) {
		report(http.StatusBadRequest, &httpx.ErrorDetail{Code: apperr.EINVALID, Fields: []httpx.Field{},
			Message: "导入文件有误，未导入任何数据；请按 errors 逐行修改，或以 partial=1 只导入无误的企业"}, sqlstore.SaveOutcome{})
		return
	}
	o, err := a.store.SaveEnterprises(r.Context(), res.Records, res.Merge, !partial)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	res.Refuse(o.Refused)
	if len(o.Refused) > 0 && (!partial || o.Created+o.Updated+o.Unchanged == 0) {
		report(http.StatusConflict, &httpx.ErrorDetail{Code: apperr.ECONFLICT, Fields: []httpx.Field{},
			Message: "部分企业无法按文件更新（导出后已被修改、没有数据版本或已在其他区县登记），未导入任何数据；请按 errors 逐行处理，或以 partial=1 只导入其余企业"}, o)
		return
	}
	report(http.StatusOK, nil, o)
}

// readUpload returns the uploaded file: the multipart field "file", or the
// whole body.
func readUpload(r *http.Request) ([]byte, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		f, _, err := r.FormFile("file")
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, err
			}
			return nil, httpx.Invalid("请上传 Excel 文件", httpx.Field{Path: "file", Message: "file：缺少上传的 Excel 文件（.xlsx）"})
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, apperr.Wrap(err, apperr.EINVALID, "无法读取请求体")
	}
	return b, nil
}
