package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/profile"
)

var roles = []string{"", "city", "district", "enterprise", "institution", "bank"}

// TestPagesByRole is the role × page matrix: the status each role gets on
// each page. 303 for an anonymous visitor is the redirect to /login; a
// record out of the caller's scope is 404, as if it did not exist.
func TestPagesByRole(t *testing.T) {
	e := newEnv(t)
	browsers := map[string]*browser{}
	for _, r := range roles {
		browsers[r] = e.as(r)
	}
	const S, OK, NF, FB = 303, 200, 404, 403
	for _, tt := range []struct {
		path string
		want [6]int // anonymous, city, district, enterprise, institution, bank
	}{
		{"/", [6]int{S, OK, OK, OK, OK, OK}},
		{"/enterprises", [6]int{S, OK, OK, OK, OK, OK}},
		{"/enterprises?q=%E9%83%91%E5%B7%9E&tier=none&sort=name&page=2", [6]int{S, OK, OK, OK, OK, OK}},
		{"/enterprises?outcome=srdi:review&outcome=innovative:pass&unrecognized=innovative&size=50&page=9999", [6]int{S, OK, OK, OK, OK, OK}},
		{"/enterprises?outcome=bad&size=7&id=x", [6]int{S, OK, OK, OK, OK, OK}}, // list pages are forgiving
		{"/jobs/999999", [6]int{S, NF, NF, NF, NF, NF}},
		{"/enterprises/{jinshui}", [6]int{S, OK, OK, NF, NF, NF}},
		{"/enterprises/{other}", [6]int{S, OK, NF, NF, NF, NF}},
		// The demo enterprise consented to the demo bank, which reads it on its
		// own pages (the consented scopes only), not on the full profile page.
		{"/enterprises/{own}", [6]int{S, OK, OK, OK, NF, FB}},
		{"/enterprises/{jinshui}/report", [6]int{S, OK, OK, NF, NF, NF}},
		{"/enterprises/{other}/report", [6]int{S, OK, NF, NF, NF, NF}},
		{"/enterprises/abc", [6]int{S, NF, NF, NF, NF, NF}},
		{"/recognitions", [6]int{S, OK, OK, FB, FB, FB}},
		{"/recognitions?tier=srdi&region=410105&page=2", [6]int{S, OK, OK, FB, FB, FB}},
		{"/recognitions/template.xlsx", [6]int{S, OK, OK, FB, FB, FB}},
		{"/enterprises/{jinshui}/recognitions", [6]int{S, OK, OK, FB, FB, FB}},
		{"/enterprises/{other}/recognitions", [6]int{S, OK, NF, FB, FB, FB}},
		{"/calendar", [6]int{S, OK, OK, FB, FB, FB}},
		{"/calendar?within=365&kind=review&region=410105", [6]int{S, OK, OK, FB, FB, FB}},
		{"/calendar/export.xlsx?within=365", [6]int{S, OK, OK, FB, FB, FB}},
		{"/risks", [6]int{S, OK, OK, FB, FB, FB}},
		// 回头看: the district account is 金水区's (410105); another district,
		// or the city's whole review, is not found for it.
		{"/review", [6]int{S, OK, OK, FB, FB, FB}},
		{"/review/410105", [6]int{S, OK, OK, FB, FB, FB}},
		{"/review/410102", [6]int{S, OK, NF, FB, FB, FB}},
		{"/review/4101", [6]int{S, OK, NF, FB, FB, FB}},
		{"/review/419999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/review/410105/unassigned", [6]int{S, OK, OK, FB, FB, FB}},
		{"/review/4101/overdue_visits", [6]int{S, OK, NF, FB, FB, FB}},
		{"/review/410102/risks", [6]int{S, OK, NF, FB, FB, FB}},
		{"/review/410105/bogus", [6]int{S, NF, NF, FB, FB, FB}},
		{"/review/export.xlsx", [6]int{S, OK, OK, FB, FB, FB}},
		{"/review/export.xlsx?region=410105", [6]int{S, OK, OK, FB, FB, FB}},
		{"/review/export.xlsx?region=410102", [6]int{S, OK, NF, FB, FB, FB}},
		{"/backup-lists/srdi", [6]int{S, OK, OK, FB, FB, FB}},
		{"/backup-lists/innovative?status=reserve&region=410105&industry=C3&source=eligible&page=99", [6]int{S, OK, OK, FB, FB, FB}},
		{"/backup-lists/gold", [6]int{S, NF, NF, FB, FB, FB}},
		{"/backup-lists/little_giant/export.xlsx", [6]int{S, OK, OK, FB, FB, FB}},
		{"/targets", [6]int{S, OK, OK, FB, FB, FB}},
		{"/targets?year=2025&edit=srdi:410105", [6]int{S, OK, OK, FB, FB, FB}},
		{"/targets?year=abc", [6]int{S, 400, 400, FB, FB, FB}},
		{"/targets/export.xlsx?year=2026", [6]int{S, OK, OK, FB, FB, FB}},
		{"/dashboard/export.xlsx", [6]int{S, OK, OK, FB, FB, FB}},
		{"/baolian", [6]int{S, OK, OK, S, FB, FB}}, // the enterprise goes to its own 包联 page
		{"/baolian/enterprises/{jinshui}", [6]int{S, OK, OK, NF, FB, FB}},
		{"/baolian/enterprises/{other}", [6]int{S, OK, NF, NF, FB, FB}},
		{"/baolian/enterprises/{own}", [6]int{S, OK, OK, OK, FB, FB}},
		{"/visits", [6]int{S, OK, OK, FB, FB, FB}},
		{"/visits?overdue=1&region=410105&page=2", [6]int{S, OK, OK, FB, FB, FB}},
		{"/appeals", [6]int{S, OK, OK, OK, FB, FB}},
		{"/appeals?status=registered&overdue=1&open=1&region=410105&page=9", [6]int{S, OK, OK, OK, FB, FB}},
		{"/appeals/999999", [6]int{S, NF, NF, NF, FB, FB}},
		// Trainings, 创客中国 and events: the demo's sessions 1–6 are past, 7 and 8 coming.
		{"/trainings", [6]int{S, OK, OK, OK, OK, OK}},
		{"/trainings?year=2026&level=inclusive", [6]int{S, OK, OK, OK, OK, OK}},
		{"/trainings/1", [6]int{S, OK, OK, OK, OK, OK}},
		{"/trainings/999999", [6]int{S, NF, NF, NF, NF, NF}},
		{"/trainings/coverage", [6]int{S, OK, OK, FB, FB, FB}},
		{"/trainings/coverage?region=410105&target=2&sessions=3&capacity=50", [6]int{S, OK, OK, FB, FB, FB}},
		{"/trainings/7/door", [6]int{S, OK, OK, FB, FB, FB}},
		{"/trainings/7/qr.png", [6]int{S, OK, OK, FB, FB, FB}},
		{"/trainings/7/checkin?code=123456", [6]int{S, FB, FB, OK, FB, FB}},
		{"/contests", [6]int{S, OK, OK, FB, FB, FB}},
		{"/contests/1", [6]int{S, OK, OK, FB, FB, FB}},
		{"/contests/999999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/events", [6]int{S, OK, OK, FB, FB, FB}},
		{"/events/1", [6]int{S, OK, OK, FB, FB, FB}},
		{"/events/999999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/audit", [6]int{S, OK, FB, FB, FB, FB}},
		{"/audit?action=login.success&since=2026-01-01&until=2026-12-31", [6]int{S, OK, FB, FB, FB, FB}},
		{"/users", [6]int{S, OK, FB, FB, FB, FB}},
		{"/users?q=dis&role=district&region=410105&status=active&page=1", [6]int{S, OK, FB, FB, FB, FB}},
		{"/users/new", [6]int{S, OK, FB, FB, FB, FB}},
		{"/users/{cityuser}", [6]int{S, OK, FB, FB, FB, FB}},
		{"/users/999999", [6]int{S, NF, FB, FB, FB, FB}},
		{"/policies", [6]int{S, OK, OK, FB, FB, FB}},
		{"/policies?q=%E5%85%8D%E7%94%B3&level=municipal&tag=x&page=3", [6]int{S, OK, OK, FB, FB, FB}},
		{"/policies/999999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/carriers", [6]int{S, OK, OK, FB, FB, FB}},
		{"/carriers?kind=incubator&region=410171", [6]int{S, OK, OK, FB, FB, FB}},
		{"/carriers/999999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/clusters", [6]int{S, OK, OK, FB, FB, FB}},
		{"/parks", [6]int{S, OK, OK, OK, FB, FB}},
		{"/parks/999999", [6]int{S, NF, NF, NF, FB, FB}},
		{"/cases", [6]int{S, OK, OK, FB, FB, FB}},
		{"/cases/999999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/showcase", [6]int{OK, OK, OK, OK, OK, OK}},
		{"/showcase/999999", [6]int{NF, NF, NF, NF, NF, NF}},
		{"/rewards", [6]int{S, OK, OK, OK, FB, FB}},
		{"/rewards/runs/1", [6]int{S, OK, OK, FB, FB, FB}},
		{"/rewards/runs/999999", [6]int{S, NF, NF, FB, FB, FB}},
		{"/account", [6]int{S, OK, OK, OK, OK, OK}},
		{"/selftest", [6]int{OK, OK, OK, OK, OK, OK}},
		{"/selftest?example=1", [6]int{OK, OK, OK, OK, OK, OK}},
		{"/selftest?mine=1", [6]int{FB, FB, FB, OK, FB, FB}},
		{"/selftest/print", [6]int{OK, OK, OK, OK, OK, OK}},
		{"/plans/999999", [6]int{S, NF, NF, NF, NF, NF}},
		{"/evidence/999999", [6]int{S, NF, NF, NF, NF, NF}},
		{"/finance", [6]int{S, OK, OK, FB, FB, FB}},
		{"/finance/consents", [6]int{S, FB, FB, OK, FB, FB}},
		{"/bank/enterprises", [6]int{S, FB, FB, FB, FB, OK}},
		{"/bank/enterprises?q=%E9%83%91", [6]int{S, FB, FB, FB, FB, OK}},
		{"/bank/enterprises/{own}", [6]int{S, FB, FB, FB, FB, OK}},
		{"/bank/enterprises/{jinshui}", [6]int{S, FB, FB, FB, FB, NF}},
		{"/bank/enterprises/{other}", [6]int{S, FB, FB, FB, FB, NF}},
		{"/bank/referrals", [6]int{S, FB, FB, FB, FB, OK}},
		{"/bank/referrals?overdue=1", [6]int{S, FB, FB, FB, FB, OK}},
		{"/login", [6]int{OK, S, S, S, S, S}},
		{"/no-such-page", [6]int{NF, NF, NF, NF, NF, NF}},
	} {
		for i, r := range roles {
			p := browsers[r].get(tt.path)
			if p.status != tt.want[i] {
				t.Errorf("GET %s as %q: %d, want %d: %.300s", tt.path, r, p.status, tt.want[i], p.body)
			}
			if p.status >= 400 && !strings.Contains(p.body, `lang="zh-CN"`) {
				t.Errorf("GET %s as %q: error is not the Chinese page: %.300s", tt.path, r, p.body)
			}
			if p.status == S && r == "" && !strings.HasPrefix(p.header.Get("Location"), "/login?next=") {
				t.Errorf("GET %s anonymous: Location %q, want /login?next=…", tt.path, p.header.Get("Location"))
			}
		}
	}
	t.Run("NotFoundPageIsChinese", func(t *testing.T) {
		p := browsers["district"].get("/enterprises/{other}")
		for _, want := range []string{"企业不存在或无权查看", "返回首页"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("404 page lacks %q", want)
			}
		}
		if strings.Contains(p.body, "sqlstore") || strings.Contains(p.body, "goroutine") {
			t.Errorf("404 page shows internals: %.500s", p.body)
		}
	})
}

