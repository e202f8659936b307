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
	for _, tt := range []struct {
		name, pw, user string
		wantErr        bool
	}{
		{"TenCharactersPass", "tanyu-8351", "wang", false},
		{"NineCharactersFail", "tanyu-835", "wang", true},
		{"TenHanCharactersPass", "长度足够的密码十个字", "wang", false},
		{"UsernameItselfFails", "zhang.wei.2026", "zhang.wei.2026", true},
		{"ContainingUsernameFails", "x-Zhang.Wei-2026!", "zhang.wei", true},
		{"CommonPasswordFails", "Password123", "wang", true},
		{"CommonAnyCaseFails", "QWERTYUIOP", "wang", true},
		{"TooLongFails", strings.Repeat("x", 1025), "wang", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := auth.ValidatePassword(tt.pw, tt.user)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ValidatePassword(%q, %q) = %v, want error %v", tt.pw, tt.user, err, tt.wantErr)
			}
			if err != nil && apperr.Code(err) != apperr.EINVALID {
				t.Errorf("code %q, want %q", apperr.Code(err), apperr.EINVALID)
			}
		})
	}
}

func TestLoginFailures(t *testing.T) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	f := auth.LoginFailures{UserID: 7, IP: "192.0.2.1"}
	for i := 1; i < auth.MaxFailedLogins; i++ {
		if f.Record(now) || f.Locked(now) {
			t.Fatalf("failure %d locked the account", i)
		}
	}
	if !f.Record(now) {
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
			if got := f.Locked(now.Add(tt.at)); got != tt.locked {
				t.Errorf("Locked = %v, want %v", got, tt.locked)
			}
		})
	}
	t.Run("FailureWhileLockedDoesNotExtend", func(t *testing.T) {
		g := f
		if g.Record(now.Add(time.Minute)) || !g.LockedUntil.Equal(now.Add(auth.LockDuration)) {
			t.Errorf("locked until %v, want %v", g.LockedUntil, now.Add(auth.LockDuration))
		}
	})
	t.Run("CountRestartsAfterLock", func(t *testing.T) {
		g := f
		if g.Record(now.Add(auth.LockDuration)) || g.Failures != 1 || g.Locked(now.Add(auth.LockDuration)) {
			t.Errorf("after the lock: %+v, want one failure, unlocked", g)
		}
	})
	t.Run("OldFailuresForgotten", func(t *testing.T) {
		g := auth.LoginFailures{}
		for range auth.MaxFailedLogins - 1 {
			g.Record(now)
		}
		if g.Record(now.Add(auth.LockDuration)) || g.Failures != 1 {
			t.Errorf("a failure 15 minutes after four: %+v, want a new count of one", g)
		}
	})
}

func TestLoginDelay(t *testing.T) {
	max := 2 * time.Second
	for _, tt := range []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {3, 0}, {4, 250 * time.Millisecond}, {5, 500 * time.Millisecond}, {6, time.Second},
		{7, 2 * time.Second}, {8, 2 * time.Second}, {1000, 2 * time.Second},
	} {
		if got := auth.LoginDelay(tt.failures, max); got != tt.want {
			t.Errorf("LoginDelay(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
	if got := auth.LoginDelay(50, 0); got != 0 {
		t.Errorf("LoginDelay with no maximum = %v, want 0", got)
	}
}

func TestPasswordExpired(t *testing.T) {
	set := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	u := auth.User{PasswordChangedAt: set}
	day := 24 * time.Hour
	for _, tt := range []struct {
		name   string
		at     time.Time
		maxAge time.Duration
		want   bool
	}{
		{"OffNeverExpires", set.AddDate(5, 0, 0), 0, false},
		{"Before90Days", set.Add(90*day - time.Second), 90 * day, false},
		{"At90Days", set.Add(90 * day), 90 * day, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := u.PasswordExpired(tt.at, tt.maxAge); got != tt.want {
				t.Errorf("PasswordExpired = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSessionIdle(t *testing.T) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	s, token := auth.NewSession(7, now, 0)
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
			if got := s.Expired(now.Add(tt.at), 0); got != tt.expired {
				t.Errorf("Expired = %v, want %v", got, tt.expired)
			}
		})
	}
	t.Run("TouchExtends", func(t *testing.T) {
		later := now.Add(20 * time.Minute)
		if !s.TouchDue(later) {
			t.Fatal("touch not due after 20 minutes")
		}
		s.Touch(later, 0)
		if s.Expired(now.Add(auth.SessionIdle), 0) {
			t.Error("touched session expired at the original deadline")
		}
		if s.TouchDue(later.Add(10 * time.Second)) {
			t.Error("touch due 10 seconds after the last one; want at most one a minute")
		}
	})
}

func TestSessionLifetime(t *testing.T) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	s, _ := auth.NewSession(7, now, 2*time.Hour)
	at := now
	for at.Before(now.Add(2*time.Hour - auth.SessionIdle)) {
		at = at.Add(20 * time.Minute)
		s.Touch(at, 2*time.Hour)
	}
	if !s.ExpiresAt.Equal(now.Add(2 * time.Hour)) {
		t.Errorf("a busy session expires at %v, want its absolute end %v", s.ExpiresAt, now.Add(2*time.Hour))
	}
	if !s.Expired(now.Add(2*time.Hour), 2*time.Hour) {
		t.Error("busy session alive at its absolute end")
	}
	if !s.Expired(now.Add(time.Hour+time.Minute), time.Hour) {
		t.Error("a lifetime shortened after the start does not reach the session")
	}
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
		org    string
		want   string
	}{
		{"CityNeedsNothing", auth.RoleCity, "", 0, "", ""},
		{"DistrictNeedsRegion", auth.RoleDistrict, "", 0, "", apperr.EINVALID},
		{"EnterpriseNeedsEnterprise", auth.RoleEnterprise, "", 0, "", apperr.EINVALID},
		{"BankNeedsOrganization", auth.RoleBank, "", 0, " ", apperr.EINVALID},
		{"InstitutionWithOrganization", auth.RoleInstitution, "", 0, "某服务机构", ""},
		{"UnknownRoleInvalid", auth.Role("mayor"), "", 0, "", apperr.EINVALID},
		{"DistrictWithRegion", auth.RoleDistrict, "410102", 0, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.Code(auth.ValidateRoleBinding(tt.role, tt.region, tt.ent, tt.org)); got != tt.want {
				t.Errorf("code %q, want %q", got, tt.want)
			}
		})
	}
}
