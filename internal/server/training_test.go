package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// invitedTraining schedules a fresh 普惠 session of two places a month
// after t0 and invites the enterprise to it, so its account may sign up
// whatever its tier.
func (e *env) invitedTraining(enterpriseID int64) int64 {
	e.t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	t := &programme.Training{Level: programme.LevelInclusive, Title: "测试普惠培训", Date: profile.MustDate("2026-10-01"), Capacity: 2}
	if err := e.app.Store.CreateTraining(ctx, t); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.app.Store.InviteToTraining(ctx, t.ID, sqlstore.Invite{EnterpriseIDs: []int64{enterpriseID}}); err != nil {
		e.t.Fatal(err)
	}
	return t.ID
}

func TestTrainingAPI(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			e := newEnv(t, eng)
			id := e.ids()
			tid := e.invitedTraining(id.own)
			res := e.do("enterprise", "POST", fmt.Sprintf("/api/v1/trainings/%d/signups", tid), map[string]any{"attendee": "王五", "attendee_role": "hr"})
			var su struct {
				Status string `json:"status"`
			}
			res.json(t, &su)
			if res.status != http.StatusCreated || su.Status != "confirmed" {
				t.Fatalf("sign-up: %d %s", res.status, res.body)
			}
			city := auth.WithCaller(context.Background(), auth.System)
			if _, n, err := e.app.Store.ListAudit(city, auth.AuditFilter{Action: "training.signup"}); err != nil || n != 1 {
				t.Errorf("%d sign-up audit rows (%v), want 1", n, err)
			}
			t.Run("BadInput", func(t *testing.T) {
				for _, tc := range []struct {
					name, path string
					body       any
					status     int
					field      string
				}{
					{"UnknownRole", fmt.Sprintf("/api/v1/trainings/%d/signups", tid), map[string]any{"attendee": "赵六", "attendee_role": "boss"}, 400, "attendee_role"},
					{"NoAttendee", fmt.Sprintf("/api/v1/trainings/%d/signups", tid), map[string]any{"attendee_role": "hr"}, 400, "attendee"},
					{"UnknownField", fmt.Sprintf("/api/v1/trainings/%d/signups", tid), map[string]any{"attendee": "赵六", "attendee_role": "hr", "seats": 3}, 400, "seats"},
					{"NoSuchTraining", "/api/v1/trainings/999999/signups", map[string]any{"attendee": "赵六", "attendee_role": "hr"}, 404, ""},
					{"SecondSignUp", fmt.Sprintf("/api/v1/trainings/%d/signups", tid), map[string]any{"attendee": "赵六", "attendee_role": "hr"}, 409, ""},
				} {
					t.Run(tc.name, func(t *testing.T) {
						res := e.do("enterprise", "POST", tc.path, tc.body)
						if res.status != tc.status || !strings.Contains(string(res.body), tc.field) {
							t.Errorf("%d %s, want %d naming %q", res.status, res.body, tc.status, tc.field)
						}
					})
				}
				for _, path := range []string{"/api/v1/trainings?level=basic", "/api/v1/trainings?year=abc", "/api/v1/trainings/coverage?years=0"} {
					if res := e.do("city", "GET", path, nil); res.status != 400 {
						t.Errorf("%s: %d, want 400", path, res.status)
					}
				}
			})
			var list struct {
				Items []struct {
					ID       int64  `json:"id"`
					Level    string `json:"level"`
					Title    string `json:"title"`
					Date     string `json:"date"`
					Capacity int    `json:"capacity"`
					SignedUp int    `json:"signed_up"`
					Attended int    `json:"attended"`
				} `json:"items"`
				Total int `json:"total"`
			}
			e.do("district", "GET", "/api/v1/trainings?year=2026&level=inclusive", nil).json(t, &list)
			found := false
			for _, it := range list.Items {
				if it.ID == tid {
					found = it.SignedUp == 1 && it.Capacity == 2 && it.Date == "2026-10-01" && it.Level == "inclusive"
				}
			}
			if !found || list.Total < 1 {
				t.Errorf("list %+v lacks the session with its sign-up", list)
			}
			// Coverage: the city sees every district, a district official its own.
			var cov struct {
				Items []struct {
					Region     string  `json:"region"`
					Innovative int     `json:"innovative"`
					Trained    int     `json:"trained"`
					Share      float64 `json:"share"`
				} `json:"items"`
				Total int `json:"total"`
			}
			e.do("city", "GET", "/api/v1/trainings/coverage?years=3", nil).json(t, &cov)
			if cov.Total < 2 {
				t.Errorf("city coverage %+v, want several districts", cov)
			}
			e.do("district", "GET", "/api/v1/trainings/coverage", nil).json(t, &cov)
			if cov.Total != 1 || cov.Items[0].Region != "410105" {
				t.Errorf("district coverage %+v, want 金水区 only", cov)
			}
		})
	}
}
