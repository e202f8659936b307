package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
)

const password = "correct horse 9"

// passwordHash is hashed once: argon2id is slow on purpose.
var passwordHash = func() string {
	h, err := auth.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
}()

func cityRole() auth.User { return auth.User{Role: auth.RoleCity} }

// mustUser creates an account with the test password, as the city.
func mustUser(tb testing.TB, s *sqlstore.Store, username string, u auth.User) *auth.User {
	tb.Helper()
	u.Username, u.PasswordHash = username, passwordHash
	if u.Name == "" {
		u.Name = "测试用户 " + username
	}
	if err := s.CreateUser(city, &u); err != nil {
		tb.Fatal(err)
	}
	return &u
}

func TestCreateUser(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy := mustCreate(t, s, zhongyuan, "中原测试有限公司", 1)
		eq := mustCreate(t, s, erqi, "二七测试有限公司", 2)
		mustUser(t, s, "taken", cityRole())
		for _, tt := range []struct {
			name string
			ctx  context.Context
			user auth.User
			want string
		}{
			{"CityCreatesDistrictOfficial", city, auth.User{Username: "zy.official", Role: auth.RoleDistrict, Region: zhongyuan}, ""},
			{"DistrictCreatesOwnEnterpriseAccount", districtZY, auth.User{Username: "zy.ent", Role: auth.RoleEnterprise, EnterpriseID: zy.ID}, ""},
			{"DistrictCannotSeeOtherDistrictsEnterprise", districtZY, auth.User{Username: "eq.ent", Role: auth.RoleEnterprise, EnterpriseID: eq.ID}, apperr.ENOTFOUND},
			{"DistrictCannotCreateOfficials", districtZY, auth.User{Username: "zy.boss", Role: auth.RoleCity}, apperr.EFORBIDDEN},
			{"EnterpriseCannotCreateAccounts", enterpriseCtx(zy.ID), auth.User{Username: "zy.ent2", Role: auth.RoleEnterprise, EnterpriseID: zy.ID}, apperr.EFORBIDDEN},
			{"DuplicateUsernameConflicts", city, auth.User{Username: "TAKEN", Role: auth.RoleCity}, apperr.ECONFLICT},
			{"DistrictNeedsRegion", city, auth.User{Username: "noregion", Role: auth.RoleDistrict}, apperr.EINVALID},
			{"UnknownRegionInvalid", city, auth.User{Username: "badregion", Role: auth.RoleDistrict, Region: "999999"}, apperr.EINVALID},
			{"NoCallerUnauthorized", context.Background(), auth.User{Username: "anon", Role: auth.RoleCity}, apperr.EUNAUTHORIZED},
		} {
			t.Run(tt.name, func(t *testing.T) {
				u := tt.user
				u.Name, u.PasswordHash = "某人", passwordHash
				before := auditCount(t, s, auth.AuditFilter{Action: "user.create"})
				err := s.CreateUser(tt.ctx, &u)
				if got := code(err); got != tt.want {
					t.Fatalf("CreateUser: code %q (%v), want %q", got, err, tt.want)
				}
				wantAudit := before
				if tt.want == "" {
					wantAudit++
				}
				if got := auditCount(t, s, auth.AuditFilter{Action: "user.create"}); got != wantAudit {
					t.Errorf("user.create audit rows = %d, want %d", got, wantAudit)
				}
			})
		}
	})
}

