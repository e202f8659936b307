package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// yearKeys are the figures of a data year, in the order of spec/profile.md;
// the edit form and the table show them with the format's Chinese names.
var yearKeys = []string{"revenue", "main_revenue", "rd_expense", "total_assets", "total_liabilities", "net_profit",
	"employees", "rd_staff", "tech_staff", "equity_financing", "sales_revenue", "cost_expense_total", "platform_score"}

type enterpriseView struct {
	base
	Rec        *enterprise.Record
	P          *profile.Profile
	RegionName string
	Titles     []validity
	Honors     []validity
	Years      []int
	YearRows   []yearRow
	Forms      []*yearForm
	Lists      []*itemList
	Facts      []fact
	Latest     *latestView
	History    []historyRow
	Saved      string
	CanEdit    bool
	Summary    *errorSummary  // the problems of a year form that failed to save
	Backup     *backupSection // the enterprise's backup list entries (officials)
	Plans      *planSection   // its cultivation plans (officials and the enterprise)
	Programmes *programmeSection
	Matches    *gapMatchSection // 匹配服务 for the latest assessment's gaps (officials and the enterprise)
}

type validity struct {
	Name     string
	From     string
	To       string
	Valid    bool
	DaysLeft int // days from today to the end of validity; -1 when it has no end
}

// Soon reports whether a valid title ends within 90 days: time to prepare
// its 复核.
func (v validity) Soon() bool { return v.Valid && v.DaysLeft >= 0 && v.DaysLeft <= 90 }

type yearRow struct {
	Label  string
	Unit   string
	Values []string
}

type fact struct{ Label, Value string }

// yearForm is the edit form of one data year: the user's input and the
// messages beside each field when saving failed.
type yearForm struct {
	Year    int
	Version int64
	Open    bool
	Fields  []formField
	Other   []string // problems not about one of the fields
}

// formField is one input of a form: its name (the profile path for the
// self-test, the year key for a year form), label, unit, the value shown
// (the user's input after a failed save) and the message beside it.
type formField struct {
	ID       string // the input's id when "f-"+Name is not unique on the page (see InputID)
	Name     string
	Label    string
	Unit     string
	Kind     string // decimal, integer, bool, date, string, select
	Value    string
	Error    string
	Hint     string
	Options  []option
	Checked  bool
	ReadOnly bool // the caller may not change it (enterprise.FieldAuthority)
}

type latestView struct {
	At       time.Time
	AsOf     string
	DataYear int
	Review   bool
	Tiers    []*tierView
	Stale    bool // the profile changed since: the result may be out of date
}

type historyRow struct {
	At      time.Time
	Actor   string
	Role    string
	Action  string
	Changes []string
}

// enterprisePage loads everything the enterprise page shows. forms may carry
// a year form that failed to save (the user's input and its errors); it
// replaces the form built from the stored figures.
func (w *Web) enterprisePage(r *http.Request, id int64, failed *yearForm) (*enterpriseView, error) {
	ctx := r.Context()
	rec, err := w.store.GetEnterprise(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &enterpriseView{base: w.base(r, rec.Name, "enterprises"), Rec: rec, P: rec.Profile,
		RegionName: w.region[rec.Region]}
	v.CanEdit = v.User != nil && v.User.Role != auth.RoleInstitution && v.User.Role != auth.RoleBank
	if v.User.IsOfficial() {
		if v.Backup, err = w.backupSectionOf(r, rec); err != nil {
			return nil, err
		}
	}
	if v.User.IsOfficial() || v.User.IsEnterprise() {
		if v.Plans, err = w.planSectionOf(r, rec, v.User.IsOfficial()); err != nil {
			return nil, err
		}
		if v.Matches, err = w.gapMatchSectionOf(r, rec.ID); err != nil {
			return nil, err
		}
	}
	if v.Programmes, err = w.programmeSectionOf(r, rec.ID); err != nil {
		return nil, err
	}
	today := w.today()
	v.Titles, v.Honors = titlesOf(rec.Profile, w.asOf())
	v.Years = sortedYears(rec.Profile.Years)
	for _, k := range yearKeys {
		info, _ := profile.Describe("years.*." + k)
		row := yearRow{Label: info.Label, Unit: info.Unit}
		any := false
		for _, y := range v.Years {
			s, ok := rec.Profile.GetPath(fmt.Sprintf("years.%d.%s", y, k))
			if !ok {
				s = "—"
			} else {
				s, any = fmtFigure(s, info.Unit), true
			}
			row.Values = append(row.Values, s)
		}
		if any {
			v.YearRows = append(v.YearRows, row)
		}
	}
	editYears := slices.Clone(v.Years)
	if dy := today.Year() - 1; !slices.Contains(editYears, dy) {
		editYears = append([]int{dy}, editYears...)
	}
	for _, y := range editYears {
		f := yearFormOf(rec, y)
		if failed != nil && failed.Year == y {
			f = failed
		}
		// Every year form has the same inputs: their ids carry the year.
		for i := range f.Fields {
			f.Fields[i].ID = fmt.Sprintf("f-%d-%s", y, f.Fields[i].Name)
		}
		if v.User != nil {
			f.lockFields(v.User.Role)
		}
		v.Forms = append(v.Forms, f)
	}
	if failed != nil {
		v.Summary = yearSummary(failed)
	}
	v.Facts = factsOf(rec.Profile)
	role := auth.Role("")
	if v.User != nil {
		role = v.User.Role
	}
	v.Lists = itemListsOf(rec, role, v.CanEdit, v.CSRF, nil)
	if v.Latest, err = w.latestAssessment(r, rec); err != nil {
		return nil, err
	}
	entries, err := w.store.ListEnterpriseHistory(ctx, id, 20)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		v.History = append(v.History, historyRow{At: e.At, Actor: e.Actor, Role: e.ActorRole.Label(),
			Action: lookupOr(actionNames, e.Action), Changes: changesOf(e.Before, e.After)})
	}
	return v, nil
}

