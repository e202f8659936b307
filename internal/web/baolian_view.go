package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// The rows the 包联 pages show: every word precomputed, so templates stay
// plain.

type assignmentRow struct {
	*baolian.Assignment
	RoleName, FromText, ToText, DueText string
	Overdue                             bool
}

func (w *Web) assignmentRowOf(s *baolian.Assignment) assignmentRow {
	today := baolian.Date(w.now())
	return assignmentRow{Assignment: s, RoleName: baolian.RoleName(s.Role), FromText: dayText(s.From), ToText: dayText(s.To),
		DueText: dayText(s.NextVisitDue), Overdue: s.Open(today) && s.NextVisitDue.Before(today)}
}

type visitRow struct {
	*baolian.Visit
	FormName, DateText, NextText string
}

func visitRowOf(v *baolian.Visit) visitRow {
	return visitRow{Visit: v, FormName: baolian.FormName(v.Form), DateText: dayText(v.On), NextText: dayText(v.NextDue)}
}

type appealRow struct {
	*baolian.Appeal
	StatusName, SourceName, Registered, DueRoute, DueFeedback, DueSolve string
	Late                                                                string // the 13710 stage it is late on, in Chinese
	SatisfactionName                                                    string
}

func (w *Web) appealRowOf(p *baolian.Appeal) appealRow {
	due := func(t time.Time) string { return t.In(cst).Format("2006-01-02") }
	return appealRow{Appeal: p, StatusName: baolian.StatusName(p.Status), SourceName: baolian.SourceName(p.Source),
		Registered: p.RegisteredAt.In(cst).Format("2006-01-02 15:04"), DueRoute: due(p.Due.Route), DueFeedback: due(p.Due.Feedback),
		DueSolve: due(p.Due.Solve), Late: baolian.StageName(p.Overdue(w.now())), SatisfactionName: baolian.SatisfactionName(p.Satisfaction)}
}

// countsRow is a line of the measures: counts and the three rates.
type countsRow struct {
	baolian.Counts
	SolveRate, OnTimeRate, SatisfactionRate string
}

func countsRowOf(c baolian.Counts) countsRow {
	return countsRow{Counts: c, SolveRate: pct(c.SolveRate()), OnTimeRate: pct(c.OnTimeRate()), SatisfactionRate: pct(c.SatisfactionRate())}
}

func pct(r *float64) string {
	if r == nil {
		return "—"
	}
	return strconv.FormatFloat(*r*100, 'f', 1, 64) + "%"
}

func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// formDay reads a YYYY-MM-DD form field; a bad one is a problem naming it.
func formDay(r *http.Request, name string, ps *[]baolian.Problem) time.Time {
	s := formValue(r, name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		*ps = append(*ps, baolian.Problem{Path: name, Message: name + "：请输入日期，如 2025-03-18"})
	}
	return t
}

// formID reads a positive whole number from a form (0: absent or bad).
func formID(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(formValue(r, name), 10, 64)
	if n < 0 {
		return 0
	}
	return n
}

// baolianLabels name the fields of the 包联 forms in error summaries.
var baolianLabels = map[string]string{
	"official_id": "包联干部", "role": "包联角色", "from": "开始日期", "to": "结束日期", "enterprise_id": "企业",
	"date": "走访日期", "form": "走访形式", "summary": "走访情况", "attendees": "参加人员", "policies": "送达政策", "next_due": "下次走访",
	"category": "诉求类别", "title": "诉求事项", "content": "诉求内容", "source": "诉求来源",
	"issue.category": "诉求类别", "issue.title": "诉求事项", "issue.content": "诉求内容",
	"action": "操作", "text": "说明", "lead_unit": "主办单位", "co_units": "协办单位", "days": "延期天数", "satisfaction": "回访结果",
	"tier": "后备清单", "status": "状态",
}

// problemSummary lists the domain's problems, each linking to its input
// (id "f-<path>").
func problemSummary(heading string, ps []baolian.Problem) *errorSummary {
	s := &errorSummary{Heading: heading}
	for _, p := range ps {
		msg := p.Message
		if len(msg) > len(p.Path) && msg[:len(p.Path)] == p.Path {
			msg = msg[len(p.Path):]
			for _, sep := range []string{"：", ":"} {
				if len(msg) >= len(sep) && msg[:len(sep)] == sep {
					msg = msg[len(sep):]
				}
			}
		}
		s.Items = append(s.Items, summaryItem{Href: "#f-" + p.Path, Label: baolianLabels[p.Path], Message: msg})
	}
	return s.orNil()
}

// storeSummary is the summary of a refusal by the store: bad input or a
// conflict is shown on the page with the input kept; anything else goes to
// the error page (ok false).
func storeSummary(heading string, err error) (*errorSummary, bool) {
	switch apperr.Code(err) {
	case apperr.EINVALID, apperr.ECONFLICT, apperr.EPRECONDITION:
		return &errorSummary{Heading: heading, Items: []summaryItem{{Message: apperr.Message(err)}}}, true
	}
	return nil, false
}

// failForm answers a refused form: the page again with the summary when
// the refusal is the user's to fix, the error page otherwise.
func failForm(rw http.ResponseWriter, r *http.Request, heading string, err error, again func(*errorSummary)) {
	if s, ok := storeSummary(heading, err); ok {
		again(s)
		return
	}
	httpx.Error(rw, r, err)
}

// formValues is the posted form, kept to fill a form shown again.
func formValues(r *http.Request) url.Values {
	if r.PostForm == nil {
		_ = r.ParseForm()
	}
	return r.PostForm
}
