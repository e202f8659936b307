package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

func TestEnterpriseStats(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		a := mustCreate(t, s, zhongyuan, "郑州统计一号机械有限公司", 1) // innovative, 新材料
		mustCreate(t, s, zhongyuan, "郑州统计二号机械有限公司", 2)
		c := mustCreate(t, s, erqi, "郑州统计三号机械有限公司", 3)
		c.Profile.Titles, c.Chain = nil, "装备制造" // no title
		if err := s.UpdateEnterprise(city, c); err != nil {
			t.Fatal(err)
		}
		d := mustCreate(t, s, erqi, "郑州统计四号机械有限公司", 4)
		d.Status = enterprise.StatusClosed // left out of the counts
		if err := s.UpdateEnterprise(city, d); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name   string
			ctx    context.Context
			want   string
			chains string
			status string
		}{
			{"CitySeesEveryDistrict", city, "[{410102 innovative 2} {410103  1}]", "[新材料 装备制造]",
				"[{active  1} {active innovative 2} {closed innovative 1}]"},
			{"DistrictSeesItsOwn", districtZY, "[{410102 innovative 2}]", "[新材料]", "[{active innovative 2}]"},
			{"ClosedNotCounted", districtEQ, "[{410103  1}]", "[新材料 装备制造]", "[{active  1} {closed innovative 1}]"},
			{"EnterpriseItself", enterpriseCtx(a.ID), "[{410102 innovative 1}]", "[新材料]", "[{active innovative 1}]"},
			{"BankSeesNone", bank, "[]", "[]", "[]"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.EnterpriseStats(tt.ctx)
				if err != nil {
					t.Fatal(err)
				}
				chains, err := s.EnterpriseChains(tt.ctx)
				if err != nil {
					t.Fatal(err)
				}
				if g := fmt.Sprint(got); g != tt.want {
					t.Errorf("stats %s, want %s", g, tt.want)
				}
				if g := fmt.Sprint(chains); g != tt.chains {
					t.Errorf("chains %s, want %s", g, tt.chains)
				}
				status, err := s.EnterpriseStatusStats(tt.ctx)
				if err != nil {
					t.Fatal(err)
				}
				if g := fmt.Sprint(status); g != tt.status {
					t.Errorf("status stats %s, want %s", g, tt.status)
				}
			})
		}
		t.Run("ErrUnauthorized", func(t *testing.T) {
			if _, err := s.EnterpriseStats(context.Background()); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("no caller: %v, want %s", err, apperr.EUNAUTHORIZED)
			}
		})
	})
}

func TestEnterpriseHistory(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		a := mustCreate(t, s, zhongyuan, "郑州历史一号机械有限公司", 1)
		a.Chain = "装备制造"
		if err := s.UpdateEnterprise(city, a); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, s, zhongyuan, "郑州历史二号机械有限公司", 2)
		for _, tt := range []struct {
			name    string
			ctx     context.Context
			actions string
			code    string
		}{
			{"CityNewestFirst", city, "[enterprise.update enterprise.create]", ""},
			{"DistrictOwnRecord", districtZY, "[enterprise.update enterprise.create]", ""},
			{"EnterpriseItself", enterpriseCtx(a.ID), "[enterprise.update enterprise.create]", ""},
			{"ErrNotFoundOtherDistrict", districtEQ, "[]", apperr.ENOTFOUND},
			{"ErrNotFoundBank", bank, "[]", apperr.ENOTFOUND},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.ListEnterpriseHistory(tt.ctx, a.ID, 10)
				if code(err) != tt.code {
					t.Fatalf("error %v, want code %q", err, tt.code)
				}
				var actions []string
				for _, e := range got {
					actions = append(actions, e.Action)
					if e.EntityID != fmt.Sprint(a.ID) || len(e.After) == 0 {
						t.Errorf("row %+v: not this enterprise's or no after", e)
					}
				}
				if g := fmt.Sprint(actions); g != tt.actions {
					t.Errorf("actions %s, want %s", g, tt.actions)
				}
			})
		}
	})
}
