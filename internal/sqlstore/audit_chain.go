package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// The audit log is a hash chain. Each row carries its place in the chain
// (seq), the hash of the row before it (prev_hash) and its own hash: SHA-256
// over a canonical encoding of its fields and prev_hash (chainRow.digest). A
// row changed in the database no longer matches its hash; a row removed
// leaves a gap in seq and a prev_hash that points at nothing; rows removed
// from the end leave the chain shorter than its head (audit_chain) says.
// VerifyAudit walks the chain and reports the first broken link.
//
// What the chain does not stop is someone with write access recomputing
// every hash after a change: the head hash VerifyAudit reports, written down
// elsewhere (a printed report, a ticket, another system's log), is what
// pins the history up to that point.
//
// Appends are serialised by the head row: a transaction's audit rows are
// written at its commit, after an UPDATE of the head that PostgreSQL holds
// locked until the commit (and that, in READ COMMITTED, returns the head as
// the previous holder left it), so servers sharing a database extend one
// chain, one transaction at a time. On SQLite the single writer already
// serialises them. Taking the head last, after every other lock of the
// transaction, means no transaction holding it ever waits for another lock.

// chainRow is an audit row as the chain sees it: the stored values, with ""
// and 0 for NULL.
type chainRow struct {
	ID                                                 int64 // not hashed: the database numbers rows
	Seq                                                int64
	PrevHash                                           string
	At                                                 string // as stored (timeLayout)
	ActorID                                            int64
	Actor, ActorRole, Action, Entity, EntityID, Region string
	Before, After                                      string // JSON text as stored
	GroupID                                            int64
	ClientAddr                                         string
	Hash                                               string
}

// chainFormat names the encoding below; a new encoding gets a new name.
const chainFormat = "zjtx-audit-1"