// TestUnsafeRoutesByRole covers the POST routes: who may, who is refused.
func TestUnsafeRoutesByRole(t *testing.T) {
	e := newEnv(t)
	year := url.Values{"revenue": {"5000"}, "rd_expense": {"200"}, "version": {"1"}}
	for _, tt := range []struct {
		name string
		role string
		path string
		form url.Values
		want int
	}{
		{"AnonymousYear401", "", "/enterprises/{jinshui}/years/2025", year, 401},
		{"CityYear", "city", "/enterprises/{other}/years/2025", year, 303},
		{"DistrictOwnDistrictYear", "district", "/enterprises/{jinshui}/years/2025", year, 303},
		{"DistrictOtherDistrictYear404", "district", "/enterprises/{other}/years/2025", year, 404},
		{"EnterpriseOwnYear", "enterprise", "/enterprises/{own}/years/2025", year, 303},
		{"EnterpriseOtherYear404", "enterprise", "/enterprises/{jinshui}/years/2025", year, 404},
		{"BankYear404", "bank", "/enterprises/{jinshui}/years/2025", year, 404},
		{"DistrictAssessment", "district", "/enterprises/{jinshui}/assessments", nil, 303},
		{"DistrictOtherAssessment404", "district", "/enterprises/{other}/assessments", nil, 404},
		{"InstitutionAssessment404", "institution", "/enterprises/{own}/assessments", nil, 404},
		{"DistrictBulkAssessment", "district", "/enterprises/assess", url.Values{"id": {"{jinshui}"}}, 303},
		{"CityBulkAssessment", "city", "/enterprises/assess", url.Values{"region": {"410105"}, "tier": {"little_giant"}}, 303},
		{"EnterpriseBulkAssessment403", "enterprise", "/enterprises/assess", nil, 403},
		{"BankBulkAssessment403", "bank", "/enterprises/assess", nil, 403},
		{"AnonymousBulkAssessment401", "", "/enterprises/assess", nil, 401},
		{"DistrictRecognition", "district", "/enterprises/{jinshui}/recognitions", url.Values{"tier": {"srdi"}, "level": {"provincial"}, "batch": {"第一批"}, "recognized_on": {"2025-03-01"}}, 303},
		{"DistrictOtherRecognition404", "district", "/enterprises/{other}/recognitions", url.Values{"tier": {"srdi"}, "level": {"provincial"}, "recognized_on": {"2025-03-01"}}, 404},
		{"EnterpriseRecognition403", "enterprise", "/enterprises/{own}/recognitions", url.Values{"tier": {"srdi"}, "level": {"provincial"}, "recognized_on": {"2025-03-01"}}, 403},
		{"RecognitionBadDate400", "city", "/enterprises/{jinshui}/recognitions", url.Values{"tier": {"srdi"}, "level": {"provincial"}, "recognized_on": {"2025-02-30"}}, 400},
		{"RecognitionDeleteMissing404", "district", "/recognitions/999999/delete", url.Values{"version": {"1"}}, 404},
		{"RecognitionImportBank403", "bank", "/recognitions/import", nil, 403},
		{"EnterpriseRewardRun403", "enterprise", "/rewards/runs", url.Values{"policy_id": {"2"}}, 403},
		{"DistrictRewardRun403", "district", "/rewards/runs", url.Values{"policy_id": {"2"}}, 403},
		{"CityRewardRunCarrier", "city", "/rewards/runs", url.Values{"policy_id": {"4"}}, 303}, // carriers are run like enterprises
		{"CityRewardRunNoPolicy400", "city", "/rewards/runs", url.Values{"policy_id": {"x"}}, 400},
		{"DistrictRewardApprove403", "district", "/rewards/runs/2/approve", url.Values{"version": {"1"}}, 403},
		{"BankRewardAccount403", "bank", "/rewards/account", nil, 403},
		{"EnterpriseRewardAccountNotItsName400", "enterprise", "/rewards/account", url.Values{"holder": {"张三"}, "bank": {"中原银行"}, "account_no": {"6222021234567890"}}, 400},
		{"CityRewardConfirm403", "city", "/rewards/items/1/confirm", nil, 403},
		{"DistrictBackupRefresh", "district", "/backup-lists/refresh", nil, 303},
		{"EnterpriseBackupRefresh403", "enterprise", "/backup-lists/refresh", nil, 403},
		{"DistrictBackupAdd", "district", "/backup-lists/add", url.Values{"tier": {"srdi"}, "enterprise_id": {"{jinshui}"}, "reason": {"区工信局推荐"}}, 303},
		{"DistrictBackupAddOther404", "district", "/backup-lists/add", url.Values{"tier": {"little_giant"}, "enterprise_id": {"{other}"}, "reason": {"区工信局推荐"}}, 404},
		{"BankBackupAdd403", "bank", "/backup-lists/add", url.Values{"tier": {"little_giant"}, "enterprise_id": {"{jinshui}"}, "reason": {"x"}}, 403},
		{"DistrictBackupStatusNothingTicked400", "district", "/backup-lists/srdi/status", url.Values{"to": {"to_apply"}}, 400},
		{"DistrictBackupStatusOther400", "district", "/backup-lists/srdi/status", url.Values{"to": {"to_apply"}, "entry": {"{other}:1"}}, 400},
		{"AnonymousBackupStatus401", "", "/backup-lists/srdi/status", url.Values{"to": {"to_apply"}}, 401},
		{"DistrictDiscoveryBackup", "district", "/discovery/backup-list", url.Values{"tier": {"srdi"}, "uscc": {"91410100MA0000000X"}, "reason": {"区工信局推荐"}}, 200},
		{"DistrictDiscoveryBackupNothingTicked400", "district", "/discovery/backup-list", url.Values{"tier": {"srdi"}, "reason": {"区工信局推荐"}}, 400},
		{"EnterpriseDiscoveryBackup403", "enterprise", "/discovery/backup-list", url.Values{"tier": {"srdi"}, "uscc": {"91410100MA0000000X"}, "reason": {"x"}}, 403},
		{"AnonymousDiscoveryBackup401", "", "/discovery/backup-list", url.Values{"tier": {"srdi"}, "reason": {"x"}}, 401},
		{"CityTarget", "city", "/targets", url.Values{"year": {"2031"}, "tier": {"srdi"}, "region": {"410105"}, "target": {"12"}, "version": {"0"}}, 303},
		{"CityTargetStale409As400", "city", "/targets", url.Values{"year": {"2025"}, "tier": {"srdi"}, "region": {"4101"}, "target": {"301"}, "version": {"0"}}, 400},
		{"CityTargetBadNumber400", "city", "/targets", url.Values{"year": {"2031"}, "tier": {"srdi"}, "region": {"410105"}, "target": {"十二"}, "version": {"0"}}, 400},
		{"DistrictTarget403", "district", "/targets", url.Values{"year": {"2031"}, "tier": {"srdi"}, "region": {"410105"}, "target": {"99"}, "version": {"0"}}, 403},
		{"EnterpriseTarget403", "enterprise", "/targets", url.Values{"year": {"2031"}, "tier": {"srdi"}, "region": {"410105"}, "target": {"99"}, "version": {"0"}}, 403},
		{"AnonymousTarget401", "", "/targets", url.Values{"year": {"2031"}, "tier": {"srdi"}, "region": {"410105"}, "target": {"99"}, "version": {"0"}}, 401},
		{"TrainingCreate", "city", "/trainings", url.Values{"level": {"mid"}, "title": {"中端培训"}, "date": {"2026-10-10"}, "capacity": {"100"}}, 303},
		{"TrainingCreateDistrict403", "district", "/trainings", url.Values{"level": {"mid"}, "title": {"x"}, "date": {"2026-10-10"}, "capacity": {"100"}}, 403},
		{"TrainingCreateBadDate400", "city", "/trainings", url.Values{"level": {"mid"}, "title": {"x"}, "date": {"2026-02-30"}, "capacity": {"100"}}, 400},
		{"TrainingCreateBadCapacity400", "city", "/trainings", url.Values{"level": {"mid"}, "title": {"x"}, "date": {"2026-10-10"}, "capacity": {"lots"}}, 400},
		{"TrainingCreateAnonymous401", "", "/trainings", url.Values{"level": {"mid"}}, 401},
		{"SignupInvitedEnterprise", "enterprise", "/trainings/7/signups", url.Values{"attendee": {"张敏"}, "attendee_role": {"finance"}}, 303},
		{"SignupTwice409", "enterprise", "/trainings/7/signups", url.Values{"attendee": {"张敏"}, "attendee_role": {"finance"}}, 409},
		{"SignupBadRole400", "enterprise", "/trainings/8/signups", url.Values{"attendee": {"张敏"}, "attendee_role": {"boss"}}, 400},
		{"SignupPast400", "enterprise", "/trainings/1/signups", url.Values{"attendee": {"张敏"}, "attendee_role": {"admin"}}, 400},
		{"SignupDistrict403", "district", "/trainings/7/signups", url.Values{"attendee": {"张敏"}, "attendee_role": {"finance"}}, 403},
		{"CheckinWrongCode400", "enterprise", "/trainings/7/checkin", url.Values{"code": {"x"}}, 400},
		{"CheckinBank403", "bank", "/trainings/7/checkin", url.Values{"code": {"x"}}, 403},
		{"CancelOtherDistrict404", "district", "/trainings/7/cancel", url.Values{"enterprise_id": {"{other}"}, "version": {"1"}}, 404},
		{"InviteByTierDistrict", "district", "/trainings/8/invitations", url.Values{"tier": {"innovative"}}, 303},
		{"InvitePlanner", "city", "/trainings/8/invitations", url.Values{"planner": {"1"}}, 303},
		{"InviteBadTier400", "district", "/trainings/8/invitations", url.Values{"tier": {"gold"}}, 400},
		{"InvitePast400", "city", "/trainings/1/invitations", url.Values{"tier": {"innovative"}}, 400},
		{"InviteEnterprise403", "enterprise", "/trainings/8/invitations", url.Values{"tier": {"innovative"}}, 403},
		{"AttendanceOtherDistrict404", "district", "/trainings/1/attendance", url.Values{"enterprise_id": {"{other}"}}, 404},
		{"ContestCreate", "city", "/contests", url.Values{"year": {"2025"}, "name": {"2025年“创客中国”郑州分赛"}}, 303},
		{"ContestCreateNoName400", "city", "/contests", url.Values{"year": {"2025"}}, 400},
		{"ContestCreateDistrict403", "district", "/contests", url.Values{"year": {"2025"}, "name": {"x"}}, 403},
		{"ContestMakerEntry", "district", "/contests/1/entries", url.Values{"group": {"maker"}, "team": {"金水创客队"}, "region": {"410105"}, "project": {"智能传感"}}, 303},
		{"ContestMakerEntryOtherDistrict400", "district", "/contests/1/entries", url.Values{"group": {"maker"}, "team": {"队"}, "region": {"410102"}, "project": {"x"}}, 400},
		{"ContestEntryUnknownUSCC400", "district", "/contests/1/entries", url.Values{"group": {"enterprise"}, "uscc": {"91410100MA0000000X"}, "project": {"x"}}, 400},
		{"ContestEntryEnterprise403", "enterprise", "/contests/1/entries", url.Values{"group": {"maker"}}, 403},
		{"ContestResultStale409", "city", "/contests/1/entries/1", url.Values{"version": {"99"}, "stage": {"final"}, "result": {"first"}}, 409},
		{"ContestResultBad400", "city", "/contests/1/entries/1", url.Values{"version": {"1"}, "stage": {"final"}, "result": {"gold"}}, 400},
		{"ContestResultMissing404", "city", "/contests/1/entries/999999", url.Values{"version": {"1"}, "stage": {"final"}}, 404},
		{"EventCreate", "city", "/events", url.Values{"kind": {"topic"}, "title": {"专题活动"}, "date": {"2026-10-01"}}, 303},
		{"EventCreateBadKind400", "city", "/events", url.Values{"kind": {"party"}, "title": {"x"}, "date": {"2026-10-01"}}, 400},
		{"EventCreateDistrict403", "district", "/events", url.Values{"kind": {"topic"}, "title": {"x"}, "date": {"2026-10-01"}}, 403},
		{"EventParticipantUnknownUSCC400", "district", "/events/1/participants", url.Values{"uscc": {"91410100MA0000000X"}, "role": {"exhibitor"}}, 400},
		{"EventParticipantInstitution403", "institution", "/events/1/participants", url.Values{"uscc": {"x"}}, 403},
		{"EventOutcomeBadDeals400", "city", "/events/1/participants/1", url.Values{"version": {"1"}, "role": {"exhibitor"}, "deals": {"many"}}, 400},
		{"EventOutcomeMissing404", "city", "/events/1/participants/999999", url.Values{"version": {"1"}, "role": {"exhibitor"}, "deals": {"0"}}, 404},
		{"SaveNeedsEnterpriseRole", "district", "/selftest/save", url.Values{"_form": {"1"}}, 403},
		{"SaveAnonymous401", "", "/selftest/save", url.Values{"_form": {"1"}}, 401},
		{"PolicyCreateDistrict403", "district", "/policies", url.Values{"title": {"x"}}, 403},
		{"PolicyCreateBad400", "city", "/policies", url.Values{"title": {""}, "level": {"municipal"}, "issued_on": {"2025-01-01"}}, 400},
		{"PolicyUpdateMissing404", "city", "/policies/999999", url.Values{"title": {"x"}, "level": {"municipal"}, "issued_on": {"2025-01-01"}, "version": {"1"}}, 404},
		{"CarrierCreateDistrict403", "district", "/carriers", url.Values{"name": {"x"}}, 403},
		{"CarrierCreateBad400", "city", "/carriers", url.Values{"name": {"x"}, "kind": {"castle"}, "level": {"municipal"}, "region": {"410105"}}, 400},
		{"CarrierTenantEnterprise403", "enterprise", "/carriers/1/tenants", url.Values{"uscc": {"x"}}, 403},
		{"CarrierTenantBank403", "bank", "/carriers/1/tenants", url.Values{"uscc": {"x"}}, 403},
		{"ClusterMemberOtherDistrict404", "district", "/clusters/1/members", url.Values{"uscc": {"91410100MA0000000X"}}, 404},
		{"ClusterMemberUnknownUSCC400", "city", "/clusters/1/members", url.Values{"uscc": {"91410100MA0000000X"}}, 400},
		{"ClusterCreateInstitution403", "institution", "/clusters", url.Values{"name": {"x"}}, 403},
		{"ParkCreateDistrict403", "district", "/parks", url.Values{"name": {"x"}}, 403},
		{"ParkApplyBank403", "bank", "/parks/1/applications", url.Values{"need_mu": {"1"}}, 403},
		{"ParkApplyMissingPark404", "enterprise", "/parks/999999/applications", url.Values{"need_mu": {"10"}, "used_mu": {"10"}, "revenue": {"100"}, "tax": {"10"}}, 404},
		{"ParkDecideDistrict403", "district", "/parks/1/applications/1", url.Values{"status": {"granted"}, "version": {"1"}}, 403},
		{"CaseDraftEnterprise403", "enterprise", "/cases", url.Values{"uscc": {"x"}}, 403},
		{"CaseDraftOther404", "district", "/enterprises/{other}/cases", nil, 404},
		{"CaseDraftOwn", "district", "/enterprises/{jinshui}/cases", nil, 303},
		{"CaseSaveMissing404", "city", "/cases/999999", url.Values{"title": {"x"}, "version": {"1"}}, 404},
		{"LogoutAnonymous401", "", "/logout", nil, 401},
		{"UsersCreateDistrict403", "district", "/users", url.Values{"username": {"x.y"}}, 403},
		{"UsersCreateAnonymous401", "", "/users", url.Values{"username": {"x.y"}}, 401},
		{"UserUpdateEnterprise403", "enterprise", "/users/{cityuser}", url.Values{"version": {"1"}, "status": {"disabled"}}, 403},
		{"UserPasswordBank403", "bank", "/users/{cityuser}/password", url.Values{"version": {"1"}, "password": {"Lotus-Pond-2026"}}, 403},
		{"UserUnlockInstitution403", "institution", "/users/{cityuser}/unlock", url.Values{"version": {"1"}}, 403},
		{"UserUnlockStaleVersion409", "city", "/users/{cityuser}/unlock", url.Values{"version": {"99"}}, 409},
		{"UserUnlockNoVersion400", "city", "/users/{cityuser}/unlock", nil, 400},
		{"UserUnlock", "city", "/users/{cityuser}/unlock", url.Values{"version": {"1"}}, 303},
		{"TokenCreateAnonymous401", "", "/account/tokens", url.Values{"name": {"x"}}, 401},
		{"TokenCreate", "bank", "/account/tokens", url.Values{"name": {"对接"}}, 200},
		{"TokenRevokeOthers404", "bank", "/account/tokens/999999/revoke", nil, 404},
		{"PasswordAnonymous401", "", "/account/password", nil, 401},
		{"AnonymousPlanCreate401", "", "/enterprises/{jinshui}/plans", url.Values{"tier": {"srdi"}}, 401},
		{"EnterprisePlanCreate403", "enterprise", "/enterprises/{own}/plans", url.Values{"tier": {"srdi"}, "owner": {"u1"}}, 403},
		{"InstitutionPlanCreate403", "institution", "/enterprises/{jinshui}/plans", url.Values{"tier": {"srdi"}, "owner": {"u1"}}, 403},
		{"DistrictPlanCreateOther404", "district", "/enterprises/{other}/plans", url.Values{"tier": {"tech_sme"}, "owner": {"u1"}}, 404},
		{"DistrictPlanCreateNoOwner400", "district", "/enterprises/{jinshui}/plans", url.Values{"tier": {"tech_sme"}}, 400},
		{"BankPlanClose403", "bank", "/plans/1/tasks/1/close", nil, 403},
		{"DistrictPlanCloseMissing404", "district", "/plans/999999/tasks/1/close", nil, 404},
		{"ConsentShowsText", "enterprise", "/finance/consents", url.Values{"bank_id": {"all"}, "scope": {"titles"}, "days": {"30"}}, 200},
		{"ConsentGrant", "enterprise", "/finance/consents", url.Values{"bank_id": {"all"}, "confirm": {"1"}}, 303},
		{"ConsentBadDays", "enterprise", "/finance/consents", url.Values{"bank_id": {"all"}, "days": {"9999"}}, 303},
		{"ConsentBank403", "bank", "/finance/consents", url.Values{"bank_id": {"all"}, "confirm": {"1"}}, 403},
		{"ConsentRevokeMissing404", "enterprise", "/finance/consents/999999/revoke", nil, 404},
		{"DemandBadAmount", "enterprise", "/finance/demands", url.Values{"amount_wan": {"abc"}}, 303},
		{"DemandDistrict403", "district", "/finance/demands", url.Values{"amount_wan": {"100"}}, 403},
		{"BankLineNonConsenting404", "bank", "/bank/enterprises/{jinshui}/lines", url.Values{"amount_wan": {"100"}, "mode": {"direct"}, "valid_to": {"2027-12-31"}}, 404},
		{"BankLine", "bank", "/bank/enterprises/{own}/lines", url.Values{"amount_wan": {"100"}, "mode": {"direct"}, "valid_to": {"2027-12-31"}}, 303},
		{"BankAnswerMissing404", "bank", "/bank/referrals/999999/answer", url.Values{"answer": {"accepted"}, "version": {"1"}}, 404},
		{"CityAnswer403", "city", "/bank/referrals/1/answer", url.Values{"answer": {"accepted"}, "version": {"1"}}, 403},
		{"Logout", "bank", "/logout", nil, 303},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := e.as(tt.role)
			b.get("/selftest") // a token for anonymous visitors too
			p := b.post(tt.path, tt.form, false)
			if p.status != tt.want {
				t.Errorf("POST %s as %q: %d, want %d: %s", tt.path, tt.role, p.status, tt.want, errText(p.body))
			}
		})
	}
}

