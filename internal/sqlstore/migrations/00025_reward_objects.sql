-- Reward runs for every object a policy may reward (spec/workflows.md §5,
-- §7): an enterprise's recognition, an innovation carrier (paid to its
-- operator), a 中小企业特色产业集群 (paid to its 促进机构) and a 创客中国 prize
-- (paid to the entry's enterprise). A run's item names what it rewards
-- (subject, subject_id: over whom 从高不重复 holds; award: which title of it)
-- and its payee, an enterprise, which a maker team or an operator not on the
-- platform does not have: such an item is excluded, never paid.
--
-- SQLite changes a column's NOT NULL or a CHECK only by building the table
-- again, so the reward tables are built anew, filled from the old ones with
-- their ids, and renamed; children are dropped before their parents so that
-- PostgreSQL needs no CASCADE. PostgreSQL's identity columns do not see ids
-- inserted by hand: the lines "-- postgres: …" become statements there
-- (migrate.go) and move the identities past the copied ids.

-- +goose Up
ALTER TABLE clusters ADD COLUMN operator TEXT NOT NULL DEFAULT ''; -- 集群促进机构（运营主体）

CREATE TABLE reward_policies_new (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL,
    doc_no        TEXT NOT NULL,               -- 文号
    name          TEXT NOT NULL,
    object        TEXT NOT NULL CHECK (object IN ('enterprise', 'carrier', 'cluster', 'prize')),
    tier          TEXT NOT NULL DEFAULT '',    -- enterprise: the recognition's tier
    kind          TEXT NOT NULL DEFAULT '',    -- carrier: its kind; prize: the result
    level         TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL DEFAULT '',    -- '' the city, else a district code
    year          INTEGER NOT NULL,
    amount_fen    BIGINT NOT NULL CHECK (amount_fen > 0),
    budget_fen    BIGINT NOT NULL DEFAULT 0 CHECK (budget_fen >= 0), -- 0: no limit
    conditions    TEXT NOT NULL DEFAULT '{}',  -- reward.Conditions as JSON
    dedupe_group  TEXT NOT NULL,
    rank          INTEGER NOT NULL,
    top_up        BOOLEAN NOT NULL DEFAULT FALSE,
    unverified    BOOLEAN NOT NULL DEFAULT FALSE, -- the amount is a placeholder, not from an issued document
    source        TEXT NOT NULL,               -- the rules file, or 'manual'
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
INSERT INTO reward_policies_new (id, code, doc_no, name, object, tier, level, jurisdiction, year, amount_fen, budget_fen,
    conditions, dedupe_group, rank, top_up, source, version, created_at, updated_at)
SELECT id, code, doc_no, name, object, tier, level, jurisdiction, year, amount_fen, budget_fen,
    conditions, dedupe_group, rank, top_up, source, version, created_at, updated_at FROM reward_policies;

CREATE TABLE reward_runs_new (
    id              INTEGER PRIMARY KEY,
    policy_id       BIGINT NOT NULL REFERENCES reward_policies_new (id),
    state           TEXT NOT NULL,
    total_fen       BIGINT NOT NULL DEFAULT 0,
    budget_fen      BIGINT NOT NULL DEFAULT 0,
    data_hash       TEXT NOT NULL DEFAULT '',
    prepared_by     BIGINT NOT NULL REFERENCES users (id),
    prepared_at     TEXT NOT NULL,
    approved_by     BIGINT REFERENCES users (id),
    approved_at     TEXT,
    opinion         TEXT NOT NULL DEFAULT '',
    notice_no       TEXT NOT NULL DEFAULT '',
    publicity_from  TEXT,
    publicity_to    TEXT,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
INSERT INTO reward_runs_new SELECT id, policy_id, state, total_fen, budget_fen, data_hash, prepared_by, prepared_at,
    approved_by, approved_at, opinion, notice_no, publicity_from, publicity_to, cancel_reason, version, created_at, updated_at
    FROM reward_runs;

CREATE TABLE reward_items_new (
    id              INTEGER PRIMARY KEY,
    run_id          BIGINT NOT NULL REFERENCES reward_runs_new (id) ON DELETE CASCADE,
    subject         TEXT NOT NULL CHECK (subject IN ('enterprise', 'carrier', 'cluster', 'prize')),
    subject_id      BIGINT NOT NULL,             -- the enterprise, carrier, cluster or contest entry
    award           TEXT NOT NULL,               -- what of it is rewarded: a recognition, a level, a result (reward.Title.Key)
    holder          TEXT NOT NULL DEFAULT '',    -- the subject's name when it is not the payee
    payee           TEXT NOT NULL DEFAULT '',    -- the payee as the subject names it (an operator, a team)
    enterprise_id   BIGINT REFERENCES enterprises (id), -- the payee; NULL when there is none
    recognition_id  BIGINT REFERENCES recognitions (id), -- an enterprise's recognition rewarded
    region          TEXT NOT NULL,               -- the district the item belongs to, for scope
    dedupe_group    TEXT NOT NULL,
    amount_fen      BIGINT NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    status          TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    reason_text     TEXT NOT NULL DEFAULT '',
    explanation     TEXT NOT NULL DEFAULT '',
    claimed         BOOLEAN NOT NULL DEFAULT FALSE,
    account_id      BIGINT,
    confirmed_at    TEXT,
    pledge          BOOLEAN NOT NULL DEFAULT FALSE,
    version         BIGINT NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    CHECK (enterprise_id IS NOT NULL OR (status = 'excluded' AND NOT claimed))
);
INSERT INTO reward_items_new (id, run_id, subject, subject_id, award, enterprise_id, recognition_id, region, dedupe_group,
    amount_fen, status, reason, reason_text, explanation, claimed, account_id, confirmed_at, pledge, version, updated_at)
SELECT i.id, i.run_id, 'enterprise', i.enterprise_id, 'recognition:' || i.recognition_id, i.enterprise_id, i.recognition_id,
    e.region, i.dedupe_group, i.amount_fen, i.status, i.reason, i.reason_text, i.explanation, i.claimed, i.account_id,
    i.confirmed_at, i.pledge, i.version, i.updated_at
FROM reward_items i JOIN enterprises e ON e.id = i.enterprise_id;

CREATE TABLE reward_objections_new (
    id            INTEGER PRIMARY KEY,
    item_id       BIGINT NOT NULL REFERENCES reward_items_new (id) ON DELETE CASCADE,
    raised_by     TEXT NOT NULL,
    content       TEXT NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'maintained', 'withdrawn')),
    decision      TEXT NOT NULL DEFAULT '',
    recorded_by   BIGINT NOT NULL REFERENCES users (id),
    decided_by    BIGINT REFERENCES users (id),
    decided_at    TEXT,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);
INSERT INTO reward_objections_new SELECT id, item_id, raised_by, content, outcome, decision, recorded_by, decided_by,
    decided_at, version, created_at FROM reward_objections;

CREATE TABLE reward_payments_new (
    id             INTEGER PRIMARY KEY,
    item_id        BIGINT REFERENCES reward_items_new (id), -- NULL for an imported earlier payment
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id),
    recognition_id BIGINT REFERENCES recognitions (id),
    dedupe_group   TEXT NOT NULL,
    policy_name    TEXT NOT NULL DEFAULT '',
    year           INTEGER NOT NULL,
    amount_fen     BIGINT NOT NULL CHECK (amount_fen >= 0),
    result         TEXT NOT NULL CHECK (result IN ('paid', 'failed')),
    paid_on        TEXT,
    voucher        TEXT NOT NULL DEFAULT '',
    failure        TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('run', 'import')),
    recorded_by    BIGINT NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL
);
INSERT INTO reward_payments_new SELECT id, item_id, enterprise_id, recognition_id, dedupe_group, policy_name, year,
    amount_fen, result, paid_on, voucher, failure, source, recorded_by, created_at FROM reward_payments;

