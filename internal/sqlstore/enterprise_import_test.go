package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

func TestEachEnterprise(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		var recs []*enterprise.Record
		for i := range 1100 { // more than two pages
			region := zhongyuan
			if i%3 == 0 {
				region = erqi
			}
			recs = append(recs, newRecord(region, fmt.Sprintf("郑州导出%d科技有限公司", i), 7000+i))
		}
		if err := s.BulkCreateEnterprises(city, recs); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name   string
			ctx    context.Context
			f      enterprise.Filter
			want   int
			region string
		}{
			{"CityAll", city, enterprise.Filter{}, 1100, ""},
			{"CityFiltered", city, enterprise.Filter{Region: erqi}, 367, erqi},
			{"DistrictScope", districtZY, enterprise.Filter{Sort: "name"}, 733, zhongyuan},
			{"DistrictOtherRegionEmpty", districtZY, enterprise.Filter{Region: erqi}, 0, ""},
			{"BankNone", bank, enterprise.Filter{}, 0, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				n, seen := 0, map[int64]bool{}
				for r, err := range s.EachEnterprise(tt.ctx, tt.f) {
					if err != nil {
						t.Fatal(err)
					}
					if r.Profile == nil || r.Profile.USCC != r.USCC || seen[r.ID] {
						t.Fatalf("record %d: profile %v, seen %v", r.ID, r.Profile, seen[r.ID])
					}
					if tt.region != "" && r.Region != tt.region {
						t.Fatalf("record %d in %s, want %s", r.ID, r.Region, tt.region)
					}
					seen[r.ID] = true
					n++
				}
				if n != tt.want {
					t.Errorf("%d records, want %d", n, tt.want)
				}
			})
		}
		t.Run("StopEarly", func(t *testing.T) {
			n := 0
			for range s.EachEnterprise(city, enterprise.Filter{}) {
				if n++; n == 3 {
					break
				}
			}
			if n != 3 {
				t.Errorf("n = %d", n)
			}
		})
	})
}

