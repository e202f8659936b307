-- The platform's first schema: regions, accounts, sessions, API tokens, the
-- audit log, enterprises with their search index, and assessments.
--
-- One SQL text for SQLite and PostgreSQL. The only dialect difference is the
-- auto-numbered key, written here as SQLite's rowid alias "INTEGER PRIMARY KEY"
-- and rewritten for PostgreSQL by migrate.go into an identity column.
--
-- Timestamps are TEXT in ISO-8601 UTC with microseconds, fixed width
-- (2026-09-01T08:30:00.000000Z): they read the same in both engines' shells and
-- in backups, compare and sort as plain strings (so ranges and indexes behave
-- identically), and never pass through a driver's time conversion. Dates are
-- TEXT YYYY-MM-DD.

-- +goose Up

-- regions are Zhengzhou's county-level units (区县(市)及开发区), the unit of
-- district scope.
CREATE TABLE regions (
    code       TEXT PRIMARY KEY,  -- 6-digit administrative code, or a platform code (see national)
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('district', 'county', 'county_city', 'zone')),
    national   BOOLEAN NOT NULL,  -- false: no national code exists, the code is the platform's own
    sort_order INTEGER NOT NULL
);

INSERT INTO regions (code, name, kind, national, sort_order) VALUES
    ('410102', '中原区', 'district', TRUE, 1),
    ('410103', '二七区', 'district', TRUE, 2),
    ('410104', '管城回族区', 'district', TRUE, 3),
    ('410105', '金水区', 'district', TRUE, 4),
    ('410106', '上街区', 'district', TRUE, 5),
    ('410108', '惠济区', 'district', TRUE, 6),
    ('410122', '中牟县', 'county', TRUE, 7),
    ('410181', '巩义市', 'county_city', TRUE, 8),
    ('410182', '荥阳市', 'county_city', TRUE, 9),
    ('410183', '新密市', 'county_city', TRUE, 10),
    ('410184', '新郑市', 'county_city', TRUE, 11),
    ('410185', '登封市', 'county_city', TRUE, 12),
    ('410171', '郑州经济技术开发区', 'zone', TRUE, 13),
    ('410172', '郑州高新技术产业开发区', 'zone', TRUE, 14),
    ('410173', '郑州航空港经济综合实验区', 'zone', TRUE, 15),
    -- 郑东新区 is a functional zone managed apart from the districts it lies in
    -- and has no national administrative code: 410199 is the platform's own
    -- code, chosen in the unused 4101xx range. Exports to the national
    -- platform must map it to the enterprise's registered district.
    ('410199', '郑东新区', 'zone', FALSE, 16);

-- enterprises holds the columns lists filter and sort on; the profile
-- document lives in enterprise_profiles, so list and count queries walk slim
-- rows (a real profile is several kilobytes).
CREATE TABLE enterprises (
    id         INTEGER PRIMARY KEY,
    uscc       TEXT NOT NULL UNIQUE,             -- 统一社会信用代码
    name       TEXT NOT NULL,                    -- 企业名称
    region     TEXT NOT NULL REFERENCES regions (code),
    industry   TEXT NOT NULL DEFAULT '',         -- GB/T 4754-2017 code
    chain      TEXT NOT NULL DEFAULT '',         -- 产业链
    status     TEXT NOT NULL CHECK (status IN ('active', 'moved_out', 'closed')),
    tier       TEXT NOT NULL DEFAULT '',         -- highest title held, '' none
    version    BIGINT NOT NULL,                  -- write counter for optimistic locking
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- District pages: scoped by region, newest first, without a sort.
CREATE INDEX enterprises_region_updated ON enterprises (region, updated_at, id);
CREATE INDEX enterprises_updated ON enterprises (updated_at, id);
CREATE INDEX enterprises_name ON enterprises (name);
-- Filter indexes hold every filter column, so a filtered count is answered
-- from the index alone, whichever filters are set: one led by region (district
-- scope), one by tier and one by chain (the city's usual filters). No single
-- filter is selective (each tier or chain is a tenth of the population), but
-- together they are, and only a covering index lets the engine apply them all
-- without visiting the rows.
CREATE INDEX enterprises_filter_region ON enterprises (region, tier, chain, status, industry, updated_at);
CREATE INDEX enterprises_filter_tier ON enterprises (tier, chain, status, industry, region, updated_at);
CREATE INDEX enterprises_filter_chain ON enterprises (chain, status, industry, region, tier, updated_at);

CREATE TABLE enterprise_profiles (
    enterprise_id BIGINT PRIMARY KEY REFERENCES enterprises (id) ON DELETE CASCADE,
    profile       TEXT NOT NULL                  -- the profile JSON document (spec/profile.md)
);

-- enterprise_tokens is the full-text index on name and USCC: one row per
-- search token (package search) and enterprise. Plain rows and equality
-- lookups work the same on both engines, unlike FTS5 or tsvector.
CREATE TABLE enterprise_tokens (
    token         TEXT NOT NULL,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (token, enterprise_id)
);
CREATE INDEX enterprise_tokens_enterprise ON enterprise_tokens (enterprise_id);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,         -- lower-case
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('city', 'district', 'enterprise', 'institution', 'bank')),
    region         TEXT REFERENCES regions (code),
    enterprise_id  BIGINT REFERENCES enterprises (id),
    institution_id BIGINT,                       -- institutions arrive with the service hub
    password_hash  TEXT NOT NULL,                -- argon2id PHC string
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,                         -- NULL: not locked
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    last_login_at  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (role <> 'district' OR region IS NOT NULL),
    CHECK (role <> 'enterprise' OR enterprise_id IS NOT NULL)
);
CREATE INDEX users_enterprise ON users (enterprise_id);

-- sessions live in the database so that any number of servers share them.
-- Only the SHA-256 of a token is kept: a copy of the database logs no one in.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,                  -- last_seen_at + idle timeout
    user_agent   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,                  -- first characters, to tell tokens apart
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    expires_at   TEXT,                           -- NULL: never
    revoked_at   TEXT                            -- NULL: in force
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- audit_log has no foreign keys: it must outlive the accounts and records it
-- names. before_json and after_json hold the record as JSON, NULL for none.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    BIGINT,                          -- NULL: the system or an anonymous attempt
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    region      TEXT,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_region ON audit_log (region, at);

-- assessments are immutable: each keeps the rule set's id, version and content
-- hash and the profile as evaluated, so any past decision can be re-explained.
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    enterprise_id   BIGINT NOT NULL REFERENCES enterprises (id),
    as_of           TEXT NOT NULL,               -- YYYY-MM-DD
    data_year       INTEGER NOT NULL,
    tier            TEXT NOT NULL,
    ruleset_id      TEXT NOT NULL,
    ruleset_version TEXT NOT NULL,
    ruleset_hash    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'review', 'missing')),
    score           BIGINT,                      -- in 0.0001 points (profile.Dec units), exact; NULL: no points table
    result          TEXT NOT NULL,               -- evaluator JSON for this tier
    profile         TEXT NOT NULL,               -- profile JSON as evaluated
    created_by      BIGINT,
    created_at      TEXT NOT NULL
);
CREATE INDEX assessments_enterprise ON assessments (enterprise_id, created_at);

-- +goose Down
DROP TABLE assessments;
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE enterprise_tokens;
DROP TABLE enterprise_profiles;
DROP TABLE enterprises;
DROP TABLE regions;