DROP TABLE reward_payments;
DROP TABLE reward_objections;
DROP TABLE reward_items;
DROP TABLE reward_runs;
DROP TABLE reward_policies;
ALTER TABLE reward_policies_new RENAME TO reward_policies;
ALTER TABLE reward_runs_new RENAME TO reward_runs;
ALTER TABLE reward_items_new RENAME TO reward_items;
ALTER TABLE reward_objections_new RENAME TO reward_objections;
ALTER TABLE reward_payments_new RENAME TO reward_payments;

CREATE UNIQUE INDEX reward_policies_code ON reward_policies (code);
CREATE INDEX reward_runs_policy ON reward_runs (policy_id);
CREATE INDEX reward_items_run ON reward_items (run_id);
CREATE INDEX reward_items_enterprise ON reward_items (enterprise_id);
CREATE INDEX reward_items_subject ON reward_items (subject, subject_id);
-- 从高不重复 in the database: one award of one subject is claimed once per
-- dedupe group, whatever the code does, so two runs approved at the same
-- moment cannot both pay it.
CREATE UNIQUE INDEX reward_items_claim ON reward_items (dedupe_group, subject, subject_id, award) WHERE claimed;
CREATE INDEX reward_objections_item ON reward_objections (item_id);
CREATE INDEX reward_payments_enterprise ON reward_payments (enterprise_id);
CREATE INDEX reward_payments_item ON reward_payments (item_id);

-- postgres: SELECT setval(pg_get_serial_sequence('reward_policies', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM reward_policies), false);
-- postgres: SELECT setval(pg_get_serial_sequence('reward_runs', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM reward_runs), false);
-- postgres: SELECT setval(pg_get_serial_sequence('reward_items', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM reward_items), false);
-- postgres: SELECT setval(pg_get_serial_sequence('reward_objections', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM reward_objections), false);
-- postgres: SELECT setval(pg_get_serial_sequence('reward_payments', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM reward_payments), false);

-- +goose Down
-- The reward tables keep their wider form: narrowing them again would lose
-- the items of carriers, clusters and prizes.
ALTER TABLE clusters DROP COLUMN operator;
