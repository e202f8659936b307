package web

import (
	"net/http"

	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

type contestListView struct {
	programmeBase
	Items []*programme.Contest
	Form  map[string]string
}

func (w *Web) contestListPage(r *http.Request, form map[string]string) (*contestListView, error) {
	v := &contestListView{programmeBase: w.programmeBase(r, "“创客中国”中小企业创新创业大赛", "contests"), Form: form}
	if v.Form == nil {
		v.Form = map[string]string{}
	}
	var err error
	v.Items, err = w.store.ListContests(r.Context())
	return v, err
}

type contestShowView struct {
	programmeBase
	C       *programme.Contest
	Entries []*programme.Entry
	Groups  []option
	Stages  []option
	Results []option
	Regions []option
	Form    map[string]string
}

func (w *Web) contestShowPage(r *http.Request, id int64, form map[string]string) (*contestShowView, error) {
	c, err := w.store.GetContest(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := &contestShowView{programmeBase: w.programmeBase(r, c.Name, "contests"), C: c,
		Groups: options([]string{programme.GroupEnterprise, programme.GroupMaker}, programme.GroupZH),
		Stages: options(programme.Stages, programme.StageZH), Results: options(programme.Results, programme.ResultZH),
		Regions: w.managedRegionOptions(r), Form: form}
	if v.Form == nil {
		v.Form = map[string]string{"group": programme.GroupEnterprise}
	}
	v.Entries, err = w.store.ListEntries(r.Context(), sqlstore.EntryFilter{ContestID: id})
	return v, err
}

type eventListView struct {
	programmeBase
	Items []*programme.Event
	Kinds []option
	Form  map[string]string
}

func (w *Web) eventListPage(r *http.Request, form map[string]string) (*eventListView, error) {
	v := &eventListView{programmeBase: w.programmeBase(r, "展会与专题活动", "events"),
		Kinds: options(programme.EventKinds, programme.EventKindZH), Form: form}
	if v.Form == nil {
		v.Form = map[string]string{}
	}
	var err error
	v.Items, err = w.store.ListEvents(r.Context())
	return v, err
}

type eventShowView struct {
	programmeBase
	E            *programme.Event
	KindName     string
	Participants []*programme.Participant
	Roles        []option
	Form         map[string]string
}

func (w *Web) eventShowPage(r *http.Request, id int64, form map[string]string) (*eventShowView, error) {
	e, err := w.store.GetEvent(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := &eventShowView{programmeBase: w.programmeBase(r, e.Title, "events"), E: e, KindName: programme.EventKindZH[e.Kind],
		Roles: options([]string{"exhibitor", "invitee"}, programme.ParticipantRoleZH), Form: form}
	if v.Form == nil {
		v.Form = map[string]string{"role": "exhibitor"}
	}
	v.Participants, err = w.store.ListParticipants(r.Context(), sqlstore.ParticipantFilter{EventID: id})
	return v, err
}

// enterpriseByUSCC finds the enterprise a form names by its USCC, in the
// caller's scope; 0 and the store's error when none.
func (w *Web) enterpriseByUSCC(r *http.Request, uscc string) (int64, error) {
	rec, err := w.store.GetEnterpriseByUSCC(r.Context(), uscc)
	if err != nil {
		return 0, err
	}
	return rec.ID, nil
}
