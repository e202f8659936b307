-- Assessment outcomes on the enterprise list, and background jobs.
--
-- 1. Each enterprise row carries the outcome of its latest assessment per
--    tier, so the list filters "符合专精特新" or "符合但未认定" on its own slim
--    row, as it filters on titles, without looking through the assessments
--    (several rows per enterprise and tier, each with a large result). The
--    outcome is the assessment's status (pass, review, missing, fail), or ''
--    when the tier was never assessed. SaveAssessment
--    keeps them current in the transaction that stores the assessment.
--    assessed_version is the record version the latest assessment read: when
--    the record's version has moved on, the profile changed since and the
--    result may be stale. assessments.enterprise_version keeps the same for
--    each stored assessment.
-- 2. jobs holds the progress of background jobs (River runs them; its own
--    tables come from River's migrations): who asked, in which district, how
--    far it got and how it ended. A job is visible in its creator's scope.

-- +goose Up
ALTER TABLE enterprises ADD COLUMN outcome_tech_sme TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN outcome_innovative TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN outcome_srdi TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN outcome_little_giant TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN assessed_version BIGINT;
ALTER TABLE assessments ADD COLUMN enterprise_version BIGINT;

-- Bring the outcomes of assessments stored before this migration onto the
-- rows: the latest per tier. Their read version was not recorded; an
-- assessment made after the record's last change read the current version,
-- an older one is taken as stale.
UPDATE enterprises SET
    outcome_tech_sme = COALESCE((SELECT a.status FROM assessments a
        WHERE a.enterprise_id = enterprises.id AND a.tier = 'tech_sme' ORDER BY a.created_at DESC, a.id DESC LIMIT 1), ''),
    outcome_innovative = COALESCE((SELECT a.status FROM assessments a
        WHERE a.enterprise_id = enterprises.id AND a.tier = 'innovative' ORDER BY a.created_at DESC, a.id DESC LIMIT 1), ''),
    outcome_srdi = COALESCE((SELECT a.status FROM assessments a
        WHERE a.enterprise_id = enterprises.id AND a.tier = 'srdi' ORDER BY a.created_at DESC, a.id DESC LIMIT 1), ''),
    outcome_little_giant = COALESCE((SELECT a.status FROM assessments a
        WHERE a.enterprise_id = enterprises.id AND a.tier = 'little_giant' ORDER BY a.created_at DESC, a.id DESC LIMIT 1), ''),
    assessed_version = (SELECT CASE WHEN max(a.created_at) >= enterprises.updated_at THEN enterprises.version
        ELSE enterprises.version - 1 END FROM assessments a WHERE a.enterprise_id = enterprises.id)
WHERE EXISTS (SELECT 1 FROM assessments a WHERE a.enterprise_id = enterprises.id);

-- One index per assessed tier, led by the outcome and then the district, so
-- a filtered total is counted in the index and a district's matches are
-- found without visiting other districts' rows; the page then sorts the
-- matches' keys (the index carries them).
CREATE INDEX enterprises_outcome_tech_sme ON enterprises (outcome_tech_sme, region, tier, updated_at, id);
CREATE INDEX enterprises_outcome_innovative ON enterprises (outcome_innovative, region, tier, updated_at, id);
CREATE INDEX enterprises_outcome_srdi ON enterprises (outcome_srdi, region, tier, updated_at, id);
CREATE INDEX enterprises_outcome_little_giant ON enterprises (outcome_little_giant, region, tier, updated_at, id);

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                   -- e.g. assess_bulk
    state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
    done        BIGINT NOT NULL DEFAULT 0,       -- items finished (successfully or not)
    total       BIGINT NOT NULL DEFAULT 0,       -- items to do, known once the job starts
    errors      BIGINT NOT NULL DEFAULT 0,       -- items that failed
    last_item   BIGINT NOT NULL DEFAULT 0,       -- the last item done (an enterprise id): a retry resumes after it
    params      TEXT NOT NULL,                   -- the job's input as JSON (filters, ids)
    message     TEXT NOT NULL DEFAULT '',        -- why the job failed, or the first item errors
    created_by  BIGINT,                          -- the user who asked; NULL: the system
    region      TEXT,                            -- the creator's district; NULL: city-wide
    created_at  TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT
);
CREATE INDEX jobs_region ON jobs (region, id);

-- +goose Down
DROP TABLE jobs;
DROP INDEX enterprises_outcome_little_giant;
DROP INDEX enterprises_outcome_srdi;
DROP INDEX enterprises_outcome_innovative;
DROP INDEX enterprises_outcome_tech_sme;
ALTER TABLE assessments DROP COLUMN enterprise_version;
ALTER TABLE enterprises DROP COLUMN assessed_version;
ALTER TABLE enterprises DROP COLUMN outcome_little_giant;
ALTER TABLE enterprises DROP COLUMN outcome_srdi;
ALTER TABLE enterprises DROP COLUMN outcome_innovative;
ALTER TABLE enterprises DROP COLUMN outcome_tech_sme;
