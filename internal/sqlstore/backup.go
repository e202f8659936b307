package sqlstore

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Backups.
//
// SQLite: VACUUM INTO writes a consistent, compacted copy of the live
// database to a new file while readers and the writer carry on (it reads
// one snapshot, like any reader). The copy is itself a database: restoring
// is putting the file in place.
//
// PostgreSQL: a plain SQL script of INSERT statements, one per line, for
// every table of the schema in foreign-key order, followed by setval() for
// the identity sequences. It is what `pg_dump --data-only --inserts` would
// write, and psql can load it too; the schema itself comes from the
// migrations, whose version the script records and Restore checks. We do not
// shell out to pg_dump: its major version must match the server's, it is not
// installed where the binary runs, its output may use COPY blocks that need
// psql to load, and a restore that goes through the driver runs in one
// transaction we control.

// dumpHeader starts every SQL dump; Restore refuses files without it.
const dumpHeader = "-- zjtx dump"

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Backup writes a backup of the database to path, which must not exist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := s.backup(ctx, path); err != nil {
		return fmt.Errorf("sqlstore: backup to %s: %w", path, err)
	}
	return nil
}

// backupMode is the mode of backup files: they hold password hashes and
// session token hashes, so only their owner may read them.
const backupMode = 0o600

func (s *Store) backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("file exists")
	}
	if s.engine == SQLite {
		// VACUUM INTO writes into an empty file it finds, keeping its mode;
		// a file it created itself would get the umask's (usually 0644).
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, backupMode)
		if err != nil {
			return err
		}
		f.Close()
		// The writer connection runs it: reader connections are query_only,
		// which SQLite applies to the output file too.
		if _, err := s.write.ExecContext(ctx, "VACUUM INTO $1", path); err != nil {
			os.Remove(path)
			return err
		}
		return nil
	}
	tmp := path + ".part"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, backupMode)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = s.dumpPostgres(ctx, w)
	if err == nil {
		err = w.Flush()
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func (s *Store) dumpPostgres(ctx context.Context, w *bufio.Writer) error {
	return s.stream(ctx, func(tx *Tx) error {
		version, err := s.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		tables, identity, err := tx.tablesInOrder(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s schema %d at %s\n", dumpHeader, version, s.Now().UTC().Format(time.RFC3339))
		fmt.Fprintln(w, "-- Data only: create the schema with `zjtx migrate` first; `zjtx restore` does both.")
		fmt.Fprintln(w, "SET standard_conforming_strings = on;")
		for _, t := range tables {
			if err := tx.dumpTable(ctx, w, t); err != nil {
				return fmt.Errorf("dump %s: %w", t, err)
			}
		}
		for _, t := range tables {
			if col := identity[t]; col != "" {
				fmt.Fprintf(w, "SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE((SELECT max(%s) FROM %s), 0) + 1, false);\n",
					t, col, col, t)
			}
		}
		fmt.Fprintln(w, "-- end of dump")
		return nil
	})
}

// tablesInOrder lists the platform's tables (not goose's, nor River's queue,
// whose jobs are transient and whose own migrations make its tables) in an
// order where every table comes after those it references.
func (tx *Tx) tablesInOrder(ctx context.Context) ([]string, map[string]string, error) {
	rows, err := tx.query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'goose_db_version'
		AND table_name NOT LIKE 'river\_%'
		ORDER BY table_name`)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	deps := map[string][]string{}
	rows, err = tx.query(ctx, `SELECT c.relname, p.relname FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
		JOIN pg_namespace n ON n.oid = k.connamespace
		WHERE k.contype = 'f' AND n.nspname = current_schema()`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var child, parent string
		if err := rows.Scan(&child, &parent); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if child != parent {
			deps[child] = append(deps[child], parent)
		}
	}
	rows.Close()
	identity := map[string]string{}
	rows, err = tx.query(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_identity = 'YES'`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var t, col string
		if err := rows.Scan(&t, &col); err != nil {
			rows.Close()
			return nil, nil, err
		}
		identity[t] = col
	}
	rows.Close()
	var out []string
	done := map[string]bool{}
	var visit func(string, int) error
	visit = func(t string, depth int) error {
		if done[t] {
			return nil
		}
		if depth > len(names) {
			return fmt.Errorf("foreign keys form a cycle at %s", t)
		}
		for _, p := range deps[t] {
			if err := visit(p, depth+1); err != nil {
				return err
			}
		}
		done[t] = true
		out = append(out, t)
		return nil
	}
	for _, n := range names {
		if err := visit(n, 0); err != nil {
			return nil, nil, err
		}
	}
	return out, identity, nil
}

// dumpRowsPerInsert keeps each INSERT line to a few megabytes.
const dumpRowsPerInsert = 200

func (tx *Tx) dumpTable(ctx context.Context, w *bufio.Writer, table string) error {
	rows, err := tx.query(ctx, "SELECT * FROM "+table+" ORDER BY 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if n == 0 {
			w.WriteString(head)
		} else {
			w.WriteString(", ")
		}
		w.WriteByte('(')
		for i, v := range vals {
			if i > 0 {
				w.WriteString(", ")
			}
			if err := writeLiteral(w, v); err != nil {
				return fmt.Errorf("column %s: %w", cols[i], err)
			}
		}
		w.WriteByte(')')
		if n++; n == dumpRowsPerInsert {
			w.WriteString(";\n")
			n = 0
		}
	}
	if n > 0 {
		w.WriteString(";\n")
	}
	return rows.Err()
}

