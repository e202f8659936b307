-- 00005: the audit log becomes a hash chain (tamper-evident), and its rows
-- record the client address and the group of rows one action wrote.
--
-- seq is the row's place in the chain (1, 2, 3, … without gaps); hash is the
-- SHA-256 of the row's fields and prev_hash, the hash of the row at seq − 1
-- (see audit_chain.go for the encoding). Rows written before this migration
-- have NULL there until the program seals them on its next start (Migrate),
-- since neither engine's SQL has a portable SHA-256.
--
-- audit_chain holds the head of the chain, one row: the last seq and its
-- hash. Appending locks it (UPDATE … RETURNING), which serialises appends
-- of several servers on one PostgreSQL database, and it lets verification see
-- rows removed from the end. Its key is INT, not INTEGER, so that it stays a
-- plain key (no rowid alias, no identity column). legacy_below is the first
-- id after the rows written before the chain: only rows below it are ever
-- sealed, so a row inserted by hand later stays outside the chain.
--
-- group_id is the seq of the first row of the request (or, outside a request,
-- the transaction) that wrote the row: one action's rows share it.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
ALTER TABLE audit_log ADD COLUMN group_id BIGINT;
ALTER TABLE audit_log ADD COLUMN client_addr TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
CREATE INDEX audit_log_group ON audit_log (group_id);
CREATE TABLE audit_chain (
    id           INT NOT NULL PRIMARY KEY CHECK (id = 1),
    seq          BIGINT NOT NULL,
    last_hash    TEXT NOT NULL,
    legacy_below BIGINT NOT NULL
);
INSERT INTO audit_chain (id, seq, last_hash, legacy_below) SELECT 1, 0, '', COALESCE(max(id), 0) + 1 FROM audit_log;

-- +goose Down
DROP TABLE audit_chain;
DROP INDEX audit_log_group;
DROP INDEX audit_log_seq;
ALTER TABLE audit_log DROP COLUMN client_addr;
ALTER TABLE audit_log DROP COLUMN group_id;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN seq;
