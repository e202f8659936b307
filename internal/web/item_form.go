package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// The enterprise page lists the items of the profile's lists that the
// engine counts — IP, honours, R&D institutions, awards, standards — one
// row each, with a form per item and one to add an item, so a count can be
// seen and corrected item by item. Every change goes through the store's
// ModifyEnterprise: version-checked, field-authority-checked and audited,
// and validated by the profile package, whose messages land beside the
// fields.

// itemLists are the lists the page edits, in the order it shows them.
var itemLists = []string{"ip", "honors", "rd_institutions", "awards", "standards"}

// itemList is one list on the page.
type itemList struct {
	Name    string
	Label   string
	Summary []string // counts as the engine takes them
	Heads   []string
	Rows    []itemRow
	Add     *itemForm
	CanEdit bool
	Why     string   // whose data it is, when the caller may not edit it
	Known   bool     // false: the list is unknown (缺数据), not empty
	Cols    int      // columns of the table, for a row that spans it
	Refused []string // why a change the caller may not make was refused
}

type itemRow struct {
	Index   int
	Cells   []string
	Counted string // IP: whether the engine counts it, and why not
	Form    *itemForm
}

// itemForm is the form of one item (Index −1: a new one), with the user's
// input and messages after a failed save.
type itemForm struct {
	List    string
	Index   int
	Version int64
	Open    bool
	Fields  []formField
	Other   []string
	RecID   int64  // the enterprise, for the form's action
	CSRF    string // the page's token, for the form
}

// Action is where the form posts.
func (f *itemForm) Action() string {
	if f.Index < 0 {
		return fmt.Sprintf("/enterprises/%d/items/%s", f.RecID, f.List)
	}
	return fmt.Sprintf("/enterprises/%d/items/%s/%d", f.RecID, f.List, f.Index)
}

// ID is the HTML id prefix of the form's inputs: each item has its own.
func (f *itemForm) ID() string {
	if f.Index < 0 {
		return f.List + "-new"
	}
	return f.List + "-" + strconv.Itoa(f.Index)
}

// itemListsOf builds the lists of the page. failed, when not nil, is a form
// that failed to save: it replaces the one built from the record.
func itemListsOf(rec *enterprise.Record, role auth.Role, canEdit bool, csrf string, failed *itemForm) []*itemList {
	p := rec.Profile
	form := func(f *itemForm) *itemForm {
		f.RecID, f.CSRF = rec.ID, csrf
		return f
	}
	var out []*itemList
	for _, name := range itemLists {
		info, _ := profile.Describe(name)
		l := &itemList{Name: name, Label: info.Label}
		l.CanEdit = canEdit && enterprise.MayWrite(role, name)
		if canEdit && !l.CanEdit {
			l.Why = enterprise.AuthorityOf(name).Why
		}
		fields := profile.ListFields(name)
		for _, f := range fields {
			l.Heads = append(l.Heads, f.Label)
		}
		n, known := p.ListLen(name)
		l.Known = known
		for i := range n {
			row := itemRow{Index: i}
			for _, f := range fields {
				row.Cells = append(row.Cells, itemCell(p, name, i, f))
			}
			if name == "ip" {
				row.Counted = ipCounted(&p.IP[i])
			}
			if l.CanEdit {
				row.Form = form(itemFormOf(p, name, i, rec.Version))
				if failed != nil && failed.List == name && failed.Index == i {
					row.Form = form(failed)
				}
			}
			l.Rows = append(l.Rows, row)
		}
		if l.CanEdit {
			l.Add = form(itemFormOf(p, name, -1, rec.Version))
			if failed != nil && failed.List == name && failed.Index < 0 {
				l.Add = form(failed)
			}
		}
		if failed != nil && failed.List == name && !l.CanEdit {
			l.Refused = failed.Other
		}
		l.Cols = len(l.Heads) + 1
		if name == "ip" {
			l.Summary = ipSummary(p)
			l.Cols++
		}
		out = append(out, l)
	}
	return out
}

// itemCell shows one field of one item in words.
func itemCell(p *profile.Profile, list string, i int, f profile.ItemField) string {
	s, ok := p.GetPath(fmt.Sprintf("%s[%d].%s", list, i, f.Key))
	switch {
	case !ok || s == "":
		return "—"
	case f.Kind == "bool" && s == "true":
		return "是"
	case f.Kind == "bool":
		return "否"
	case f.Enum != nil:
		return enumLabel(s)
	case f.Key == "holder_rank" && s == "0":
		return "—"
	}
	return s
}

// itemFormOf is the form of item i (−1: a new item) filled from p.
func itemFormOf(p *profile.Profile, list string, i int, version int64) *itemForm {
	f := &itemForm{List: list, Index: i, Version: version}
	for _, fi := range profile.ListFields(list) {
		val := ""
		if i >= 0 {
			val, _ = p.GetPath(fmt.Sprintf("%s[%d].%s", list, i, fi.Key))
		}
		f.Fields = append(f.Fields, itemField(fi, val))
	}
	return f
}

// itemField is one input of an item form.
func itemField(fi profile.ItemField, val string) formField {
	ff := formField{Name: fi.Key, Label: fi.Label, Unit: fi.Unit, Kind: fi.Kind, Value: val}
	switch {
	case fi.Kind == "bool":
		ff.Checked = val == "true"
	case fi.Enum != nil:
		ff.Kind = "select"
		ff.Options = []option{{"", "请选择"}}
		for _, e := range fi.Enum {
			ff.Options = append(ff.Options, option{e, enumLabel(e)})
		}
	case fi.Key == "holder_rank" && val == "0":
		ff.Value = ""
	}
	return ff
}

