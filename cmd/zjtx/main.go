// Command zjtx is the ZJTX platform in one binary: the bureau's web server
// and JSON API, its database tools, and the criteria engine on the command
// line.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `用法 / usage: zjtx <command> [flags]

commands:
  serve      启动平台 / serve the platform [--addr :8080] [--data DIR] [--db postgres://…] [--demo]
             [--password-max-age 90d] [--session-lifetime 12h] [--trusted-proxy 127.0.0.1]
  migrate    升级数据库结构 / apply database migrations
  backup     备份 / back up the database: --to FILE
  restore    恢复 / restore a backup: --from FILE (refused while a server runs)
  audit      操作日志 / audit log: verify (check its hash chain)
  evaluate   评估企业画像 / evaluate an enterprise profile against the criteria
  rules      规则集：list | lint [DIR] | doc ID | diff A B
  user       账号管理 / accounts: add | passwd | disable | enable | unlock | list

Run "zjtx <command> -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return cmdServe(args[1:], stderr)
	case "migrate":
		return cmdMigrate(args[1:], stdout, stderr)
	case "backup":
		return cmdBackup(args[1:], stdout, stderr)
	case "restore":
		return cmdRestore(args[1:], stdout, stderr)
	case "audit":
		return cmdAudit(args[1:], stdout, stderr)
	case "evaluate":
		return cmdEvaluate(args[1:], stdin, stdout, stderr)
	case "rules":
		return cmdRules(args[1:], stdout, stderr)
	case "user":
		return cmdUser(args[1:], stdin, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "zjtx: unknown command %q\n\n%s", args[0], usage)
	return 2
}
