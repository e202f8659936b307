package web

import (
	"net/http"
	"slices"

	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type carrierListView struct {
	base
	Kind, Region string
	Kinds        []option
	Levels       []option
	Regions      []option
	AllRegions   []option
	Items        []carrierRow
	Form         map[string]string
	Problems     []string
}

type carrierRow struct {
	*carrier.Carrier
	KindName, LevelName, RegionName string
}

func (w *Web) carrierRowOf(k *carrier.Carrier) carrierRow {
	return carrierRow{Carrier: k, KindName: carrier.KindZH[k.Kind], LevelName: cultivation.LevelZH[k.Level], RegionName: w.region[k.Region]}
}

// carrierList lists the innovation carriers (创新载体) in the caller's scope,
// with the form to register one (city officials).
func (w *Web) carrierList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.carrierPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "carrier_list", v)
}

func (w *Web) carrierPage(r *http.Request) (*carrierListView, error) {
	q := r.URL.Query()
	v := &carrierListView{base: w.base(r, "创新载体", "programmes"), Kinds: options(carrier.Kinds, carrier.KindZH),
		Levels: options(carrier.Levels, cultivation.LevelZH), Regions: w.managedRegionOptions(r), AllRegions: w.regionOptions(),
		Form: map[string]string{"level": cultivation.LevelMunicipal}}
	if slices.Contains(carrier.Kinds, q.Get("kind")) {
		v.Kind = q.Get("kind")
	}
	if w.region[q.Get("region")] != "" {
		v.Region = q.Get("region")
	}
	var list []*carrier.Carrier
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) {
		list, err = tx.ListCarriers(r.Context(), v.Kind, v.Region)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, k := range list {
		v.Items = append(v.Items, w.carrierRowOf(k))
	}
	return v, nil
}
