package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// rawDB opens the database at dsn with the plain driver, as someone with
// access to the database (not to the program) would.
func rawDB(tb testing.TB, dsn string) *sql.DB {
	tb.Helper()
	driver := "sqlite"
	if strings.HasPrefix(dsn, "postgres") {
		driver = "pgx"
	} else {
		dsn = "file:" + dsn + "?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

var written atomic.Int64

// writeSome makes n audited writes: enterprises created, then updated.
func writeSome(tb testing.TB, s *sqlstore.Store, ctx context.Context, n int) {
	tb.Helper()
	for range n {
		i := int(written.Add(1))
		r := newRecord(zhongyuan, fmt.Sprintf("郑州链式审计%03d有限公司", i), 7000+i)
		if err := s.CreateEnterprise(ctx, r); err != nil {
			tb.Fatal(err)
		}
	}
}

func verify(tb testing.TB, s *sqlstore.Store) sqlstore.AuditVerdict {
	tb.Helper()
	v, err := s.VerifyAudit(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// TestAuditChain: the audit log verifies whole after ordinary writes, and
// each way of tampering with it in the database is caught at the row where
// it happened.
func TestAuditChain(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			for _, tt := range []struct {
				name    string
				tamper  string // SQL run on the database
				seq     int64  // the seq of the row reported, 0: the head
				problem string // part of the report
			}{
				{"Whole", "", 0, ""},
				{"EditedRow", `UPDATE audit_log SET after_json = replace(after_json, '郑州', '开封') WHERE seq = 3`, 3,
					"does not match its hash"},
				{"EditedActor", `UPDATE audit_log SET actor = 'someone' WHERE seq = 1`, 1, "does not match its hash"},
				{"EditedTime", `UPDATE audit_log SET at = '2026-01-01T00:00:00.000000Z' WHERE seq = 4`, 4, "does not match its hash"},
				{"DeletedRow", `DELETE FROM audit_log WHERE seq = 3`, 4, "rows 3–3 were removed"},
				{"DeletedFirst", `DELETE FROM audit_log WHERE seq = 1`, 2, "rows 1–1 were removed"},
				{"DeletedTail", `DELETE FROM audit_log WHERE seq = 5`, 0, "removed from the end"},
				{"Rehashed", `UPDATE audit_log SET hash = 'ab' WHERE seq = 2`, 2, "does not match its hash"},
				{"InsertedRow", `INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id)
					VALUES ('2026-09-01T08:00:00.000000Z', 'someone', 'city', 'enterprise.update', 'enterprise', '1')`, -1,
					"outside the chain"},
				{"HeadRemoved", `DELETE FROM audit_chain`, 0, "head row (audit_chain) is missing"},
			} {
				t.Run(tt.name, func(t *testing.T) {
					dsn := FreshDSN(t, eng)
					s := MustOpen(t, dsn)
					writeSome(t, s, districtZY, 5)
					if v := verify(t, s); v.Break != nil || v.Rows != 5 || len(v.Head) != 64 {
						t.Fatalf("before tampering: %+v %v, want 5 whole rows", v, v.Break)
					}
					if tt.tamper == "" {
						return
					}
					if _, err := rawDB(t, dsn).Exec(tt.tamper); err != nil {
						t.Fatal(err)
					}
					v := verify(t, s)
					if v.Break == nil {
						t.Fatalf("tampering not caught: %+v", v)
					}
					if !strings.Contains(v.Break.Problem, tt.problem) || tt.seq >= 0 && v.Break.Seq != tt.seq ||
						tt.seq == -1 && v.Break.ID == 0 {
						t.Errorf("break = %s, want seq %d and %q", v.Break, tt.seq, tt.problem)
					}
					// A restart does not seal tampering away.
					if err := s.Migrate(context.Background()); err != nil {
						t.Fatal(err)
					}
					if v := verify(t, s); v.Break == nil {
						t.Errorf("after Migrate the tampering is no longer reported")
					}
				})
			}
		})
	}
}

// TestAuditGroupAndAddress: the rows of one request share a group, even
// across transactions, and carry the client's address; outside a request a
// transaction is its own group.
func TestAuditGroupAndAddress(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		writeSome(t, s, districtZY, 1)
		req := auth.WithOrigin(districtZY, "203.0.113.7")
		writeSome(t, s, req, 2) // two transactions of one request
		got, _, err := s.ListAudit(city, auth.AuditFilter{})
		if err != nil || len(got) != 3 {
			t.Fatalf("ListAudit = %d rows, %v", len(got), err)
		}
		// Newest first: the request's two rows, then the first write.
		if got[0].GroupID != got[1].GroupID || got[0].GroupID != got[1].Seq {
			t.Errorf("request rows: groups %d, %d (seqs %d, %d); want both the first row's seq", got[0].GroupID, got[1].GroupID, got[0].Seq, got[1].Seq)
		}
		if got[0].ClientAddr != "203.0.113.7" || got[1].ClientAddr != "203.0.113.7" {
			t.Errorf("client addresses %q, %q; want 203.0.113.7", got[0].ClientAddr, got[1].ClientAddr)
		}
		if got[2].GroupID != got[2].Seq || got[2].ClientAddr != "" {
			t.Errorf("write outside a request: group %d seq %d addr %q", got[2].GroupID, got[2].Seq, got[2].ClientAddr)
		}
		if rows, _, _ := s.ListAudit(city, auth.AuditFilter{GroupID: got[0].GroupID}); len(rows) != 2 {
			t.Errorf("group filter: %d rows, want 2", len(rows))
		}
	})
}

