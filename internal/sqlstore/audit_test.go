package sqlstore_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// Every write leaves exactly one audit row naming it, in the same
// transaction.
func TestEveryWriteIsAudited(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		var r *enterprise.Record
		var u *auth.User
		var token string
		var tokID int64
		for _, tt := range []struct {
			action string
			write  func() error
		}{
			{"enterprise.create", func() error {
				r = newRecord(zhongyuan, "郑州审计测试有限公司", 1)
				return s.CreateEnterprise(districtZY, r)
			}},
			{"enterprise.update", func() error { r.Chain = "电子信息"; return s.UpdateEnterprise(districtZY, r) }},
			{"user.create", func() error {
				u = &auth.User{Username: "ent.user", Name: "企业用户", Role: auth.RoleEnterprise, EnterpriseID: r.ID, PasswordHash: passwordHash}
				return s.CreateUser(districtZY, u)
			}},
			{"login.failed", func() error {
				if _, _, err := s.Login(ctx, u.Username, "wrong", sqlstore.SessionMeta{}); code(err) != apperr.EUNAUTHORIZED {
					return err
				}
				return nil
			}},
			{"session.create", func() (err error) {
				_, token, err = s.Login(ctx, u.Username, password, sqlstore.SessionMeta{})
				return err
			}},
			{"session.delete", func() error { return s.DeleteSession(ctx, token) }},
			{"assessment.create", func() error { return s.SaveAssessment(enterpriseCtx(r.ID), newAssessment(r.ID)) }},
			{"api_token.create", func() error {
				_, tok, err := s.CreateAPIToken(as(u.Caller()), "对接", time.Time{})
				if err == nil {
					tokID = tok.ID
				}
				return err
			}},
			{"api_token.revoke", func() error { return s.RevokeAPIToken(as(u.Caller()), tokID) }},
			{"user.lock", func() error { return s.LockUser(city, u.ID, t0.Add(time.Hour)) }},
			{"user.password", func() error { return s.SetPassword(city, u.ID, passwordHash) }},
		} {
			t.Run(tt.action, func(t *testing.T) {
				before := auditCount(t, s, auth.AuditFilter{Action: tt.action})
				if err := tt.write(); err != nil {
					t.Fatal(err)
				}
				if got, want := auditCount(t, s, auth.AuditFilter{Action: tt.action}), before+1; got != want {
					t.Errorf("%s audit rows = %d, want %d", tt.action, got, want)
				}
			})
		}

		t.Run("UpdateRecordsBeforeAndAfter", func(t *testing.T) {
			got, _, err := s.ListAudit(city, auth.AuditFilter{Entity: "enterprise", EntityID: strconv.FormatInt(r.ID, 10), Action: "enterprise.update"})
			if err != nil || len(got) != 1 {
				t.Fatalf("ListAudit = %d entries, %v; want 1", len(got), err)
			}
			e := got[0]
			var before, after struct {
				Chain   string `json:"chain"`
				Version int64  `json:"version"`
			}
			if err := json.Unmarshal(e.Before, &before); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(e.After, &after); err != nil {
				t.Fatal(err)
			}
			if before.Chain != "新材料" || after.Chain != "电子信息" || before.Version != 1 || after.Version != 2 {
				t.Errorf("before %+v, after %+v; want 新材料 v1 → 电子信息 v2", before, after)
			}
			if e.Actor != "zy" || e.ActorRole != auth.RoleDistrict || e.Region != zhongyuan || !e.At.Equal(t0) {
				t.Errorf("entry %+v; want actor zy (district) in 410102 at %v", e, t0)
			}
		})
		t.Run("PasswordHashNeverLogged", func(t *testing.T) {
			got, _, _ := s.ListAudit(city, auth.AuditFilter{Entity: "user"})
			for _, e := range got {
				for _, doc := range []json.RawMessage{e.Before, e.After} {
					if len(doc) > 0 && json.Valid(doc) && containsHash(doc) {
						t.Errorf("%s entry holds a password hash: %s", e.Action, doc)
					}
				}
			}
		})
	})
}

func containsHash(doc json.RawMessage) bool {
	var m map[string]any
	_ = json.Unmarshal(doc, &m)
	for _, v := range m {
		if s, ok := v.(string); ok && len(s) > 9 && s[:9] == "$argon2id" {
			return true
		}
	}
	return false
}

