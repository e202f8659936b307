package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// The self-test form asks for the main facts of a profile. Its inputs are
// named by profile paths ("years.2025.rd_expense"), so a problem the profile
// decoder reports at a path lands beside the input of that name. A few
// inputs stand for lists (ip1: the number of Ⅰ类 IP items, title: the title
// held) and are turned into list entries.
//
// The form may sit on top of a base document (base_json: an uploaded
// profile, or an enterprise's stored one): what the form does not show is
// kept from it, and a list input left as it was keeps the base's entries.

// selftestForm is the form's state: the data years and the values shown.
type selftestForm struct {
	AsOf     profile.Date
	Y        int   // data year (上年度)
	Years    []int // the two data years the table asks for
	BaseJSON string
	Version  int64 // the version of the enterprise's record the form was loaded from; 0 when not
	Values   map[string]string
	Domains  map[string]bool
	Errors   map[string]string // input name → message
	Other    []string          // problems not about one input
}

// Special inputs that stand for lists.
const (
	inIP1       = "ip1"
	inIP2       = "ip2"
	inRDInst    = "rd_inst"
	inTitle     = "title"
	inHighTech  = "honor_high_tech"
	inTechSME   = "honor_tech_sme"
	inApplied   = "ip_applied"
	inAward     = "award"
	inDomains   = "product.domains"
	placeholder = "91410100MA000000" // the start of the code used when none is given
)

// triState are the yes/no inputs asked as 是 / 否 / 未填 rather than as a
// checkbox: an unticked box would say 否 for a fact the user did not answer,
// and 独立法人资格 decides every tier.
var triState = map[string]bool{"legal_person": true}

// selftestYearKeys are the year figures the self-test asks for.
var selftestYearKeys = []string{"revenue", "main_revenue", "rd_expense", "total_assets", "total_liabilities",
	"net_profit", "employees", "rd_staff", "equity_financing", "tech_staff", "sales_revenue", "cost_expense_total"}

var qualityKeys = []string{"quality_system_cert", "own_brand", "standard_participation", "mgmt_system_cert",
	"quality_award", "developed_market_cert"}

var flagKeys = []string{"abnormal_list", "serious_dishonesty", "prohibited_product", "major_incident_3y",
	"tax_violation_3y", "research_misconduct", "single_champion", "group_conflict"}

var domainOrder = []string{profile.DomainChainKeyLink, profile.DomainSixBasics, profile.DomainManufacturingPower,
	profile.DomainNetworkPower, profile.DomainServesChainLeader, profile.DomainEmerging, profile.DomainFuture,
	profile.DomainTraditionalUpgrade, profile.DomainTimeHonored}

func (w *Web) newForm() *selftestForm {
	asOf := w.asOf()
	y := asOf.Y - 1
	return &selftestForm{AsOf: asOf, Y: y, Years: []int{y - 1, y}, Values: map[string]string{},
		Domains: map[string]bool{}, Errors: map[string]string{}}
}

func (f *selftestForm) platformPath() string { return fmt.Sprintf("years.%d.platform_score", f.AsOf.Y) }

// scalarInputs are the inputs that are profile scalars, with their kinds:
// exactly those the page shows (layout), since a save changes the inputs
// whose values differ from the record's, and an input the page does not
// show would always come back empty.
func (f *selftestForm) scalarInputs() []string {
	in := []string{"name", "uscc", "region", "industry", "established", "niche_since", "legal_person"}
	for _, y := range f.Years {
		for _, k := range selftestYearKeys {
			in = append(in, fmt.Sprintf("years.%d.%s", y, k))
		}
	}
	in = append(in, f.platformPath(), "digital_level", "core_business_on_is", "product.name",
		"product.strategic_emerging", "product.market_share", "product.market_rank")
	for _, k := range qualityKeys {
		in = append(in, "quality."+k)
	}
	for _, k := range flagKeys {
		in = append(in, "flags."+k)
	}
	return in
}

