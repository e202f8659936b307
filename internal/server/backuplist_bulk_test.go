package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestBackupListBulkAPI: a district official adds enterprises by USCC; one
// of another district reads as not registered; a second call skips what is
// on the list; an empty reason or too many USCCs is 400 naming the field.
func TestBackupListBulkAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		a, b := e.usccOf(e.newEnterprise(1600)), e.usccOf(e.newEnterprise(1601))
		other := e.usccOf(id.other)
		type result struct {
			Added   int `json:"added"`
			Skipped []struct {
				USCC   string `json:"uscc"`
				Reason string `json:"reason"`
			} `json:"skipped"`
		}
		var first, second result
		e.do("district", "POST", "/api/v1/backup-lists/little_giant/bulk", map[string]any{"usccs": []string{a, b, other}, "reason": "区工信局推荐"}).json(t, &first)
		if first.Added != 2 || len(first.Skipped) != 1 || first.Skipped[0].USCC != other || first.Skipped[0].Reason != "未登记或不在本辖区，请先登记企业档案" {
			t.Errorf("first call = %+v, want 2 added and 中原区's USCC not registered", first)
		}
		e.do("district", "POST", "/api/v1/backup-lists/little_giant/bulk", map[string]any{"usccs": []string{a}, "reason": "再次推荐"}).json(t, &second)
		if second.Added != 0 || len(second.Skipped) != 1 || second.Skipped[0].Reason != "已在后备清单中" {
			t.Errorf("second call = %+v, want it skipped as on the list", second)
		}
		var list backupPage
		e.do("city", "GET", "/api/v1/backup-lists/little_giant?source=manual&limit=500", nil).json(t, &list)
		n := 0
		for _, it := range list.Items {
			if it.Reason == "区工信局推荐" && it.Status == "reserve" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("manual entries with the reason = %d, want 2", n)
		}

		tooMany := make([]string, 1001)
		for i := range tooMany {
			tooMany[i] = fmt.Sprintf("%018d", i)
		}
		for _, tc := range []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"NoReason", map[string]any{"usccs": []string{a}, "reason": " "}, `"path":"reason"`},
			{"NoUSCCs", map[string]any{"usccs": []string{}, "reason": "推荐"}, `"path":"usccs"`},
			{"TooMany", map[string]any{"usccs": tooMany, "reason": "推荐"}, "1000"},
		} {
			res := e.do("district", "POST", "/api/v1/backup-lists/srdi/bulk", tc.body)
			if res.status != 400 || !strings.Contains(string(res.body), tc.field) {
				t.Errorf("%s: %s, want 400 with %s", tc.name, res, tc.field)
			}
		}
	})
}