// writeLiteral writes v as a SQL literal on one line: text as an E” string
// with newlines escaped, so every statement of a dump is one line.
func writeLiteral(w *bufio.Writer, v any) error {
	switch x := v.(type) {
	case nil:
		w.WriteString("NULL")
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case int32:
		w.WriteString(strconv.FormatInt(int64(x), 10))
	case float64:
		w.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		if x {
			w.WriteString("TRUE")
		} else {
			w.WriteString("FALSE")
		}
	case string:
		writeString(w, x)
	case []byte:
		writeString(w, string(x))
	case time.Time:
		writeString(w, x.UTC().Format(time.RFC3339Nano))
	default:
		return fmt.Errorf("cannot dump a %T", v)
	}
	return nil
}

func writeString(w *bufio.Writer, s string) {
	w.WriteString("E'")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'':
			w.WriteString("''")
		case '\\':
			w.WriteString(`\\`)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		default:
			w.WriteByte(c)
		}
	}
	w.WriteByte('\'')
}

// Restore replaces the database at dsn with the backup in file: for SQLite
// the backup file is checked and copied over the database file; for
// PostgreSQL the schema is migrated and the dump loaded in one transaction
// after emptying every table. It refuses with ErrInUse while a server holds
// the server lock (lock.go), and holds it exclusively while it runs.
func Restore(ctx context.Context, dsn, file string) error {
	if err := restore(ctx, dsn, file); err != nil {
		return fmt.Errorf("sqlstore: restore from %s: %w", file, err)
	}
	return nil
}

// errServerRunning is Restore's refusal while a server uses the database.
var errServerRunning = fmt.Errorf("%w: 有 zjtx 服务正在运行，请先停止所有服务再恢复 "+
	"(a zjtx server is using it: stop every server first; a server left running would go on writing to the replaced database)", ErrInUse)

func restore(ctx context.Context, dsn, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	isPG := strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
	switch {
	case bytes.Equal(head, sqliteMagic) && !isPG:
		return restoreSQLite(ctx, dsn, file)
	case bytes.HasPrefix(head, []byte(dumpHeader)) && isPG:
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return restorePostgres(ctx, dsn, f)
	case bytes.Equal(head, sqliteMagic):
		return errors.New("a SQLite backup restores into a SQLite database, not PostgreSQL")
	case bytes.HasPrefix(head, []byte(dumpHeader)):
		return errors.New("a PostgreSQL dump restores into PostgreSQL, not SQLite")
	}
	return errors.New("not a zjtx backup: neither a SQLite database nor a zjtx SQL dump")
}

func restoreSQLite(ctx context.Context, dsn, file string) error {
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	release, err := flockFile(path+".lock", true)
	if errors.Is(err, errLocked) {
		return errServerRunning
	}
	if err != nil {
		return err
	}
	defer release()
	// Check the backup opens, migrates (an older backup is brought up to
	// date) and passes SQLite's integrity check before it replaces anything.
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".restore")
	os.Remove(tmp)
	if err := copyFile(file, tmp); err != nil {
		return err
	}
	defer os.Remove(tmp)
	s, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	err = s.Migrate(ctx)
	if err == nil {
		var res string
		if err = s.write.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err == nil && res != "ok" {
			err = fmt.Errorf("integrity check: %s", res)
		}
	}
	if err == nil {
		// Fold the WAL back so the file alone is the database.
		_, err = s.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	if e := s.Close(); err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return os.Rename(tmp, path)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, backupMode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func restorePostgres(ctx context.Context, dsn string, r io.Reader) error {
	s, err := Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	release, err := s.lock(ctx, true)
	if errors.Is(err, errLocked) {
		return errServerRunning
	}
	if err != nil {
		return err
	}
	defer release()
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	version, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(r, 1<<20)
	first, err := br.ReadString('\n')
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	var dumped int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(first, dumpHeader), " schema %d", &dumped); err != nil {
		return fmt.Errorf("bad header %q", strings.TrimSpace(first))
	}
	if dumped > version {
		return fmt.Errorf("the dump is of schema %d, newer than this program's %d", dumped, version)
	}
	err = s.WithTx(ctx, func(tx *Tx) error {
		tables, _, err := tx.tablesInOrder(ctx)
		if err != nil {
			return err
		}
		rev := slices.Clone(tables)
		slices.Reverse(rev)
		for _, t := range rev {
			if _, err := tx.exec(ctx, "DELETE FROM "+t); err != nil {
				return fmt.Errorf("empty %s: %w", t, err)
			}
		}
		n := 0
		for {
			stmt, err := br.ReadString('\n')
			if err != nil && err != io.EOF {
				return err
			}
			if s := strings.TrimSpace(stmt); s != "" && !strings.HasPrefix(s, "--") {
				n++
				if _, err := tx.exec(ctx, s); err != nil {
					return fmt.Errorf("statement %d: %w", n, err)
				}
			}
			if err == io.EOF {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	// A dump of a schema before 00005 brings audit rows without hashes.
	return s.sealAudit(ctx)
}
