-- Cultivation plans (培育辅导计划): the engine's cheapest gap plan for an
-- enterprise and a tier, turned into tasks (one per change, each tied to the
-- failed condition or lost-points item it serves), each with an owner (an
-- official or an institution), a due date and, once closed, its evidence.
--
-- score_* are NULL for tiers without a points table (the 2026 rule sets, the
-- 小巨人 conditions): met_* count the conditions met instead. *_latest follow
-- the closes. tags holds the 进阶小巨人 申报难题 tags as ",domain,ip," so a
-- list can filter by one with LIKE on both databases.

-- +goose Up
CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    tier          TEXT NOT NULL CHECK (tier IN ('tech_sme', 'innovative', 'srdi', 'little_giant')),
    ruleset_id    TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    data_year     INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'done')),
    outcome_now   TEXT NOT NULL,
    outcome_latest TEXT NOT NULL,
    score_now     INTEGER,
    score_done    INTEGER,
    score_latest  INTEGER,
    met_now       INTEGER NOT NULL,
    met_done      INTEGER NOT NULL,
    met_latest    INTEGER NOT NULL,
    conditions    INTEGER NOT NULL,
    tags          TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL,
    created_by    BIGINT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX plans_enterprise ON plans (enterprise_id, tier);

CREATE TABLE plan_tasks (
    id                   INTEGER PRIMARY KEY,
    plan_id              BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq                  INTEGER NOT NULL,
    source_id            TEXT NOT NULL,
    source_label         TEXT NOT NULL DEFAULT '',
    path                 TEXT NOT NULL,
    target_from          TEXT,                -- JSON
    target_to            TEXT,                -- JSON: the figure to reach
    target_add           TEXT,                -- JSON: the element to add
    add_count            INTEGER NOT NULL DEFAULT 0,
    unit                 TEXT NOT NULL DEFAULT '',
    summary              TEXT NOT NULL,
    owner_user_id        BIGINT REFERENCES users (id),
    owner_institution_id BIGINT REFERENCES institutions (id),
    due                  TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('open', 'done')),
    value                TEXT,                -- JSON: the figure given at close
    score_before         INTEGER,
    score_after          INTEGER,
    met_before           INTEGER,
    met_after            INTEGER,
    outcome_after        TEXT,
    assessment_id        BIGINT,
    closed_by            BIGINT,
    closed_at            TEXT,
    updated_at           TEXT NOT NULL,
    version              BIGINT NOT NULL,
    UNIQUE (plan_id, seq)
);
-- The review looks for open tasks past their due date.
CREATE INDEX plan_tasks_due ON plan_tasks (status, due);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    task_id       BIGINT NOT NULL REFERENCES plan_tasks (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    filename      TEXT NOT NULL,
    mime          TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    uploaded_by   BIGINT,
    created_at    TEXT NOT NULL
);
CREATE INDEX evidence_task ON evidence (task_id);

-- +goose Down
DROP TABLE evidence;
DROP TABLE plan_tasks;
DROP TABLE plans;