// titlesOf lists the profile's titles (梯度称号) and honours (资质) with
// their validity on day.
func titlesOf(p *profile.Profile, day profile.Date) (titles, honors []validity) {
	for _, t := range p.Titles {
		titles = append(titles, validityOf(tierNames[t.Tier], t.Recognized, t.ValidTo, day))
	}
	for _, h := range p.Honors {
		honors = append(honors, validityOf(lookupOr(honorNames, h.Kind), h.ValidFrom, h.ValidTo, day))
	}
	return titles, honors
}

func validityOf(name string, from, to *profile.Date, day profile.Date) validity {
	v := validity{Name: name, From: fmtDate(from), To: fmtDate(to), Valid: true, DaysLeft: -1}
	if from != nil && day.Before(*from) || to != nil && to.Before(day) {
		v.Valid = false
	}
	if to == nil {
		v.To = "长期"
	} else if v.Valid {
		v.DaysLeft = int(dateTime(*to).Sub(dateTime(day)).Hours() / 24)
	}
	return v
}

func dateTime(d profile.Date) time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

func sortedYears(m map[int]*profile.Year) []int {
	var ys []int
	for y := range m {
		ys = append(ys, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ys)))
	return ys
}

// yearFormOf is the edit form of year y filled from the stored profile.
func yearFormOf(rec *enterprise.Record, y int) *yearForm {
	f := &yearForm{Year: y, Version: rec.Version}
	for _, k := range yearKeys {
		info, _ := profile.Describe("years.*." + k)
		val, _ := rec.Profile.GetPath(fmt.Sprintf("years.%d.%s", y, k))
		f.Fields = append(f.Fields, formField{Name: k, Label: info.Label, Unit: info.Unit, Kind: info.Kind, Value: val})
	}
	return f
}

// lockFields marks the inputs of a year form the role may not change
// (enterprise.FieldAuthority): shown, kept as they are, and said why.
func (f *yearForm) lockFields(role auth.Role) {
	for i := range f.Fields {
		path := fmt.Sprintf("years.%d.%s", f.Year, f.Fields[i].Name)
		if !enterprise.MayWrite(role, path) {
			f.Fields[i].ReadOnly = true
			f.Fields[i].Hint = enterprise.AuthorityOf(path).Why
		}
	}
}

// factsOf summarises the profile's other facts for the detail page.
func factsOf(p *profile.Profile) []fact {
	yes := func(b *bool) string {
		switch {
		case b == nil:
			return "—"
		case *b:
			return "是"
		}
		return "否"
	}
	// Counted as the engine counts (related and granted), the others apart:
	// a count that includes applications would promise what the
	// assessment does not give.
	ip := ipCounts(p)
	ipFact := func(c ipClassCount) string {
		if p.IP == nil {
			return "—"
		}
		s := strconv.Itoa(c.counted) + " 项"
		if apart := ipApart(c); apart != "" {
			s += "（另有" + apart + "，不计入）"
		}
		return s
	}
	fs := []fact{
		{"成立日期", fmtDate(p.Established)},
		{"从事特定细分市场起始日", fmtDate(p.NicheSince)},
		{"独立法人资格", yes(p.LegalPerson)},
		{"Ⅰ类知识产权", ipFact(ip[1])},
		{"Ⅱ类知识产权", ipFact(ip[2])},
		{"研发机构", strconv.Itoa(len(p.RDInstitutions)) + " 个"},
		{"中小企业数字化水平等级", fmtIntPtr(p.DigitalLevel)},
		{"核心业务采用信息系统支撑", yes(p.CoreBusinessOnIS)},
	}
	if p.Product != nil {
		fs = append(fs, fact{"主导产品", p.Product.Name})
		if p.Product.MarketShare != nil {
			fs = append(fs, fact{"全国细分市场占有率", fmtPercent(*p.Product.MarketShare)})
		}
	}
	return fs
}

