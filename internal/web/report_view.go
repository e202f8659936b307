package web

import (
	"encoding/json"
	"fmt"
	"sort"

	"zjtx/internal/criteria"
)

// The views of an evaluation. They mirror the evaluator's JSON contract
// (spec/profile.md) with outcomes as their words, so a live report and a
// stored assessment (its result JSON) fill the same templates: the stored
// one is shown exactly as it was decided.

type reportView struct {
	AsOf     string
	DataYear int
	Review   bool
	Tiers    []*tierView
}

type tierView struct {
	Tier        string      `json:"tier"`
	TierName    string      `json:"tier_name"`
	RuleSet     string      `json:"ruleset"`
	RuleSetName string      `json:"ruleset_name"`
	RuleSetHash string      `json:"ruleset_hash"`
	Source      string      `json:"source"`
	Status      string      `json:"status"`
	Summary     string      `json:"summary"` // the outcome and its main reasons, one line
	Reasons     []string    `json:"reasons"`
	Route       string      `json:"route"`
	RouteText   string      `json:"route_text"`
	Score       *int        `json:"score"`
	ScoreMax    *int        `json:"score_max"`
	PassScore   int         `json:"pass_score"`
	Conditions  []*condView `json:"conditions"`
	Categories  []catView   `json:"categories"`
	Items       []*itemView `json:"items"`
	Gaps        []gapView   `json:"gaps"`
	NotBefore   *int        `json:"not_before"`
	Requires    []string    `json:"requires"`
	Version     string      `json:"-"` // rule-set version
	SourceURL   string      `json:"-"`
	Issued      string      `json:"-"`
	Rows        []condRow   `json:"-"` // conditions flattened, children indented
	Lost        []*itemView `json:"-"` // 扣分项: items losing points, most lost first
	Plans       []gapView   `json:"-"` // the first three gap plans
	Extra       []*itemView `json:"-"` // items at full marks
	raw         *criteria.TierReport
}

type condView struct {
	ID         string      `json:"id"`
	Label      string      `json:"label"`
	Kind       string      `json:"kind"`
	Outcome    string      `json:"outcome"`
	Display    string      `json:"display"`
	Threshold  string      `json:"threshold"`
	Needs      string      `json:"needs"`
	Year       int         `json:"year"`
	ReviewNote string      `json:"review_note"`
	Ref        string      `json:"ref"`
	Children   []*condView `json:"children"`
}

type condRow struct {
	Depth int
	*condView
}

type catView struct {
	Label  string `json:"label"`
	Points int    `json:"points"`
	Max    int    `json:"max"`
	Min    int    `json:"min"`
	Met    bool   `json:"met"`
}

type itemView struct {
	ID       string    `json:"id"`
	Label    string    `json:"label"`
	Category string    `json:"category"`
	Outcome  string    `json:"outcome"`
	Points   int       `json:"points"`
	Max      int       `json:"max"`
	Lost     int       `json:"lost"`
	Display  string    `json:"display"`
	Band     string    `json:"band"`
	Next     *nextView `json:"next"`
	Ref      string    `json:"ref"`
}

type nextView struct {
	Points int    `json:"points"`
	Needs  string `json:"needs"`
}

type gapView struct {
	Changes []changeView `json:"changes"`
	Reaches string       `json:"reaches"`
	Score   *int         `json:"score"`
	Summary string       `json:"summary"`
}

type changeView struct {
	Path string `json:"path"`
	Unit string `json:"unit"`
	Text string `json:"text"`
}

// maxPlans is how many gap plans a report shows (the cheapest first).
const maxPlans = 3

// reportOf turns a live report into its view.
func (w *Web) reportOf(rep *criteria.Report) (*reportView, error) {
	v := &reportView{AsOf: rep.AsOf, DataYear: rep.DataYear, Review: rep.Review}
	for _, tr := range rep.Tiers {
		b, err := json.Marshal(tr)
		if err != nil {
			return nil, fmt.Errorf("web: report: %w", err)
		}
		tv, err := w.tierOf(b, "")
		if err != nil {
			return nil, err
		}
		tv.raw = tr
		v.Tiers = append(v.Tiers, tv)
	}
	sortTiers(v.Tiers)
	return v, nil
}