func TestSaveEnterprises(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		existing := mustCreate(t, s, zhongyuan, "郑州已登记机械有限公司", 1)
		other := mustCreate(t, s, erqi, "郑州二七机械有限公司", 2)
		keepIP := func(imp, stored *enterprise.Record) error {
			imp.Profile.IP = stored.Profile.IP
			return nil
		}
		versioned := func(r *enterprise.Record, v int64) *enterprise.Record { r.Version = v; return r }
		t.Run("CreateAndUpdate", func(t *testing.T) {
			before := enterpriseCount(t, s)
			audits := auditCount(t, s, auth.AuditFilter{})
			upd := versioned(newRecord(zhongyuan, "郑州已登记机械有限公司（更名）", 1), existing.Version)
			o, err := s.SaveEnterprises(districtZY, []*enterprise.Record{newRecord(zhongyuan, "郑州新登记科技有限公司", 3), upd}, keepIP, true)
			if err != nil || o.Created != 1 || o.Updated != 1 || len(o.Refused) != 0 {
				t.Fatalf("outcome %+v: %v", o, err)
			}
			if got := enterpriseCount(t, s); got != before+1 {
				t.Errorf("count %d, want %d", got, before+1)
			}
			if got := auditCount(t, s, auth.AuditFilter{}); got != audits+2 {
				t.Errorf("audit rows %d, want %d", got, audits+2)
			}
			got, err := s.GetEnterprise(city, existing.ID)
			if err != nil || got.Name != "郑州已登记机械有限公司（更名）" || got.Version != existing.Version+1 {
				t.Errorf("updated record: %+v, %v", got, err)
			}
		})
		// Each case saves a clean new record beside the one refused: with
		// all nothing is written, without the clean one is.
		n := 10
		for _, tt := range []struct {
			name    string
			ctx     context.Context
			rec     *enterprise.Record
			merge   func(imp, stored *enterprise.Record) error
			code    string
			message string // in the refusal
			hidden  string // never in it
		}{
			{"StaleVersionConflicts", districtZY, versioned(newRecord(zhongyuan, "郑州旧导出覆盖公司", 1), existing.Version), nil,
				apperr.ECONFLICT, "导出后已被修改（导出时为第 1 版，现为第 2 版）", ""},
			{"NoVersionConflicts", districtZY, newRecord(zhongyuan, "郑州空白模板覆盖公司", 1), nil,
				apperr.ECONFLICT, "请先导出最新名单再修改导入", ""},
			{"OtherDistrictUSCCConflicts", districtZY, withUSCC(newRecord(zhongyuan, "郑州冒名公司", 2), other.USCC), nil,
				apperr.ECONFLICT, "已在其他区县（市）登记", "二七"},
			{"OtherDistrictRegionForbidden", districtZY, newRecord(erqi, "郑州二七新公司", 4), nil, apperr.EFORBIDDEN, "", ""},
			{"MergeErrorRefuses", districtZY, versioned(newRecord(zhongyuan, "郑州合并出错公司", 1), existing.Version+1),
				func(_, _ *enterprise.Record) error { return apperr.Errorf(apperr.EINVALID, "合并后有误") }, apperr.EINVALID, "合并后有误", ""},
		} {
			for _, all := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s/all=%v", tt.name, all), func(t *testing.T) {
					before := enterpriseCount(t, s)
					n++
					o, err := s.SaveEnterprises(tt.ctx, []*enterprise.Record{newRecord(zhongyuan, fmt.Sprintf("郑州干净%d公司", n), 100+n), tt.rec}, tt.merge, all)
					if err != nil || len(o.Refused) != 1 || o.Refused[1] == nil {
						t.Fatalf("outcome %+v: %v", o, err)
					}
					if got := code(o.Refused[1]); got != tt.code {
						t.Errorf("refused %v, want %s", o.Refused[1], tt.code)
					}
					msg := apperr.Message(o.Refused[1])
					if !strings.Contains(msg, tt.message) || tt.hidden != "" && (strings.Contains(msg, tt.hidden) || strings.Contains(msg, other.Name)) {
						t.Errorf("message %q, want %q and not %q", msg, tt.message, tt.hidden)
					}
					want := 1
					if all {
						want = 0
					}
					if got := enterpriseCount(t, s) - before; got != want || o.Created != want {
						t.Errorf("%d enterprises added, outcome %+v; want %d", got, o, want)
					}
					if got, err := s.GetEnterprise(city, existing.ID); err != nil || got.Version != existing.Version+1 || got.Name != "郑州已登记机械有限公司（更名）" {
						t.Errorf("the registered record changed: %+v, %v", got, err)
					}
				})
			}
		}
		t.Run("UnchangedRowIsNoConflict", func(t *testing.T) {
			same, err := s.GetEnterprise(city, existing.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []int64{same.Version - 1, 0} { // stale, none
				audits := auditCount(t, s, auth.AuditFilter{})
				rec := &enterprise.Record{Profile: same.Profile.Clone(), Chain: same.Chain, Status: same.Status, Version: v}
				o, err := s.SaveEnterprises(districtZY, []*enterprise.Record{rec}, nil, true)
				if err != nil || o.Unchanged != 1 || o.Updated != 0 || len(o.Refused) != 0 {
					t.Errorf("version %d: outcome %+v, %v; want unchanged", v, o, err)
				}
				if got := auditCount(t, s, auth.AuditFilter{}); got != audits {
					t.Errorf("version %d: %d audit rows written", v, got-audits)
				}
			}
		})
		t.Run("RollbackAll", func(t *testing.T) {
			before := enterpriseCount(t, s)
			err := s.WithTx(districtZY, func(tx *sqlstore.Tx) error {
				if _, err := tx.SaveEnterprises(districtZY, []*enterprise.Record{newRecord(zhongyuan, "郑州回滚公司", 8)}, nil); err != nil {
					return err
				}
				return errRollback
			})
			if !errors.Is(err, errRollback) || enterpriseCount(t, s) != before {
				t.Errorf("err %v, count %d want %d", err, enterpriseCount(t, s), before)
			}
		})
	})
}

func withUSCC(r *enterprise.Record, uscc string) *enterprise.Record {
	r.Profile.USCC = uscc
	return r
}

// TestSlowExportsDoNotBlockLists: exports paused by slow consumers, as many
// as SQLite admits read transactions at once (one per core plus one, see
// Open), leave the lists answering.
func TestSlowExportsDoNotBlockLists(t *testing.T) {
	s := MustOpen(t, filepath.Join(t.TempDir(), "zjtx.db"))
	for i := range 3 {
		mustCreate(t, s, zhongyuan, fmt.Sprintf("导出测试%d有限公司", i), i)
	}
	release := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(release)
	for range runtime.GOMAXPROCS(0) + 1 {
		inside := make(chan struct{})
		wg.Go(func() {
			for _, err := range s.EachEnterprise(city, enterprise.Filter{}) {
				if err != nil {
					t.Error(err)
					close(inside)
					return
				}
				close(inside)
				<-release // a client that stopped reading
				return
			}
		})
		<-inside
	}
	ctx, cancel := context.WithTimeout(city, 5*time.Second)
	defer cancel()
	if _, total, err := s.ListEnterprises(ctx, enterprise.Filter{}); err != nil || total != 3 {
		t.Fatalf("list beside paused exports: total %d, %v", total, err)
	}
}
