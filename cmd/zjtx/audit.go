package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"zjtx/internal/sqlstore"
)

// cmdAudit is `zjtx audit verify`: walk the audit log's hash chain and
// report the first broken link (exit 1) or "ok N rows" (exit 0).
func cmdAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: zjtx audit verify [--data DIR | --db postgres://…]")
		return 2
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var d dbFlags
	d.register(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx := context.Background()
	s, err := d.open(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer s.Close()
	v, err := s.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "(a database older than this program needs `zjtx migrate` first, which also hashes its old audit rows into the chain)")
		return 1
	}
	if v.Break != nil {
		fmt.Fprintf(stdout, "操作日志校验失败 / audit log broken after %d good rows: %s\n", v.Rows, v.Break)
		return 1
	}
	fmt.Fprintf(stdout, "ok %d rows, head %s\n", v.Rows, v.Head)
	return 0
}

// open opens the database the flags name without creating it: a tool that
// only reads must not leave an empty database behind a mistyped --data.
func (d *dbFlags) open(ctx context.Context) (*sqlstore.Store, error) {
	if d.db == "" {
		if _, err := os.Stat(d.dsn()); err != nil {
			return nil, err
		}
	}
	return sqlstore.Open(ctx, d.dsn())
}
