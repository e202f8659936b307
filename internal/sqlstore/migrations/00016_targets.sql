-- Targets (培育目标): the year's new recognitions per tier and region, set by
-- the city (二、发展目标 of the 2025 plan; spec/workflows.md). region is a
-- district's code or 4101, the city's own row, which is set, not summed:
-- the plan sets the city's number first and the districts' shares after, and
-- the two need not add up. basis says where the number comes from (a
-- document, 三年倍增). Updates carry the version they read; the audit log
-- keeps every earlier value. The forecast's likelihood table and the quota
-- rule are data files (rules/targets/<year>.yaml), not rows.

-- +goose Up
CREATE TABLE targets (
    id      INTEGER PRIMARY KEY,
    year    INTEGER NOT NULL,
    tier    TEXT NOT NULL CHECK (tier IN ('innovative', 'srdi', 'little_giant')),
    region  TEXT NOT NULL,
    target  INTEGER NOT NULL CHECK (target >= 0),
    basis   TEXT NOT NULL DEFAULT '',
    set_by  BIGINT,
    set_at  TEXT NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (year, tier, region)
);
-- Completion counts a year's recognitions per tier and district.
CREATE INDEX recognitions_tier_date ON recognitions (tier, recognized_on);

-- +goose Down
DROP INDEX recognitions_tier_date;
DROP TABLE targets;
