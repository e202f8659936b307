package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
)

const userUsage = `用法 / usage: zjtx user <command> [flags] [USERNAME]

commands:
  add       创建账号 / create an account: --username U --name N --role city|district|enterprise|institution|bank
            [--district 410105|金水区] [--enterprise USCC|ID] [--org 机构名称]
  passwd    设置密码 / set the password of USERNAME
  disable   停用账号 / disable USERNAME (its sessions end; API tokens stop working)
  enable    启用账号 / enable USERNAME again
  unlock    解锁账号 / lift every lock of USERNAME (the administrator's and each address's)
  list      账号列表 / list accounts [--role R] [--district D] [--status active|disabled|locked] [-q TEXT]

Passwords are never flags: they are read from the terminal (typed twice, not
echoed) or, when standard input is not a terminal, from its first line.
Every command takes --data DIR or --db postgres://… and applies the
migrations first, so "zjtx user add" creates the first city administrator of
a new database.
`

// cliCaller is who the audit log names for changes made on the command line:
// whoever can run it can read the database anyway, so it acts with the
// city's reach.
var cliCaller = auth.Caller{Username: "zjtx user (命令行)", Role: auth.RoleCity}

func cmdUser(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, userUsage)
		return 2
	}
	sub := args[0]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var d dbFlags
	d.register(fs)
	var n auth.NewAccount
	var role, district, ent, status, q string
	switch sub {
	case "add":
		fs.StringVar(&n.Username, "username", "", "用户名 username (3–64: a–z 0–9 . _ - @)")
		fs.StringVar(&n.Name, "name", "", "姓名或单位名称 the person's or unit's name")
		fs.StringVar(&role, "role", "", "角色 role: city | district | enterprise | institution | bank")
		fs.StringVar(&district, "district", "", "区县代码或名称 district of a district official (410105 or 金水区)")
		fs.StringVar(&ent, "enterprise", "", "企业的统一社会信用代码或编号 enterprise of an enterprise account (USCC or id)")
		fs.StringVar(&n.Organization, "org", "", "机构名称 institution or bank of such an account")
	case "list":
		fs.StringVar(&role, "role", "", "角色 role")
		fs.StringVar(&district, "district", "", "区县代码或名称 district")
		fs.StringVar(&status, "status", "", "状态 active | disabled | locked")
		fs.StringVar(&q, "q", "", "用户名、姓名或机构名称中的文字 text in the username, name or organisation")
	case "passwd", "disable", "enable", "unlock":
	default:
		fmt.Fprintf(stderr, "zjtx user: unknown command %q\n\n%s", sub, userUsage)
		return 2
	}
	username, err := parseWithName(fs, args[1:])
	if err != nil {
		return 2
	}
	if (sub == "add" || sub == "list") != (username == "") {
		fmt.Fprint(stderr, userUsage)
		return 2
	}
	ctx := auth.WithCaller(context.Background(), cliCaller)
	s, err := openMigrated(ctx, d)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer s.Close()
	if district != "" {
		if district, err = regionCode(ctx, s, district); err != nil {
			return fail(stderr, err)
		}
	}
	switch sub {
	case "add":
		n.Role, n.Region = auth.Role(role), district
		err = userAdd(ctx, s, n, ent, stdin, stdout, stderr)
	case "list":
		err = userList(ctx, s, auth.UserFilter{Q: q, Role: auth.Role(role), Region: district, Status: status, Limit: 500}, stdout)
	case "passwd":
		err = userPasswd(ctx, s, username, stdin, stdout, stderr)
	case "disable", "enable", "unlock":
		err = userChange(ctx, s, sub, username, stdout)
	}
	if err != nil {
		return fail(stderr, err)
	}
	return 0
}

// fail prints a command's error: the user message of an application error
// (in Chinese, naming the field), or the error itself.
func fail(stderr io.Writer, err error) int {
	if code := apperr.Code(err); code != apperr.EINTERNAL {
		fmt.Fprintf(stderr, "zjtx user: %s (%s)\n", apperr.Message(err), code)
	} else {
		fmt.Fprintf(stderr, "zjtx user: %v\n", err)
	}
	return 1
}

// parseWithName parses flags given before and after one positional argument
// ("disable --data DIR alice" and "disable alice --data DIR" alike) and
// returns that argument, "" when there is none.
func parseWithName(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return "", nil
	}
	name := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		return "", errors.New("unexpected arguments")
	}
	return name, nil
}

