package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"strings"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// maxListedErrors bounds the errors the import page lists; the annotated
// workbook carries them all.
const maxListedErrors = 200

type enterpriseImportView struct {
	base
	Regions        string // the regions the caller may import into
	Partial        bool   // 仅导入无误的行 was ticked
	Done           bool   // a file was read
	Written        bool   // records were written
	Message        string // the outcome, or why the file could not be read
	Counts         xlsx.Counts
	Created        int
	Updated        int
	Unchanged      int // rows of enterprises on file that change nothing
	Errors         []xlsx.RowError
	MoreErrors     int
	Annotated      template.URL // the annotated workbook, or the list of errors, as a data: URL
	AnnotatedName  string
	AnnotatedLabel string
}

func (w *Web) importView(r *http.Request) enterpriseImportView {
	v := enterpriseImportView{base: w.base(r, "批量导入企业", "enterprises")}
	c, _ := httpx.Caller(r)
	var names []string
	for _, rg := range c.ManagedRegions(w.regions) {
		names = append(names, rg.Name)
	}
	if c.Role == auth.RoleCity {
		v.Regions = "全市各区县（市）及开发区"
	} else {
		v.Regions = strings.Join(names, "、")
	}
	return v
}

// enterpriseImportForm shows the upload form.
func (w *Web) enterpriseImportForm(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "enterprise_import", w.importView(r))
}

// enterpriseImport reads a filled template. When a row is wrong nothing is
// written, unless 仅导入无误的行 is ticked, in which case the clean
// enterprises (each with all its year rows) are; the same holds for rows the
// store refuses (a record changed since the export, a row without a version
// for a registered enterprise, a code registered in another district).
// Either way the page lists the problems and offers the workbook annotated
// with 错误原因. The writes of one import are one transaction, audited per
// record.
func (w *Web) enterpriseImport(rw http.ResponseWriter, r *http.Request) {
	v := w.importView(r)
	v.Partial = r.FormValue("partial") == "1"
	data, _, missing, err := uploadedFile(r, "file", httpx.MaxUploadBody)
	if missing {
		v.Message = "请选择要上传的 Excel 文件（.xlsx）。"
		w.render(rw, r, http.StatusBadRequest, "enterprise_import", v)
		return
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	c, _ := httpx.Caller(r)
	res, err := xlsx.ImportBytes(data, c.ManagedRegions(w.regions), xlsx.ImportLimits)
	if err != nil {
		w.importFailed(rw, r, v, err)
		return
	}
	v.Done = true
	status := http.StatusOK
	switch bad := res.Counts.ErrorRows > 0; {
	case bad && len(res.Records) == 0:
		v.Message = "文件中没有无误的企业，未导入任何数据。请按下列错误原因（或下载标注了错误原因的文件）修改后重新上传。"
		status = http.StatusBadRequest
	case bad && !v.Partial:
		v.Message = "文件中有错误，未导入任何数据。请按下列错误原因（或下载标注了错误原因的文件）修改后重新上传；也可勾选「仅导入无误的行」先导入无误的企业。"
		status = http.StatusBadRequest
	default:
		o, err := w.store.SaveEnterprises(r.Context(), res.Records, res.Merge, !v.Partial)
		if err != nil {
			w.importFailed(rw, r, v, err)
			return
		}
		res.Refuse(o.Refused)
		v.Created, v.Updated, v.Unchanged, v.Written = o.Created, o.Updated, o.Unchanged, o.Created+o.Updated > 0
		v.Message = "导入完成。"
		if len(o.Refused) > 0 && (!v.Partial || !v.Written && o.Unchanged == 0) {
			v.Message = "文件中有企业无法按文件更新（导出后平台上已被修改、没有数据版本或已在其他区县登记），未导入任何数据。请按下列原因处理；也可勾选「仅导入无误的行」先导入其余企业。"
			status = http.StatusConflict
		}
	}
	v.Counts, v.Errors = res.Counts, res.Errors
	if len(v.Errors) > maxListedErrors {
		v.MoreErrors = len(v.Errors) - maxListedErrors
		v.Errors = v.Errors[:maxListedErrors]
	}
	if res.Counts.ErrorRows > 0 {
		var buf bytes.Buffer
		v.AnnotatedLabel, v.AnnotatedName = "下载标注错误原因的文件", "导入错误原因-"
		err := xlsx.Annotate(&buf, bytes.NewReader(data), res)
		if errors.Is(err, xlsx.ErrNotAnnotated) {
			buf.Reset()
			v.AnnotatedLabel, v.AnnotatedName = "下载错误清单（文件较大，不生成标注文件）", "导入错误清单-"
			err = xlsx.ErrorList(&buf, res)
		}
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Annotated = template.URL("data:" + xlsxType + ";base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
		v.AnnotatedName += w.today().Format("20060102-150405") + ".xlsx"
	}
	w.render(rw, r, status, "enterprise_import", v)
}

// importFailed shows a problem with the file or the writes (4xx, a file
// over a limit included) on the page; anything else is the error page.
func (w *Web) importFailed(rw http.ResponseWriter, r *http.Request, v enterpriseImportView, err error) {
	status, _, msg := httpx.Status(err)
	if status >= 500 {
		httpx.Error(rw, r, err)
		return
	}
	v.Message = "未导入任何数据：" + msg
	v.Written, v.Created, v.Updated = false, 0, 0
	w.render(rw, r, status, "enterprise_import", v)
}
