package sqlstore_test

import (
	"context"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// scopeFixture is two enterprises in 中原区 and one in 二七区.
type scopeFixture struct{ zy1, zy2, eq *enterprise.Record }

func newScopeFixture(t *testing.T, s *sqlstore.Store) scopeFixture {
	return scopeFixture{
		zy1: mustCreate(t, s, zhongyuan, "郑州中原精密机械有限公司", 1),
		zy2: mustCreate(t, s, zhongyuan, "郑州中原智能科技有限公司", 2),
		eq:  mustCreate(t, s, erqi, "郑州二七新材料有限公司", 3),
	}
}

func TestEnterpriseScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newScopeFixture(t, s)
		t.Run("Get", func(t *testing.T) {
			for _, tt := range []struct {
				name string
				ctx  context.Context
				id   int64
				want string
			}{
				{"CitySeesAny", city, f.eq.ID, ""},
				{"DistrictSeesOwn", districtZY, f.zy1.ID, ""},
				{"DistrictOtherDistrictNotFound", districtZY, f.eq.ID, apperr.ENOTFOUND},
				{"EnterpriseSeesItself", enterpriseCtx(f.zy1.ID), f.zy1.ID, ""},
				{"EnterpriseNeighbourNotFound", enterpriseCtx(f.zy1.ID), f.zy2.ID, apperr.ENOTFOUND},
				{"BankNotFound", bank, f.zy1.ID, apperr.ENOTFOUND},
				{"InstitutionNotFound", institution, f.zy1.ID, apperr.ENOTFOUND},
				{"NoCallerUnauthorized", context.Background(), f.zy1.ID, apperr.EUNAUTHORIZED},
			} {
				t.Run(tt.name, func(t *testing.T) {
					r, err := s.GetEnterprise(tt.ctx, tt.id)
					if got := code(err); got != tt.want {
						t.Fatalf("GetEnterprise: code %q (%v), want %q", got, err, tt.want)
					}
					if err == nil && (r.ID != tt.id || r.Profile == nil) {
						t.Errorf("GetEnterprise = id %d, profile %v; want id %d with profile", r.ID, r.Profile != nil, tt.id)
					}
				})
			}
		})
		t.Run("GetByUSCCOtherDistrictNotFound", func(t *testing.T) {
			_, err := s.GetEnterpriseByUSCC(districtZY, f.eq.USCC)
			if got, want := code(err), apperr.ENOTFOUND; got != want {
				t.Errorf("code %q, want %q", got, want)
			}
		})
		t.Run("List", func(t *testing.T) {
			for _, tt := range []struct {
				name   string
				ctx    context.Context
				filter enterprise.Filter
				want   []int64
			}{
				{"CityListsAll", city, enterprise.Filter{Sort: "created"}, []int64{f.eq.ID, f.zy2.ID, f.zy1.ID}},
				{"DistrictListsOwn", districtZY, enterprise.Filter{Sort: "created"}, []int64{f.zy2.ID, f.zy1.ID}},
				{"DistrictAskingForOtherDistrictGetsNothing", districtZY, enterprise.Filter{Region: erqi}, nil},
				{"DistrictSearchDoesNotLeak", districtZY, enterprise.Filter{Q: "二七新材料"}, nil},
				{"EnterpriseListsItself", enterpriseCtx(f.zy1.ID), enterprise.Filter{}, []int64{f.zy1.ID}},
				{"BankListsNothing", bank, enterprise.Filter{}, nil},
			} {
				t.Run(tt.name, func(t *testing.T) {
					items, total, err := s.ListEnterprises(tt.ctx, tt.filter)
					if err != nil {
						t.Fatal(err)
					}
					if got := ids(items); !equalIDs(got, tt.want) || total != len(tt.want) {
						t.Errorf("ListEnterprises = %v (total %d), want %v (total %d)", got, total, tt.want, len(tt.want))
					}
				})
			}
		})
		t.Run("Update", func(t *testing.T) {
			for _, tt := range []struct {
				name  string
				ctx   context.Context
				of    *enterprise.Record
				apply func(r *enterprise.Record)
				want  string
			}{
				{"DistrictOtherDistrictNotFound", districtZY, f.eq, func(r *enterprise.Record) { r.Chain = "改" }, apperr.ENOTFOUND},
				{"DistrictCannotMoveOut", districtZY, f.zy1, func(r *enterprise.Record) { r.Profile.Region = erqi }, apperr.EFORBIDDEN},
				{"EnterpriseCannotMoveItself", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) { r.Profile.Region = erqi }, apperr.EFORBIDDEN},
				{"EnterpriseNeighbourNotFound", enterpriseCtx(f.zy1.ID), f.zy2, func(r *enterprise.Record) { r.Profile.Name = "改名" }, apperr.ENOTFOUND},
				{"BankNotFound", bank, f.zy1, func(r *enterprise.Record) { r.Chain = "改" }, apperr.ENOTFOUND},
				{"StaleVersionConflicts", city, f.zy1, func(r *enterprise.Record) { r.Version = 99 }, apperr.ECONFLICT},
				{"UnknownRegionInvalid", city, f.zy1, func(r *enterprise.Record) { r.Profile.Region = "999999" }, apperr.EINVALID},
				{"DuplicateUSCCConflicts", city, f.zy1, func(r *enterprise.Record) { r.Profile.USCC = f.eq.USCC }, apperr.ECONFLICT},
				{"DistrictUpdatesOwn", districtZY, f.zy2, func(r *enterprise.Record) { r.Chain = "装备制造" }, ""},
				{"EnterpriseUpdatesOwnProfile", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) { r.Profile.Industry = "C3489" }, ""},
				{"CityMovesAcrossDistricts", city, f.eq, func(r *enterprise.Record) { r.Profile.Region = zhongyuan }, ""},
				{"NoVersionPreconditionRequired", city, f.zy1, func(r *enterprise.Record) { r.Version = 0 }, apperr.EPRECONDITION},
				{"EnterpriseCannotGrantItselfATitle", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) {
					r.Profile.Titles = append(r.Profile.Titles, profile.Title{Tier: profile.TierSingleChampion})
				}, apperr.EFORBIDDEN},
				{"EnterpriseCannotChangeStatus", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) { r.Status = enterprise.StatusClosed }, apperr.EFORBIDDEN},
				{"EnterpriseCannotChangeChain", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) { r.Chain = "自封产业链" }, apperr.EFORBIDDEN},
				{"EnterpriseCannotClearDishonestyFlag", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) {
					r.Profile.Flags = &profile.Flags{SeriousDishonesty: new(bool)}
				}, apperr.EFORBIDDEN},
				{"EnterpriseCannotSetPlatformScore", enterpriseCtx(f.zy1.ID), f.zy1, func(r *enterprise.Record) {
					d := profile.DecFromInt(90)
					r.Profile.Years = map[int]*profile.Year{2026: {PlatformScore: &d}}
				}, apperr.EFORBIDDEN},
				{"DistrictGrantsTitle", districtZY, f.zy2, func(r *enterprise.Record) {
					r.Profile.Titles = append(r.Profile.Titles, profile.Title{Tier: profile.TierSRDI})
				}, ""},
			} {
				t.Run(tt.name, func(t *testing.T) {
					before, err := s.GetEnterprise(city, tt.of.ID)
					if err != nil {
						t.Fatal(err)
					}
					audits := auditCount(t, s, auth.AuditFilter{})
					r, _ := s.GetEnterprise(city, tt.of.ID)
					tt.apply(r)
					err = s.UpdateEnterprise(tt.ctx, r)
					if got := code(err); got != tt.want {
						t.Fatalf("UpdateEnterprise: code %q (%v), want %q", got, err, tt.want)
					}
					after, _ := s.GetEnterprise(city, tt.of.ID)
					wantAudits, wantVersion := audits, before.Version
					if tt.want == "" {
						wantAudits, wantVersion = audits+1, before.Version+1
					}
					if got := auditCount(t, s, auth.AuditFilter{}); got != wantAudits {
						t.Errorf("audit rows = %d, want %d", got, wantAudits)
					}
					if after.Version != wantVersion {
						t.Errorf("version = %d, want %d", after.Version, wantVersion)
					}
				})
			}
		})
		t.Run("Create", func(t *testing.T) {
			for _, tt := range []struct {
				name   string
				ctx    context.Context
				region string
				want   string
			}{
				{"DistrictCreatesInOwn", districtZY, zhongyuan, ""},
				{"DistrictCannotCreateInOther", districtZY, erqi, apperr.EFORBIDDEN},
				{"EnterpriseCannotCreate", enterpriseCtx(f.zy1.ID), zhongyuan, apperr.EFORBIDDEN},
				{"BankCannotCreate", bank, zhongyuan, apperr.EFORBIDDEN},
			} {
				t.Run(tt.name, func(t *testing.T) {
					n := enterpriseCount(t, s)
					err := s.CreateEnterprise(tt.ctx, newRecord(tt.region, "新登记企业有限公司", 100+n))
					if got := code(err); got != tt.want {
						t.Errorf("CreateEnterprise: code %q (%v), want %q", got, err, tt.want)
					}
				})
			}
		})
	})
}

func TestEnterpriseRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		r := mustCreate(t, s, "410199", "郑东新区金融科技有限公司", 7)
		got, err := s.GetEnterpriseByUSCC(city, r.USCC)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ field, got, want string }{
			{"name", got.Name, r.Name},
			{"region", got.Region, "410199"},
			{"industry", got.Industry, "C3484"},
			{"chain", got.Chain, "新材料"},
			{"status", string(got.Status), "active"},
			{"tier", got.Tier, "innovative"},
			{"profile.name", got.Profile.Name, r.Name},
			{"profile.title", got.Profile.Titles[0].ValidTo.String(), "2027-12-31"},
		} {
			if c.got != c.want {
				t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
			}
		}
		if !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) {
			t.Errorf("timestamps %v, %v; want %v", got.CreatedAt, got.UpdatedAt, t0)
		}
	})
}

func ids(rs []*enterprise.Record) []int64 {
	var out []int64
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
