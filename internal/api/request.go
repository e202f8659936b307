package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// cst is China Standard Time: "today" for an assessment is the bureau's day.
var cst = time.FixedZone("CST", 8*3600)

// today returns the bureau's current date.
func (a *API) today() profile.Date {
	y, m, d := a.now().In(cst).Date()
	return profile.Date{Y: y, M: m, D: d}
}

// params reads query parameters and collects every bad one, so a request
// with three bad parameters hears about all three at once.
type params struct {
	q      url.Values
	fields []httpx.Field
}

func query(r *http.Request) *params { return &params{q: r.URL.Query()} }

func (p *params) bad(name, format string, args ...any) {
	p.fields = append(p.fields, httpx.Field{Path: name, Message: name + "：" + fmt.Sprintf(format, args...)})
}

// err returns the collected problems as one EINVALID error, or nil.
func (p *params) err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return httpx.Invalid("请求参数有误", p.fields...)
}

func (p *params) str(name string, maxLen int) string {
	s := strings.TrimSpace(p.q.Get(name))
	if len([]rune(s)) > maxLen {
		p.bad(name, "不能超过 %d 个字符", maxLen)
		return ""
	}
	return s
}

func (p *params) int(name string, def, lo, hi int) int {
	s := p.q.Get(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.bad(name, "应为 %d 至 %d 之间的整数", lo, hi)
		return def
	}
	return n
}

func (p *params) bool(name string) bool {
	switch s := p.q.Get(name); s {
	case "", "0", "false":
		return false
	case "1", "true":
		return true
	}
	p.bad(name, "应为 1 或 0")
	return false
}

func (p *params) oneOf(name string, allowed []string) string {
	s := p.q.Get(name)
	if s != "" && !slices.Contains(allowed, s) {
		p.bad(name, "取值应为 %s 之一", strings.Join(allowed, "、"))
		return ""
	}
	return s
}

// date reads YYYY-MM-DD; def when absent.
func (p *params) date(name string, def profile.Date) profile.Date {
	s := p.q.Get(name)
	if s == "" {
		return def
	}
	d, err := profile.ParseDate(s)
	if err != nil {
		p.bad(name, "应为日期 YYYY-MM-DD")
		return def
	}
	return d
}

// asOf reads an assessment date (default today) and refuses one far from
// any rule set's use: the rule sets in force have no end date, so without a
// bound 9999-12-31 would be assessed under today's rules.
func (p *params) asOf(name string, today profile.Date) profile.Date {
	d := p.date(name, today)
	if msg := asOfProblem(d, today); msg != "" {
		p.bad(name, "%s", msg)
	}
	return d
}

// asOfYearsAhead is how far past this year an assessment date may lie: a
// 复核 looks at most three years ahead of the recognition; later dates
// belong to rule sets not yet written.
const asOfYearsAhead = 3

// asOfProblem says what is wrong with an assessment date, or "".
func asOfProblem(d, today profile.Date) string {
	if last := (profile.Date{Y: today.Y + asOfYearsAhead, M: 12, D: 31}); last.Before(d) {
		return fmt.Sprintf("评价日期 %s 超出现行认定标准的适用范围，应不晚于 %s", d, last)
	}
	return ""
}

// atDate checks the facts of p that only the assessment date can judge
// (profile.ValidateAt), with paths under prefix.
func atDate(p *profile.Profile, day profile.Date, prefix string) error {
	if p == nil {
		return nil
	}
	if errs := profile.ValidateAt(p, day); errs.HasErrors() {
		return httpx.ProfileInvalid(errs, prefix)
	}
	return nil
}

// tiers reads the tier parameter of the evaluator: empty for every tier.
func (p *params) tiers(name string) []string {
	if t := p.oneOf(name, criteria.Tiers); t != "" {
		return []string{t}
	}
	return nil
}

