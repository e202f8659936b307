// Package reward holds 免申即享 rewards (spec/workflows.md §5): policies as
// data, the eligibility of enterprises with its explanation, 从高不重复, the
// budget cut and the states of runs and items. Money is int64 分 throughout.
// It knows no HTTP and no SQL.
package reward

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/apperr"
	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/programme"
	"zjtx/rules"
)

// Objects a policy rewards, each through the same run: an enterprise for
// its recognition (认定), an innovation carrier (创新载体, paid to its
// operator) by kind and level, a 中小企业特色产业集群 (paid to its 促进机构)
// by level, and a 创客中国 prize (paid to the entry's enterprise) by result.
const (
	ObjectEnterprise = "enterprise"
	ObjectCarrier    = "carrier"
	ObjectCluster    = "cluster"
	ObjectPrize      = "prize"
)

// ObjectZH names the objects.
var ObjectZH = map[string]string{ObjectEnterprise: "企业", ObjectCarrier: "创新载体", ObjectCluster: "中小企业特色产业集群",
	ObjectPrize: "创客中国获奖项目"}

// PrizeLevel is the level of a 创客中国 result: the national lists are
// national, the prizes of the 郑州分赛 municipal.
func PrizeLevel(result string) string {
	if strings.HasPrefix(result, "national_") {
		return cultivation.LevelNational
	}
	return cultivation.LevelMunicipal
}

// CreditFlagZH names the profile flags a policy may exclude on (flags.*).
var CreditFlagZH = map[string]string{
	"serious_dishonesty":  "列入严重失信主体名单",
	"abnormal_list":       "列入经营异常名录",
	"tax_violation_3y":    "近三年偷漏税等违法违规",
	"major_incident_3y":   "近三年发生重大安全、质量、环境事件",
	"research_misconduct": "严重科研失信",
}

// Conditions are what an enterprise must meet besides holding the
// recognition, from a closed vocabulary.
type Conditions struct {
	RecognizedInYear         bool     `yaml:"recognized_in_year" json:"recognized_in_year"`
	RegisteredInJurisdiction bool     `yaml:"registered_in_jurisdiction" json:"registered_in_jurisdiction"`
	NoCreditFlags            []string `yaml:"no_credit_flags" json:"no_credit_flags"`
}

// Policy is one reward policy.
type Policy struct {
	ID           int64      `json:"id"`
	Code         string     `yaml:"code" json:"code"`
	DocNo        string     `yaml:"doc_no" json:"doc_no"`
	Name         string     `yaml:"name" json:"name"`
	Object       string     `yaml:"object" json:"object"`
	Tier         string     `yaml:"tier" json:"tier"` // enterprise: the recognition's tier
	Kind         string     `yaml:"kind" json:"kind"` // carrier: its kind; prize: the result
	Level        string     `yaml:"level" json:"level"`
	Jurisdiction string     `yaml:"jurisdiction" json:"jurisdiction"` // "" the city, else a district code
	Year         int        `yaml:"year" json:"year"`
	Amount       string     `yaml:"amount" json:"-"`
	AmountFen    int64      `yaml:"-" json:"amount_fen"`
	Budget       string     `yaml:"budget" json:"-"`
	BudgetFen    int64      `yaml:"-" json:"budget_fen"` // 0: no budget limit
	Conditions   Conditions `yaml:"conditions" json:"conditions"`
	DedupeGroup  string     `yaml:"dedupe_group" json:"dedupe_group"`
	Rank         int        `yaml:"rank" json:"rank"`     // 1 is the highest of its group
	TopUp        bool       `yaml:"top_up" json:"top_up"` // 补差 on an upgrade
	// Unverified marks an amount the bureau has not yet fixed in an issued
	// document (a placeholder): pages show it 待核实 beside the amount.
	Unverified bool      `yaml:"unverified" json:"unverified"`
	Source     string    `yaml:"-" json:"source"` // the rules file, or "manual"
	Version    int64     `yaml:"-" json:"version"`
	CreatedAt  time.Time `yaml:"-" json:"created_at,omitzero"`
	UpdatedAt  time.Time `yaml:"-" json:"updated_at,omitzero"`
}

// Normalize parses the amounts written in yuan and trims the text fields.
// Amounts already in 分 (an API record) are kept when no text is given.
func (p *Policy) Normalize() error {
	for _, s := range []*string{&p.Code, &p.DocNo, &p.Name, &p.Object, &p.Tier, &p.Kind, &p.Level, &p.Jurisdiction, &p.DedupeGroup} {
		*s = strings.TrimSpace(*s)
	}
	if p.Object == "" {
		p.Object = ObjectEnterprise
	}
	if p.Amount != "" {
		fen, err := ParseYuan(p.Amount)
		if err != nil {
			return fieldErr("amount", "金额", err)
		}
		p.AmountFen = fen
	}
	if p.Budget != "" {
		fen, err := ParseYuan(p.Budget)
		if err != nil {
			return fieldErr("budget", "预算", err)
		}
		p.BudgetFen = fen
	}
	return nil
}