func kindOf(path string) string {
	info, _ := profile.Describe(path)
	return info.Kind
}

// formFromRequest reads the inputs as typed.
func (w *Web) formFromRequest(r *http.Request) *selftestForm {
	f := w.newForm()
	f.BaseJSON = r.FormValue("base_json")
	f.Version = formVersion(r)
	for _, in := range append(f.scalarInputs(), inIP1, inIP2, inRDInst, inTitle, inHighTech, inTechSME, inApplied, inAward) {
		f.Values[in] = formValue(r, in)
	}
	for _, d := range r.Form[inDomains] {
		f.Domains[d] = true
	}
	return f
}

// formFromProfile fills the inputs from a profile (an upload, the stored
// record, the example).
func (w *Web) formFromProfile(p *profile.Profile, base []byte) *selftestForm {
	f := w.newForm()
	f.BaseJSON = string(base)
	for _, in := range f.scalarInputs() {
		if s, ok := p.GetPath(in); ok {
			f.Values[in] = s
		}
	}
	if p.USCC != "" && strings.HasPrefix(p.USCC, placeholder) {
		f.Values["uscc"] = ""
	}
	for k, v := range listValues(p, f.AsOf) {
		f.Values[k] = v
	}
	if p.Product != nil {
		for _, d := range p.Product.Domains {
			f.Domains[d] = true
		}
	}
	return f
}

// listValues are the list inputs as a profile has them.
func listValues(p *profile.Profile, day profile.Date) map[string]string {
	v := map[string]string{}
	if p == nil {
		return v
	}
	var ip1, ip2 int
	for _, e := range p.IP {
		if !e.Related || e.Pending {
			continue // as the engine counts: an application is not yet IP
		}
		switch profile.IPClass(e.Kind) {
		case 1:
			ip1++
			if e.Applied {
				v[inApplied] = "true"
			}
		case 2:
			ip2++
		}
	}
	if p.IP != nil {
		v[inIP1], v[inIP2] = strconv.Itoa(ip1), strconv.Itoa(ip2)
	}
	rank := map[string]int{profile.LevelOther: 1, profile.LevelMunicipal: 2, profile.LevelProvincial: 3, profile.LevelNational: 4}
	for _, ri := range p.RDInstitutions {
		if rank[ri.Level] > rank[v[inRDInst]] {
			v[inRDInst] = ri.Level
		}
	}
	for _, a := range p.Awards {
		if a.Year >= day.Y-3 && (a.Level == profile.LevelNational || a.Level == profile.LevelProvincial && v[inAward] == "") {
			v[inAward] = a.Level
		}
	}
	if t := enterprise.HighestTier(p, day); enterprise.TierRank(t) <= enterprise.TierRank(profile.TierLittleGiant) {
		v[inTitle] = t
	} else {
		v[inTitle] = profile.TierLittleGiant
	}
	for _, h := range p.Honors {
		valid := (h.ValidFrom == nil || !day.Before(*h.ValidFrom)) && (h.ValidTo == nil || !h.ValidTo.Before(day))
		switch {
		case h.Kind == profile.HighTechEnterprise && valid:
			v[inHighTech] = "true"
		case h.Kind == profile.TechSMEHonor && valid:
			v[inTechSME] = "true"
		}
	}
	return v
}

