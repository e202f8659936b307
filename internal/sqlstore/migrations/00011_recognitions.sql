-- Recognitions (认定) of titles by published notices (spec/workflows.md §1).
-- Each row is one notice's recognition of one enterprise for one tier; the
-- store reflects it into the profile's titles in the same transaction, so
-- the engine and the lists see the title. A re-import of the same notice
-- (enterprise, tier, batch) updates its row: the unique index makes a
-- duplicate impossible. Dates are YYYY-MM-DD text, which orders like the
-- date on both engines.

-- +goose Up
CREATE TABLE recognitions (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    tier          TEXT NOT NULL,               -- innovative, srdi, little_giant, key_little_giant, single_champion
    level         TEXT NOT NULL,               -- national, provincial, municipal
    batch         TEXT NOT NULL DEFAULT '',    -- 第N批
    doc_no        TEXT NOT NULL DEFAULT '',    -- 文号
    recognized_on TEXT NOT NULL,
    valid_to      TEXT NOT NULL,
    ruleset       TEXT NOT NULL DEFAULT '',    -- the rule set it was recognised under
    review_result TEXT NOT NULL DEFAULT '',    -- '', passed, failed (复核)
    reviewed_on   TEXT,
    change_kind   TEXT NOT NULL DEFAULT '',    -- '', rename, merger, restructure, relocation
    changed_on    TEXT,                        -- the change's date: a report is due within 3 months
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX recognitions_notice ON recognitions (enterprise_id, tier, batch);
CREATE INDEX recognitions_valid_to ON recognitions (valid_to);

-- +goose Down
DROP TABLE recognitions;
