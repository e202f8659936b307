package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// pageLayouts lists every page and the layout it renders in: "layout" (the
// site's frame with header and navigation) or "print" (A4, no navigation).
// Each page is templates/<page>.html defining "content"; parsePages refuses
// to start without it.
var pageLayouts = map[string]string{
	"login":             "layout",
	"login_resume":      "layout",
	"home":              "layout",
	"home_enterprise":   "layout",
	"home_partner":      "layout",
	"enterprise_list":   "layout",
	"enterprise_show":   "layout",
	"enterprise_import": "layout",
	"audit_list":        "layout",
	"user_list":         "layout",
	"user_new":          "layout",
	"user_show":         "layout",
	"account":           "layout",
	"job_show":          "layout",

	// Recognitions and dynamic management (动态管理).
	"recognition_list":        "layout",
	"enterprise_recognitions": "layout",
	"calendar":                "layout",
	"risks":                   "layout",
	"review":                  "layout",
	"review_list":             "layout",
	"hub_demands":             "layout",
	"hub_demand":              "layout",
	"hub_products":            "layout",
	"hub_packages":            "layout",
	"hub_institutions":        "layout",
	"hub_research":            "layout",
	"hub_bottlenecks":         "layout",

	"backuplist_list": "layout",
	"impact_show":     "layout",
	"discovery_list":  "layout",
	"population_list": "layout",
	"selftest":        "layout",
	"error":           "layout",
	"conflict":        "layout",
	// Programmes: policy library, carriers, parks, clusters, cases.
	"policy_list":  "layout",
	"policy_show":  "layout",
	"carrier_list": "layout",
	"carrier_show": "layout",
	"cluster_list": "layout",
	"cluster_show": "layout",
	"park_list":    "layout",
	"park_show":    "layout",
	"case_list":    "layout",
	"case_edit":    "layout",
	"showcase":     "layout",
	// Targets, forecast and quotas.
	"targets":   "layout",
	"plan_show": "layout",
	// 包联帮扶.
	"baolian":            "layout",
	"baolian_enterprise": "layout",
	"visit_list":         "layout",
	"appeal_list":        "layout",
	"appeal_show":        "layout",

	"reward_list": "layout",
	"reward_run":  "layout",
	// Trainings, 创客中国 and events.
	"training_list":     "layout",
	"training_show":     "layout",
	"training_door":     "layout",
	"training_coverage": "layout",
	"contest_list":      "layout",
	"contest_show":      "layout",
	"event_list":        "layout",
	"event_show":        "layout",

	"selftest_print":    "print",
	"enterprise_report": "print",
}

// parsePages parses each page with the layouts and the shared partials,
// once. A missing file, a parse error, a page that does not define
// "content" or a missing layout is an error, so a broken page stops the
// server at start, not at the first visit.
func parsePages(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for name, layout := range pageLayouts {
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		for _, need := range []string{"content", layout} {
			if t.Lookup(need) == nil {
				return nil, fmt.Errorf("page %s: template %q is not defined", name, need)
			}
		}
		pages[name] = t
	}
	return pages, nil
}

// base is what every page view carries: the title, the active navigation
// entry, the user (nil when anonymous) and the CSRF token of its forms.
type base struct {
	Title string
	Nav   string
	User  *userView
	CSRF  string
}

type userView struct {
	Username     string
	Role         auth.Role
	RoleName     string
	Region       string
	RegionName   string
	EnterpriseID int64
}

func (u *userView) IsCity() bool       { return u != nil && u.Role == auth.RoleCity }
func (u *userView) IsEnterprise() bool { return u != nil && u.Role == auth.RoleEnterprise }
func (u *userView) IsOfficial() bool {
	return u != nil && (u.Role == auth.RoleCity || u.Role == auth.RoleDistrict)
}

// base fills the common part of a view. It asks for the CSRF token before
// anything is written, as httpx.CSRFToken requires.
func (w *Web) base(r *http.Request, title, nav string) base {
	b := base{Title: title, Nav: nav, CSRF: httpx.CSRFToken(r)}
	if c, ok := httpx.Caller(r); ok {
		b.User = w.userOf(c)
	}
	return b
}

