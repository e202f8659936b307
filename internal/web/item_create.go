package web

import "net/http"

// itemCreate adds an item to one of the profile's lists (知识产权, 资质荣誉,
// 研发机构, 科技奖励, 标准制修订) from the form under the list.
func (w *Web) itemCreate(rw http.ResponseWriter, r *http.Request) {
	w.itemSave(rw, r, -1, false)
}
