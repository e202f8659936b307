-- Programmes of the plan beyond the tiers (spec/workflows.md §7): the policy
-- library (政策文件库) with its search index, innovation carriers (创新载体)
-- with their tenants, 专精特新产业园 with land applications ranked by 亩均效益,
-- 中小企业特色产业集群 with their members, and typical cases (典型经验).
-- Dates are YYYY-MM-DD text; statistics are fixed-point integers of 1/10000
-- (profile.Dec), like the enterprise profile's.

-- +goose Up
CREATE TABLE policy_docs (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    doc_no     TEXT NOT NULL DEFAULT '',   -- 文号
    issuer     TEXT NOT NULL DEFAULT '',   -- 发文机关
    level      TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'district')),
    issued_on  TEXT NOT NULL,
    valid_from TEXT,
    valid_to   TEXT,                       -- NULL: no end date
    body       TEXT NOT NULL DEFAULT '',   -- full text
    tags       TEXT NOT NULL DEFAULT '',   -- comma-separated
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- A 文号 names one document; documents without one (drafts, 解读) may share ''.
CREATE UNIQUE INDEX policy_docs_doc_no ON policy_docs (doc_no) WHERE doc_no <> '';

-- policy_doc_tokens is the search index on title, 文号, tags and body (package
-- search), as enterprise_tokens is on names. in_title ranks title hits first.
CREATE TABLE policy_doc_tokens (
    token    TEXT NOT NULL,
    doc_id   BIGINT NOT NULL REFERENCES policy_docs (id) ON DELETE CASCADE,
    in_title BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (token, doc_id)
);
CREATE INDEX policy_doc_tokens_doc ON policy_doc_tokens (doc_id);

CREATE TABLE carriers (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('demo_base', 'incubator', 'science_park', 'micro_park', 'maker_space', 'startup_park')),
    level         TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal')),
    operator      TEXT NOT NULL DEFAULT '',   -- 运营主体
    region        TEXT NOT NULL REFERENCES regions (code),
    area_sqm      BIGINT NOT NULL DEFAULT 0,  -- 面积（平方米）
    recognized_on TEXT,
    doc_no        TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX carriers_name ON carriers (name);
CREATE INDEX carriers_region ON carriers (region);

CREATE TABLE carrier_tenants (
    carrier_id    BIGINT NOT NULL REFERENCES carriers (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    since         TEXT NOT NULL,
    PRIMARY KEY (carrier_id, enterprise_id)
);
CREATE INDEX carrier_tenants_enterprise ON carrier_tenants (enterprise_id);

CREATE TABLE parks (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    region     TEXT NOT NULL REFERENCES regions (code),
    land_mu    BIGINT NOT NULL,            -- land for enterprises, 亩 × 10000
    places     INTEGER NOT NULL,           -- places (入园名额) this round
    year       INTEGER NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX parks_name_year ON parks (name, year);

-- park_applications are enterprises' expansion land needs, with the
-- figures their 亩均效益 is evaluated on.
CREATE TABLE park_applications (
    id            INTEGER PRIMARY KEY,
    park_id       BIGINT NOT NULL REFERENCES parks (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    need_mu       BIGINT NOT NULL,          -- land asked for, 亩 × 10000
    used_mu       BIGINT NOT NULL,          -- land the enterprise uses now
    revenue       BIGINT NOT NULL,          -- 营业收入, 万元 × 10000
    tax           BIGINT NOT NULL,          -- 实缴税金, 万元 × 10000
    rd_expense    BIGINT NOT NULL DEFAULT 0,
    employees     BIGINT NOT NULL DEFAULT 0,
    purpose       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'granted', 'refused', 'withdrawn')),
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX park_applications_once ON park_applications (park_id, enterprise_id);

CREATE TABLE clusters (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('national', 'provincial')),
    region        TEXT NOT NULL REFERENCES regions (code),
    industry      TEXT NOT NULL DEFAULT '',  -- 主导产业
    recognized_on TEXT,
    doc_no        TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX clusters_name ON clusters (name);

CREATE TABLE cluster_members (
    cluster_id    BIGINT NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (cluster_id, enterprise_id)
);
CREATE INDEX cluster_members_enterprise ON cluster_members (enterprise_id);

-- cases are typical cases (典型经验): drafted from an enterprise's record,
-- edited and published by officials; published ones are public.
CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    tier_path     TEXT NOT NULL DEFAULT '',  -- e.g. 创新型（2023）→ 专精特新（2024）
    measures      TEXT NOT NULL DEFAULT '',
    results       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
    published_at  TEXT,
    published_by  BIGINT,                    -- the official (users.id) who published it
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX cases_status ON cases (status, published_at);

-- +goose Down
DROP TABLE cases;
DROP TABLE cluster_members;
DROP TABLE clusters;
DROP TABLE park_applications;
DROP TABLE parks;
DROP TABLE carrier_tenants;
DROP TABLE carriers;
DROP TABLE policy_doc_tokens;
DROP TABLE policy_docs;
