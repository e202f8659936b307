// Package enterprise is the enterprise record (企业档案) the platform keeps:
// the profile document with the columns lists filter on (district, tier held,
// industry, industrial chain, status), and the assessments stored against it.
//
// It is a domain package: types and rules, no SQL. The profile itself (the
// facts) stays in package profile; a Record is the platform's envelope around
// one profile.
package enterprise

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Status is the record's standing in the programme.
type Status string

// Statuses.
const (
	StatusActive   Status = "active"    // 在营
	StatusMovedOut Status = "moved_out" // 迁出
	StatusClosed   Status = "closed"    // 注销/吊销
)

var statusNames = map[Status]string{StatusActive: "在营", StatusMovedOut: "迁出", StatusClosed: "注销"}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusNames[s]; return ok }

// Label returns the Chinese name of s.
func (s Status) Label() string { return statusNames[s] }

// Tiers held (梯度称号), lowest first; the order decides the highest title.
var Tiers = []string{"tech_sme", "innovative", "srdi", "little_giant", "key_little_giant", "single_champion"}

// TierRank returns the position of tier in Tiers, or -1.
func TierRank(tier string) int {
	for i, t := range Tiers {
		if t == tier {
			return i
		}
	}
	return -1
}

// HighestTier returns the highest title in p that is recognised on or before
// day and valid through it (a title with no end date is taken as valid), or
// "" when none is.
func HighestTier(p *profile.Profile, day profile.Date) string {
	best := ""
	for _, t := range p.Titles {
		if t.Recognized != nil && day.Before(*t.Recognized) {
			continue
		}
		if t.ValidTo != nil && t.ValidTo.Before(day) {
			continue
		}
		if TierRank(t.Tier) > TierRank(best) {
			best = t.Tier
		}
	}
	return best
}

// Record is one enterprise as the platform keeps it.
type Record struct {
	ID       int64
	USCC     string // 统一社会信用代码, from the profile
	Name     string // 企业名称, from the profile
	Region   string // 区县代码, from the profile
	Industry string // 国民经济行业分类, from the profile
	Chain    string // 产业链 the district assigns (e.g. 新材料)
	Status   Status
	Tier     string // highest title held on the day of the last write; "" none
	Profile  *profile.Profile
	// Outcomes is the status of the latest assessment per assessed tier
	// (pass, review, missing, fail; OutcomeOf folds it for display); a tier
	// never assessed is absent. The store keeps it when an assessment is
	// saved.
	Outcomes map[string]string
	// AssessedVersion is the Version the latest assessment read; 0 never
	// assessed. Stale tells whether the record changed since.
	AssessedVersion int64
	// Version counts writes. An update names the Version it was made from:
	// another than the stored one fails with ECONFLICT and 0 with
	// EPRECONDITION, so two editors cannot silently overwrite each other.
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Stale reports whether the record changed since its latest assessment, so
// the outcomes may no longer hold.
func (r *Record) Stale() bool { return r.AssessedVersion != 0 && r.AssessedVersion != r.Version }

// Prepare copies the profile's identifying fields into the record, fills
// defaults and checks what the store needs before writing.
func (r *Record) Prepare(now time.Time) error {
	if r.Profile == nil {
		return apperr.Errorf(apperr.EINVALID, "企业画像不能为空")
	}
	p := r.Profile
	p.USCC = strings.ToUpper(strings.TrimSpace(p.USCC))
	p.Name = strings.TrimSpace(p.Name)
	r.USCC, r.Name, r.Region, r.Industry = p.USCC, p.Name, p.Region, strings.ToUpper(p.Industry)
	r.Chain = strings.TrimSpace(r.Chain)
	if r.Status == "" {
		r.Status = StatusActive
	}
	if err := checkUSCCShape(r.USCC); err != nil {
		return err
	}
	if r.Name == "" || utf8.RuneCountInString(r.Name) > 200 {
		return apperr.Errorf(apperr.EINVALID, "企业名称不能为空且不超过 200 字")
	}
	if r.Region == "" {
		return apperr.Errorf(apperr.EINVALID, "注册地区县代码（region）不能为空")
	}
	if !r.Status.Valid() {
		return apperr.Errorf(apperr.EINVALID, "企业状态无效：%q", string(r.Status))
	}
	y, m, d := now.UTC().Date()
	today := profile.Date{Y: y, M: m, D: d}
	if errs := profile.ValidateAt(p, today); errs.HasErrors() {
		return apperr.Wrap(errs, apperr.EINVALID, "企业画像有误，请按提示修改")
	}
	r.Tier = HighestTier(p, today)
	return nil
}

// checkUSCCShape checks length and alphabet (GB 32100-2015 excludes I, O, Z,
// S, V). The check digit is profile validation's job.
func checkUSCCShape(s string) error {
	if len(s) != 18 {
		return apperr.Errorf(apperr.EINVALID, "统一社会信用代码应为 18 位：%q", s)
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') || strings.ContainsRune("IOZSV", r) {
			return apperr.Errorf(apperr.EINVALID, "统一社会信用代码含无效字符：%q", s)
		}
	}
	return nil
}

