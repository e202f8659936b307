package web

import (
	"net/http"

	"zjtx/internal/library"
)

// docLink is a policy library document a citation names, for a link to
// its page.
type docLink struct {
	ID           int64
	DocNo, Title string
}

// docLinker returns what links a citation (a reward policy's 文号 with its
// clause) to the library's documents by 文号. The library is the
// officials' (sqlstore.requirePolicyReader): for anyone else it links
// nothing.
func (w *Web) docLinker(r *http.Request, u *userView) (func(citation string) []docLink, error) {
	if !u.IsOfficial() {
		return func(string) []docLink { return nil }, nil
	}
	nos, err := w.store.PolicyDocNos(r.Context())
	if err != nil {
		return nil, err
	}
	known := func(n string) bool { _, ok := nos[n]; return ok }
	return func(citation string) []docLink {
		var out []docLink
		for _, n := range library.Cited(citation, known) {
			d := nos[n]
			out = append(out, docLink{ID: d.ID, DocNo: d.DocNo, Title: d.Title})
		}
		return out
	}, nil
}