// openMigrated opens the database and applies the migrations.
func openMigrated(ctx context.Context, d dbFlags) (*sqlstore.Store, error) {
	if d.db == "" {
		if err := os.MkdirAll(d.data, 0o750); err != nil {
			return nil, err
		}
	}
	s, err := sqlstore.Open(ctx, d.dsn())
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// regionCode accepts a district's code or its name.
func regionCode(ctx context.Context, s *sqlstore.Store, v string) (string, error) {
	regions, err := s.ListRegions(ctx)
	if err != nil {
		return "", err
	}
	for _, r := range regions {
		if r.Code == v || r.Name == v {
			return r.Code, nil
		}
	}
	return "", apperr.Errorf(apperr.EINVALID, "--district：区县 %q 不存在", v)
}

func userAdd(ctx context.Context, s *sqlstore.Store, n auth.NewAccount, ent string, stdin io.Reader, stdout, stderr io.Writer) error {
	if !n.Role.Valid() {
		return apperr.Errorf(apperr.EINVALID, "--role：角色应为 city、district、enterprise、institution 或 bank")
	}
	var err error
	if n.EnterpriseID, err = s.ResolveEnterprise(ctx, ent); err != nil {
		return err
	}
	if n.Password, err = readPassword(stdin, stderr, "新密码 / new password: "); err != nil {
		return err
	}
	u, err := n.User(false)
	if err != nil {
		return err
	}
	if err := s.CreateUser(ctx, u); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "账号 %s（%s）已创建 / account created, id %d\n", u.Username, u.Role.Label(), u.ID)
	return nil
}

func userPasswd(ctx context.Context, s *sqlstore.Store, username string, stdin io.Reader, stdout, stderr io.Writer) error {
	u, err := s.FindUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	pw, err := readPassword(stdin, stderr, "新密码 / new password for "+u.Username+": ")
	if err != nil {
		return err
	}
	if err := auth.ValidatePassword(pw, u.Username); err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	if _, err := s.UpdateUser(ctx, u.ID, u.Version, auth.UserChange{PasswordHash: hash}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "账号 %s 的密码已更新，其登录会话已结束 / password set, sessions ended\n", u.Username)
	return nil
}

func userChange(ctx context.Context, s *sqlstore.Store, sub, username string, stdout io.Writer) error {
	u, err := s.FindUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	ch, done := auth.UserChange{Unlock: true}, "已解锁 / unlocked"
	switch sub {
	case "disable":
		ch, done = auth.UserChange{Disabled: new(true)}, "已停用 / disabled"
	case "enable":
		ch, done = auth.UserChange{Disabled: new(false)}, "已启用 / enabled"
	}
	if _, err := s.UpdateUser(ctx, u.ID, u.Version, ch); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "账号 %s %s\n", u.Username, done)
	return nil
}

func userList(ctx context.Context, s *sqlstore.Store, f auth.UserFilter, stdout io.Writer) error {
	items, total, err := s.ListUsers(ctx, f)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "username\trole\tname\tbinding\tstatus\tlast login")
	now := s.Now()
	for _, it := range items {
		binding := it.Region
		switch {
		case it.EnterpriseID != 0:
			binding = fmt.Sprintf("enterprise %d", it.EnterpriseID)
		case it.Organization != "":
			binding = it.Organization
		}
		status := auth.UserActive
		switch {
		case it.Disabled:
			status = auth.UserDisabled
		case it.Locked(now) || it.AddressLocks > 0:
			status = fmt.Sprintf("%s (%d address locks)", auth.UserLocked, it.AddressLocks)
		}
		if it.Demo {
			status += ", demo"
		}
		last := "-"
		if !it.LastLoginAt.IsZero() {
			last = it.LastLoginAt.Local().Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", it.Username, it.Role, it.Name, binding, status, last)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d accounts\n", total)
	return nil
}

// readPassword reads a password: from the terminal without echo, typed
// twice, when standard input is one; otherwise the first line of standard
// input (a script: printf '%s\n' "$PW" | zjtx user add …).
func readPassword(stdin io.Reader, stderr io.Writer, prompt string) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, prompt)
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "再输入一次 / again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(pw) != string(again) {
			return "", apperr.Errorf(apperr.EINVALID, "两次输入的密码不一致")
		}
		return string(pw), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", apperr.Errorf(apperr.EINVALID, "标准输入中没有密码 / no password on standard input")
	}
	return line, nil
}