func fieldErr(field, zh string, err error) error {
	return apperr.Wrap(fmt.Errorf("%s: %w", field, err), apperr.EINVALID, zh+"："+apperr.Message(err))
}

// Validate returns every problem of p, in Chinese, naming the field.
func (p *Policy) Validate() error {
	var bad []string
	add := func(field, msg string) { bad = append(bad, msg+"（"+field+"）") }
	if p.Code == "" {
		add("code", "政策编码不能为空")
	}
	if p.Name == "" {
		add("name", "政策名称不能为空")
	}
	if p.DocNo == "" {
		add("doc_no", "文号不能为空")
	}
	if _, ok := ObjectZH[p.Object]; !ok {
		add("object", "奖励对象须为 enterprise、carrier、cluster 或 prize")
	}
	switch p.Object {
	case ObjectEnterprise:
		if !slices.Contains(cultivation.RecognitionTiers, p.Tier) {
			add("tier", "企业奖励须指定认定梯度")
		}
	case ObjectCarrier:
		if carrier.KindZH[p.Kind] == "" {
			add("kind", "载体奖励须指定载体类型（"+strings.Join(carrier.Kinds, "、")+"）")
		}
	case ObjectPrize:
		if programme.ResultZH[p.Kind] == "" {
			add("kind", "创客中国奖励须指定获奖名次（"+strings.Join(programme.Results, "、")+"）")
		} else if p.Level != PrizeLevel(p.Kind) {
			add("level", "获奖名次“"+programme.ResultZH[p.Kind]+"”的级别应为 "+PrizeLevel(p.Kind))
		}
	}
	if _, ok := cultivation.LevelZH[p.Level]; !ok {
		add("level", "级别须为 national、provincial 或 municipal")
	}
	if p.Year < 2000 || p.Year > 2100 {
		add("year", "年度有误")
	}
	if p.AmountFen <= 0 {
		add("amount_fen", "奖励金额须大于零")
	}
	if p.BudgetFen < 0 {
		add("budget_fen", "预算不能为负")
	}
	if p.DedupeGroup == "" {
		add("dedupe_group", "须指定从高不重复的政策组")
	}
	if p.Rank < 1 {
		add("rank", "组内排序须为正整数（1 为最高）")
	}
	for _, f := range p.Conditions.NoCreditFlags {
		if _, ok := CreditFlagZH[f]; !ok {
			add("conditions.no_credit_flags", "未知的信用标记 "+f)
		}
	}
	if len(bad) > 0 {
		return apperr.Errorf(apperr.EINVALID, "奖励政策有误：%s", strings.Join(bad, "；"))
	}
	return nil
}

// policyFile is one rules/rewards/*.yaml.
type policyFile struct {
	Year         int      `yaml:"year"`
	Jurisdiction string   `yaml:"jurisdiction"`
	Policies     []Policy `yaml:"policies"`
}

// LoadPolicies reads every *.yaml under dir of fsys. A policy takes its
// year and jurisdiction from the file unless it names its own.
func LoadPolicies(fsys fs.FS, dir string) ([]*Policy, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []*Policy
	seen := map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var f policyFile
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("reward: %s: %w", name, err)
		}
		for i := range f.Policies {
			p := f.Policies[i]
			if p.Year == 0 {
				p.Year = f.Year
			}
			if p.Jurisdiction == "" {
				p.Jurisdiction = f.Jurisdiction
			}
			p.Source = path.Base(name)
			if err := p.Normalize(); err != nil {
				return nil, fmt.Errorf("reward: %s: %s: %w", name, p.Code, err)
			}
			if err := p.Validate(); err != nil {
				return nil, fmt.Errorf("reward: %s: %s: %w", name, p.Code, err)
			}
			if other, dup := seen[p.Code]; dup {
				return nil, fmt.Errorf("reward: %s: code %s already in %s", name, p.Code, other)
			}
			seen[p.Code] = name
			out = append(out, &p)
		}
	}
	return out, nil
}

// Embedded returns the policies of the rules files built into the binary
// (rules/rewards/*.yaml).
func Embedded() ([]*Policy, error) { return LoadPolicies(rules.RewardsFS, "rewards") }
