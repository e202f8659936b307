package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/carrier"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

type parkListView struct {
	base
	Items      []parkRow
	AllRegions []option
	Form       map[string]string
	Problems   []string
}

type parkRow struct {
	*carrier.Park
	RegionName string
}

// parkList lists the 专精特新产业园 rounds, with the form to open one (city
// officials).
func (w *Web) parkList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.parkPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "park_list", v)
}

func (w *Web) parkPage(r *http.Request) (*parkListView, error) {
	v := &parkListView{base: w.base(r, "专精特新产业园", "programmes"), AllRegions: w.regionOptions(),
		Form: map[string]string{"year": strconv.Itoa(w.today().Year())}}
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) error {
		list, err := tx.ListParks(r.Context())
		for _, p := range list {
			v.Items = append(v.Items, parkRow{Park: p, RegionName: w.region[p.Region]})
		}
		return err
	})
	return v, err
}

// parkCreate opens a park round from the form (city officials).
func (w *Web) parkCreate(rw http.ResponseWriter, r *http.Request) {
	form := formFields(r, "name", "region", "land_mu", "places", "year")
	p := &carrier.Park{Name: form["name"], Region: form["region"]}
	var problems []string
	problems = append(problems, parseFormDec(form["land_mu"], "可供土地（亩）", &p.LandMu)...)
	problems = append(problems, parseFormInt(form["places"], "入园名额", &p.Places)...)
	problems = append(problems, parseFormInt(form["year"], "年度", &p.Year)...)
	if len(problems) == 0 {
		err := w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error { return tx.CreatePark(r.Context(), p) })
		var ok bool
		if problems, ok = saveProblems(rw, r, err); !ok {
			return
		}
		if problems == nil {
			redirect(rw, r, "/parks/"+strconv.FormatInt(p.ID, 10))
			return
		}
	}
	v, err := w.parkPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Form, v.Problems = form, problems
	w.render(rw, r, http.StatusBadRequest, "park_list", v)
}

// parseFormDec parses a decimal field (up to four places) into to.
func parseFormDec(s, zh string, to *profile.Dec) []string {
	d, err := profile.ParseDec(s)
	if err != nil {
		return []string{zh + "：“" + s + "”不是有效数字（至多 4 位小数）"}
	}
	*to = d
	return nil
}

// parseFormInt parses a whole-number field into to.
func parseFormInt(s, zh string, to *int) []string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return []string{zh + "：“" + s + "”不是整数"}
	}
	*to = n
	return nil
}
