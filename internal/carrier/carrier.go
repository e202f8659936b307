// Package carrier holds the places enterprises grow in: innovation carriers
// (创新载体) with their tenants, 专精特新产业园 whose places go to applicants
// ranked by 亩均效益, and 中小企业特色产业集群 with their members.
package carrier

import (
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

// Kinds of innovation carrier, as the plan lists them.
const (
	KindDemoBase    = "demo_base"    // 创业创新示范基地
	KindIncubator   = "incubator"    // 科技企业孵化器
	KindSciencePark = "science_park" // 大学科技园
	KindMicroPark   = "micro_park"   // 小微企业创业园（小微工业园）
	KindMakerSpace  = "maker_space"  // 众创空间
	KindStartupPark = "startup_park" // 创业园区
)

// Kinds lists the kinds in the order pages offer them.
var Kinds = []string{KindDemoBase, KindIncubator, KindSciencePark, KindMicroPark, KindMakerSpace, KindStartupPark}

// KindZH names the kinds.
var KindZH = map[string]string{
	KindDemoBase: "创业创新示范基地", KindIncubator: "科技企业孵化器", KindSciencePark: "大学科技园",
	KindMicroPark: "小微企业创业园", KindMakerSpace: "众创空间", KindStartupPark: "创业园区",
}

// Levels of a carrier or cluster: who recognised it.
var Levels = []string{cultivation.LevelNational, cultivation.LevelProvincial, cultivation.LevelMunicipal}

// Carrier is an innovation carrier.
type Carrier struct {
	ID           int64        `json:"id"`
	Name         string       `json:"name"`
	Kind         string       `json:"kind"`
	Level        string       `json:"level"`
	Operator     string       `json:"operator"` // 运营主体
	Region       string       `json:"region"`
	AreaSqm      int64        `json:"area_sqm"` // 面积（平方米）
	RecognizedOn profile.Date `json:"recognized_on,omitzero"`
	DocNo        string       `json:"doc_no"`
	Tenants      int          `json:"tenants"` // read with the record
	Version      int64        `json:"version"`
	CreatedAt    time.Time    `json:"created_at,omitzero"`
	UpdatedAt    time.Time    `json:"updated_at,omitzero"`
}

type problems []cultivation.Problem

func (p *problems) bad(path, zh, en string) {
	*p = append(*p, cultivation.Problem{Path: path, Message: zh, MessageEN: en})
}

// name checks a record's name.
func (p *problems) name(s *string) {
	*s = strings.TrimSpace(*s)
	if *s == "" || utf8.RuneCountInString(*s) > 100 {
		p.bad("name", "名称：必填，不超过 100 字", "name: required, at most 100 characters")
	}
}

// Validate reports every bad field (none: nil).
func (c *Carrier) Validate() []cultivation.Problem {
	var p problems
	p.name(&c.Name)
	c.Operator, c.DocNo = strings.TrimSpace(c.Operator), strings.TrimSpace(c.DocNo)
	if KindZH[c.Kind] == "" {
		p.bad("kind", "载体类型：应为创业创新示范基地、科技企业孵化器、大学科技园、小微企业创业园、众创空间或创业园区",
			"kind: one of "+strings.Join(Kinds, ", "))
	}
	if cultivation.LevelZH[c.Level] == "" {
		p.bad("level", "级别：应为国家级、省级或市级", "level: one of national, provincial, municipal")
	}
	if c.Region == "" {
		p.bad("region", "所在区县：必填", "region: required")
	}
	if c.AreaSqm < 0 || c.AreaSqm > 100_000_000 {
		p.bad("area_sqm", "面积：应为 0 到 1 亿平方米", "area_sqm: between 0 and 100,000,000")
	}
	if utf8.RuneCountInString(c.Operator) > 100 || utf8.RuneCountInString(c.DocNo) > 80 {
		p.bad("operator", "运营主体不超过 100 字，文号不超过 80 字", "operator: at most 100 characters; doc_no: at most 80")
	}
	return p
}

// Cluster is a 中小企业特色产业集群.
type Cluster struct {
	ID           int64        `json:"id"`
	Name         string       `json:"name"`
	Level        string       `json:"level"` // national, provincial
	Region       string       `json:"region"`
	Industry     string       `json:"industry"` // 主导产业
	Operator     string       `json:"operator"` // 集群促进机构（运营主体）, who its rewards are paid to
	RecognizedOn profile.Date `json:"recognized_on,omitzero"`
	DocNo        string       `json:"doc_no"`
	Members      int          `json:"members"` // read with the record
	Version      int64        `json:"version"`
	CreatedAt    time.Time    `json:"created_at,omitzero"`
	UpdatedAt    time.Time    `json:"updated_at,omitzero"`
}

// Validate reports every bad field (none: nil).
func (c *Cluster) Validate() []cultivation.Problem {
	var p problems
	p.name(&c.Name)
	c.Industry, c.DocNo, c.Operator = strings.TrimSpace(c.Industry), strings.TrimSpace(c.DocNo), strings.TrimSpace(c.Operator)
	if c.Level != cultivation.LevelNational && c.Level != cultivation.LevelProvincial {
		p.bad("level", "级别：应为国家级或省级", "level: national or provincial")
	}
	if c.Region == "" {
		p.bad("region", "所在区县：必填", "region: required")
	}
	if utf8.RuneCountInString(c.Industry) > 100 || utf8.RuneCountInString(c.DocNo) > 80 || utf8.RuneCountInString(c.Operator) > 100 {
		p.bad("industry", "主导产业、促进机构不超过 100 字，文号不超过 80 字",
			"industry, operator: at most 100 characters; doc_no: at most 80")
	}
	return p
}

// TierShare is how many of a cluster's members are on a tier's backup list
// or hold its title.
type TierShare struct {
	Tier    string `json:"tier"`
	Listed  int    `json:"listed"`  // on the tier's backup list (any status but 移出)
	Titled  int    `json:"titled"`  // holding the tier's title
	Either  int    `json:"either"`  // listed or titled, each member once
	Members int    `json:"members"` // the cluster's members
}

// Share is Either over Members in per mille, rounded half up (0 for no
// members): 1000 is every member.
func (s TierShare) Share() int {
	if s.Members == 0 {
		return 0
	}
	return (s.Either*1000 + s.Members/2) / s.Members
}
