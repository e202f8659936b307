-- Populations for candidate discovery (选种) and the policy impact analysis.
--
-- A population is a named import (Excel or CSV in the import template's
-- columns) with its date and who imported it. Its rows' identity (USCC,
-- name, district, industry) is one row each, for lists and drill-downs;
-- their profiles are kept in blocks of up to 4,096 rows of one district in
-- a compact binary encoding (package discovery), so a million profiles are a
-- few hundred rows to read, and the district scope is a condition on the
-- block's region like on every other table.
-- Discovery results are blocks too (per row and tier: outcome, score, unmet
-- conditions, effort of the cheapest gap plan). An impact analysis keeps its
-- counts per district, industry and move, the deciding conditions per
-- district and move, and one row per enterprise that moved.

-- +goose Up
CREATE TABLE populations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,              -- csv | xlsx | synthetic
    state       TEXT NOT NULL CHECK (state IN ('importing', 'ready', 'failed')),
    rows        BIGINT NOT NULL DEFAULT 0,  -- rows stored
    bad_rows    BIGINT NOT NULL DEFAULT 0,  -- rows refused, each reported in errors and the annotated file
    errors      TEXT NOT NULL DEFAULT '[]', -- the first row errors as JSON
    annotated   BLOB,                       -- the upload annotated with 错误原因, when any row was refused
    annotated_name TEXT NOT NULL DEFAULT '',
    upload      BLOB,                       -- the upload, until the import job has read it
    job_id      BIGINT,
    evaluated_at TEXT,                      -- when discovery last ran
    as_of       TEXT NOT NULL DEFAULT '',   -- the assessment date discovery used
    created_by  BIGINT,
    region      TEXT,                       -- the importer's district; NULL: city-wide
    created_at  TEXT NOT NULL
);

CREATE TABLE population_rows (
    population_id BIGINT NOT NULL REFERENCES populations (id) ON DELETE CASCADE,
    row_no        BIGINT NOT NULL,          -- the row of the upload (the 企业 row, or the first CSV line)
    uscc          TEXT NOT NULL,
    name          TEXT NOT NULL,
    region        TEXT NOT NULL,
    industry      TEXT NOT NULL DEFAULT '',
    seq           BIGINT NOT NULL,          -- the block that holds the row's profile
    PRIMARY KEY (population_id, row_no)
);
CREATE INDEX population_rows_region ON population_rows (population_id, region, row_no);

CREATE TABLE population_blocks (
    population_id BIGINT NOT NULL REFERENCES populations (id) ON DELETE CASCADE,
    seq           BIGINT NOT NULL,
    region        TEXT NOT NULL,
    count         BIGINT NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (population_id, seq)
);
CREATE INDEX population_blocks_region ON population_blocks (population_id, region);

-- A district official's discovery run replaces the district's results
-- only: the key leads with the district.
CREATE TABLE discovery_blocks (
    population_id BIGINT NOT NULL REFERENCES populations (id) ON DELETE CASCADE,
    region        TEXT NOT NULL,
    seq           BIGINT NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (population_id, region, seq)
);

CREATE TABLE impact_runs (
    id            INTEGER PRIMARY KEY,
    population_id BIGINT NOT NULL,          -- 0: the registered enterprises
    tier          TEXT NOT NULL,
    from_set      TEXT NOT NULL,
    to_set        TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('running', 'ready', 'failed')),
    job_id        BIGINT,
    created_by    BIGINT,
    region        TEXT,                     -- the requester's district; NULL: city-wide
    created_at    TEXT NOT NULL
);
CREATE INDEX impact_runs_key ON impact_runs (population_id, tier, from_set, to_set, id);

CREATE TABLE impact_cells (
    run_id   BIGINT NOT NULL REFERENCES impact_runs (id) ON DELETE CASCADE,
    region   TEXT NOT NULL,
    industry TEXT NOT NULL,
    move     TEXT NOT NULL,                 -- pass_to_fail …
    count    BIGINT NOT NULL
);
CREATE INDEX impact_cells_run ON impact_cells (run_id, region);

CREATE TABLE impact_deciding (
    run_id   BIGINT NOT NULL REFERENCES impact_runs (id) ON DELETE CASCADE,
    region   TEXT NOT NULL,
    move     TEXT NOT NULL,
    cond_id  TEXT NOT NULL,
    label    TEXT NOT NULL,
    count    BIGINT NOT NULL
);
CREATE INDEX impact_deciding_run ON impact_deciding (run_id, region);

CREATE TABLE impact_movers (
    run_id   BIGINT NOT NULL REFERENCES impact_runs (id) ON DELETE CASCADE,
    row_no   BIGINT NOT NULL,               -- the population row, or the enterprise id
    uscc     TEXT NOT NULL,
    name     TEXT NOT NULL,
    region   TEXT NOT NULL,
    industry TEXT NOT NULL,
    move     TEXT NOT NULL,
    deciding TEXT NOT NULL                  -- condition ids, comma-separated
);
CREATE INDEX impact_movers_run ON impact_movers (run_id, move, region, row_no);

-- +goose Down
DROP TABLE impact_movers;
DROP TABLE impact_deciding;
DROP TABLE impact_cells;
DROP TABLE impact_runs;
DROP TABLE discovery_blocks;
DROP TABLE population_blocks;
DROP TABLE population_rows;
DROP TABLE populations;
