package programme

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Contest is an edition of 创客中国 (the Zhengzhou 分赛 of a year).
type Contest struct {
	ID        int64     `json:"id"`
	Year      int       `json:"year"`
	Name      string    `json:"name"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Entries   int       `json:"entries"` // filled by the store's list
}

// Validate normalises c and refuses it naming the first bad field.
func (c *Contest) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	switch {
	case c.Name == "" || utf8.RuneCountInString(c.Name) > 100:
		return apperr.Errorf(apperr.EINVALID, "赛事名称必填，且不超过 100 字 (name: required, at most 100 characters)")
	case c.Year < 2015 || c.Year > 2100:
		return apperr.Errorf(apperr.EINVALID, "赛事年度无效 (year: 2015 to 2100)")
	}
	return nil
}

// Entry groups: 企业组 and 创客组. Only the enterprise group's results count
// for the criteria ("进入……全国50强企业组名单").
const (
	GroupEnterprise = "enterprise"
	GroupMaker      = "maker"
)

// GroupZH names the groups.
var GroupZH = map[string]string{GroupEnterprise: "企业组", GroupMaker: "创客组"}

// Stages of the contest.
var Stages = []string{"registered", "preliminary", "semifinal", "final", "national"}

// StageZH names the stages.
var StageZH = map[string]string{"registered": "已报名", "preliminary": "初赛", "semifinal": "复赛",
	"final": "郑州分赛决赛", "national": "全国赛"}

// Results of the contest, lowest first: the 分赛's prizes and the national
// lists.
var Results = []string{"first", "second", "third", "national_top500", "national_top50"}

// ResultZH names the results.
var ResultZH = map[string]string{"first": "一等奖", "second": "二等奖", "third": "三等奖",
	"national_top500": "全国500强", "national_top50": "全国50强"}

// MakerResult is the profile's maker_china result a contest result stands
// for: the 分赛's prizes are a regional prize, the national lists are
// themselves; "" for none.
func MakerResult(result string) string {
	switch result {
	case "first", "second", "third":
		return profile.MakerRegionalPrize
	case "national_top500":
		return profile.MakerNationalTop500
	case "national_top50":
		return profile.MakerNationalTop50
	}
	return ""
}

// Entry is an enterprise's or a maker team's entry in an edition.
type Entry struct {
	ID           int64     `json:"id"`
	ContestID    int64     `json:"contest_id"`
	Group        string    `json:"group"`
	EnterpriseID int64     `json:"enterprise_id,omitempty"`
	Team         string    `json:"team,omitempty"` // the maker team's name
	Region       string    `json:"region"`
	Project      string    `json:"project"`
	Stage        string    `json:"stage"`
	Result       string    `json:"result"`
	Version      int64     `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`

	EnterpriseName string `json:"enterprise_name,omitempty"`
	ContestYear    int    `json:"contest_year,omitempty"`
	ContestName    string `json:"contest_name,omitempty"`
}

// Validate normalises e and refuses it naming the first bad field.
func (e *Entry) Validate() error {
	e.Team, e.Project = strings.TrimSpace(e.Team), strings.TrimSpace(e.Project)
	if e.Stage == "" {
		e.Stage = "registered"
	}
	switch {
	case GroupZH[e.Group] == "":
		return apperr.Errorf(apperr.EINVALID, "参赛组别无效 (group: enterprise or maker)")
	case e.Group == GroupEnterprise && e.EnterpriseID == 0:
		return apperr.Errorf(apperr.EINVALID, "企业组须选择参赛企业 (enterprise_id: required for the enterprise group)")
	case e.Group == GroupMaker && (e.Team == "" || utf8.RuneCountInString(e.Team) > 100):
		return apperr.Errorf(apperr.EINVALID, "创客组须填写团队名称，且不超过 100 字 (team: required for the maker group)")
	case e.Project == "" || utf8.RuneCountInString(e.Project) > 200:
		return apperr.Errorf(apperr.EINVALID, "参赛项目必填，且不超过 200 字 (project: required, at most 200 characters)")
	case StageZH[e.Stage] == "":
		return apperr.Errorf(apperr.EINVALID, "赛程阶段无效 (stage: one of %s)", strings.Join(Stages, ", "))
	case e.Result != "" && ResultZH[e.Result] == "":
		return apperr.Errorf(apperr.EINVALID, "获奖名次无效 (result: one of %s)", strings.Join(Results, ", "))
	}
	if e.Group == GroupMaker {
		e.EnterpriseID = 0
	}
	return nil
}

// ApplyResult writes an enterprise entry's result of the contest year into
// the profile's maker_china: the year's placing becomes the result's
// (replacing an earlier one of the same year), or leaves when the entry has
// no result that counts. It reports whether the profile changed.
func ApplyResult(p *profile.Profile, year int, result string) bool {
	want := MakerResult(result)
	i := slices.IndexFunc(p.MakerChina, func(m profile.MakerChina) bool { return m.Year == year })
	switch {
	case i >= 0 && want == "":
		p.MakerChina = slices.Delete(p.MakerChina, i, i+1)
	case i >= 0 && p.MakerChina[i].Result != want:
		p.MakerChina[i].Result = want
	case i < 0 && want != "":
		p.MakerChina = append(p.MakerChina, profile.MakerChina{Year: year, Result: want})
	default:
		return false
	}
	return true
}