// A write that fails leaves neither data nor an audit row.
func TestFailedWriteLeavesNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		existing := mustCreate(t, s, zhongyuan, "郑州已有企业有限公司", 1)
		for _, tt := range []struct {
			name  string
			write func() error
		}{
			{"DuplicateUSCC", func() error {
				r := newRecord(erqi, "重复登记有限公司", 2)
				r.Profile.USCC = existing.USCC
				return s.CreateEnterprise(city, r)
			}},
			{"ForbiddenDistrict", func() error {
				return s.CreateEnterprise(districtEQ, newRecord(zhongyuan, "越权登记有限公司", 3))
			}},
			{"RolledBackTransaction", func() error {
				return s.WithTx(city, func(tx *sqlstore.Tx) error {
					if err := tx.CreateEnterprise(city, newRecord(zhongyuan, "回滚测试有限公司", 4)); err != nil {
						return err
					}
					return errRollback
				})
			}},
			{"SecondWriteOfTransactionFails", func() error {
				return s.WithTx(city, func(tx *sqlstore.Tx) error {
					if err := tx.CreateEnterprise(city, newRecord(zhongyuan, "前一条有限公司", 5)); err != nil {
						return err
					}
					return tx.CreateEnterprise(city, newRecord(zhongyuan, "前一条有限公司", 5))
				})
			}},
			{"BadAssessment", func() error {
				a := newAssessment(existing.ID)
				a.Status = "maybe"
				return s.SaveAssessment(city, a)
			}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				nE, nA := enterpriseCount(t, s), auditCount(t, s, auth.AuditFilter{})
				if err := tt.write(); err == nil {
					t.Fatal("write succeeded; want an error")
				}
				if got := enterpriseCount(t, s); got != nE {
					t.Errorf("enterprises = %d, want %d", got, nE)
				}
				if got := auditCount(t, s, auth.AuditFilter{}); got != nA {
					t.Errorf("audit rows = %d, want %d", got, nA)
				}
				if got, _ := s.ListAssessments(city, existing.ID); len(got) != 0 {
					t.Errorf("assessments = %d, want 0", len(got))
				}
			})
		}
	})
}

func TestListAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		zy := mustCreate(t, s, zhongyuan, "郑州中原审计有限公司", 1)
		clock.Add(time.Hour)
		mustCreate(t, s, erqi, "郑州二七审计有限公司", 2)
		for _, tt := range []struct {
			name   string
			ctx    context.Context
			filter auth.AuditFilter
			want   int
			code   string
		}{
			{"CityReadsAll", city, auth.AuditFilter{}, 2, ""},
			{"ByRegion", city, auth.AuditFilter{Region: erqi}, 1, ""},
			{"ByEntity", city, auth.AuditFilter{Entity: "enterprise", EntityID: strconv.FormatInt(zy.ID, 10)}, 1, ""},
			{"ByTime", city, auth.AuditFilter{Since: t0.Add(time.Minute)}, 1, ""},
			{"UntilExclusive", city, auth.AuditFilter{Until: t0.Add(time.Hour)}, 1, ""},
			{"DistrictForbidden", districtZY, auth.AuditFilter{}, 0, apperr.EFORBIDDEN},
			{"EnterpriseForbidden", enterpriseCtx(zy.ID), auth.AuditFilter{}, 0, apperr.EFORBIDDEN},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := s.ListAudit(tt.ctx, tt.filter)
				if code(err) != tt.code {
					t.Fatalf("ListAudit: code %q (%v), want %q", code(err), err, tt.code)
				}
				if len(got) != tt.want || total != tt.want {
					t.Errorf("ListAudit = %d entries (total %d), want %d", len(got), total, tt.want)
				}
			})
		}
	})
}

func newAssessment(enterpriseID int64) *enterprise.Assessment {
	score := profile.DecFromInt(60)
	return &enterprise.Assessment{EnterpriseID: enterpriseID, AsOf: profile.MustDate("2026-09-01"), DataYear: 2025,
		Tier: "innovative", RulesetID: "innovative@2022", RulesetVersion: "2022.1", RulesetHash: "sha256:abc",
		Status: "pass", Score: &score,
		Result:  []byte(`{"tier":"innovative","status":"pass","score":60}`),
		Profile: []byte(`{"uscc":"91410102MA00000001","name":"测试"}`)}
}

func TestAssessments(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy := mustCreate(t, s, zhongyuan, "郑州中原评价有限公司", 1)
		eq := mustCreate(t, s, erqi, "郑州二七评价有限公司", 2)
		a := newAssessment(zy.ID)
		if err := s.SaveAssessment(enterpriseCtx(zy.ID), a); err != nil {
			t.Fatal(err)
		}
		t.Run("RoundTripsExactly", func(t *testing.T) {
			got, err := s.GetAssessment(districtZY, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Result) != string(a.Result) || string(got.Profile) != string(a.Profile) ||
				got.RulesetHash != a.RulesetHash || *got.Score != *a.Score || got.AsOf != a.AsOf || got.DataYear != 2025 {
				t.Errorf("GetAssessment = %+v, want %+v", got, a)
			}
		})
		t.Run("ListNewestFirstWithoutDocuments", func(t *testing.T) {
			b := newAssessment(zy.ID)
			b.Score = nil
			b.Status = "fail"
			if err := s.SaveAssessment(city, b); err != nil {
				t.Fatal(err)
			}
			got, err := s.ListAssessments(districtZY, zy.ID)
			if err != nil || len(got) != 2 || got[0].ID != b.ID || got[0].Score != nil || got[1].Result != nil {
				t.Errorf("ListAssessments = %d, %v; want 2, newest first, without documents", len(got), err)
			}
		})
		t.Run("OtherDistrictNotFound", func(t *testing.T) {
			if _, err := s.GetAssessment(districtEQ, a.ID); code(err) != apperr.ENOTFOUND {
				t.Errorf("GetAssessment: %v, want ENOTFOUND", err)
			}
			if got, err := s.ListAssessments(districtEQ, zy.ID); err != nil || len(got) != 0 {
				t.Errorf("ListAssessments = %d, %v; want none", len(got), err)
			}
			if err := s.SaveAssessment(districtZY, newAssessment(eq.ID)); code(err) != apperr.ENOTFOUND {
				t.Errorf("SaveAssessment: %v, want ENOTFOUND", err)
			}
		})
	})
}
