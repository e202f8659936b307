package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// recognitionTemplate downloads the official list template (认定名单模板).
func (w *Web) recognitionTemplate(rw http.ResponseWriter, r *http.Request) {
	d := &download{rw: rw, name: "认定名单导入模板.xlsx", ascii: "zjtx-recognitions-template.xlsx"}
	if err := xlsx.RecognitionTemplate(d); err != nil && !d.started {
		httpx.Error(rw, r, err)
	}
}
