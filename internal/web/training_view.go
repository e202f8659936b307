package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// programmeTabs is the sub-navigation of the programme pages.
type programmeTab struct{ Href, Label, Key string }

var programmeTabs = []programmeTab{{"/trainings", "培训", "trainings"}, {"/trainings/coverage", "轮训覆盖与计划", "coverage"},
	{"/contests", "“创客中国”大赛", "contests"}, {"/events", "展会与专题活动", "events"}}

// programmeBase is the part every programme page shares.
type programmeBase struct {
	base
	Tab     string
	Tabs    []programmeTab
	Summary *errorSummary
	Saved   string
}

func (w *Web) programmeBase(r *http.Request, title, tab string) programmeBase {
	tabs := programmeTabs[:1]
	if c, ok := httpx.Caller(r); ok && (c.Role == auth.RoleCity || c.Role == auth.RoleDistrict) {
		tabs = programmeTabs
	}
	return programmeBase{base: w.base(r, title, "trainings"), Tab: tab, Tabs: tabs, Saved: r.URL.Query().Get("saved")}
}

// failed lists the problem of a refused form for its page and returns the
// page's status; 0 for an error the form cannot explain (not found,
// forbidden, internal…), which the caller answers with the error page.
func (b *programmeBase) failed(err error) int {
	status := map[string]int{apperr.EINVALID: http.StatusBadRequest, apperr.ECONFLICT: http.StatusConflict,
		apperr.EPRECONDITION: http.StatusPreconditionRequired}[apperr.Code(err)]
	if status != 0 {
		b.Summary = &errorSummary{Heading: "未能保存，请修改以下内容："}
		b.Summary.addOther(apperr.Message(err))
	}
	return status
}

// trainingListView is the list of sessions and, for the city, the form
// to schedule one.
type trainingListView struct {
	programmeBase
	Year   int
	Level  string
	Years  []option
	Levels []option
	Items  []*programme.Training
	Total  int
	Form   map[string]string
}

func (w *Web) trainingListPage(r *http.Request, form map[string]string) (*trainingListView, error) {
	q := r.URL.Query()
	v := &trainingListView{programmeBase: w.programmeBase(r, "培训", "trainings"),
		Year: queryInt(q, "year", 0, 2000, 2100), Level: oneOf(q.Get("level"), programme.Levels...),
		Levels: options(programme.Levels, programme.LevelZH), Form: form}
	for y := w.today().Year() + 1; y >= w.today().Year()-3; y-- {
		v.Years = append(v.Years, option{strconv.Itoa(y), fmt.Sprintf("%d 年", y)})
	}
	if v.Form == nil {
		v.Form = map[string]string{"level": programme.LevelInclusive, "capacity": "200"}
	}
	var err error
	v.Items, v.Total, err = w.store.ListTrainings(r.Context(), sqlstore.TrainingFilter{Year: v.Year, Level: v.Level, Limit: 200})
	return v, err
}

// trainingShowView is a session's page.
type trainingShowView struct {
	programmeBase
	T          *programme.Training
	LevelName  string
	Signups    []*programme.Signup
	Invitees   []sqlstore.Invitee
	Mine       *programme.Signup // the enterprise account's own sign-up
	Roles      []option
	Tiers      []option
	Regions    []option
	Form       map[string]string
	IsToday    bool
	IsPast     bool
	ShowsCheck bool
}

func (w *Web) trainingShowPage(r *http.Request, id int64, form map[string]string) (*trainingShowView, error) {
	ctx := r.Context()
	t, err := w.store.GetTraining(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &trainingShowView{programmeBase: w.programmeBase(r, t.Title, "trainings"), T: t, LevelName: programme.LevelZH[t.Level],
		Tiers: options([]string{"innovative", "srdi", "little_giant"}, tierNames), Regions: w.managedRegionOptions(r), Form: form}
	for _, role := range t.Audience.Roles {
		v.Roles = append(v.Roles, option{role, programme.RoleZH[role]})
	}
	if len(v.Roles) == 0 {
		v.Roles = options(programme.Roles, programme.RoleZH)
	}
	today := w.todayDate()
	v.IsToday, v.IsPast = t.Date == today, t.Date.Before(today)
	if v.Form == nil {
		v.Form = map[string]string{}
	}
	if v.Signups, err = w.store.ListSignups(ctx, id); err != nil {
		return nil, err
	}
	if v.User.IsEnterprise() {
		for _, s := range v.Signups {
			if s.EnterpriseID == v.User.EnterpriseID && s.Status != programme.SignupCancelled {
				v.Mine = s
			}
		}
		v.ShowsCheck = v.Mine != nil && v.Mine.Status == programme.SignupConfirmed && v.IsToday
	}
	if v.User.IsOfficial() {
		if v.Invitees, err = w.store.ListInvitees(ctx, id); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// parseDate reads a form date, naming the field when it is bad.
func parseDate(value, label string) (profile.Date, error) {
	d, err := profile.ParseDate(value)
	if err != nil {
		return d, apperr.Errorf(apperr.EINVALID, "%s：“%s”不是有效日期，请按 年-月-日 填写", label, value)
	}
	return d, nil
}

// formFailed answers a refused programme form: its page built again (with
// the user's input) showing the problem, with the status failed gives; the
// error page for an error a form cannot explain.
func formFailed[V interface{ failed(error) int }](w *Web, rw http.ResponseWriter, r *http.Request, page string, err error, build func() (V, error)) {
	v, verr := build()
	status := 0
	if verr == nil {
		status = v.failed(err)
	}
	if status == 0 {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, status, page, v)
}

// pathTraining reads the {id} path parameter and returns that session.
func (w *Web) pathTraining(r *http.Request) (*programme.Training, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return w.store.GetTraining(r.Context(), id)
}
