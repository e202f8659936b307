package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type clusterListView struct {
	base
	Items      []clusterRow
	TierNames  []string // the share columns' heads
	Levels     []option
	AllRegions []option
	Form       map[string]string
	Problems   []string
}

type clusterRow struct {
	*carrier.Cluster
	LevelName, RegionName string
	Shares                []shareRow
}

type shareRow struct {
	carrier.TierShare
	TierName string
	Percent  string // the share as 12.5%
}

func (w *Web) clusterRowOf(g *carrier.Cluster, shares []carrier.TierShare) clusterRow {
	row := clusterRow{Cluster: g, LevelName: cultivation.LevelZH[g.Level], RegionName: w.region[g.Region]}
	for _, s := range shares {
		pm := s.Share()
		row.Shares = append(row.Shares, shareRow{TierShare: s, TierName: cultivation.TierZH[s.Tier],
			Percent: strconv.Itoa(pm/10) + "." + strconv.Itoa(pm%10) + "%"})
	}
	return row
}

// clusterList lists the 中小企业特色产业集群 in the caller's scope with, for
// each, the share of its members on each tier's backup list or holding the
// tier's title.
func (w *Web) clusterList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.clusterPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "cluster_list", v)
}

func (w *Web) clusterPage(r *http.Request) (*clusterListView, error) {
	v := &clusterListView{base: w.base(r, "特色产业集群", "programmes"), AllRegions: w.regionOptions(),
		Levels: options([]string{cultivation.LevelNational, cultivation.LevelProvincial}, cultivation.LevelZH),
		Form:   map[string]string{"level": cultivation.LevelProvincial}}
	for _, t := range cultivation.Tiers {
		v.TierNames = append(v.TierNames, cultivation.TierZH[t])
	}
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) error {
		list, err := tx.ListClusters(r.Context())
		if err != nil {
			return err
		}
		for _, g := range list {
			shares, err := tx.ClusterShares(r.Context(), g.ID)
			if err != nil {
				return err
			}
			v.Items = append(v.Items, w.clusterRowOf(g, shares))
		}
		return nil
	})
	return v, err
}

type clusterShowView struct {
	base
	Cluster    clusterRow
	Members    []memberRow
	Problems   []string
	USCC       string
	MemberPath string
}

// clusterShow shows a cluster, its tier shares and its members.
func (w *Web) clusterShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.clusterShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "cluster_show", v)
}

func (w *Web) clusterShowView(r *http.Request, id int64) (*clusterShowView, error) {
	var row clusterRow
	var members []*enterprise.Record
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) error {
		g, err := tx.GetCluster(r.Context(), id)
		if err != nil {
			return err
		}
		shares, err := tx.ClusterShares(r.Context(), id)
		if err != nil {
			return err
		}
		row = w.clusterRowOf(g, shares)
		members, err = tx.Members(r.Context(), "cluster", id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &clusterShowView{base: w.base(r, row.Name, "programmes"), Cluster: row, Members: w.memberRows(members),
		MemberPath: "/clusters/" + strconv.FormatInt(id, 10) + "/members"}, nil
}
