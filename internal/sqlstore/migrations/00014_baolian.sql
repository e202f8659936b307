-- 包联帮扶 (designated officials), visits (走访) and the issue ledger (诉求台账).
--
-- users.unit is an official's unit (单位), shown beside the name wherever
-- the 包联 ledger names the official.
--
-- assignments: an official (role city or district) beside an enterprise,
-- 主包 (lead) or 协包 (assist), from a date, to a date (NULL: open). An
-- assignment ends by setting to_on. next_visit_due is the date the next
-- visit is due by the cadence of the enterprise's tier (rules/cadence):
-- set when the assignment starts and moved by every visit, so the overdue
-- query is a plain comparison.
--
-- visits: one visit to an enterprise by an official, with the fields of
-- workflows.md §2. The issues raised are appeals with visit_id set.
--
-- appeals (诉求): the ledger. number is unique and human-readable; the
-- due_* columns are the 13710 deadlines computed in working days
-- (internal/workday) when the appeal is registered; escalation counts how
-- often it was escalated, escalated_for the last overdue stage the
-- periodic job escalated it for, so the job escalates each stage once.
-- appeal_notes are its progress notes, one per action.

-- +goose Up
ALTER TABLE users ADD COLUMN unit TEXT NOT NULL DEFAULT '';

CREATE TABLE assignments (
    id             INTEGER PRIMARY KEY,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    official_id    BIGINT NOT NULL REFERENCES users (id),
    role           TEXT NOT NULL CHECK (role IN ('lead', 'assist')),
    from_on        TEXT NOT NULL,              -- YYYY-MM-DD
    to_on          TEXT,                       -- YYYY-MM-DD; NULL: open
    next_visit_due TEXT NOT NULL,              -- YYYY-MM-DD
    created_by     BIGINT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        BIGINT NOT NULL
);
-- One open assignment of an official to an enterprise; the store keeps one
-- open 主包 per enterprise.
CREATE UNIQUE INDEX assignments_open ON assignments (enterprise_id, official_id) WHERE to_on IS NULL;
CREATE INDEX assignments_official ON assignments (official_id, to_on);

CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    official_id   BIGINT NOT NULL REFERENCES users (id),
    visited_on    TEXT NOT NULL,               -- YYYY-MM-DD
    form          TEXT NOT NULL CHECK (form IN ('onsite', 'phone', 'video', 'forum')),
    attendees     TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL,
    policies      TEXT NOT NULL DEFAULT '',
    next_due      TEXT NOT NULL,               -- YYYY-MM-DD
    created_by    BIGINT,
    created_at    TEXT NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX visits_enterprise ON visits (enterprise_id, visited_on);
CREATE INDEX visits_official ON visits (official_id, visited_on);

CREATE TABLE appeals (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    enterprise_id     BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    official_id       BIGINT REFERENCES users (id),  -- the responsible official (the 主包 when registered)
    source            TEXT NOT NULL CHECK (source IN ('visit', 'enterprise', 'gap')),
    visit_id          BIGINT REFERENCES visits (id),
    category          TEXT NOT NULL,
    title             TEXT NOT NULL,
    content           TEXT NOT NULL DEFAULT '',
    complex           BOOLEAN NOT NULL DEFAULT FALSE,
    lead_unit         TEXT NOT NULL DEFAULT '',
    co_units          TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('registered', 'assigned', 'in_progress', 'done', 'revisited', 'closed')),
    registered_at     TEXT NOT NULL,
    due_route         TEXT NOT NULL,
    due_feedback      TEXT NOT NULL,
    due_solve         TEXT NOT NULL,
    routed_at         TEXT,
    feedback_at       TEXT,
    solved_at         TEXT,
    result            TEXT NOT NULL DEFAULT '',
    satisfaction      TEXT NOT NULL DEFAULT '' CHECK (satisfaction IN ('', 'satisfied', 'basic', 'unsatisfied')),
    extensions        INTEGER NOT NULL DEFAULT 0,
    reopened          INTEGER NOT NULL DEFAULT 0,
    escalation        INTEGER NOT NULL DEFAULT 0,
    escalated_for     TEXT NOT NULL DEFAULT '',
    closed_by         BIGINT,
    closed_at         TEXT,
    created_by        BIGINT,
    updated_at        TEXT NOT NULL,
    version           BIGINT NOT NULL
);
CREATE INDEX appeals_enterprise ON appeals (enterprise_id, registered_at);
CREATE INDEX appeals_status ON appeals (status, due_solve);
CREATE INDEX appeals_official ON appeals (official_id, status);

CREATE TABLE appeal_notes (
    id         INTEGER PRIMARY KEY,
    appeal_id  BIGINT NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    text       TEXT NOT NULL DEFAULT '',
    by_id      BIGINT,
    by_name    TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
);
CREATE INDEX appeal_notes_appeal ON appeal_notes (appeal_id, id);

-- +goose Down
DROP TABLE appeal_notes;
DROP TABLE appeals;
DROP TABLE visits;
DROP TABLE assignments;
ALTER TABLE users DROP COLUMN unit;