// digest is the row's hash: SHA-256, in hex, of the JSON array of
// chainFormat and the fields in a fixed order, NULLs as null. Go's JSON
// encoder writes a given string one way only, so the bytes hashed are a
// function of the values.
func (r *chainRow) digest() string {
	b, err := json.Marshal([]any{chainFormat, r.Seq, r.PrevHash, r.At, nullInt64(r.ActorID), r.Actor, r.ActorRole,
		r.Action, r.Entity, r.EntityID, nullString(r.Region), nullString(r.Before), nullString(r.After),
		r.GroupID, nullString(r.ClientAddr)})
	if err != nil {
		panic(err) // strings and integers always encode
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

var errNoChainHead = errors.New("the audit chain's head row is missing: run zjtx audit verify")

// appendAudit writes the transaction's pending audit rows at the end of the
// chain. run calls it just before the commit.
func (tx *Tx) appendAudit(ctx context.Context) error {
	n := int64(len(tx.pending))
	if n == 0 {
		return nil
	}
	var last int64
	var prev string
	err := tx.queryRow(ctx, `UPDATE audit_chain SET seq = seq + $1 WHERE id = 1 RETURNING seq, last_hash`, n).Scan(&last, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		err = errNoChainHead
	}
	if err != nil {
		return fmt.Errorf("sqlstore: audit: %w", err)
	}
	first := last - n + 1
	group := tx.origin.Group(first)
	for i := range tx.pending {
		r := &tx.pending[i]
		r.Seq, r.PrevHash, r.GroupID = first+int64(i), prev, group
		r.Hash = r.digest()
		if _, err := tx.exec(ctx, `INSERT INTO audit_log
			(at, actor_id, actor, actor_role, action, entity, entity_id, region, before_json, after_json,
			 seq, prev_hash, hash, group_id, client_addr)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			r.At, nullInt64(r.ActorID), r.Actor, r.ActorRole, r.Action, r.Entity, r.EntityID, nullString(r.Region),
			nullString(r.Before), nullString(r.After), r.Seq, r.PrevHash, r.Hash, r.GroupID, nullString(r.ClientAddr)); err != nil {
			return fmt.Errorf("sqlstore: audit %s: %w", r.Action, err)
		}
		prev = r.Hash
	}
	tx.pending = nil
	return tx.setChainHead(ctx, prev)
}

func (tx *Tx) setChainHead(ctx context.Context, hash string) error {
	if _, err := tx.exec(ctx, `UPDATE audit_chain SET last_hash = $1 WHERE id = 1`, hash); err != nil {
		return fmt.Errorf("sqlstore: audit chain head: %w", err)
	}
	return nil
}

// chainColumns are the columns scanChainRow reads.
const chainColumns = `id, seq, prev_hash, at, actor_id, actor, actor_role, action, entity, entity_id, region,
	before_json, after_json, group_id, client_addr, hash`

func scanChainRow(rows *sql.Rows, r *chainRow) error {
	return rows.Scan(&r.ID, int64Col{&r.Seq}, stringCol{&r.PrevHash}, &r.At, int64Col{&r.ActorID}, &r.Actor,
		&r.ActorRole, &r.Action, &r.Entity, &r.EntityID, stringCol{&r.Region}, stringCol{&r.Before},
		stringCol{&r.After}, int64Col{&r.GroupID}, stringCol{&r.ClientAddr}, stringCol{&r.Hash})
}

// sealBatch is how many old rows one transaction of sealAudit hashes.
const sealBatch = 1000

// sealAudit appends to the chain the rows written before it existed: those
// of a database from before migration 00005, or of a restored older backup,
// in the order of their ids. Rows of one transaction shared their time and
// actor, so consecutive rows alike in both become one group. Only rows older
// than the chain are sealed (the head records the first id after them): a
// row inserted by hand later stays outside the chain, for VerifyAudit to
// report, however often the server restarts. Migrate calls it; it does
// nothing when every row is sealed.
func (s *Store) sealAudit(ctx context.Context) error {
	var group chainRow // the group of the last row sealed
	for {
		n := 0
		err := s.WithTx(ctx, func(tx *Tx) error {
			var err error
			n, err = tx.sealAudit(ctx, &group)
			return err
		})
		if err != nil {
			return fmt.Errorf("sqlstore: seal audit log: %w", err)
		}
		if n < sealBatch {
			return nil
		}
	}
}

// unsealedOld selects the rows sealAudit seals: those without a place in
// the chain that are older than the chain (audit_chain.legacy_below).
const unsealedOld = `seq IS NULL AND id < (SELECT legacy_below FROM audit_chain WHERE id = 1)`

func (tx *Tx) sealAudit(ctx context.Context, group *chainRow) (int, error) {
	// A dump of an older schema restores without a head. A chain that has
	// sealed rows but lost its head is broken, and stays so for verify to
	// report.
	if _, err := tx.exec(ctx, `INSERT INTO audit_chain (id, seq, last_hash, legacy_below)
		SELECT 1, 0, '', COALESCE(max(id), 0) + 1 FROM audit_log
		HAVING NOT EXISTS (SELECT 1 FROM audit_chain) AND NOT EXISTS (SELECT 1 FROM audit_log WHERE seq IS NOT NULL)`); err != nil {
		return 0, err
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM audit_log WHERE `+unsealedOld).Scan(&n); err != nil || n == 0 {
		return 0, err
	}
	var seq int64
	var prev string
	err := tx.queryRow(ctx, `UPDATE audit_chain SET seq = seq WHERE id = 1 RETURNING seq, last_hash`).Scan(&seq, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		err = errNoChainHead
	}
	if err != nil {
		return 0, err
	}
	rows, err := tx.query(ctx, `SELECT `+chainColumns+` FROM audit_log WHERE `+unsealedOld+` ORDER BY id LIMIT $1`, sealBatch)
	if err != nil {
		return 0, err
	}
	var batch []chainRow
	for rows.Next() {
		var r chainRow
		if err := scanChainRow(rows, &r); err != nil {
			rows.Close()
			return 0, err
		}
		batch = append(batch, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for i := range batch {
		r := &batch[i]
		seq++
		r.Seq, r.PrevHash = seq, prev
		if r.At == group.At && r.ActorID == group.ActorID && r.Actor == group.Actor && group.GroupID != 0 {
			r.GroupID = group.GroupID
		} else {
			r.GroupID = seq
			*group = *r
		}
		r.Hash = r.digest()
		if _, err := tx.exec(ctx, `UPDATE audit_log SET seq = $1, prev_hash = $2, hash = $3, group_id = $4 WHERE id = $5`,
			r.Seq, r.PrevHash, r.Hash, r.GroupID, r.ID); err != nil {
			return 0, err
		}
		prev = r.Hash
	}
	if _, err := tx.exec(ctx, `UPDATE audit_chain SET seq = $1, last_hash = $2 WHERE id = 1`, seq, prev); err != nil {
		return 0, err
	}
	return len(batch), nil
}

// AuditVerdict is what VerifyAudit found.
type AuditVerdict struct {
	Rows int64  // rows in the chain, up to the first break
	Head string // the hash of the last row: write it down to pin the log
	// Break is the first broken link; nil when the chain is whole.
	Break *AuditBreak
}

// AuditBreak is a broken link: the row where the chain stops holding
// (0 when it is the head that disagrees) and what differs.
type AuditBreak struct {
	ID      int64
	Seq     int64
	Problem string
}

func (b *AuditBreak) String() string {
	if b.ID == 0 {
		return b.Problem
	}
	return fmt.Sprintf("row id %d (seq %d): %s", b.ID, b.Seq, b.Problem)
}

// verifyBatch is how many rows VerifyAudit reads per query.
const verifyBatch = 2000

// VerifyAudit walks the audit chain from its first row and reports the
// first broken link: a row whose content no longer matches its hash, a
// prev_hash that is not the hash of the row before, a gap in seq (rows
// removed), a head that disagrees with the last row (rows removed from the
// end, or added after it), or a row outside the chain (inserted by hand).
// It reads one snapshot.
func (s *Store) VerifyAudit(ctx context.Context) (v AuditVerdict, err error) {
	err = s.stream(ctx, func(tx *Tx) error {
		v, err = tx.verifyAudit(ctx)
		return err
	})
	if err != nil {
		return AuditVerdict{}, fmt.Errorf("sqlstore: verify audit log: %w", err)
	}
	return v, nil
}

func (tx *Tx) verifyAudit(ctx context.Context) (AuditVerdict, error) {
	var v AuditVerdict
	var last chainRow // the last row checked
	for {
		rows, err := tx.query(ctx, `SELECT `+chainColumns+` FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
			last.Seq, verifyBatch)
		if err != nil {
			return v, err
		}
		n := 0
		for rows.Next() {
			n++
			var r chainRow
			if err := scanChainRow(rows, &r); err != nil {
				rows.Close()
				return v, err
			}
			if b := checkLink(&last, &r); b != nil {
				rows.Close()
				v.Break = b
				return v, nil
			}
			v.Rows, v.Head, last = v.Rows+1, r.Hash, r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return v, err
		}
		if n < verifyBatch {
			break
		}
	}
	var headSeq int64
	var headHash string
	err := tx.queryRow(ctx, `SELECT seq, last_hash FROM audit_chain WHERE id = 1`).Scan(&headSeq, &headHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		v.Break = &AuditBreak{Problem: "the chain's head row (audit_chain) is missing"}
		return v, nil
	case err != nil:
		return v, err
	case headSeq > last.Seq:
		v.Break = &AuditBreak{Problem: fmt.Sprintf("the chain ends at seq %d but its head says %d: rows %d–%d were removed from the end",
			last.Seq, headSeq, last.Seq+1, headSeq)}
		return v, nil
	case headSeq < last.Seq:
		v.Break = &AuditBreak{ID: last.ID, Seq: last.Seq, Problem: fmt.Sprintf("the row is past the chain's head (seq %d): added by hand", headSeq)}
		return v, nil
	case headHash != last.Hash:
		v.Break = &AuditBreak{ID: last.ID, Seq: last.Seq, Problem: fmt.Sprintf("the chain's head hash %s is not the last row's hash %s", short(headHash), short(last.Hash))}
		return v, nil
	}
	var outside int64
	err = tx.queryRow(ctx, `SELECT id FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT 1`).Scan(&outside)
	if err == nil {
		v.Break = &AuditBreak{ID: outside, Problem: "the row is outside the chain (no seq or hash): inserted by hand, or not sealed yet (start the server or run zjtx migrate)"}
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return v, err
	}
	return v, nil
}

// checkLink checks row r, which follows prev (seq 0: r is the first row).
func checkLink(prev, r *chainRow) *AuditBreak {
	brk := func(format string, a ...any) *AuditBreak {
		return &AuditBreak{ID: r.ID, Seq: r.Seq, Problem: fmt.Sprintf(format, a...)}
	}
	if r.Seq != prev.Seq+1 {
		return brk("seq %d follows seq %d: rows %d–%d were removed", r.Seq, prev.Seq, prev.Seq+1, r.Seq-1)
	}
	if r.PrevHash != prev.Hash {
		if prev.Seq == 0 {
			return brk("the first row's prev_hash is %s, not empty: rows before it were removed", short(r.PrevHash))
		}
		return brk("prev_hash %s is not the hash %s of the row before (id %d): that row was changed and rehashed, or replaced",
			short(r.PrevHash), short(prev.Hash), prev.ID)
	}
	if got := r.digest(); got != r.Hash {
		return brk("its content does not match its hash (stored %s, computed %s): the row was changed after it was written",
			short(r.Hash), short(got))
	}
	return nil
}

// short is a hash cut to its first 12 digits, for messages.
func short(h string) string {
	if h == "" {
		return `""`
	}
	return h[:min(12, len(h))]
}
