package web

import "net/http"

// backupList is a tier's backup list (后备清单): who is on it and why (the
// reason and the rule that put it there, or the official who added it), the
// latest assessment, filters by district (the city), industry, status and
// rule, bulk status change and Excel export. The store keeps a district
// official to the district.
func (w *Web) backupList(rw http.ResponseWriter, r *http.Request) {
	tier, ok := pathTier(r)
	if !ok {
		tierNotFound(rw, r)
		return
	}
	w.showBackupList(rw, r, tier, r.URL.Query(), bulkStatusForm{}, nil)
}
