package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// contestResult records an entry's stage and result, made from the version
// the page showed. An enterprise entry's result goes into its profile's
// maker_china and the enterprise is assessed again in the same
// transaction, so its direct routes (全国500强 → 专精特新, 全国50强 → 小巨人)
// and its backup lists follow at once.
func (w *Web) contestResult(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	eid, err := pathID(r, "entry")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	version, _ := strconv.ParseInt(formValue(r, "version"), 10, 64)
	err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
		_, rec, err := tx.SetEntryResult(r.Context(), eid, version, formValue(r, "stage"), formValue(r, "result"))
		if err == nil && rec != nil {
			err = w.reassess(r, tx, rec)
		}
		return err
	})
	if err != nil {
		w.contestFormFailed(rw, r, id, nil, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/contests/%d?saved=result#entry-%d", id, eid))
}

// reassess evaluates a record changed in tx today and stores the
// assessments in tx, as the enterprise page's 评价并保存 does; a date
// without a rule set stores nothing. A valid 小巨人 is assessed as a 复核:
// its next assessment is its review (in 2026 still under little_giant@2022,
// whose 创新直通条件 a 全国50强 meets).
func (w *Web) reassess(r *http.Request, tx *sqlstore.Tx, rec *enterprise.Record) error {
	review := cultivation.Holds(rec.Profile, profile.TierLittleGiant, w.asOf())
	_, list, err := assess.Evaluate(w.engine, rec, criteria.Options{AsOf: w.asOf(), Review: review})
	if errors.Is(err, assess.ErrNoRuleSet) {
		return nil // no rule set applies today: nothing to assess
	}
	if err != nil {
		return err
	}
	return assess.Save(r.Context(), tx, list)
}

// notFoundAsInvalid turns a lookup's "not found" into a form problem.
func notFoundAsInvalid(err error, msg string) error {
	if apperr.Code(err) == apperr.ENOTFOUND {
		return apperr.Errorf(apperr.EINVALID, "%s", msg)
	}
	return err
}
