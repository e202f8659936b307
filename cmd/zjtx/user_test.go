package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/sqlstore"
)

// zjtx runs the command line with stdin and returns its exit status and
// outputs.
func zjtx(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUserCommand(t *testing.T) {
	dir := t.TempDir()
	login := func(username, password string) error {
		s, err := sqlstore.Open(context.Background(), filepath.Join(dir, "zjtx.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		_, _, err = s.Login(context.Background(), username, password, sqlstore.SessionMeta{IP: "192.0.2.1"})
		return err
	}
	steps := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  string // in stdout (status 0) or stderr
	}{
		{"AddFirstCityAdministrator", "Yellow-River-2026\n", []string{"user", "add", "--data", dir, "--username", "Admin.Wang",
			"--name", "王主任", "--role", "city"}, 0, "admin.wang"},
		{"AddDistrictByName", "Songshan-Peak-88\n", []string{"user", "add", "--data", dir, "--username", "js.li", "--name", "李科长",
			"--role", "district", "--district", "金水区"}, 0, "js.li"},
		{"AddBankWithOrganisation", "Bank-Ledger-2026\n", []string{"user", "add", "--data", dir, "--username", "bank.zhao",
			"--name", "赵经理", "--role", "bank", "--org", "某银行郑州分行"}, 0, "bank.zhao"},
		{"BankWithoutOrganisationRefused", "Bank-Ledger-2026\n", []string{"user", "add", "--data", dir, "--username", "bank.qian",
			"--name", "钱经理", "--role", "bank"}, 1, "机构名称"},
		{"UnknownDistrictRefused", "Songshan-Peak-88\n", []string{"user", "add", "--data", dir, "--username", "x.y",
			"--name", "某人", "--role", "district", "--district", "火星区"}, 1, "--district"},
		{"WeakPasswordRefused", "password123\n", []string{"user", "add", "--data", dir, "--username", "weak",
			"--name", "某人", "--role", "city"}, 1, "常见"},
		{"PasswordContainingUsernameRefused", "my-weak2-account\n", []string{"user", "add", "--data", dir, "--username", "weak2",
			"--name", "某人", "--role", "city"}, 1, "用户名"},
		{"NoPasswordRefused", "", []string{"user", "add", "--data", dir, "--username", "nopw",
			"--name", "某人", "--role", "city"}, 1, "没有密码"},
		{"DuplicateRefused", "Yellow-River-2026\n", []string{"user", "add", "--data", dir, "--username", "admin.wang",
			"--name", "王主任", "--role", "city"}, 1, "已被使用"},
		{"PasswordIsNotAFlag", "", []string{"user", "add", "--data", dir, "--username", "a.b", "--password", "x"}, 2, "password"},
		{"ListShowsAccounts", "", []string{"user", "list", "--data", dir}, 0, "3 accounts"},
		{"ListFiltersByRole", "", []string{"user", "list", "--data", dir, "--role", "district"}, 0, "1 accounts"},
		{"Disable", "", []string{"user", "disable", "js.li", "--data", dir}, 0, "已停用"},
		{"ListDisabled", "", []string{"user", "list", "--data", dir, "--status", "disabled"}, 0, "js.li"},
		{"Enable", "", []string{"user", "enable", "--data", dir, "js.li"}, 0, "已启用"},
		{"Passwd", "Zhongyuan-Road-7\n", []string{"user", "passwd", "--data", dir, "js.li"}, 0, "密码已更新"},
		{"PasswdUnknownUser", "Zhongyuan-Road-7\n", []string{"user", "passwd", "--data", dir, "nobody"}, 1, "用户不存在"},
		{"UnlockUsage", "", []string{"user", "unlock", "--data", dir}, 2, "usage"},
		{"UnknownSubcommand", "", []string{"user", "delete", "js.li"}, 2, "unknown command"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			code, out, errOut := zjtx(t, st.stdin, st.args...)
			text := out
			if st.wantCode != 0 {
				text = errOut
			}
			if code != st.wantCode || !strings.Contains(text, st.wantOut) {
				t.Errorf("zjtx %s: status %d, want %d; stdout %q; stderr %q; want %q", strings.Join(st.args, " "), code, st.wantCode, out, errOut, st.wantOut)
			}
		})
	}
	t.Run("TheAdministratorLogsIn", func(t *testing.T) {
		if err := login("ADMIN.WANG", "Yellow-River-2026"); err != nil {
			t.Errorf("login: %v", err)
		}
	})
	t.Run("NewPasswordLogsIn", func(t *testing.T) {
		if err := login("js.li", "Songshan-Peak-88"); apperr.Code(err) != apperr.EUNAUTHORIZED {
			t.Errorf("old password: %v, want refused", err)
		}
		if err := login("js.li", "Zhongyuan-Road-7"); err != nil {
			t.Errorf("new password: %v", err)
		}
	})
	t.Run("UnlockLiftsAddressLock", func(t *testing.T) {
		for range 5 {
			_ = login("bank.zhao", "wrong password")
		}
		if err := login("bank.zhao", "Bank-Ledger-2026"); apperr.Code(err) != apperr.EUNAUTHORIZED {
			t.Fatalf("locked login: %v, want refused", err)
		}
		if code, out, errOut := zjtx(t, "", "user", "list", "--data", dir, "--status", "locked"); code != 0 || !strings.Contains(out, "bank.zhao") {
			t.Errorf("list locked: %d %q %q", code, out, errOut)
		}
		if code, _, errOut := zjtx(t, "", "user", "unlock", "--data", dir, "bank.zhao"); code != 0 {
			t.Fatalf("unlock: %d %s", code, errOut)
		}
		if err := login("bank.zhao", "Bank-Ledger-2026"); err != nil {
			t.Errorf("after unlock: %v", err)
		}
	})
}

func TestDaysFlag(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"90d", "2160h0m0s", true}, {"0", "0s", true}, {"36h", "36h0m0s", true}, {"-1d", "", false}, {"ninety", "", false},
	} {
		var d days
		err := d.Set(tt.in)
		if (err == nil) != tt.ok || (tt.ok && d.String() != tt.want) {
			t.Errorf("Set(%q) = %v, %v; want %s, ok %v", tt.in, d.String(), err, tt.want, tt.ok)
		}
	}
}
