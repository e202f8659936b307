package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/hub"
)

type bottleneckListView struct {
	base
	Chain       string
	Chains      []option
	Items       []*hub.Bottleneck
	StatusZH    map[string]string
	Projects    []*hub.JointProject
	RoleZH      map[string]string
	ShowProject bool
}

// bottleneckList lists the bottlenecks of the key chains (技术攻关清单) and,
// for officials, the joint projects tackling them.
func (w *Web) bottleneckList(rw http.ResponseWriter, r *http.Request) {
	c := caller(r)
	v := bottleneckListView{base: w.base(r, "技术攻关", "bottlenecks"), Chains: hubChainOptions(),
		Chain: oneOf(r.URL.Query().Get("chain"), hub.Default().Chains...), StatusZH: hub.BottleneckStatusZH,
		RoleZH: hub.ParticipantRoleZH, ShowProject: c.Role == "city" || c.Role == "district"}
	var err error
	if v.Items, err = w.store.ListBottlenecks(r.Context(), v.Chain); err != nil {
		w.fail(rw, r, err)
		return
	}
	if v.ShowProject {
		if v.Projects, err = w.store.ListJointProjects(r.Context()); err != nil && apperr.Code(err) != apperr.EFORBIDDEN {
			w.fail(rw, r, err)
			return
		}
	}
	w.render(rw, r, http.StatusOK, "hub_bottlenecks", v)
}