// TestJobPages: a bulk assessment started on the list page leads to its
// job's page, which its creator's district and the city see and no one
// else; the page stops polling once the job ended; the list's outcome
// columns show the results.
func TestJobPages(t *testing.T) {
	e := newEnv(t)
	district := e.as("district")
	district.get("/enterprises")
	p := district.post("/enterprises/assess", url.Values{"id": {e.expand("{jinshui}")}}, false)
	loc := p.header.Get("Location")
	if p.status != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("bulk assessment: %d to %q, want 303 to the job page", p.status, loc)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		p = district.get(loc)
		if p.status != 200 {
			t.Fatalf("job page: %d", p.status)
		}
		if strings.Contains(p.body, `data-state="completed"`) {
			break
		}
		if !strings.Contains(p.body, `hx-trigger="every 1s"`) {
			t.Fatalf("a running job's page does not poll: %.500s", p.body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("job not done: %.500s", p.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if strings.Contains(p.body, "every 1s") || !strings.Contains(p.body, "已处理 <strong id=\"job-done\">1</strong>") {
		t.Errorf("finished job page: %.800s", p.body)
	}
	if got := e.as("city").get(loc); got.status != 200 {
		t.Errorf("city reads the district's job: %d", got.status)
	}
	for _, role := range []string{"enterprise", "bank"} {
		if got := e.as(role).get(loc); got.status != 404 {
			t.Errorf("%s reads the district's job: %d, want 404", role, got.status)
		}
	}
	city := e.as("city")
	city.get("/enterprises")
	cp := city.post("/enterprises/assess", url.Values{"id": {e.expand("{other}")}}, false)
	if got := district.get(cp.header.Get("Location")); got.status != 404 {
		t.Errorf("district reads the city's job: %d, want 404", got.status)
	}
	list := district.get("/enterprises?id={jinshui}")
	if !strings.Contains(list.body, `class="badge text-bg-`) || !strings.Contains(list.body, "操作") {
		t.Errorf("list lacks the outcome column or 操作: %.500s", list.body)
	}
}

// TestCSRF: every form POST without the right token is refused with 403.
func TestCSRF(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		name, role, path string
		token            string
	}{
		{"LoginMissing", "", "/login", ""},
		{"LoginWrong", "", "/login", "forged"},
		{"LogoutMissing", "city", "/logout", ""},
		{"YearMissing", "city", "/enterprises/{jinshui}/years/2025", ""},
		{"YearWrong", "district", "/enterprises/{jinshui}/years/2025", "forged"},
		{"AssessmentMissing", "city", "/enterprises/{jinshui}/assessments", ""},
		{"SelftestMissing", "", "/selftest", ""},
		{"WhatIfMissing", "", "/selftest/whatif", ""},
		{"SaveMissing", "enterprise", "/selftest/save", ""},
		{"UsersCreateMissing", "city", "/users", ""},
		{"UserUnlockWrong", "city", "/users/{cityuser}/unlock", "forged"},
		{"PasswordMissing", "bank", "/account/password", ""},
		{"TokenMissing", "bank", "/account/tokens", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := e.as(tt.role)
			b.get("/selftest")
			form := url.Values{"username": {"city"}, "password": {"zjtx-demo"}, "revenue": {"1"}}
			if tt.token != "" {
				form.Set("csrf_token", tt.token)
			}
			p := b.post(tt.path, form, true)
			if p.status != http.StatusForbidden || !strings.Contains(p.body, "CSRF") {
				t.Errorf("POST %s: %d, want 403 with the CSRF message: %.300s", tt.path, p.status, p.body)
			}
		})
	}
}

// loginError is the login form's message.
var loginError = regexp.MustCompile(`id="login-error">[^<]*<`)

func TestLogin(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		name, user, password string
		status               int
		want                 string
	}{
		{"Empty", "", "", 400, "请输入用户名"},
		{"WrongPassword", "city", "wrong", 401, "用户名或密码错误"},
		{"UnknownUserSameMessage", "nobody", "wrong", 401, "用户名或密码错误"},
		{"KeepsUsername", "city", "wrong", 401, `value="city"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := e.browser()
			b.get("/login")
			p := b.post("/login", url.Values{"username": {tt.user}, "password": {tt.password}}, false)
			if p.status != tt.status || !strings.Contains(p.body, tt.want) {
				t.Errorf("%d, want %d with %q: %.400s", p.status, tt.status, tt.want, p.body)
			}
		})
	}
	t.Run("LockedAfterFiveFailures", func(t *testing.T) {
		b := e.browser()
		b.get("/login")
		var p page
		for range 5 {
			p = b.post("/login", url.Values{"username": {"bank"}, "password": {"wrong"}}, false)
		}
		wrong := loginError.FindString(p.body)
		p = b.post("/login", url.Values{"username": {"bank"}, "password": {"zjtx-demo"}}, false)
		if got := loginError.FindString(p.body); p.status != 401 || got != wrong || !strings.Contains(got, "用户名或密码错误") {
			t.Errorf("right password while locked: %d %q; want 401 with the wrong password's words %q", p.status, got, wrong)
		}
	})
	t.Run("NextIsFollowedOnThisSiteOnly", func(t *testing.T) {
		for next, want := range map[string]string{"/audit": "/audit", "//evil.example": "/", "https://evil.example/": "/"} {
			b := e.browser()
			b.get("/login")
			p := b.post("/login", url.Values{"username": {"city"}, "password": {"zjtx-demo"}, "next": {next}}, false)
			if got := p.header.Get("Location"); got != want {
				t.Errorf("next=%q: Location %q, want %q", next, got, want)
			}
		}
	})
	t.Run("LogoutEndsSession", func(t *testing.T) {
		b := e.as("city")
		if p := b.post("/logout", nil, false); p.status != 303 {
			t.Fatalf("logout: %d", p.status)
		}
		if p := b.get("/"); p.status != 303 {
			t.Errorf("after logout: %d, want 303 to /login", p.status)
		}
	})
}

// TestDistrictScope: logged in as 金水区, no page shows an enterprise of
// another district.
func TestDistrictScope(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	others := []string{"中原区", "二七区", "管城回族区", "惠济区", "郑东新区", "郑州高新技术产业开发区", "巩义市"}
	rows := regexp.MustCompile(`<td>([^<]*区|[^<]*市|[^<]*县)</td>`)
	for _, path := range []string{"/", "/enterprises", "/enterprises?page=2", "/enterprises?q=%E9%83%91%E5%B7%9E",
		"/enterprises?region=410102", "/enterprises?sort=name&status=active", "/enterprises/{jinshui}"} {
		p := b.get(path)
		if p.status != 200 {
			t.Fatalf("GET %s: %d", path, p.status)
		}
		body := p.body
		if i := strings.Index(body, `<main`); i >= 0 {
			body = body[i:]
		}
		for _, o := range others {
			if strings.Contains(body, ">"+o+"<") {
				t.Errorf("GET %s shows %s", path, o)
			}
		}
		for _, m := range rows.FindAllStringSubmatch(body, -1) {
			if m[1] != "金水区" {
				t.Errorf("GET %s: a row of %s", path, m[1])
			}
		}
	}
	if p := b.get("/enterprises?region=410102"); !strings.Contains(p.body, `<strong id="total">0</strong>`) {
		t.Errorf("filter on another district is not empty")
	}
	p := b.get("/enterprises", "HX-Request", "true")
	if strings.Contains(p.body, "<html") || !strings.Contains(p.body, `id="results"`) {
		t.Errorf("htmx request: want the results fragment: %.200s", p.body)
	}
}

// TestYearEdit: a bad value comes back beside its field with the input
// kept; a good one is saved and shows in the change history.
func TestYearEdit(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	b.get("/enterprises/{jinshui}")
	p := b.post("/enterprises/{jinshui}/years/2025", url.Values{"revenue": {"5000"}, "rd_expense": {"-5"}, "employees": {"many"}, "version": {"1"}}, false)
	if p.status != 400 {
		t.Fatalf("bad year: %d", p.status)
	}
	for _, want := range []string{`id="f-2025-rd_expense" name="rd_expense" value="-5"`, `id="e-2025-rd_expense">不能为负数`,
		`value="many"`, `id="e-2025-employees">`, `value="5000"`, `<details class="year-form mb-2" id="year-2025" open>`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("bad year page lacks %q", want)
		}
	}
	p = b.post("/enterprises/{jinshui}/years/2025", url.Values{"revenue": {"5000"}, "rd_expense": {"321.5"}, "employees": {"88"}, "version": {"1"}}, false)
	if p.status != 303 {
		t.Fatalf("good year: %d %.300s", p.status, p.body)
	}
	p = b.get(p.header.Get("Location"))
	for _, want := range []string{"2025 年度数据已保存", "321.5", "研发费用（2025 年）",
		`<td class="num">5,000.00</td>`, `<td class="num">321.50</td>`, "→ 5,000.00"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("after save, page lacks %q", want)
		}
	}
	t.Run("StaleVersionConflict", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/years/2025", url.Values{"revenue": {"1"}, "rd_expense": {"321.5"}, "employees": {"88"}, "version": {"1"}}, false)
		if p.status != 409 {
			t.Fatalf("stale version: %d %.300s", p.status, p.body)
		}
		// Both versions side by side, only where they differ, and the way back.
		rows := p.body[strings.Index(p.body, `id="conflict-rows"`):]
		for _, want := range []string{"已被他人修改", "您编辑时的档案为第 1 版，当前为第 2 版", "营业收入（2025 年）", ">1<", ">5000<",
			`id="back-to-record" href="/enterprises/`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("conflict page lacks %q", want)
			}
		}
		if strings.Contains(rows, "研发费用") {
			t.Errorf("conflict page lists a field both versions agree on")
		}
	})
	t.Run("NoVersion428", func(t *testing.T) {
		p := b.post("/enterprises/{jinshui}/years/2025", url.Values{"revenue": {"1"}}, false)
		if p.status != 428 || !strings.Contains(p.body, "表单缺少档案版本") {
			t.Errorf("no version: %d %s", p.status, errText(p.body))
		}
	})
}

