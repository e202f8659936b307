package httpx

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"zjtx/internal/apperr"
)

// requestLog collects what the access log line reports about a request
// beyond its status: the error the handler answered with.
type requestLog struct {
	err    error
	status int
}

type requestLogKey struct{}

// noteError records err for the request's log line; without Logger in the
// chain it is logged at once.
func noteError(r *http.Request, err error, status int) {
	if rl, ok := r.Context().Value(requestLogKey{}).(*requestLog); ok {
		rl.err, rl.status = err, status
		return
	}
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	slog.Log(r.Context(), level, "request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Logger writes one line per request: method, path, status, bytes, duration,
// the user, and the error the handler answered with (its whole chain: logs
// are where internal detail goes). Requests that failed with a 5xx are logged
// at level Error, others at Info.
func Logger(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rl := &requestLog{}
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestLogKey{}, rl)))
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			if !log.Enabled(r.Context(), level) {
				return
			}
			attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", status), slog.Int64("bytes", sw.bytes),
				slog.Duration("dur", time.Since(start))}
			if c, ok := callerOf(r); ok {
				attrs = append(attrs, slog.String("user", c.Username))
			}
			if rl.err != nil {
				attrs = append(attrs, slog.String("err", rl.err.Error()))
			}
			log.LogAttrs(r.Context(), level, "http", attrs...)
		})
	}
}

// Recover turns a panic in a handler into a 500 with the generic message,
// and logs the panic with its stack. http.ErrAbortHandler is re-raised: it is
// how a handler asks net/http to drop the connection.
func Recover(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				p := recover()
				if p == nil {
					return
				}
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				Error(w, r, apperr.Wrap(fmt.Errorf("panic: %v", p), apperr.EINTERNAL, ""))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// LimitBody caps request bodies at n bytes. Reading past it fails with
// *http.MaxBytesError, which Error answers with 413. The API takes 2 MiB of
// JSON; imports (Excel) take 33 MiB.
func LimitBody(n int64) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				Error(w, r, &http.MaxBytesError{Limit: n})
				return
			}
			if r.Body != nil {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// LimitBodyRoutes is LimitBody(n) for every request except those of the
// routes with a MaxBody of their own, matched by method and path; such
// routes must have no wildcards in their pattern.
func LimitBodyRoutes(n int64, routes []Route) Middleware {
	own := map[string]int64{}
	for _, rt := range routes {
		if rt.MaxBody > 0 {
			own[rt.Method+" "+rt.Pattern] = rt.MaxBody
		}
	}
	return func(next http.Handler) http.Handler {
		def, lim := LimitBody(n)(next), map[int64]http.Handler{}
		for _, m := range own {
			lim[m] = LimitBody(m)(next)
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if m, ok := own[r.Method+" "+r.URL.Path]; ok {
				lim[m].ServeHTTP(w, r)
				return
			}
			def.ServeHTTP(w, r)
		})
	}
}

// Body limits.
const (
	MaxJSONBody   = 2 << 20  // JSON API requests
	MaxUploadBody = 33 << 20 // imports: an Excel file of up to 32 MiB (xlsx.ImportLimits) in its multipart envelope
)
