-- Finance (spec/workflows.md §6 and the plan's 金融支持): 专精特新贷 consents,
-- demands, referrals, credit lines and loans; 政银企对接会; 专精特新险; the
-- fund project reserve; the emergency bridging fund; central funds for 重点
-- 小巨人 paid in stages; the equipment and software subsidy.
--
-- Money is BIGINT 分 everywhere (never a float). Banks and insurers are rows
-- of institutions (partner_bank for 专精特新贷); a consent with bank_id NULL
-- is given to every partner bank. Times are the store's fixed-width UTC
-- text, dates YYYY-MM-DD text, so text order is time order on both engines.

-- +goose Up
CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    bank_id       BIGINT REFERENCES institutions (id),  -- NULL: all partner banks
    scope         TEXT NOT NULL,                         -- named data scopes, comma-separated
    purpose       TEXT NOT NULL,
    text_hash     TEXT NOT NULL,                         -- SHA-256 (hex) of the consent text shown
    granted_by    BIGINT NOT NULL,
    granted_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    revoked_by    BIGINT,
    revoked_at    TEXT,
    version       BIGINT NOT NULL
);
-- The bank scope asks, per enterprise, for a live consent to the bank or to all.
CREATE INDEX consents_enterprise ON consents (enterprise_id, bank_id, expires_at);
CREATE INDEX consents_bank ON consents (bank_id, enterprise_id);

CREATE TABLE matchmakings (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    venue      TEXT NOT NULL DEFAULT '',
    region     TEXT NOT NULL DEFAULT '',  -- the organising district, '' for the city
    status     TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    outcome    TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    BIGINT NOT NULL
);

CREATE TABLE matchmaking_invitees (
    id             INTEGER PRIMARY KEY,
    matchmaking_id BIGINT NOT NULL REFERENCES matchmakings (id) ON DELETE CASCADE,
    enterprise_id  BIGINT REFERENCES enterprises (id) ON DELETE CASCADE,
    bank_id        BIGINT REFERENCES institutions (id),
    attended       BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK ((enterprise_id IS NULL) <> (bank_id IS NULL))
);
CREATE UNIQUE INDEX matchmaking_invitees_enterprise ON matchmaking_invitees (matchmaking_id, enterprise_id);
CREATE UNIQUE INDEX matchmaking_invitees_bank ON matchmaking_invitees (matchmaking_id, bank_id);

CREATE TABLE finance_demands (
    id             INTEGER PRIMARY KEY,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
    term_months    INTEGER NOT NULL CHECK (term_months > 0),
    purpose        TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('direct', 'guarantee', 'investment')),
    status         TEXT NOT NULL CHECK (status IN ('open', 'closed', 'withdrawn')),
    matchmaking_id BIGINT REFERENCES matchmakings (id),  -- the 对接会 it arose at, if any
    created_by     BIGINT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        BIGINT NOT NULL
);
CREATE INDEX finance_demands_enterprise ON finance_demands (enterprise_id);

CREATE TABLE referrals (
    id            INTEGER PRIMARY KEY,
    demand_id     BIGINT NOT NULL REFERENCES finance_demands (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    bank_id       BIGINT NOT NULL REFERENCES institutions (id),
    status        TEXT NOT NULL CHECK (status IN ('pushed', 'accepted', 'declined', 'lent', 'withdrawn')),
    pushed_at     TEXT NOT NULL,
    reply_due     TEXT NOT NULL,   -- end of the 5th working day after pushed_at
    loan_due      TEXT NOT NULL,   -- end of the 15th working day after pushed_at
    answered_at   TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    lent_at       TEXT,
    answered_by   BIGINT,
    version       BIGINT NOT NULL,
    UNIQUE (demand_id, bank_id)
);
CREATE INDEX referrals_bank ON referrals (bank_id, status, reply_due);

CREATE TABLE credit_lines (
    id             INTEGER PRIMARY KEY,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    bank_id        BIGINT NOT NULL REFERENCES institutions (id),
    referral_id    BIGINT REFERENCES referrals (id),
    matchmaking_id BIGINT REFERENCES matchmakings (id),
    amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
    mode           TEXT NOT NULL CHECK (mode IN ('direct', 'guarantee', 'investment')),
    guarantor      TEXT NOT NULL DEFAULT '',
    valid_to       TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('active', 'closed')),
    created_by     BIGINT NOT NULL,
    created_at     TEXT NOT NULL,
    version        BIGINT NOT NULL
);
CREATE INDEX credit_lines_enterprise ON credit_lines (enterprise_id, status, valid_to);
CREATE INDEX credit_lines_bank ON credit_lines (bank_id);

