// Package library is the policy library (政策文件库) officials study and cite,
// and the typical cases (典型经验) the bureau publishes. A rule-set node or a
// reward policy names its document by 文号; DocNos finds them in a citation,
// so the pages link a condition to the text it comes from.
package library

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

// Levels of a document, by issuer.
const (
	LevelNational   = "national"
	LevelProvincial = "provincial"
	LevelMunicipal  = "municipal"
	LevelDistrict   = "district"
)

// Levels lists the levels in the order pages offer them.
var Levels = []string{LevelNational, LevelProvincial, LevelMunicipal, LevelDistrict}

// LevelZH names the levels.
var LevelZH = map[string]string{LevelNational: "国家级", LevelProvincial: "省级", LevelMunicipal: "市级", LevelDistrict: "区县级"}

// Doc is a policy document.
type Doc struct {
	ID        int64        `json:"id"`
	Title     string       `json:"title"`
	DocNo     string       `json:"doc_no"` // 文号
	Issuer    string       `json:"issuer"` // 发文机关
	Level     string       `json:"level"`
	IssuedOn  profile.Date `json:"issued_on"`
	ValidFrom profile.Date `json:"valid_from,omitzero"`
	ValidTo   profile.Date `json:"valid_to,omitzero"` // zero: no end date
	Body      string       `json:"body,omitempty"`    // full text; lists leave it out
	Tags      []string     `json:"tags"`
	Version   int64        `json:"version"`
	CreatedAt time.Time    `json:"created_at,omitzero"`
	UpdatedAt time.Time    `json:"updated_at,omitzero"`
}

// Limits of a document's fields.
const (
	MaxTitle = 200
	MaxBody  = 200_000 // characters; the longest notice with annexes is well under it
	MaxTags  = 20
)

// Normalize trims the texts and drops empty and repeated tags.
func (d *Doc) Normalize() {
	d.Title, d.DocNo, d.Issuer = strings.TrimSpace(d.Title), strings.TrimSpace(d.DocNo), strings.TrimSpace(d.Issuer)
	d.Body = strings.TrimSpace(d.Body)
	var tags []string
	for _, t := range d.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	d.Tags = tags
}

// Validate reports every bad field (none: nil).
func (d *Doc) Validate() []cultivation.Problem {
	var out []cultivation.Problem
	bad := func(path, zh, en string) {
		out = append(out, cultivation.Problem{Path: path, Message: zh, MessageEN: en})
	}
	if d.Title == "" || utf8.RuneCountInString(d.Title) > MaxTitle {
		bad("title", "标题：必填，不超过 200 字", "title: required, at most 200 characters")
	}
	if utf8.RuneCountInString(d.DocNo) > 80 {
		bad("doc_no", "文号：不能超过 80 个字符", "doc_no: longer than 80 characters")
	}
	if utf8.RuneCountInString(d.Issuer) > 100 {
		bad("issuer", "发文机关：不能超过 100 字", "issuer: longer than 100 characters")
	}
	if LevelZH[d.Level] == "" {
		bad("level", "层级：应为国家级、省级、市级或区县级", "level: one of national, provincial, municipal, district")
	}
	if d.IssuedOn.IsZero() {
		bad("issued_on", "发布日期：必填", "issued_on: required")
	}
	if !d.ValidFrom.IsZero() && !d.ValidTo.IsZero() && d.ValidTo.Before(d.ValidFrom) {
		bad("valid_to", "有效期至：不能早于施行日期", "valid_to: before valid_from")
	}
	if utf8.RuneCountInString(d.Body) > MaxBody {
		bad("body", "全文：不能超过 20 万字", "body: longer than 200,000 characters")
	}
	if len(d.Tags) > MaxTags {
		bad("tags", "标签：最多 20 个", "tags: at most 20")
	}
	for _, t := range d.Tags {
		if utf8.RuneCountInString(t) > 20 || strings.ContainsRune(t, ',') {
			bad("tags", "标签：每个不超过 20 字，且不含逗号", "tags: each at most 20 characters, without commas")
			break
		}
	}
	return out
}

// Validity states of a document on a date.
const (
	ValidityPending = "pending" // 尚未施行
	ValidityInForce = "in_force"
	ValidityExpired = "expired" // 已失效
)

// ValidityZH names the states.
var ValidityZH = map[string]string{ValidityPending: "尚未施行", ValidityInForce: "有效", ValidityExpired: "已失效"}

// Validity says whether d is in force on day.
func (d *Doc) Validity(day profile.Date) string {
	from := d.ValidFrom
	if from.IsZero() {
		from = d.IssuedOn
	}
	switch {
	case day.Before(from):
		return ValidityPending
	case !d.ValidTo.IsZero() && d.ValidTo.Before(day):
		return ValidityExpired
	}
	return ValidityInForce
}

// docNo matches a Chinese document number: issuer abbreviation, the year in
// 〔〕 (or the [] and () typed in place of it), and the serial with 号:
// 工信部企业〔2022〕63号, 豫工信企业〔2023〕45号, 国科发政〔2017〕115号.
var docNo = regexp.MustCompile(`[\p{Han}A-Za-z]{2,20}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号`)

// Cited returns the documents text cites, in order, each once: every
// document number in it that known recognises. A match may carry words
// before the issuer's abbreviation ("河南省指标见豫工信企业〔2023〕45号"), so
// each match is tried from its full length down to its shortest suffix.
func Cited(text string, known func(docNo string) bool) []string {
	var out []string
	for _, m := range docNo.FindAllString(text, -1) {
		m = NormalizeDocNo(m)
		for i := range m {
			if n := m[i:]; utf8.RuneStart(n[0]) && known(n) {
				if !slices.Contains(out, n) {
					out = append(out, n)
				}
				break
			}
		}
	}
	return out
}

var bracket = strings.NewReplacer("[", "〔", "]", "〕", "［", "〔", "］", "〕", "(", "〔", ")", "〕", "（", "〔", "）", "〕")

// NormalizeDocNo writes the year brackets of a document number as 〔〕, so
// that 工信部企业[2022]63号 and 工信部企业〔2022〕63号 are one document.
func NormalizeDocNo(s string) string { return bracket.Replace(strings.TrimSpace(s)) }
