package httpx

import "net/http"

// NoSniff forbids content sniffing on every response under it, downloads
// and documents included: a browser must take each at its declared type and
// never run one as a page. JSON sets it on its own as well.
func NoSniff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}