CREATE TABLE loans (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    bank_id       BIGINT NOT NULL REFERENCES institutions (id),
    line_id       BIGINT REFERENCES credit_lines (id),  -- NULL: a loan outside a line counts on its own
    note_no       TEXT NOT NULL,                         -- 借据号
    amount_fen    BIGINT NOT NULL CHECK (amount_fen > 0),
    spread_bp     INTEGER NOT NULL,                      -- rate = LPR + spread, in basis points
    term_months   INTEGER NOT NULL CHECK (term_months > 0),
    renewal       BOOLEAN NOT NULL DEFAULT FALSE,        -- 无还本续贷
    long_term     BOOLEAN NOT NULL DEFAULT FALSE,        -- 中长期
    drawn_on      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('outstanding', 'repaid')),
    created_by    BIGINT NOT NULL,
    created_at    TEXT NOT NULL,
    version       BIGINT NOT NULL,
    UNIQUE (bank_id, note_no)
);
CREATE INDEX loans_enterprise ON loans (enterprise_id, status);

CREATE TABLE insurance_products (
    id          INTEGER PRIMARY KEY,
    insurer     TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,   -- credit_guarantee, rd, ip, ...
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (insurer, name)
);

CREATE TABLE insurance_policies (
    id            INTEGER PRIMARY KEY,
    product_id    BIGINT NOT NULL REFERENCES insurance_products (id),
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    policy_no     TEXT NOT NULL,
    insured_fen   BIGINT NOT NULL CHECK (insured_fen > 0),
    premium_fen   BIGINT NOT NULL CHECK (premium_fen >= 0),
    valid_from    TEXT NOT NULL,
    valid_to      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (product_id, policy_no)
);

CREATE TABLE fund_projects (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    fund          TEXT NOT NULL,
    stage         TEXT NOT NULL CHECK (stage IN ('reserve', 'due_diligence', 'invested', 'exited')),
    amount_fen    BIGINT NOT NULL CHECK (amount_fen >= 0),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL
);

CREATE TABLE bridge_requests (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    amount_fen    BIGINT NOT NULL CHECK (amount_fen > 0),
    term_days     INTEGER NOT NULL CHECK (term_days > 0),
    purpose       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'repaid')),
    outcome       TEXT NOT NULL DEFAULT '',
    decided_by    BIGINT,
    decided_at    TEXT,
    created_at    TEXT NOT NULL,
    version       BIGINT NOT NULL
);

CREATE TABLE central_fund_projects (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    total_fen     BIGINT NOT NULL CHECK (total_fen > 0),
    created_at    TEXT NOT NULL,
    version       BIGINT NOT NULL
);

-- A stage is paid only after its review passed, and only after the stage
-- before it was paid (checked in the store, inside the transaction).
CREATE TABLE central_fund_stages (
    id          INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES central_fund_projects (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
    review      TEXT NOT NULL DEFAULT '' CHECK (review IN ('', 'passed', 'failed')),
    reviewed_by BIGINT,
    reviewed_at TEXT,
    paid_at     TEXT,
    version     BIGINT NOT NULL,
    UNIQUE (project_id, seq),
    CHECK (paid_at IS NULL OR review = 'passed')
);

CREATE TABLE equipment_subsidies (
    id             INTEGER PRIMARY KEY,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    year           INTEGER NOT NULL,
    qualifying_fen BIGINT NOT NULL,
    subsidy_fen    BIGINT NOT NULL,
    rule           TEXT NOT NULL,    -- the rule file it was computed under
    status         TEXT NOT NULL CHECK (status IN ('declared', 'approved', 'rejected')),
    created_at     TEXT NOT NULL,
    version        BIGINT NOT NULL,
    UNIQUE (enterprise_id, year)
);

CREATE TABLE equipment_subsidy_invoices (
    id          INTEGER PRIMARY KEY,
    subsidy_id  BIGINT NOT NULL REFERENCES equipment_subsidies (id) ON DELETE CASCADE,
    invoice_no  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('equipment', 'software')),
    issued_on   TEXT NOT NULL,
    amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
    qualifying  BOOLEAN NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    UNIQUE (subsidy_id, invoice_no)
);

-- +goose Down
DROP TABLE equipment_subsidy_invoices;
DROP TABLE equipment_subsidies;
DROP TABLE central_fund_stages;
DROP TABLE central_fund_projects;
DROP TABLE bridge_requests;
DROP TABLE fund_projects;
DROP TABLE insurance_policies;
DROP TABLE insurance_products;
DROP TABLE loans;
DROP TABLE credit_lines;
DROP TABLE referrals;
DROP TABLE finance_demands;
DROP TABLE matchmaking_invitees;
DROP TABLE matchmakings;
DROP TABLE consents;
