package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/carrier"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type memberRow struct {
	*enterprise.Record
	RegionName, TierName string
}

type carrierShowView struct {
	base
	Carrier  carrierRow
	Members  []memberRow
	Problems []string
	USCC     string
	// MemberPath is where the members form posts: /carriers/{id}/tenants.
	MemberPath string
}

// carrierShow shows a carrier with its tenant enterprises and the form to
// register one.
func (w *Web) carrierShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.carrierShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "carrier_show", v)
}

func (w *Web) carrierShowView(r *http.Request, id int64) (*carrierShowView, error) {
	var k *carrier.Carrier
	var members []*enterprise.Record
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) {
		if k, err = tx.GetCarrier(r.Context(), id); err != nil {
			return err
		}
		members, err = tx.Members(r.Context(), "carrier", id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &carrierShowView{base: w.base(r, k.Name, "programmes"), Carrier: w.carrierRowOf(k), Members: w.memberRows(members),
		MemberPath: "/carriers/" + strconv.FormatInt(id, 10) + "/tenants"}, nil
}

func (w *Web) memberRows(list []*enterprise.Record) []memberRow {
	out := make([]memberRow, len(list))
	for i, e := range list {
		out[i] = memberRow{Record: e, RegionName: w.region[e.Region], TierName: lookupOr(tierNames, e.Tier)}
	}
	return out
}
