package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

func TestPassword(t *testing.T) {
	h, err := auth.HashPassword("正确的密码 123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string", h)
	}
	h2, _ := auth.HashPassword("正确的密码 123")
	if h == h2 {
		t.Error("two hashes of one password are equal; want distinct salts")
	}
	for _, tt := range []struct {
		name, hash, pw string
		want           bool
		wantErr        bool
	}{
		{"RightPasswordMatches", h, "正确的密码 123", true, false},
		{"WrongPasswordFails", h, "正确的密码 124", false, false},
		{"EmptyFails", h, "", false, false},
		{"BcryptHashIsError", "$2a$10$abcdefghijklmnopqrstuv", "x", false, true},
		{"TruncatedHashIsError", h[:30], "x", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := auth.CheckPassword(tt.hash, tt.pw)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("CheckPassword = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestValidatePassword(t *testing.T) {
	if got := apperr.Code(auth.ValidatePassword("short")); got != apperr.EINVALID {
		t.Errorf("short password: code %q, want %q", got, apperr.EINVALID)
	}
	if err := auth.ValidatePassword("长度足够的密码八位"); err != nil {
		t.Errorf("eight Han characters: %v", err)
	}
}

func TestLockout(t *testing.T) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	var u auth.User
	for i := 1; i < auth.MaxFailedLogins; i++ {
		if u.RecordFailure(now) || u.Locked(now) {
			t.Fatalf("failure %d locked the account", i)
		}
	}
	if !u.RecordFailure(now) {
		t.Fatal("fifth failure did not lock")
	}
	for _, tt := range []struct {
		name   string
		at     time.Duration
		locked bool
	}{
		{"LockedAtOnce", 0, true},
		{"LockedJustBefore15Min", auth.LockDuration - time.Nanosecond, true},
		{"UnlockedAt15Min", auth.LockDuration, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := u.Locked(now.Add(tt.at)); got != tt.locked {
				t.Errorf("Locked = %v, want %v", got, tt.locked)
			}
		})
	}
	t.Run("CountRestartsAfterLock", func(t *testing.T) {
		if u.FailedLogins != 0 {
			t.Errorf("FailedLogins = %d, want 0", u.FailedLogins)
		}
	})
	t.Run("SuccessClears", func(t *testing.T) {
		u.RecordFailure(now)
		u.RecordSuccess(now)
		if u.FailedLogins != 0 || !u.LockedUntil.IsZero() || !u.LastLoginAt.Equal(now) {
			t.Errorf("after success: %+v", u)
		}
	})
}

func TestSessionIdle(t *testing.T) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	s, token := auth.NewSession(7, now)
	if len(token) < 40 || s.TokenHash != auth.HashToken(token) || s.TokenHash == token {
		t.Fatalf("token %q hash %q: want a long token stored only as its hash", token, s.TokenHash)
	}
	for _, tt := range []struct {
		name    string
		at      time.Duration
		expired bool
	}{
		{"AliveBefore30Min", auth.SessionIdle - time.Nanosecond, false},
		{"ExpiredAt30Min", auth.SessionIdle, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Expired(now.Add(tt.at)); got != tt.expired {
				t.Errorf("Expired = %v, want %v", got, tt.expired)
			}
		})
	}
	t.Run("TouchExtends", func(t *testing.T) {
		later := now.Add(20 * time.Minute)
		if !s.TouchDue(later) {
			t.Fatal("touch not due after 20 minutes")
		}
		s.Touch(later)
		if s.Expired(now.Add(auth.SessionIdle)) {
			t.Error("touched session expired at the original deadline")
		}
		if s.TouchDue(later.Add(10 * time.Second)) {
			t.Error("touch due 10 seconds after the last one; want at most one a minute")
		}
	})
}

func TestTokensAreDistinct(t *testing.T) {
	a, b := auth.NewAPIToken(), auth.NewAPIToken()
	if a == b || !strings.HasPrefix(a, auth.APITokenPrefix) {
		t.Errorf("tokens %q, %q: want distinct, prefixed %q", a, b, auth.APITokenPrefix)
	}
}

func TestCaller(t *testing.T) {
	ctx := context.Background()
	if _, ok := auth.CallerFrom(ctx); ok {
		t.Error("empty context has a caller")
	}
	want := auth.Caller{UserID: 3, Role: auth.RoleDistrict, Region: "410102"}
	if got, ok := auth.CallerFrom(auth.WithCaller(ctx, want)); !ok || got != want {
		t.Errorf("CallerFrom = %+v, %v; want %+v", got, ok, want)
	}
}

func TestRoleBinding(t *testing.T) {
	for _, tt := range []struct {
		name   string
		role   auth.Role
		region string
		ent    int64
		inst   int64
		want   string
	}{
		{"CityNeedsNothing", auth.RoleCity, "", 0, 0, ""},
		{"DistrictNeedsRegion", auth.RoleDistrict, "", 0, 0, apperr.EINVALID},
		{"EnterpriseNeedsEnterprise", auth.RoleEnterprise, "", 0, 0, apperr.EINVALID},
		{"BankNeedsInstitution", auth.RoleBank, "", 0, 0, apperr.EINVALID},
		{"UnknownRoleInvalid", auth.Role("mayor"), "", 0, 0, apperr.EINVALID},
		{"DistrictWithRegion", auth.RoleDistrict, "410102", 0, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.Code(auth.ValidateRoleBinding(tt.role, tt.region, tt.ent, tt.inst)); got != tt.want {
				t.Errorf("code %q, want %q", got, tt.want)
			}
		})
	}
}