// itemFormFromRequest reads an item form as typed, and the item as the JSON
// format has it: empty inputs are left out (unknown), an unticked box is
// false.
func itemFormFromRequest(r *http.Request, list string, i int) (*itemForm, []byte, error) {
	f := &itemForm{List: list, Index: i, Open: true}
	f.Version = formVersion(r)
	elem := map[string]json.RawMessage{}
	for _, fi := range profile.ListFields(list) {
		val := formValue(r, fi.Key)
		f.Fields = append(f.Fields, itemField(fi, val))
		switch {
		case fi.Kind == "bool":
			elem[fi.Key] = jsonScalar("bool", val)
		case val != "":
			elem[fi.Key] = jsonScalar(fi.Kind, val)
		}
	}
	b, err := json.Marshal(elem)
	if err != nil {
		return nil, nil, apperr.Wrap(err, apperr.EINTERNAL, "")
	}
	return f, b, nil
}

// place puts problems at the item's paths beside its fields, the rest above.
func (f *itemForm) place(errs profile.Errors, n int) {
	i := f.Index
	if i < 0 {
		i = n // a new item is validated at the end of the list
	}
	prefix := fmt.Sprintf("%s[%d].", f.List, i)
	for _, e := range errs {
		if e.Warning {
			continue
		}
		j := slices.IndexFunc(f.Fields, func(ff formField) bool { return prefix+ff.Name == e.Path })
		if j >= 0 && f.Fields[j].Kind != "bool" {
			f.Fields[j].Error = fieldMessage(e)
		} else {
			f.Other = append(f.Other, e.MessageZH)
		}
	}
}

// ipCounted says whether the engine counts an IP item, and if not why.
// Related, granted items count; the transfer and right-holder rules depend
// on the rule set, so they are named rather than decided here.
func ipCounted(e *profile.IP) string {
	switch {
	case e.Pending:
		return "不计入：申请中，尚未授权"
	case !e.Related:
		return "不计入：与主导产品无关"
	case e.TransferredIn:
		return "视标准：受让取得（2026 年版专精特新、小巨人标准不计；2022 年版受让满 12 个月计入）"
	case e.HolderRank > 3:
		return fmt.Sprintf("视标准：权利人排名第 %d（2026 年版标准只计前 3 位）", e.HolderRank)
	}
	return "计入"
}

// ipClassCount counts one class of IP the way the engine does before its
// rule-set parameters: related and granted; pending applications and
// unrelated items are counted apart.
type ipClassCount struct{ counted, own, pending, unrelated int }

func ipCounts(p *profile.Profile) [3]ipClassCount {
	var n [3]ipClassCount
	for i := range p.IP {
		e := &p.IP[i]
		c := &n[profile.IPClass(e.Kind)]
		switch {
		case e.Pending:
			c.pending++
		case !e.Related:
			c.unrelated++
		default:
			c.counted++
			if e.SelfDeveloped && !e.TransferredIn {
				c.own++
			}
		}
	}
	return n
}

// ipSummary is the IP counts in words, one line per class.
func ipSummary(p *profile.Profile) []string {
	if p.IP == nil {
		return []string{"知识产权情况未填报（缺数据）"}
	}
	n := ipCounts(p)
	var out []string
	for class, name := range []string{1: "Ⅰ类", 2: "Ⅱ类"} {
		if class == 0 {
			continue
		}
		c := n[class]
		s := fmt.Sprintf("%s知识产权计入 %d 项（与主导产品相关、已授权", name, c.counted)
		if class == 1 {
			s += fmt.Sprintf("，其中自主研发 %d 项", c.own)
		}
		s += "）"
		if apart := ipApart(c); apart != "" {
			s += "；另有" + apart + "，不计入"
		}
		out = append(out, s)
	}
	return out
}

// ipKindNames are the IP kinds as the documents name them.
var ipKindNames = map[string]string{
	profile.InventionPatent:   "发明专利",
	profile.DefensePatent:     "国防专利",
	profile.PlantVariety:      "植物新品种",
	profile.CropVariety:       "国家级农作物品种",
	profile.NewDrug:           "国家新药",
	profile.TCMProtected:      "国家一级中药保护品种",
	profile.ICLayout:          "集成电路布图设计专有权",
	profile.SoftwareCopyright: "软件著作权",
	profile.UtilityModel:      "实用新型专利",
	profile.DesignPatent:      "外观设计专利",
}

var standardRoleNames = map[string]string{profile.RoleLead: "主导", profile.RoleParticipant: "参与"}

// enumLabel names an enumerated value in Chinese.
func enumLabel(v string) string {
	for _, m := range []map[string]string{ipKindNames, honorNames, levelNames, standardRoleNames} {
		if s, ok := m[v]; ok {
			return s
		}
	}
	return v
}

// ipApart names the items of a class the engine does not count: "申请中 1
// 项、与主导产品无关 2 项", or "".
func ipApart(c ipClassCount) string {
	var parts []string
	if c.pending > 0 {
		parts = append(parts, fmt.Sprintf("申请中 %d 项", c.pending))
	}
	if c.unrelated > 0 {
		parts = append(parts, fmt.Sprintf("与主导产品无关 %d 项", c.unrelated))
	}
	return strings.Join(parts, "、")
}
