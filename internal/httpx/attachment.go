package httpx

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Attachment sends a stored file as a download: the type the server
// determined (never the client's), the name as RFC 6266 filename* with an
// ASCII fallback, and a sandbox so that a file opened in the browser cannot
// run script on the site.
func Attachment(w http.ResponseWriter, name, contentType string, data []byte) {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+ascii+`"; filename*=UTF-8''`+url.PathEscape(name))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}
