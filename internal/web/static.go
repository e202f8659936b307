package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

// assets are the embedded static files, each with the content hash that goes
// into its URL (/static/<hash>/app.css). A changed file gets a new URL, so
// browsers may keep every response forever (Cache-Control: immutable).
type assets struct {
	files map[string]asset // path under static/ → file
}

type asset struct {
	hash string
	body []byte
	ct   string
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.files[p[len("static/"):]] = asset{hash: hex.EncodeToString(sum[:])[:12], body: b, ct: ct}
		return nil
	})
	return a, err
}

// url returns the hashed URL of a static file, or "" when it is not
// embedded (vendor files before `make assets`): templates then leave the tag
// out and the page works without it.
func (a *assets) url(name string) string {
	f, ok := a.files[name]
	if !ok {
		return ""
	}
	return "/static/" + f.hash + "/" + name
}

// static serves an embedded file. The right hash gets a year's immutable
// caching; an old hash (a page cached across a deployment) still gets the
// current file, uncached.
func (w *Web) static(rw http.ResponseWriter, r *http.Request) {
	f, ok := w.assets.files[r.PathValue("file")]
	if !ok {
		w.notFound(rw, r)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", f.ct)
	if r.PathValue("hash") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(rw, r, "", time.Time{}, bytes.NewReader(f.body))
}

// favicon answers /favicon.ico, which browsers ask for on their own, with
// the SVG icon the layout links (every browser the bureau uses reads SVG
// icons; an .ico would be a second copy of the same picture).
func (w *Web) favicon(rw http.ResponseWriter, r *http.Request) {
	f := w.assets.files["favicon.svg"]
	rw.Header().Set("Content-Type", f.ct)
	rw.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(rw, r, "", time.Time{}, bytes.NewReader(f.body))
}