// tierOrder is the order pages show tiers in: the ladder 创新型 → 专精特新 →
// 小巨人 first, then 科技型中小企业, a programme of its own beside it.
var tierOrder = map[string]int{"innovative": 0, "srdi": 1, "little_giant": 2, "tech_sme": 3}

func sortTiers(ts []*tierView) {
	sort.SliceStable(ts, func(i, j int) bool { return tierOrder[ts[i].Tier] < tierOrder[ts[j].Tier] })
}

// tierOf reads one tier's result JSON (live or stored). version is the
// stored rule-set version; "" takes the engine's.
func (w *Web) tierOf(result []byte, version string) (*tierView, error) {
	var tv tierView
	if err := json.Unmarshal(result, &tv); err != nil {
		return nil, fmt.Errorf("web: tier result: %w", err)
	}
	tv.Version = version
	if tv.Summary == "" {
		// A result stored before reports said why: word it now, from the
		// result as it was decided, as the engine words a live one.
		// One the engine can no longer read is still shown, without them.
		var tr criteria.TierReport
		if json.Unmarshal(result, &tr) == nil {
			criteria.Summarize(&tr)
			tv.Summary, tv.Reasons, tv.RouteText = tr.Summary, tr.Reasons, tr.RouteText
		}
	}
	if plan := w.engine.Plan(tv.RuleSet); plan != nil {
		if tv.Version == "" {
			tv.Version = plan.RS.Version
		}
		tv.SourceURL, tv.Issued = plan.RS.Source.URL, plan.RS.Source.Issued
	}
	var walk func(list []*condView, depth int)
	walk = func(list []*condView, depth int) {
		for _, c := range list {
			tv.Rows = append(tv.Rows, condRow{depth, c})
			walk(c.Children, depth+1)
		}
	}
	walk(tv.Conditions, 0)
	for _, it := range tv.Items {
		if it.Lost > 0 {
			tv.Lost = append(tv.Lost, it)
		} else {
			tv.Extra = append(tv.Extra, it)
		}
	}
	sort.SliceStable(tv.Lost, func(i, j int) bool { return tv.Lost[i].Lost > tv.Lost[j].Lost })
	tv.Plans = tv.Gaps
	if len(tv.Plans) > maxPlans {
		tv.Plans = tv.Plans[:maxPlans]
	}
	return &tv, nil
}

// Passed reports whether the tier is reached (pass, or pass pending an
// official's confirmation).
func (t *tierView) Passed() bool { return t.Status == "pass" || t.Status == "review" }

// MetByDirect reports whether a 直通条件 reached the tier, so its score did
// not decide it.
func (t *tierView) MetByDirect() bool {
	return t.Route == "direct" && t.Passed()
}

// RouteLabel names the route tried or met, as the engine words it.
func (t *tierView) RouteLabel() string {
	if t.RouteText != "" {
		return t.RouteText
	}
	return routeName(t.Route)
}

// ScoreText is "72 分（达标线 60 分）", or "" without a points table; a tier
// met by a 直通条件 does not weigh its score against the pass mark.
func (t *tierView) ScoreText() string {
	switch {
	case t.Score == nil:
		return ""
	case t.MetByDirect():
		return fmt.Sprintf("%d 分（已满足直通条件，不以评分认定）", *t.Score)
	}
	return fmt.Sprintf("%d 分（达标线 %d 分）", *t.Score, t.PassScore)
}

// Detailed reports whether a plan's changes say more than its summary: a
// plan of one change is summed up by that change.
func (g gapView) Detailed() bool {
	return len(g.Changes) > 1 || len(g.Changes) == 1 && g.Changes[0].Text != g.Summary
}

// ShortHash is the first 12 hex digits of the rule set's content hash.
func (t *tierView) ShortHash() string {
	if len(t.RuleSetHash) > 12 {
		return t.RuleSetHash[:12]
	}
	return t.RuleSetHash
}