func TestLogin(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		ctx := context.Background()
		u := mustUser(t, s, "official", cityRole())
		login := func(pw string) error {
			_, _, err := s.Login(ctx, "Official", pw, sqlstore.SessionMeta{IP: "127.0.0.1"})
			return err
		}

		t.Run("RightPasswordStartsSession", func(t *testing.T) {
			got, token, err := s.Login(ctx, "official", password, sqlstore.SessionMeta{})
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != u.ID || token == "" {
				t.Errorf("Login = user %d, token %q; want user %d and a token", got.ID, token, u.ID)
			}
		})
		t.Run("UnknownUserLooksLikeWrongPassword", func(t *testing.T) {
			e1, e2 := login("wrong password"), func() error {
				_, _, err := s.Login(ctx, "nobody", password, sqlstore.SessionMeta{})
				return err
			}()
			if code(e1) != apperr.EUNAUTHORIZED || apperr.Message(e1) != apperr.Message(e2) {
				t.Errorf("wrong password: %v; unknown user: %v; want the same EUNAUTHORIZED message", e1, e2)
			}
			if err := login(password); err != nil { // resets the count
				t.Fatal(err)
			}
		})
		t.Run("FiveFailuresLock", func(t *testing.T) {
			for i := 1; i <= 4; i++ {
				if err := login("wrong"); code(err) != apperr.EUNAUTHORIZED {
					t.Fatalf("failure %d: %v", i, err)
				}
			}
			if got, _ := s.FindUserByUsername(ctx, "official"); got.FailedLogins != 4 || got.Locked(clock.Now()) {
				t.Fatalf("after 4 failures: count %d, locked %v; want 4, unlocked", got.FailedLogins, got.Locked(clock.Now()))
			}
			clock.Add(time.Minute)
			_ = login("wrong")
			got, _ := s.FindUserByUsername(ctx, "official")
			if want := clock.Now().Add(auth.LockDuration); !got.LockedUntil.Equal(want) {
				t.Errorf("locked until %v, want %v", got.LockedUntil, want)
			}
			if n := auditCount(t, s, auth.AuditFilter{Action: "login.locked"}); n != 1 {
				t.Errorf("login.locked audit rows = %d, want 1", n)
			}
		})
		t.Run("LockedRefusesRightPassword", func(t *testing.T) {
			clock.Add(auth.LockDuration - time.Second)
			if err := login(password); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("login while locked: %v, want EUNAUTHORIZED", err)
			}
		})
		t.Run("UnlocksAfterFifteenMinutes", func(t *testing.T) {
			clock.Add(time.Second)
			if err := login(password); err != nil {
				t.Errorf("login after the lock: %v", err)
			}
			got, _ := s.FindUserByUsername(ctx, "official")
			if got.FailedLogins != 0 || !got.LockedUntil.IsZero() {
				t.Errorf("after success: count %d, locked until %v; want 0, none", got.FailedLogins, got.LockedUntil)
			}
		})
		t.Run("CityUnlocksByHand", func(t *testing.T) {
			for range auth.MaxFailedLogins {
				_ = login("wrong")
			}
			if err := s.LockUser(districtZY, u.ID, time.Time{}); code(err) != apperr.EFORBIDDEN {
				t.Errorf("district unlocks: %v, want EFORBIDDEN", err)
			}
			if err := s.LockUser(city, u.ID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if err := login(password); err != nil {
				t.Errorf("login after unlock: %v", err)
			}
		})
		t.Run("DisabledRefused", func(t *testing.T) {
			d := mustUser(t, s, "gone", auth.User{Role: auth.RoleCity, Disabled: true})
			if _, _, err := s.Login(ctx, d.Username, password, sqlstore.SessionMeta{}); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("disabled login: %v, want EUNAUTHORIZED", err)
			}
		})
	})
}