// document builds the profile document from the base and the inputs.
func (f *selftestForm) document() ([]byte, error) {
	doc := map[string]any{}
	var baseP *profile.Profile
	if strings.TrimSpace(f.BaseJSON) != "" {
		if err := json.Unmarshal([]byte(f.BaseJSON), &doc); err != nil {
			return nil, fmt.Errorf("base document: %w", err)
		}
		baseP, _ = profile.DecodeBytes([]byte(f.BaseJSON))
	}
	if doc == nil {
		doc = map[string]any{}
	}
	for _, in := range f.scalarInputs() {
		val, kind := f.Values[in], kindOf(in)
		switch {
		case kind == "bool" && !triState[in]:
			setPath(doc, in, jsonScalar(kind, val)) // a checkbox: unticked is 否
		case val == "":
			deletePath(doc, in)
		default:
			setPath(doc, in, inputScalar(in, kind, val))
		}
	}
	if f.Values["name"] == "" {
		setPath(doc, "name", json.RawMessage(`"自测企业"`))
	}
	if f.Values["uscc"] == "" {
		c, _ := profile.USCCCheckDigit(placeholder + "0")
		setPath(doc, "uscc", jsonScalar("string", placeholder+"0"+string(c)))
	}
	if flags, _ := doc["flags"].(map[string]any); flags != nil && flags["data_fraud_ban_until"] == nil {
		setPath(doc, "flags.data_fraud_ban_until", json.RawMessage("null"))
	}
	var domains []string
	for _, d := range domainOrder {
		if f.Domains[d] {
			domains = append(domains, d)
		}
	}
	setPath(doc, inDomains, domains)
	was := listValues(baseP, f.AsOf)
	from, to := profile.Date{Y: f.Y, M: 1, D: 1}, profile.Date{Y: f.AsOf.Y + 2, M: 12, D: 31}
	doc["ip"] = withIPCount(doc["ip"], 1, f.Values[inIP1], profile.InventionPatent, f.Y)
	doc["ip"] = withIPCount(doc["ip"], 2, f.Values[inIP2], profile.UtilityModel, f.Y)
	if v := f.Values[inApplied]; v != was[inApplied] || baseP == nil {
		items, _ := doc["ip"].([]any)
		for _, e := range items {
			if m, _ := e.(map[string]any); m != nil && m["related"] == true {
				if k, _ := m["kind"].(string); profile.IPClass(k) == 1 {
					m["applied"] = v != ""
				}
			}
		}
	}
	if v := f.Values[inAward]; v != was[inAward] || baseP == nil {
		doc["awards"] = []any{}
		if v != "" {
			doc["awards"] = []any{map[string]any{"level": v, "year": f.Y, "rank": 1}}
		}
	}
	if v := f.Values[inRDInst]; v != was[inRDInst] || baseP == nil {
		doc["rd_institutions"] = []any{}
		if v != "" {
			doc["rd_institutions"] = []any{map[string]any{"level": v, "kind": "研发中心"}}
		}
	}
	if v := f.Values[inTitle]; v != was[inTitle] || baseP == nil {
		doc["titles"] = []any{}
		if v != "" {
			doc["titles"] = []any{map[string]any{"tier": v, "recognized": from.String(), "valid_to": to.String()}}
		}
	}
	for _, h := range []struct{ in, kind string }{{inHighTech, profile.HighTechEnterprise}, {inTechSME, profile.TechSMEHonor}} {
		on := f.Values[h.in] != ""
		if on == (was[h.in] != "") && baseP != nil {
			continue
		}
		var keep []any
		list, _ := doc["honors"].([]any)
		for _, e := range list {
			if m, _ := e.(map[string]any); m["kind"] != h.kind {
				keep = append(keep, e)
			}
		}
		if on {
			keep = append(keep, map[string]any{"kind": h.kind, "valid_from": from.String(), "valid_to": to.String()})
		}
		if keep == nil {
			keep = []any{}
		}
		doc["honors"] = keep
	}
	return json.Marshal(doc)
}