func (w *Web) userOf(c auth.Caller) *userView {
	return &userView{Username: c.Username, Role: c.Role, RoleName: c.Role.Label(), Region: c.Region,
		RegionName: w.region[c.Region], EnterpriseID: c.EnterpriseID}
}

// render writes a page in its layout with the status.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, page string, view any) {
	w.execute(rw, r, status, page, pageLayouts[page], view)
}

// renderFragment writes one named template of a page: the part htmx swaps.
func (w *Web) renderFragment(rw http.ResponseWriter, r *http.Request, status int, page, name string, view any) {
	w.execute(rw, r, status, page, name, view)
}

func (w *Web) execute(rw http.ResponseWriter, r *http.Request, status int, page, name string, view any) {
	t := w.pages[page]
	var buf bytes.Buffer
	if t == nil {
		w.fail(rw, r, fmt.Errorf("web: no page %q", page))
		return
	}
	if err := t.ExecuteTemplate(&buf, name, view); err != nil {
		w.fail(rw, r, fmt.Errorf("web: render %s/%s: %w", page, name, err))
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "HX-Request")
	rw.WriteHeader(status)
	_, _ = rw.Write(buf.Bytes())
}

// fail answers with the internal-error page; the error goes to the log.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	httpx.Error(rw, r, apperr.Wrap(err, apperr.EINTERNAL, ""))
}

// redirect sends the browser to url after a POST (303: the next request is
// a GET), or tells htmx to go there.
func redirect(rw http.ResponseWriter, r *http.Request, url string) {
	if isHTMX(r) {
		rw.Header().Set("HX-Redirect", url)
		rw.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(rw, r, url, http.StatusSeeOther)
}

func isHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }

type errorView struct {
	base
	Status  int
	Heading string
	Message string
	Fields  []httpx.Field
}

var errorHeadings = map[int]string{
	http.StatusBadRequest:            "提交的内容有误",
	http.StatusUnauthorized:          "请先登录",
	http.StatusForbidden:             "无权访问",
	http.StatusNotFound:              "页面不存在",
	http.StatusConflict:              "数据已被他人修改",
	http.StatusRequestEntityTooLarge: "提交的内容过大",
	http.StatusInternalServerError:   "系统内部错误",
}

// renderError is the web's httpx.ErrorRenderer: a Chinese error page with
// the user message, never internal detail. An anonymous visitor to a page
// that needs a login is sent to the login form, and back afterwards; a
// session that must change its password is sent to the change form.
func (w *Web) renderError(rw http.ResponseWriter, r *http.Request, status int, code, message string, fields []httpx.Field) {
	if c, ok := httpx.Caller(r); ok && c.MustChangePassword && status == http.StatusForbidden &&
		(isHTMX(r) || r.Method == http.MethodGet || r.Method == http.MethodHead) {
		// The password expired or an administrator set it: nothing but the
		// change form until it is changed.
		to := "/account?next=" + url.QueryEscape(r.URL.RequestURI())
		if isHTMX(r) {
			rw.Header().Set("HX-Redirect", to)
			rw.WriteHeader(http.StatusForbidden)
			return
		}
		http.Redirect(rw, r, to, http.StatusSeeOther)
		return
	}
	if status == http.StatusUnauthorized {
		read := r.Method == http.MethodGet || r.Method == http.MethodHead
		next := r.URL.RequestURI()
		if !read {
			next = refererPath(r) // the form's page: a POST's URL is no page to come back to
		}
		login := "/login?next=" + url.QueryEscape(next)
		switch {
		case isHTMX(r):
			rw.Header().Set("HX-Redirect", login)
			rw.WriteHeader(http.StatusUnauthorized)
			return
		case read:
			http.Redirect(rw, r, login, http.StatusSeeOther)
			return
		default:
			w.loginToResume(rw, r)
			return
		}
	}
	heading := errorHeadings[status]
	if heading == "" {
		heading = "请求未能完成"
	}
	if status == http.StatusNotFound && strings.HasPrefix(message, "企业不存在") {
		heading = "未找到该企业"
	}
	v := errorView{base: w.base(r, heading, ""), Status: status, Heading: heading, Message: message, Fields: fields}
	w.render(rw, r, status, "error", v)
}

// securityHeaders keeps pages out of frames and scripts to our own files.
// Styles may be inline: ECharts and htmx set element styles.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		next.ServeHTTP(rw, r)
	})
}