func TestSession(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		ctx := context.Background()
		u := mustUser(t, s, "official", cityRole())
		login := func() string {
			_, token, err := s.Login(ctx, u.Username, password, sqlstore.SessionMeta{})
			if err != nil {
				t.Fatal(err)
			}
			return token
		}
		t.Run("IdleExpiresAfterThirtyMinutes", func(t *testing.T) {
			token := login()
			clock.Add(auth.SessionIdle - time.Second)
			if _, _, err := s.FindSession(ctx, token); err != nil {
				t.Errorf("before idle limit: %v", err)
			}
			clock.Add(time.Second)
			if _, _, err := s.FindSession(ctx, token); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("at idle limit: %v, want EUNAUTHORIZED", err)
			}
		})
		t.Run("UseKeepsAlive", func(t *testing.T) {
			token := login()
			for range 4 { // 4 × 29 min: two hours of use
				clock.Add(29 * time.Minute)
				got, _, err := s.Authenticate(ctx, token)
				if err != nil || got.ID != u.ID {
					t.Fatalf("authenticate: %v, %v", got, err)
				}
			}
			clock.Add(auth.SessionIdle)
			if _, _, err := s.Authenticate(ctx, token); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("after idling: %v, want EUNAUTHORIZED", err)
			}
		})
		t.Run("LogoutEnds", func(t *testing.T) {
			token := login()
			if err := s.DeleteSession(ctx, token); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Authenticate(ctx, token); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("after logout: %v, want EUNAUTHORIZED", err)
			}
		})
		t.Run("PasswordChangeEndsSessions", func(t *testing.T) {
			token := login()
			h, _ := auth.HashPassword("another password")
			if err := s.SetPassword(as(u.Caller()), u.ID, h); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Authenticate(ctx, token); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("after password change: %v, want EUNAUTHORIZED", err)
			}
			if err := s.SetPassword(city, u.ID, passwordHash); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ExpiredSweep", func(t *testing.T) {
			login()
			clock.Add(auth.SessionIdle)
			n, err := s.DeleteExpiredSessions(ctx)
			if err != nil || n < 1 {
				t.Errorf("DeleteExpiredSessions = %d, %v; want at least 1", n, err)
			}
		})
		t.Run("UnknownTokenRefused", func(t *testing.T) {
			if _, _, err := s.Authenticate(ctx, "no such token"); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("unknown token: %v, want EUNAUTHORIZED", err)
			}
		})
	})
}

func TestAPIToken(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		ctx := context.Background()
		u := mustUser(t, s, "robot", cityRole())
		other := mustUser(t, s, "other", auth.User{Role: auth.RoleDistrict, Region: erqi})
		uctx, octx := as(u.Caller()), as(other.Caller())

		token, tok, err := s.CreateAPIToken(uctx, "报表同步", t0.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		t.Run("Authenticates", func(t *testing.T) {
			got, err := s.AuthenticateAPIToken(ctx, token)
			if err != nil || got.ID != u.ID {
				t.Errorf("AuthenticateAPIToken = %v, %v; want user %d", got, err, u.ID)
			}
		})
		t.Run("OnlyHashStored", func(t *testing.T) {
			if tok.TokenHash == token || tok.TokenHash != auth.HashToken(token) {
				t.Errorf("stored %q for token %q; want its SHA-256", tok.TokenHash, token)
			}
		})
		t.Run("OthersCannotRevoke", func(t *testing.T) {
			if err := s.RevokeAPIToken(octx, tok.ID); code(err) != apperr.ENOTFOUND {
				t.Errorf("revoke by another user: %v, want ENOTFOUND", err)
			}
		})
		t.Run("ExpiresAtLimit", func(t *testing.T) {
			clock.Add(24 * time.Hour)
			if _, err := s.AuthenticateAPIToken(ctx, token); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("expired token: %v, want EUNAUTHORIZED", err)
			}
		})
		t.Run("RevokedRefused", func(t *testing.T) {
			token, tok, err := s.CreateAPIToken(uctx, "长期", time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.RevokeAPIToken(uctx, tok.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AuthenticateAPIToken(ctx, token); code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("revoked token: %v, want EUNAUTHORIZED", err)
			}
			list, err := s.ListAPITokens(uctx)
			if err != nil || len(list) != 2 || list[0].RevokedAt.IsZero() {
				t.Errorf("ListAPITokens = %d tokens, %v; want 2, newest revoked", len(list), err)
			}
		})
	})
}
