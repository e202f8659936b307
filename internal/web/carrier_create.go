package web

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/carrier"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// carrierCreate registers a carrier from the form (city officials).
func (w *Web) carrierCreate(rw http.ResponseWriter, r *http.Request) {
	form := formFields(r, "name", "kind", "level", "operator", "region", "area_sqm", "recognized_on", "doc_no")
	k := &carrier.Carrier{Name: form["name"], Kind: form["kind"], Level: form["level"], Operator: form["operator"],
		Region: form["region"], DocNo: form["doc_no"]}
	var problems []string
	if form["area_sqm"] != "" {
		n, err := strconv.ParseInt(form["area_sqm"], 10, 64)
		if err != nil {
			problems = append(problems, "面积：请填写整数平方米")
		}
		k.AreaSqm = n
	}
	problems = append(problems, parseFormDate(form["recognized_on"], "认定日期", &k.RecognizedOn)...)
	if len(problems) == 0 {
		err := w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error { return tx.CreateCarrier(r.Context(), k) })
		var ok bool
		if problems, ok = saveProblems(rw, r, err); !ok {
			return
		}
		if problems == nil {
			redirect(rw, r, "/carriers/"+strconv.FormatInt(k.ID, 10))
			return
		}
	}
	v, err := w.carrierPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Form, v.Problems = form, problems
	w.render(rw, r, http.StatusBadRequest, "carrier_list", v)
}

// formFields reads the named fields of a form, trimmed.
func formFields(r *http.Request, names ...string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = strings.TrimSpace(r.FormValue(n))
	}
	return out
}

// parseFormDate parses a date field into to; a bad one is a problem named
// by the field's Chinese name. An empty field leaves to as it is.
func parseFormDate(s, zh string, to *profile.Date) []string {
	if s == "" {
		return nil
	}
	d, err := profile.ParseDate(s)
	if err != nil {
		return []string{zh + "：“" + s + "”不是有效日期，请按 年-月-日 填写"}
	}
	*to = d
	return nil
}

// notFoundAsProblem turns a lookup's ENOTFOUND into an invalid input with
// msg, for a form field that names a record (a USCC): the form is shown
// again instead of a 404 page.
func notFoundAsProblem(err error, msg string) error {
	if apperr.Code(err) == apperr.ENOTFOUND {
		return apperr.Errorf(apperr.EINVALID, "%s", msg)
	}
	return err
}