// pathID reads a positive integer path parameter.
func pathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, httpx.Invalid("请求路径有误", httpx.Field{Path: name, Message: name + "：应为正整数"})
	}
	return n, nil
}

// pathEnterprise reads the {id} path parameter and returns that enterprise
// as the caller may see it: out of scope it does not exist.
func (a *API) pathEnterprise(r *http.Request) (*enterprise.Record, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return a.store.GetEnterprise(r.Context(), id)
}

// update is what an update handler reads before its own fields.
type update struct {
	old     *enterprise.Record // the path's enterprise as the caller may see it
	version int64              // the version the client expects (If-Match), or 0
	body    []byte
}

// readUpdate reads the {id} path parameter, If-Match and the body, then the
// enterprise: out of scope it is 404 whatever the body says.
func (a *API) readUpdate(r *http.Request) (update, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return update{}, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return update{}, err
	}
	body, err := httpx.ReadBody(r)
	if err != nil {
		return update{}, err
	}
	old, err := a.store.GetEnterprise(r.Context(), id)
	if err != nil {
		return update{}, err
	}
	return update{old, version, body}, nil
}

// ifMatch reads an expected record version from the If-Match header
// ("3" or the ETag form "\"v3\""); 0 when absent.
func ifMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	h = strings.TrimPrefix(strings.Trim(strings.TrimPrefix(h, "W/"), `"`), "v")
	n, err := strconv.ParseInt(h, 10, 64)
	if err != nil || n <= 0 {
		return 0, httpx.Invalid("请求头有误", httpx.Field{Path: "If-Match", Message: "If-Match：应为档案版本号，如 \"v3\""})
	}
	return n, nil
}

// pathIDIfMatch reads an id path parameter and the If-Match version (0
// when absent): what an update of a record by id reads first.
func pathIDIfMatch(r *http.Request, name string) (id, version int64, err error) {
	if id, err = pathID(r, name); err != nil {
		return 0, 0, err
	}
	version, err = ifMatch(r)
	return id, version, err
}

// bodyVersion is the version an update was made from: the body's when it
// gives one, else If-Match's (0: neither); the two disagreeing is 400.
func bodyVersion(header, body int64) (int64, error) {
	switch {
	case body != 0 && header != 0 && body != header:
		return 0, httpx.Invalid("版本不一致", httpx.Field{Path: "version", Message: "version：与 If-Match 请求头所注明的版本不一致"})
	case body != 0:
		return body, nil
	}
	return header, nil
}

// versioned is a request body that may give the version it was made from.
type versioned interface{ givenVersion() int64 }

// decodeVersioned reads the name path parameter, If-Match and the JSON
// body into req: what an update of a record by id reads first. version is
// the body's or If-Match's (0: neither).
func decodeVersioned(r *http.Request, name string, req versioned) (id, version int64, err error) {
	if id, version, err = pathIDIfMatch(r, name); err != nil {
		return 0, 0, err
	}
	if err = httpx.DecodeJSON(r, req); err != nil {
		return 0, 0, err
	}
	version, err = bodyVersion(version, req.givenVersion())
	return id, version, err
}

// etag is the ETag of a record version.
func etag(version int64) string { return `"v` + strconv.FormatInt(version, 10) + `"` }

// decodeProfile decodes and validates a profile document; problems carry
// their paths under prefix.
func decodeProfile(doc []byte, prefix string) (*profile.Profile, error) {
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		return nil, httpx.ProfileInvalid(errs, prefix)
	}
	return p, nil
}

// readJSON reads the request body, bounded, into v; a body that is not the
// JSON object v expects is 400 naming what was expected (what: 认定记录).
func readJSON(r *http.Request, v any, what string) error {
	doc, err := httpx.ReadBody(r)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(doc, v); err != nil {
		return httpx.Invalid("请求体不是有效的"+what, httpx.Field{Path: "", Message: "请求体应为 JSON 对象：" + err.Error()})
	}
	return nil
}