// TestAuditSealsOldRows: rows written before the chain existed (before
// migration 00005) are hashed into it in order when the program starts, and
// grouped by transaction.
func TestAuditSealsOldRows(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		s := MustOpen(t, dsn)
		db := rawDB(t, dsn)
		// As 00005 found them: rows without seq, and a head below them.
		for i, at := range []string{"2026-08-01T08:00:00.000000Z", "2026-08-01T08:00:00.000000Z", "2026-08-02T09:00:00.000000Z"} {
			if _, err := db.Exec(`INSERT INTO audit_log (at, actor_id, actor, actor_role, action, entity, entity_id)
				VALUES ($1, 7, 'zy', 'district', 'enterprise.update', 'enterprise', $2)`, at, fmt.Sprint(i+1)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Exec(`UPDATE audit_chain SET legacy_below = (SELECT max(id) + 1 FROM audit_log)`); err != nil {
			t.Fatal(err)
		}
		if v := verify(t, s); v.Break == nil || !strings.Contains(v.Break.Problem, "not sealed yet") {
			t.Fatalf("before sealing: %v, want rows outside the chain", v.Break)
		}
		if err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		writeSome(t, s, districtZY, 1)
		if v := verify(t, s); v.Break != nil || v.Rows != 4 {
			t.Fatalf("after sealing: %d rows, %v; want 4 whole", v.Rows, v.Break)
		}
		got, _, _ := s.ListAudit(city, auth.AuditFilter{})
		if got[3].Seq != 1 || got[2].GroupID != 1 || got[1].GroupID != 3 {
			t.Errorf("sealed rows: seqs/groups %d/%d %d/%d %d/%d, want the two rows of one time in group 1",
				got[3].Seq, got[3].GroupID, got[2].Seq, got[2].GroupID, got[1].Seq, got[1].GroupID)
		}
	})
}

// TestAuditChainConcurrent: two stores on one database (two servers) write
// at once; the chain stays one unbroken line.
func TestAuditChainConcurrent(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		a, b := MustOpen(t, dsn), MustOpen(t, dsn)
		const workers, each = 6, 8
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			s := a
			if w%2 == 1 {
				s = b
			}
			wg.Go(func() {
				for i := range each {
					r := newRecord(zhongyuan, fmt.Sprintf("并发审计%d-%d有限公司", w, i), 8000+w*each+i)
					if err := s.CreateEnterprise(districtZY, r); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if v := verify(t, a); v.Break != nil || v.Rows != workers*each {
			t.Errorf("after concurrent writes: %d rows, %v; want %d whole", v.Rows, v.Break, workers*each)
		}
	})
}

// eachDSN runs fn as a subtest per engine with the DSN of a fresh database.
func eachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) { fn(t, FreshDSN(t, eng)) })
	}
}
