-- Backup lists (后备清单): one entry per enterprise and tier, put there by an
-- inclusion rule (rules/inclusion/*.yaml) or by an official.
--
-- source is the rule's id or 'manual'; added_by the official who added a
-- manual entry. decided_by is set when an official decided the entry's
-- status by hand (added, moved, removed): from then on the rules leave the
-- entry alone until an official changes it again. note is the reason given
-- with the last status change (移出 needs one). The latest assessment outcome
-- is not copied here: lists read it from the enterprise row's outcome columns.

-- +goose Up
CREATE TABLE backup_list_entries (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    tier          TEXT NOT NULL CHECK (tier IN ('innovative', 'srdi', 'little_giant')),
    status        TEXT NOT NULL CHECK (status IN ('reserve', 'cultivating', 'to_apply', 'applied',
                                                  'recognized', 'rejected', 'removed')),
    reason        TEXT NOT NULL,
    source        TEXT NOT NULL,
    added_by      BIGINT,
    decided_by    BIGINT,
    note          TEXT NOT NULL DEFAULT '',
    since         TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL,
    UNIQUE (enterprise_id, tier)
);
-- A list page filters by tier and status and joins the enterprise rows for
-- the district; the unique key serves the refresh of one enterprise.
CREATE INDEX backup_list_entries_tier ON backup_list_entries (tier, status, enterprise_id);

-- +goose Down
DROP TABLE backup_list_entries;
