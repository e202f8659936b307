package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/review"
	"zjtx/internal/targets"
)

// reviewHead is a check's column: its key and Chinese name.
type reviewHead struct{ Key, Name string }

// reviewRow is a region's row of the 回头看 table: each check's count with
// the link to its list.
type reviewRow struct {
	Region, Name string
	City         bool
	Cells        []reviewCell
	Total        int
}

type reviewCell struct {
	N    int
	Href string
}

// findingRow is an enterprise of a check's list, with where to act on it.
type findingRow struct {
	cultivation.Finding
	RegionName, TierName, DueText string
	ActLabel, ActHref             string
}

// reviewActs are where an official puts each check right: the enterprise's
// 包联 page for an official or a visit, its record for a plan or a title,
// the ledger for an issue.
var reviewActs = map[string]struct{ label, href string }{
	cultivation.CheckUnassigned:     {"指定主包干部", "/baolian/enterprises/%d"},
	cultivation.CheckWithoutPlan:    {"生成培育计划", "/enterprises/%d#plans"},
	cultivation.CheckOverdueTasks:   {"查看培育计划", "/enterprises/%d#plans"},
	cultivation.CheckOverdueVisits:  {"登记走访", "/baolian/enterprises/%d#visit"},
	cultivation.CheckOverdueIssues:  {"办理诉求", "/baolian/enterprises/%d#appeals"},
	cultivation.CheckExpiringTitles: {"认定记录", "/enterprises/%d/recognitions"},
	cultivation.CheckRisks:          {"企业档案", "/enterprises/%d"},
}

func reviewHeads() []reviewHead {
	out := make([]reviewHead, len(cultivation.Checks))
	for i, ch := range cultivation.Checks {
		out[i] = reviewHead{ch, cultivation.CheckZH[ch]}
	}
	return out
}

// reviewRows lays the counts out with the links to each list.
func (w *Web) reviewRows(counts []review.Counts) []reviewRow {
	out := make([]reviewRow, len(counts))
	for i, c := range counts {
		row := reviewRow{Region: c.Region, Name: w.targetRegionName(c.Region), City: c.Region == targets.CityRegion, Total: c.Total()}
		for _, ch := range cultivation.Checks {
			row.Cells = append(row.Cells, reviewCell{N: c.Get(ch), Href: "/review/" + c.Region + "/" + ch})
		}
		out[i] = row
	}
	return out
}

// findingRows names a list's findings for the page and the workbook.
func (w *Web) findingRows(found []cultivation.Finding) []findingRow {
	out := make([]findingRow, len(found))
	for i, f := range found {
		act := reviewActs[f.Check]
		out[i] = findingRow{Finding: f, RegionName: w.region[f.Region], ActLabel: act.label, ActHref: fmt.Sprintf(act.href, f.EnterpriseID)}
		if f.Tier != "" {
			out[i].TierName = lookupOr(tierNames, f.Tier)
		}
		if !f.Due.IsZero() {
			out[i].DueText = f.Due.String()
		}
	}
	return out
}

// loadReview reviews the region asked for ("" or 4101: the caller's whole
// scope) on today; one out of the caller's scope is not found.
func (w *Web) loadReview(r *http.Request, region string) (*review.Review, error) {
	return review.Load(r.Context(), w.store, w.engine, region, w.todayDate())
}
