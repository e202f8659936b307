package web

import (
	"iter"
	"net/http"
	"net/url"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download is a response writer for a file download that sets its headers
// on the first write: until then nothing is sent, so a failure before the
// first byte can still be answered with an error page.
type download struct {
	rw      http.ResponseWriter
	name    string // the file name, Chinese allowed
	ascii   string // the fallback name for old clients
	started bool
}

func (d *download) Write(b []byte) (int, error) {
	if !d.started {
		d.started = true
		setAttachment(d.rw, xlsxType, d.name, d.ascii)
		d.rw.WriteHeader(http.StatusOK)
	}
	return d.rw.Write(b)
}

// setAttachment sets the headers of a download named name (RFC 6266, with an
// ASCII fallback).
func setAttachment(rw http.ResponseWriter, contentType, name, ascii string) {
	h := rw.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+ascii+`"; filename*=UTF-8''`+url.PathEscape(name))
	h.Set("Cache-Control", "no-store")
}

// streamTable writes rows as a one-sheet workbook to d. An error before the
// first byte is the error page; after it, the download breaks off and the
// log says why.
func (w *Web) streamTable(rw http.ResponseWriter, r *http.Request, d *download, sheet string, cols []xlsx.TableColumn, rows iter.Seq2[[]any, error]) {
	if err := xlsx.Table(d, sheet, cols, rows); err != nil {
		if !d.started {
			httpx.Error(rw, r, err)
			return
		}
		w.log.ErrorContext(r.Context(), "excel export broke off", "err", err)
	}
}