// withIPCount makes the number of related IP items of class in the list n
// (the input's text; empty or bad leaves the list as it is): it removes the
// last ones or adds self-developed ones of kind granted in year y.
func withIPCount(list any, class int, in string, kind string, y int) any {
	items, _ := list.([]any)
	n, err := strconv.Atoi(in)
	if err != nil || n < 0 || n > 500 {
		if items == nil {
			return []any{}
		}
		return items
	}
	match := func(e any) bool {
		m, _ := e.(map[string]any)
		k, _ := m["kind"].(string)
		rel, _ := m["related"].(bool)
		pending, _ := m["pending"].(bool)
		return rel && !pending && profile.IPClass(k) == class
	}
	have := 0
	for _, e := range items {
		if match(e) {
			have++
		}
	}
	for i := len(items) - 1; i >= 0 && have > n; i-- {
		if match(items[i]) {
			items = slices.Delete(items, i, i+1)
			have--
		}
	}
	for ; have < n; have++ {
		items = append(items, map[string]any{"kind": kind, "granted": fmt.Sprintf("%d-06-30", y), "related": true,
			"self_developed": true, "holder_rank": 1})
	}
	if items == nil {
		items = []any{}
	}
	return items
}

// setPath and deletePath edit the form's document (profile.SetDocPath).
var (
	setPath    = profile.SetDocPath
	deletePath = profile.DeleteDocPath
)

// place puts decoding problems beside their inputs; the rest go on top.
func (f *selftestForm) place(errs profile.Errors) {
	inputs := map[string]bool{}
	for _, in := range f.scalarInputs() {
		inputs[in] = true
	}
	for _, e := range errs {
		if e.Warning {
			continue
		}
		switch {
		case inputs[e.Path] && f.Errors[e.Path] == "" && kindOf(e.Path) != "bool": // a box shows no message beside it
			f.Errors[e.Path] = fieldMessage(e)
		case strings.HasPrefix(e.Path, "product.domains"):
			f.Errors[inDomains] = fieldMessage(e)
		default:
			f.Other = append(f.Other, e.MessageZH)
		}
	}
}

// exampleForm is a worked example of spec/profile.md moved to the current
// data years: an innovative SME that is close to the 专精特新 bar.
func (w *Web) exampleForm() *selftestForm {
	f := w.newForm()
	y0, y1 := f.Years[0], f.Years[1]
	set := func(k, v string) { f.Values[k] = v }
	set("name", "郑州示例精密机械有限公司")
	set("uscc", "91410173MA3XQ8N1DR")
	set("region", "410173")
	set("industry", "C3484")
	set("established", "2014-03-18")
	set("niche_since", "2016-01-01")
	set("legal_person", "true")
	for k, vs := range map[string][2]string{
		"revenue": {"3375", "3645"}, "main_revenue": {"2700", "2916"}, "rd_expense": {"101.25", "95"},
		"total_assets": {"2900", "3000"}, "total_liabilities": {"1500", "1500"}, "net_profit": {"180", "218.7"},
		"employees": {"110", "120"}, "rd_staff": {"11", "12"}, "equity_financing": {"0", "0"},
	} {
		set(fmt.Sprintf("years.%d.%s", y0, k), vs[0])
		set(fmt.Sprintf("years.%d.%s", y1, k), vs[1])
	}
	set(f.platformPath(), "55")
	set(inIP1, "1")
	set(inIP2, "3")
	set(inApplied, "true")
	set(fmt.Sprintf("years.%d.tech_staff", y1), "30")
	set(fmt.Sprintf("years.%d.sales_revenue", y1), "3600")
	set(fmt.Sprintf("years.%d.cost_expense_total", y1), "3300")
	set(inRDInst, profile.LevelMunicipal)
	set(inTitle, profile.TierInnovative)
	set(inHighTech, "true")
	for _, k := range []string{"quality_system_cert", "own_brand", "standard_participation", "mgmt_system_cert"} {
		set("quality."+k, "true")
	}
	set("digital_level", "2")
	set("core_business_on_is", "true")
	set("product.name", "高精度滚珠丝杠")
	set("product.strategic_emerging", "true")
	set("product.market_share", "0.12")
	set("product.market_rank", "3")
	f.Domains[profile.DomainSixBasics] = true
	return f
}
