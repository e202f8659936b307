package enterprise

import (
	"fmt"
	"slices"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/profile"
)

// Who may write which part of an enterprise record is data, in this one
// table, so that the API, the pages, the self-test and imports (which all
// write through the store) follow the same rule, and a reader can check it
// against the programme's documents in one place.
//
// Official data — titles and recognitions, flags from official lists such as
// 严重失信, scores computed by the national platform or the province — is
// written by officials (city and district), by hand or by importing the
// official lists. An enterprise declares its own figures, IP, R&D
// institutions, awards, standards, product and quality facts.

// Authority is who may write the fields under one path prefix.
type Authority struct {
	Prefix string      // a path or its start; "*" stands for one segment (a year)
	Roles  []auth.Role // who may write it
	Why    string      // Chinese: whose data it is, for the refusal
	WhyEN  string
}

var (
	officials = []auth.Role{auth.RoleCity, auth.RoleDistrict}
	declarers = []auth.Role{auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise}
)

// FieldAuthority is the table. A path not under any prefix is declared by
// the enterprise (Declared).
var FieldAuthority = []Authority{
	{"uscc", officials, "统一社会信用代码以登记为准，由工信部门维护", "the registered credit code is kept by officials"},
	{"name", officials, "企业名称以登记为准，更名请向所在区县工信部门报告", "the registered name is kept by officials; report a change of name to the district"},
	{"region", officials, "注册地以登记为准，迁移请向所在区县工信部门报告", "the registered district is kept by officials"},
	{"chain", officials, "产业链由区县工信部门划定", "the industrial chain is assigned by the district"},
	{"status", officials, "企业状态由工信部门维护", "the status is kept by officials"},
	{"titles", officials, "梯度称号以认定文件为准，由工信部门录入或导入认定名单", "titles come from official recognition lists"},
	{"honors", officials, "资质荣誉以认定文件为准，由工信部门录入或导入", "recognitions come from official lists"},
	{"maker_china", officials, "创客中国名次以赛事公布结果为准，由工信部门录入", "contest results come from the published results"},
	{"flags", officials, "负面清单与资格情况（如严重失信、经营异常）以官方名单为准，由工信部门录入或导入", "flags come from official lists"},
	{"years.*.platform_score", officials, "专精特新发展评价得分由国家平台计算，由工信部门录入", "the platform score is computed by the national platform"},
	{"local_score", officials, "省级特色化指标得分以省级评价为准，由工信部门录入", "the provincial score comes from the province's assessment"},
}

// Declared is the authority of every path the table does not name.
var Declared = Authority{Roles: declarers}

// AuthorityOf returns the entry of FieldAuthority that covers path, or
// Declared.
func AuthorityOf(path string) Authority {
	segs := strings.Split(path, ".")
	for _, a := range FieldAuthority {
		pre := strings.Split(a.Prefix, ".")
		if len(pre) > len(segs) {
			continue
		}
		match := true
		for i, s := range pre {
			// A list element's path ("titles[0].tier") is under its list.
			seg, _, _ := strings.Cut(segs[i], "[")
			if s != "*" && s != seg {
				match = false
				break
			}
		}
		if match {
			return a
		}
	}
	return Declared
}

// MayWrite reports whether role may change the field at path.
func MayWrite(role auth.Role, path string) bool {
	return slices.Contains(AuthorityOf(path).Roles, role)
}

// MayWriteAll reports whether role may write every field, so that a write
// by it needs no comparison of the versions (an import updates thousands).
func MayWriteAll(role auth.Role) bool {
	if !slices.Contains(Declared.Roles, role) {
		return false
	}
	for _, a := range FieldAuthority {
		if !slices.Contains(a.Roles, role) {
			return false
		}
	}
	return true
}

// Changes lists what differs between two versions of a record: the
// profile's paths (profile.Diff) and the record's own "chain" and "status".
func Changes(old, new *Record) []string {
	out := profile.Diff(old.Profile, new.Profile)
	if old.Chain != new.Chain {
		out = append(out, "chain")
	}
	if old.Status != new.Status {
		out = append(out, "status")
	}
	return out
}

// CheckWrite refuses, as EFORBIDDEN naming each field, a change by role to
// any field it may not write: a refusal, never a silent ignore, so the
// caller learns that the change was not made and why.
func CheckWrite(role auth.Role, paths []string) error {
	var denied profile.Errors
	var names []string
	for _, p := range paths {
		a := AuthorityOf(p)
		if slices.Contains(a.Roles, role) {
			continue
		}
		label := FieldLabel(p)
		names = append(names, label)
		denied = append(denied, profile.FieldError{Path: p, Code: "forbidden_field",
			Message:   fmt.Sprintf("%s: the %s role may not change this field: %s", p, role, a.WhyEN),
			MessageZH: fmt.Sprintf("%s（%s）：%s，%s账号不能修改", p, label, a.Why, role.Label())})
	}
	if denied == nil {
		return nil
	}
	return apperr.Wrap(denied, apperr.EFORBIDDEN, "无权修改："+strings.Join(names, "、"))
}

// FieldLabel names a record path in Chinese.
func FieldLabel(path string) string {
	switch path {
	case "chain":
		return "产业链"
	case "status":
		return "企业状态"
	}
	if l := profile.Label(path); l != "" {
		return l
	}
	return path
}
