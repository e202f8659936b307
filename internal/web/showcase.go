package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/sqlstore"
)

type showcaseView struct {
	base
	Items []*library.Case
	One   bool // a single case's page
}

// showcase is the public page of published typical cases (典型经验): the
// list at /showcase, one case at /showcase/{id}. No login: the bureau
// publishes them to be read.
func (w *Web) showcase(rw http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			httpx.Error(rw, r, err)
			return
		}
	}
	var list []*library.Case
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) { list, err = tx.PublishedCases(r.Context(), id); return err })
	if err == nil && id != 0 && len(list) == 0 {
		err = apperr.Errorf(apperr.ENOTFOUND, "案例不存在或未发布")
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := &showcaseView{base: w.base(r, "专精特新典型案例", "showcase"), Items: list, One: id != 0}
	if v.One {
		v.Title = list[0].Title
	}
	w.render(rw, r, http.StatusOK, "showcase", v)
}
