package httpx

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"
)

// gzipMinSize is the smallest response worth compressing: below about one
// packet the gzip header and the CPU cost outweigh the bytes saved.
const gzipMinSize = 1024

// gzipPool recycles compressors: a gzip.Writer holds about 800 KB of tables.
// BestSpeed because JSON and HTML compress well at any level, and the
// server's cores are better spent on evaluations.
var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// Gzip compresses text responses (HTML, JSON, CSS, JavaScript, SVG) of a
// kilobyte or more for clients that accept gzip. Small responses, other
// types and responses that already carry an encoding pass through.
func Gzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.finish()
		next.ServeHTTP(gw, r)
	})
}

func acceptsGzip(ae string) bool {
	for part := range strings.SplitSeq(ae, ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	switch ct = strings.TrimSpace(strings.ToLower(ct)); {
	case strings.HasPrefix(ct, "text/"), ct == "application/json", ct == "application/javascript",
		ct == "image/svg+xml", strings.HasSuffix(ct, "+json"):
		return true
	}
	return false
}

// gzipWriter holds back the status and the first bytes until it knows
// whether the response is worth compressing.
type gzipWriter struct {
	http.ResponseWriter
	status  int
	buf     []byte
	decided bool
	gz      *gzip.Writer
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.status != 0 {
		return
	}
	g.status = code
	if code < 200 || code == http.StatusNoContent || code == http.StatusNotModified {
		g.decide(false)
	}
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if g.status == 0 {
		g.status = http.StatusOK
	}
	if g.decided {
		if g.gz != nil {
			return g.gz.Write(b)
		}
		return g.ResponseWriter.Write(b)
	}
	g.buf = append(g.buf, b...)
	if len(g.buf) >= gzipMinSize {
		g.decide(true)
		if err := g.flushBuf(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// decide fixes the encoding and writes the header.
func (g *gzipWriter) decide(big bool) {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	if h.Get("Content-Type") == "" && len(g.buf) > 0 {
		h.Set("Content-Type", http.DetectContentType(g.buf))
	}
	if big && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
		h.Del("Content-Length")
		h.Set("Content-Encoding", "gzip")
		g.gz = gzipPool.Get().(*gzip.Writer)
		g.gz.Reset(g.ResponseWriter)
	}
	if g.status == 0 {
		g.status = http.StatusOK
	}
	g.ResponseWriter.WriteHeader(g.status)
}

func (g *gzipWriter) flushBuf() error {
	if len(g.buf) == 0 {
		return nil
	}
	var err error
	if g.gz != nil {
		_, err = g.gz.Write(g.buf)
	} else {
		_, err = g.ResponseWriter.Write(g.buf)
	}
	g.buf = g.buf[:0]
	return err
}

// Flush sends what is buffered (compressed when decided so), for streamed
// responses.
func (g *gzipWriter) Flush() {
	g.decide(len(g.buf) >= gzipMinSize)
	_ = g.flushBuf()
	if g.gz != nil {
		_ = g.gz.Flush()
	}
	http.NewResponseController(g.ResponseWriter).Flush()
}

func (g *gzipWriter) finish() {
	if g.status == 0 && len(g.buf) == 0 && !g.decided {
		return // the handler wrote nothing: net/http sends 200 with no body
	}
	g.decide(false)
	_ = g.flushBuf()
	if g.gz != nil {
		_ = g.gz.Close()
		g.gz.Reset(nil)
		gzipPool.Put(g.gz)
		g.gz = nil
	}
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