func fmtPercent(d profile.Dec) string { return criteria.Percent(d) }

// fmtFigure words a stored figure for the years table: money to two decimals
// of 万元, people with thousands separators; the edit forms keep the raw value.
func fmtFigure(raw, unit string) string {
	switch unit {
	case "万元":
		if d, err := profile.ParseDec(raw); err == nil {
			return criteria.Money(d)
		}
	case "人":
		if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
			return criteria.Grouped(n)
		}
	}
	return raw
}

// latestAssessment returns the last stored evaluation of the enterprise: the
// assessments saved together in its last run, one per tier, each with its
// result as stored, and whether the record's profile changed since.
func (w *Web) latestAssessment(r *http.Request, rec *enterprise.Record) (*latestView, error) {
	list, err := w.store.ListAssessments(r.Context(), rec.ID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	first := list[0]
	lv := &latestView{At: first.CreatedAt, AsOf: first.AsOf.String(), DataYear: first.DataYear, Review: first.Review}
	// One run saves one assessment per tier at one time; a tier seen again
	// belongs to an older run saved in the same instant.
	seen := map[string]bool{}
	for _, a := range list {
		if !a.CreatedAt.Equal(first.CreatedAt) || seen[a.Tier] {
			break
		}
		seen[a.Tier] = true
		full, err := w.store.GetAssessment(r.Context(), a.ID)
		if err != nil {
			return nil, err
		}
		// One run stores one snapshot for all its tiers.
		if len(lv.Tiers) == 0 {
			lv.Stale = full.ProfileChanged(rec.Profile)
		}
		tv, err := w.tierOf(full.Result, full.RulesetVersion)
		if err != nil {
			return nil, err
		}
		lv.Tiers = append(lv.Tiers, tv)
	}
	sortTiers(lv.Tiers)
	return lv, nil
}

// changesOf lists what an audited change altered in the record, in words:
// "营业收入（2025 年）：3000 → 3100".
func changesOf(before, after json.RawMessage) []string {
	b, a := flatRecord(before), flatRecord(after)
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		if b[k] == a[k] {
			continue
		}
		if list, ok := strings.CutSuffix(k, "#"); ok && b[list] != a[list] {
			continue // the count line says it
		}
		from, to := b[k], a[k]
		if info, ok := profile.Describe(k); ok {
			from, to = fmtFigure(from, info.Unit), fmtFigure(to, info.Unit)
		}
		if from == "" {
			from = "（空）"
		}
		if to == "" {
			to = "（空）"
		}
		out = append(out, pathLabel(k)+"："+from+" → "+to)
	}
	if len(out) > 12 {
		out = append(out[:12], fmt.Sprintf("等共 %d 项", len(out)))
	}
	return out
}

// flatRecord flattens an audited enterprise record into path → value:
// scalars by their dotted paths, lists as their item counts.
func flatRecord(raw json.RawMessage) map[string]string {
	out := map[string]string{}
	if len(raw) == 0 {
		return out
	}
	var doc map[string]any
	if json.Unmarshal(raw, &doc) != nil {
		return out
	}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, c)
			}
		case []any:
			b, _ := json.Marshal(x)
			out[prefix] = fmt.Sprintf("%d 项", len(x))
			out[prefix+"#"] = string(b) // a list changed within the same count
		case nil:
		default:
			b, _ := json.Marshal(x)
			out[prefix] = strings.Trim(string(b), `"`)
		}
	}
	for k, v := range doc {
		switch k {
		case "profile":
			walk("", v)
		case "chain", "status":
			walk(k, v)
		}
	}
	return out
}

// pathLabel names a profile path in Chinese: "years.2025.revenue" is
// "营业收入（2025 年）".
func pathLabel(path string) string {
	switch path {
	case "chain":
		return "产业链"
	case "status":
		return "企业状态"
	}
	if p, ok := strings.CutSuffix(path, "#"); ok {
		return pathLabel(p) + "（明细）"
	}
	label := profile.Label(path)
	if label == "" {
		label = path
	}
	if rest, ok := strings.CutPrefix(path, "years."); ok {
		if y, _, ok := strings.Cut(rest, "."); ok {
			label += "（" + y + " 年）"
		}
	}
	return label
}
