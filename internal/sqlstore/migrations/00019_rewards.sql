-- 免申即享 rewards (spec/workflows.md §5): policies, runs and their items,
-- objections during 公示, the enterprises' confirmed bank accounts and the
-- payments (of runs, and earlier ones imported from other systems).
-- Money is BIGINT 分 everywhere; dates are YYYY-MM-DD text.

-- +goose Up
CREATE TABLE reward_policies (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL,
    doc_no        TEXT NOT NULL,               -- 文号
    name          TEXT NOT NULL,
    object        TEXT NOT NULL CHECK (object IN ('enterprise', 'carrier', 'cluster')),
    tier          TEXT NOT NULL DEFAULT '',
    level         TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL DEFAULT '',    -- '' the city, else a district code
    year          INTEGER NOT NULL,
    amount_fen    BIGINT NOT NULL CHECK (amount_fen > 0),
    budget_fen    BIGINT NOT NULL DEFAULT 0 CHECK (budget_fen >= 0), -- 0: no limit
    conditions    TEXT NOT NULL DEFAULT '{}',  -- reward.Conditions as JSON
    dedupe_group  TEXT NOT NULL,
    rank          INTEGER NOT NULL,
    top_up        BOOLEAN NOT NULL DEFAULT FALSE,
    source        TEXT NOT NULL,               -- the rules file, or 'manual'
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX reward_policies_code ON reward_policies (code);

CREATE TABLE reward_runs (
    id              INTEGER PRIMARY KEY,
    policy_id       BIGINT NOT NULL REFERENCES reward_policies (id),
    state           TEXT NOT NULL,
    total_fen       BIGINT NOT NULL DEFAULT 0,   -- the sum over the items that are to be paid
    budget_fen      BIGINT NOT NULL DEFAULT 0,   -- the budget left when the dry run was made
    data_hash       TEXT NOT NULL DEFAULT '',    -- hash of the policy and the compared data
    prepared_by     BIGINT NOT NULL REFERENCES users (id),
    prepared_at     TEXT NOT NULL,
    approved_by     BIGINT REFERENCES users (id),
    approved_at     TEXT,
    opinion         TEXT NOT NULL DEFAULT '',    -- the reviewer's opinion
    notice_no       TEXT NOT NULL DEFAULT '',    -- 公示 notice number
    publicity_from  TEXT,
    publicity_to    TEXT,                        -- last working day of the window
    cancel_reason   TEXT NOT NULL DEFAULT '',
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX reward_runs_policy ON reward_runs (policy_id);

CREATE TABLE reward_items (
    id              INTEGER PRIMARY KEY,
    run_id          BIGINT NOT NULL REFERENCES reward_runs (id) ON DELETE CASCADE,
    enterprise_id   BIGINT NOT NULL REFERENCES enterprises (id),
    recognition_id  BIGINT NOT NULL REFERENCES recognitions (id),
    dedupe_group    TEXT NOT NULL,
    amount_fen      BIGINT NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    status          TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    reason_text     TEXT NOT NULL DEFAULT '',
    explanation     TEXT NOT NULL DEFAULT '',
    -- claimed is set at approval for the items that may be paid, and cleared
    -- when one is withdrawn, waived, lapses or its run is cancelled.
    claimed         BOOLEAN NOT NULL DEFAULT FALSE,
    account_id      BIGINT,                      -- the confirmed account (reward_accounts)
    confirmed_at    TEXT,
    pledge          BOOLEAN NOT NULL DEFAULT FALSE, -- 承诺书 accepted with the confirmation
    version         BIGINT NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
);
CREATE INDEX reward_items_run ON reward_items (run_id);
CREATE INDEX reward_items_enterprise ON reward_items (enterprise_id);
-- 从高不重复 in the database: one recognition is claimed once per dedupe
-- group, whatever the code does, so two runs approved at the same moment
-- cannot both pay it. A partial index works the same on SQLite and PostgreSQL.
CREATE UNIQUE INDEX reward_items_claim ON reward_items (enterprise_id, dedupe_group, recognition_id) WHERE claimed;

CREATE TABLE reward_objections (
    id            INTEGER PRIMARY KEY,
    item_id       BIGINT NOT NULL REFERENCES reward_items (id) ON DELETE CASCADE,
    raised_by     TEXT NOT NULL,                -- who objected, as given (实名)
    content       TEXT NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'maintained', 'withdrawn')),
    decision      TEXT NOT NULL DEFAULT '',
    recorded_by   BIGINT NOT NULL REFERENCES users (id),
    decided_by    BIGINT REFERENCES users (id),
    decided_at    TEXT,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);
CREATE INDEX reward_objections_item ON reward_objections (item_id);

CREATE TABLE reward_accounts (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    holder        TEXT NOT NULL,               -- must equal the enterprise's name
    bank          TEXT NOT NULL,               -- 开户行
    account_no    TEXT NOT NULL,
    confirmed_by  BIGINT REFERENCES users (id),  -- NULL: loaded by the system (the demo)
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX reward_accounts_enterprise ON reward_accounts (enterprise_id);

CREATE TABLE reward_payments (
    id             INTEGER PRIMARY KEY,
    item_id        BIGINT REFERENCES reward_items (id), -- NULL for an imported earlier payment
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id),
    recognition_id BIGINT REFERENCES recognitions (id),
    dedupe_group   TEXT NOT NULL,
    policy_name    TEXT NOT NULL DEFAULT '',
    year           INTEGER NOT NULL,
    amount_fen     BIGINT NOT NULL CHECK (amount_fen >= 0),
    result         TEXT NOT NULL CHECK (result IN ('paid', 'failed')),
    paid_on        TEXT,
    voucher        TEXT NOT NULL DEFAULT '',     -- 凭证号
    failure        TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('run', 'import')),
    recorded_by    BIGINT NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX reward_payments_enterprise ON reward_payments (enterprise_id);
CREATE INDEX reward_payments_item ON reward_payments (item_id);

-- +goose Down
DROP TABLE reward_payments;
DROP TABLE reward_accounts;
DROP TABLE reward_objections;
DROP TABLE reward_items;
DROP TABLE reward_runs;
DROP TABLE reward_policies;