// Sort orders of a list; a leading "-" reverses.
const (
	SortUpdated = "updated" // most recently changed first (the default)
	SortName    = "name"
	SortUSCC    = "uscc"
	SortCreated = "created"
)

// Filter selects enterprises for a list page; zero fields do not filter.
type Filter struct {
	Q        string // full-text query on name and USCC
	Region   string
	Tier     string // highest title held; "none" for enterprises with none
	Industry string // GB/T 4754 code or prefix: "C34" matches C3484
	Chain    string
	Status   Status
	// Outcomes are conditions on the latest assessments, all of which must
	// hold (at most one per tier makes sense).
	Outcomes []TierOutcome
	// Unrecognized is an assessed tier the enterprise meets (latest
	// assessment pass or review, see UnrecognizedStatuses) while holding no
	// title at or above it: 符合但未认定.
	Unrecognized string
	// IDs limits the list to these enterprises (a bulk selection); nil
	// does not limit.
	IDs    []int64
	Sort   string // one of the Sort* names, optionally with a leading "-"
	Limit  int    // default 50, at most MaxLimit
	Offset int
}

// industryPrefix is a GB/T 4754 section letter, optionally followed by its
// two-digit division and up to two more digits (group, class).
var industryPrefix = regexp.MustCompile(`^[A-T]([0-9]{2}){0,1}[0-9]{0,2}$`)

// IsIndustryPrefix reports whether s is a GB/T 4754 code or a prefix of one
// that selects a whole branch: "C", "C34", "C348", "C3484".
func IsIndustryPrefix(s string) bool { return industryPrefix.MatchString(s) }

// IndustryRange returns the half-open range [lo, hi) of the codes that start
// with prefix, or ok false when prefix is not an industry prefix. hi is the
// next prefix of the same length or shorter ("C34" → "C35", "C349" →
// "C35", "C99" → "D"), so the range holds exactly the codes of the branch
// under any collation that orders digits and capital letters as ASCII does.
// A range keeps a prepared statement reusable: SQLite plans LIKE with a
// bound pattern again on every new pattern.
func IndustryRange(prefix string) (lo, hi string, ok bool) {
	if !IsIndustryPrefix(prefix) {
		return "", "", false
	}
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != '9' {
			b[i]++
			return prefix, string(b[:i+1]), true
		}
	}
	return "", "", false // unreachable: the section letter is never '9'
}

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Assessment is one evaluation of one enterprise, stored with everything
// needed to reproduce it: the rule set's id, version and content hash, the
// assessment date and data year, and the profile exactly as evaluated.
type Assessment struct {
	ID             int64
	EnterpriseID   int64
	AsOf           profile.Date
	DataYear       int
	Review         bool   // 复核 rather than a new application
	Tier           string // tech_sme | innovative | srdi | little_giant
	RulesetID      string // e.g. innovative@2022
	RulesetVersion string
	RulesetHash    string       // content hash of the rule-set file
	Status         string       // pass | fail | review | missing
	Score          *profile.Dec // nil for tiers without a points table
	Result         []byte       // the evaluator's JSON for this tier
	Profile        []byte       // the profile JSON as evaluated
	// ProfileVersion is the record Version whose profile was evaluated; 0
	// lets the store take the version current when it saves.
	ProfileVersion int64
	CreatedBy      int64
	CreatedAt      time.Time
}

// ProfileChanged reports whether p, an enterprise's current profile, differs
// from the snapshot the assessment was made on: the stored result may then
// be out of date (档案已修改，评价结果可能已过时). Both are compared in the
// profile's JSON form; a snapshot written by an older version of the format
// is decoded and written again first, so a change of field order or a new
// optional field alone does not count as a change of the facts.
func (a *Assessment) ProfileChanged(p *profile.Profile) bool {
	cur, err := json.Marshal(p)
	if err != nil {
		return true
	}
	if bytes.Equal(cur, a.Profile) {
		return false
	}
	old, errs := profile.DecodeBytes(a.Profile)
	if errs.HasErrors() {
		return true
	}
	was, err := json.Marshal(old)
	return err != nil || !bytes.Equal(cur, was)
}

// Validate checks an assessment before it is stored.
func (a *Assessment) Validate() error {
	switch {
	case a.EnterpriseID == 0:
		return apperr.Errorf(apperr.EINVALID, "评价须关联企业")
	case a.AsOf.IsZero():
		return apperr.Errorf(apperr.EINVALID, "评价日期不能为空")
	case a.DataYear < 2000 || a.DataYear > 2100:
		return apperr.Errorf(apperr.EINVALID, "数据年度无效：%d", a.DataYear)
	case a.Tier == "" || a.RulesetID == "" || a.RulesetVersion == "" || a.RulesetHash == "":
		return apperr.Errorf(apperr.EINVALID, "评价须注明梯度、规则集编号、版本和内容哈希")
	case a.Status == "":
		return apperr.Errorf(apperr.EINVALID, "评价结论不能为空")
	case len(a.Result) == 0 || len(a.Profile) == 0:
		return apperr.Errorf(apperr.EINVALID, "评价须保存结果和企业画像快照")
	}
	return nil
}