func TestAssessment(t *testing.T) {
	e := newEnv(t)
	b := e.as("city")
	b.get("/enterprises/{jinshui}")
	p := b.post("/enterprises/{jinshui}/assessments", nil, false)
	if p.status != 303 {
		t.Fatalf("assessment: %d %.300s", p.status, p.body)
	}
	p = b.get(p.header.Get("Location"))
	for _, want := range []string{"已完成评价并保存", "数据年度 2025 年", `id="tier-srdi"`, "srdi@2026", "扣分项", "内容哈希",
		`<p class="tier-reasons fw-semibold mb-2">`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	p = b.get("/enterprises/{jinshui}/report")
	for _, want := range []string{"保存的评价结果", "适用的认定标准", "@page", "innovative@2022"} {
		if want == "@page" {
			continue // in app.css
		}
		if !strings.Contains(p.body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// selftestForm is the example's form, as a browser would post it.
func selftestForm(t *testing.T, e *env) url.Values {
	t.Helper()
	b := e.browser()
	p := b.get("/selftest?example=1")
	form := url.Values{"_form": {"1"}}
	inputs := regexp.MustCompile(`<input class="form-control[^"]*" [^>]*name="([^"]+)"[^>]*value="([^"]*)"`)
	for _, m := range inputs.FindAllStringSubmatch(p.body, -1) {
		form.Set(m[1], m[2])
	}
	for _, m := range regexp.MustCompile(`name="([^"]+)" value="([^"]*)" checked`).FindAllStringSubmatch(p.body, -1) {
		form.Add(m[1], m[2])
	}
	for _, m := range regexp.MustCompile(`(?s)<select [^>]*name="([^"]+)">.*?</select>`).FindAllStringSubmatch(p.body, -1) {
		if s := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(m[0]); s != nil {
			form.Set(m[1], s[1])
		}
	}
	return form
}

func TestSelftest(t *testing.T) {
	e := newEnv(t)
	form := selftestForm(t, e)
	if form.Get("years.2025.rd_expense") != "95" || form.Get("ip1") != "1" || form.Get("region") != "410173" {
		t.Fatalf("example form: %v", form)
	}
	b := e.browser()
	b.get("/selftest")
	t.Run("Results", func(t *testing.T) {
		p := b.post("/selftest", form, false)
		for _, want := range []string{`id="tier-innovative"`, `id="tier-srdi"`, "扣分项", "达到下一档需要",
			"差距诊断：晋级方案", "假设分析", `name="wi_rd"`, `hx-trigger="input changed delay:200ms"`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("results lack %q", want)
			}
		}
	})
	t.Run("BadValueBesideField", func(t *testing.T) {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("years.2025.rd_expense", "-3")
		bad.Set("product.market_share", "1.5")
		p := b.post("/selftest", bad, false)
		if p.status != 400 {
			t.Fatalf("status %d", p.status)
		}
		for _, want := range []string{`value="-3"`, "不能为负数", `value="1.5"`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("bad form page lacks %q", want)
			}
		}
	})
	t.Run("FoundedAfterAsOf", func(t *testing.T) {
		p := b.post("/selftest", with(form, "established", "2027-01-01"), false)
		if p.status != 400 || !strings.Contains(p.body, "2027-01-01 晚于评价日期 2026-09-01") {
			t.Errorf("founded after the assessment date: %d", p.status)
		}
	})
	t.Run("WhatIfFragmentChangesScore", func(t *testing.T) {
		p := b.post("/selftest", form, false)
		doc := regexp.MustCompile(`name="base_json" value="([^"]+)"`).FindAllStringSubmatch(p.body, -1)
		if len(doc) < 1 {
			t.Fatal("no evaluated document in the what-if form")
		}
		base := htmlUnescape(doc[len(doc)-1][1])
		score := func(body string) string {
			m := regexp.MustCompile(`(?s)id="tier-innovative".*?class="score-value">(\d+)<`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no innovative score: %.300s", body)
			}
			return m[1]
		}
		sliders := regexp.MustCompile(`type="range" id="(wi_[a-z0-9]+)"[^>]*value="([^"]*)"`).FindAllStringSubmatch(p.body, -1)
		if len(sliders) == 0 {
			t.Error("no what-if slider")
		}
		for _, m := range sliders {
			if !regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`).MatchString(m[2]) {
				t.Errorf("slider %s value %q is not a plain number", m[1], m[2])
			}
		}
		before := score(p.body)
		f := b.post("/selftest/whatif", url.Values{"base_json": {base}, "wi_rd": {"600"}, "wi_rev": {"3645"}, "wi_ip1": {"6"}},
			false, "HX-Request", "true")
		if f.status != 200 || strings.Contains(f.body, "<html") || !strings.HasPrefix(strings.TrimSpace(f.body), `<div id="results"`) {
			t.Fatalf("fragment: %d %.300s", f.status, f.body)
		}
		if after := score(f.body); after == before {
			t.Errorf("score did not change: %s", after)
		}
		if !strings.Contains(f.body, "研发费用（2025 年）按 600.00 万元测算") {
			t.Errorf("fragment does not say what changed")
		}
		full := b.post("/selftest/whatif", url.Values{"base_json": {base}, "wi_rd": {"600"}}, false)
		if full.status != 200 || !strings.Contains(full.body, "<html") {
			t.Errorf("without htmx: want the whole page, %d", full.status)
		}
	})
	t.Run("PrintView", func(t *testing.T) {
		p := b.post("/selftest/print", form, false)
		for _, want := range []string{"自测报告", "适用的认定标准", "srdi@2026", "内容哈希（SHA-256）", "工信部企业", "打印 / 另存为 PDF"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("print view lacks %q", want)
			}
		}
	})
	t.Run("TiersSayWhy", func(t *testing.T) {
		// E7 fails 专精特新 (R2026) on five conditions; E3 reaches 创新型 by a 直通条件.
		doc, err := os.ReadFile("../../examples/E7-srdi-2026-fail.json")
		if err != nil {
			t.Fatal(err)
		}
		srdi := tierSection(t, b.upload(doc).body, "srdi")
		if !strings.Contains(srdi, `class="tier-reasons fw-semibold mb-2">不符合：`) {
			t.Errorf("failed tier without its main reasons first: %.600s", srdi)
		}
		for _, bad := range []string{"途径：评分达标", "途径：全部条件满足"} {
			if strings.Contains(srdi, bad) {
				t.Errorf("failed tier shows %q", bad)
			}
		}
		doc, err = os.ReadFile("../../examples/E2-innovative-category-min.json")
		if err != nil {
			t.Fatal(err)
		}
		plans := strings.Split(tierSection(t, b.upload(doc).body, "innovative"), `<li><span class="text-muted small">调整后`)
		if len(plans) < 2 {
			t.Fatal("E2: no gap plan for 创新型")
		}
		for i, plan := range plans[1:] {
			for _, m := range regexp.MustCompile(`<li>([^<]+)</li>`).FindAllStringSubmatch(plan, -1) {
				if n := strings.Count(plan, m[1]); n != 1 {
					t.Errorf("plan %d shows %q %d times", i+1, m[1], n)
				}
			}
		}
		doc, err = os.ReadFile("../../examples/E3-innovative-direct-equity.json")
		if err != nil {
			t.Fatal(err)
		}
		inno := tierSection(t, b.upload(doc).body, "innovative")
		for _, want := range []string{"符合：直通条件「近三年新增股权融资总额", "途径：直通条件「", "已满足直通条件，不以评分认定"} {
			if !strings.Contains(inno, want) {
				t.Errorf("tier met by a 直通条件 lacks %q", want)
			}
		}
		if strings.Contains(inno, "达标线") {
			t.Errorf("tier met by a 直通条件 weighs its score against the pass mark")
		}
	})
	t.Run("UploadJSON", func(t *testing.T) {
		doc, err := os.ReadFile("../../examples/E6-srdi-2026-boundary.json")
		if err != nil {
			t.Fatal(err)
		}
		p := b.upload(doc)
		if p.status != 200 || !strings.Contains(p.body, `id="tier-srdi"`) {
			t.Errorf("upload: %d %.300s", p.status, p.body)
		}
		p = b.upload([]byte(`{"uscc": "91410173MA3XQ8N1DX", "name": ""}`))
		if p.status != 400 || !strings.Contains(p.body, "上传的企业画像文件有误") || !strings.Contains(p.body, "校验") {
			t.Errorf("bad upload: %d %.600s", p.status, p.body)
		}
	})
	t.Run("NothingStored", func(t *testing.T) {
		city := e.as("city")
		before := auditTotal(t, city)
		b.post("/selftest", form, false)
		if after := auditTotal(t, city); after != before {
			t.Errorf("the self-test wrote audit rows: %s → %s", before, after)
		}
	})
}

// ownForm is the self-test form loaded from the enterprise's own record,
// as a browser would post it back: inputs, ticked boxes, selects, the base
// document and the version.
func ownForm(t *testing.T, b *browser) url.Values {
	t.Helper()
	p := b.get("/selftest?mine=1")
	if p.status != 200 || !strings.Contains(p.body, "保存到本企业档案") {
		t.Fatalf("mine: %d", p.status)
	}
	form := url.Values{}
	inputs := regexp.MustCompile(`<input class="form-control[^"]*" [^>]*name="([^"]+)"[^>]*value="([^"]*)"`)
	for _, m := range inputs.FindAllStringSubmatch(p.body, -1) {
		form.Set(m[1], htmlUnescape(m[2]))
	}
	for _, m := range regexp.MustCompile(`name="([^"]+)" value="([^"]*)" checked`).FindAllStringSubmatch(p.body, -1) {
		form.Add(m[1], m[2])
	}
	form.Set("_form", "1")
	form.Set("base_json", htmlUnescape(regexp.MustCompile(`name="base_json" value="([^"]+)"`).FindStringSubmatch(p.body)[1]))
	form.Set("version", regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(p.body)[1])
	for _, m := range regexp.MustCompile(`(?s)<select [^>]*name="([^"]+)">.*?</select>`).FindAllStringSubmatch(p.body, -1) {
		if s := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(m[0]); s != nil {
			form.Set(m[1], s[1])
		}
	}
	return form
}

// TestSelftestSave: saving the self-test into the record changes only what
// the user changed; a field the form does not show (省级特色化指标得分) is
// kept; the version is checked; official data cannot be written from it.
func TestSelftestSave(t *testing.T) {
	e := newEnv(t)
	rec := e.edit(t, e.ids.own, func(p *profile.Profile) { must(t, p.SetPath("local_score", "8")) })
	city := auth.WithCaller(context.Background(), auth.System)
	b := e.as("enterprise")
	form := ownForm(t, b)
	if form.Get("version") != itoa(rec.Version) {
		t.Fatalf("the form carries version %s, want %d", form.Get("version"), rec.Version)
	}
	t.Run("TitleRefused", func(t *testing.T) {
		p := b.post("/selftest/save", with(form, "title", "little_giant"), false)
		if p.status != 403 || !strings.Contains(p.body, "titles（梯度称号）") {
			t.Errorf("title from the self-test: %d %s", p.status, errText(p.body))
		}
	})
	form.Set("years.2025.rd_expense", "777")
	p := b.post("/selftest/save", form, false)
	if p.status != 303 {
		t.Fatalf("save: %d %s", p.status, p.body[strings.Index(p.body, "<main"):])
	}
	p = b.get(p.header.Get("Location"))
	if !strings.Contains(p.body, "自测数据已保存到本企业档案") || !strings.Contains(p.body, ">777.00<") {
		t.Errorf("saved record page: %.300s", p.body)
	}
	after, err := e.app.Store.GetEnterprise(city, e.ids.own)
	if err != nil {
		t.Fatal(err)
	}
	if got := profile.Diff(rec.Profile, after.Profile); len(got) != 1 || got[0] != "years.2025.rd_expense" {
		t.Errorf("the save changed %v, want only years.2025.rd_expense", got)
	}
	if s, _ := after.Profile.GetPath("local_score"); s != "8" {
		t.Errorf("local_score = %q after the save, want 8 kept", s)
	}
	t.Run("StaleVersionShowsBoth", func(t *testing.T) {
		form.Set("years.2025.rd_expense", "888")
		p := b.post("/selftest/save", form, false)
		if p.status != 409 || !strings.Contains(p.body, "研发费用（2025 年）") || !strings.Contains(p.body, ">888<") || !strings.Contains(p.body, ">777<") {
			t.Errorf("stale save: %d %.300s", p.status, errText(p.body))
		}
	})
	t.Run("NoVersion", func(t *testing.T) {
		form.Del("version")
		if p := b.post("/selftest/save", form, false); p.status != 428 || !strings.Contains(p.body, "载入本企业档案") {
			t.Errorf("no version: %d", p.status)
		}
	})
}

// TestSelftestPrintBlankUSCC: a report of a form without a credit code says
// so instead of showing the code made up to evaluate it.
func TestSelftestPrintBlankUSCC(t *testing.T) {
	e := newEnv(t)
	form := selftestForm(t, e)
	form.Set("uscc", "")
	b := e.browser()
	b.get("/selftest")
	res := b.post("/selftest", form, false)
	doc := regexp.MustCompile(`name="base_json" value="([^"]+)"`).FindAllStringSubmatch(res.body, -1)
	for name, f := range map[string]url.Values{"Form": form, "Results": {"base_json": {htmlUnescape(doc[len(doc)-1][1])}}} {
		p := b.post("/selftest/print", f, false)
		if !strings.Contains(p.body, `<td class="mono">未填写</td>`) || strings.Contains(p.body, "91410100MA000000") {
			t.Errorf("%s: the printed report shows a made-up credit code: %d", name, p.status)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	p := b.get("/login")
	m := regexp.MustCompile(`href="(/static/[0-9a-f]{12}/app\.css)"`).FindStringSubmatch(p.body)
	if m == nil {
		t.Fatal("no hashed app.css link")
	}
	s := b.get(m[1])
	if s.status != 200 || !strings.Contains(s.header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(s.header.Get("Content-Type"), "text/css") {
		t.Errorf("app.css: %d %v", s.status, s.header)
	}
	if s := b.get("/static/000000000000/app.css"); s.status != 200 || strings.Contains(s.header.Get("Cache-Control"), "immutable") {
		t.Errorf("old hash: %d %q", s.status, s.header.Get("Cache-Control"))
	}
	if s := b.get("/static/x/nothing.js"); s.status != 404 {
		t.Errorf("missing file: %d", s.status)
	}
	if got := p.header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") {
		t.Errorf("CSP %q", got)
	}
}

// auditTotal reads the number of audit rows from the audit page.
func auditTotal(t *testing.T, city *browser) string {
	t.Helper()
	m := regexp.MustCompile(`<strong id="total">(\d+)</strong>`).FindStringSubmatch(city.get("/audit").body)
	if m == nil {
		t.Fatal("no audit total")
	}
	return m[1]
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// errText is the message of an error page, for failure output.
func errText(body string) string {
	if m := regexp.MustCompile(`id="error-message">([^<]*)<`).FindStringSubmatch(body); m != nil {
		return m[1]
	}
	if len(body) > 300 {
		return body[:300]
	}
	return body
}

// tierSection is one tier's card of a report page.
func tierSection(t *testing.T, body, tier string) string {
	t.Helper()
	i := strings.Index(body, `id="tier-`+tier+`"`)
	if i < 0 {
		t.Fatalf("no tier %s: %.300s", tier, body)
	}
	rest := body[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// with returns a copy of form with the name, value pairs set.
func with(form url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}
