package server_test

import (
	"fmt"
	"strings"
	"testing"
)

type backupPage struct {
	Items []struct {
		EnterpriseID int64  `json:"enterprise_id"`
		Region       string `json:"region"`
		Status       string `json:"status"`
		Reason       string `json:"reason"`
		Source       string `json:"source"`
		Version      int64  `json:"version"`
	} `json:"items"`
	Total int `json:"total"`
}

// TestBackupListsAPI: the demo fills the lists by the rules; a district
// official sees and changes 金水区's entries only; every change is
// version-checked and has its audit row.
func TestBackupListsAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		var city, district backupPage
		e.do("city", "GET", "/api/v1/backup-lists/srdi?limit=500", nil).json(t, &city)
		e.do("district", "GET", "/api/v1/backup-lists/srdi?limit=500", nil).json(t, &district)
		if city.Total == 0 || district.Total == 0 || district.Total >= city.Total {
			t.Fatalf("专精特新 list: city %d, district %d entries; want both filled, the district's fewer", city.Total, district.Total)
		}
		for _, it := range district.Items {
			if it.Region != "410105" {
				t.Fatalf("district official sees an entry of %s", it.Region)
			}
		}
		rules := map[string]bool{}
		for _, it := range city.Items {
			rules[it.Source] = true
			if it.Reason == "" {
				t.Errorf("entry of %d has no reason", it.EnterpriseID)
			}
		}
		if !rules["srdi.from_innovative"] {
			t.Errorf("no entry of srdi.from_innovative among %v", rules)
		}
		var other int64
		var otherVersion int64
		for _, it := range city.Items {
			if it.Region != "410105" && it.Status == "reserve" {
				other, otherVersion = it.EnterpriseID, it.Version
				break
			}
		}
		path := fmt.Sprintf("/api/v1/backup-lists/srdi/%d", other)
		if res := e.do("district", "PATCH", path, map[string]any{"status": "to_apply", "version": otherVersion}); res.status != 404 {
			t.Errorf("district changes another district's entry: %s, want 404", res)
		}
		if res := e.do("district", "GET", "/api/v1/backup-lists/srdi?region=410102", nil); res.status != 200 || !strings.Contains(string(res.body), `"total":0`) {
			t.Errorf("district asks for 中原区's entries: %s, want none", res)
		}

		mine := district.Items[len(district.Items)-1]
		path = fmt.Sprintf("/api/v1/backup-lists/srdi/%d", mine.EnterpriseID)
		for _, tc := range []struct {
			name   string
			body   map[string]any
			header []string
			want   int
			field  string
		}{
			{"NoVersion", map[string]any{"status": "to_apply"}, nil, 428, ""},
			{"Stale", map[string]any{"status": "to_apply", "version": mine.Version + 5}, nil, 409, ""},
			{"BadStatus", map[string]any{"status": "done", "version": mine.Version}, nil, 400, `"path":"status"`},
			{"RemovedWithoutReason", map[string]any{"status": "removed", "version": mine.Version}, nil, 400, `"path":"reason"`},
			{"IfMatch", map[string]any{"status": "to_apply", "reason": "拟于本批次申报"}, []string{"If-Match", fmt.Sprintf(`"v%d"`, mine.Version)}, 200, `"status":"to_apply"`},
		} {
			res := e.do("district", "PATCH", path, tc.body, tc.header...)
			if res.status != tc.want || !strings.Contains(string(res.body), tc.field) {
				t.Errorf("%s: %s, want %d with %s", tc.name, res, tc.want, tc.field)
			}
		}
		var audit struct {
			Items []struct {
				Action       string `json:"action"`
				Actor        string `json:"actor"`
				EnterpriseID int64  `json:"enterprise_id"`
			} `json:"items"`
		}
		e.do("city", "GET", "/api/v1/audit?action=backup_list.status&actor=district&limit=50", nil).json(t, &audit)
		found := false
		for _, it := range audit.Items {
			found = found || it.EnterpriseID == mine.EnterpriseID
		}
		if !found {
			t.Errorf("no audit row of the district's status change of %d: %+v", mine.EnterpriseID, audit.Items)
		}

		// Added by hand: a second add is 409; another district's enterprise is 404.
		id := e.newEnterprise(1500)
		add := map[string]any{"enterprise_id": id, "reason": "主导产品市场占有率全国前列"}
		if res := e.do("district", "POST", "/api/v1/backup-lists/little_giant", add); res.status != 201 || !strings.Contains(string(res.body), `"source":"manual"`) {
			t.Errorf("add by hand: %s", res)
		}
		if res := e.do("district", "POST", "/api/v1/backup-lists/little_giant", add); res.status != 409 {
			t.Errorf("add twice: %s, want 409", res)
		}
		if res := e.do("district", "POST", "/api/v1/backup-lists/little_giant", map[string]any{"enterprise_id": other, "reason": "x"}); res.status != 404 {
			t.Errorf("add another district's enterprise: %s, want 404", res)
		}
		if res := e.do("district", "POST", "/api/v1/backup-lists/gold", add); res.status != 400 || !strings.Contains(string(res.body), `"path":"tier"`) {
			t.Errorf("bad tier: %s, want 400 naming tier", res)
		}
	})
}
