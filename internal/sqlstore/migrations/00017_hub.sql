-- The service hub (一张网, spec/workflows.md §4): what institutions offer
-- (products, packages, research results, experts), what enterprises need
-- (demands), and the funnel between them (matches, deliveries, ratings),
-- plus 中试 pilots and 技术攻关 (bottlenecks and joint projects).
-- Lists of codes (tiers, chains, districts) are space-separated text: they
-- are short, read whole and filtered with LIKE on both engines. Money is in
-- 分 (BIGINT), dates YYYY-MM-DD text, times ISO-8601 text.

-- +goose Up
ALTER TABLE institutions ADD COLUMN regions_served TEXT NOT NULL DEFAULT ''; -- district codes; '' for the whole city
ALTER TABLE institutions ADD COLUMN intro TEXT NOT NULL DEFAULT '';

-- The key industrial chains an institution serves, and whether the city put
-- it on the quality list (优质服务机构清单) of that chain.
CREATE TABLE institution_chains (
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    chain          TEXT NOT NULL,
    quality_list   BOOLEAN NOT NULL DEFAULT FALSE,
    listed_on      TEXT,                      -- the day the city listed it
    PRIMARY KEY (institution_id, chain)
);
CREATE INDEX institution_chains_chain ON institution_chains (chain, quality_list);

-- Volunteer expert teams (志愿服务专家团): experts of an institution.
CREATE TABLE experts (
    id             INTEGER PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    title          TEXT NOT NULL DEFAULT '',  -- 职称
    fields         TEXT NOT NULL DEFAULT '',  -- 专业领域, free text
    phone          TEXT NOT NULL DEFAULT '',
    volunteer      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TEXT NOT NULL
);
CREATE INDEX experts_institution ON experts (institution_id);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    category       TEXT NOT NULL,             -- one of hub.Categories
    tiers          TEXT NOT NULL DEFAULT '',  -- tiers served; '' for every tier
    chains         TEXT NOT NULL DEFAULT '',  -- chains served; '' for every chain
    price_fen      BIGINT NOT NULL DEFAULT 0, -- 0: free (公益)
    price_note     TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    version        BIGINT NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX products_institution ON products (institution_id);
CREATE INDEX products_category ON products (category);
CREATE UNIQUE INDEX products_name ON products (institution_id, name);

-- Cultivation service packages (培育服务包) per tier and chain, assembled
-- by the city from products; districts pick from them for plans.
CREATE TABLE packages (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    tier        TEXT NOT NULL,
    chain       TEXT NOT NULL DEFAULT '',     -- '' for every chain
    description TEXT NOT NULL DEFAULT '',
    version     BIGINT NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX packages_name ON packages (name);
CREATE INDEX packages_tier_chain ON packages (tier, chain);
CREATE TABLE package_products (
    package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    PRIMARY KEY (package_id, product_id)
);

-- 科技成果 offered by universities, institutes and key laboratories.
CREATE TABLE research_results (
    id             INTEGER PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    field          TEXT NOT NULL DEFAULT '',
    chains         TEXT NOT NULL DEFAULT '',
    maturity       TEXT NOT NULL DEFAULT '',  -- lab, pilot, industrial
    description    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX research_results_institution ON research_results (institution_id);

-- 中试: a research result tried in an enterprise; a success puts the
-- enterprise on the innovative backup list (innovative.from_pilot).
CREATE TABLE pilots (
    id             INTEGER PRIMARY KEY,
    research_id    BIGINT REFERENCES research_results (id) ON DELETE SET NULL,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    started_on     TEXT NOT NULL,
    finished_on    TEXT,
    note           TEXT NOT NULL DEFAULT '',
    version        BIGINT NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX pilots_enterprise ON pilots (enterprise_id, status);

-- 技术攻关: bottlenecks of a chain and the joint projects that tackle them.
CREATE TABLE bottlenecks (
    id          INTEGER PRIMARY KEY,
    chain       TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'tackling', 'solved')),
    created_at  TEXT NOT NULL
);
CREATE INDEX bottlenecks_chain ON bottlenecks (chain);
CREATE TABLE joint_projects (
    id            INTEGER PRIMARY KEY,
    bottleneck_id BIGINT REFERENCES bottlenecks (id) ON DELETE SET NULL,
    title         TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'stopped')),
    result        TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE joint_project_participants (
    project_id     BIGINT NOT NULL REFERENCES joint_projects (id) ON DELETE CASCADE,
    enterprise_id  BIGINT REFERENCES enterprises (id) ON DELETE CASCADE,
    institution_id BIGINT REFERENCES institutions (id) ON DELETE CASCADE,
    role           TEXT NOT NULL               -- chain_leader, sme, university, institute
);
CREATE INDEX joint_project_participants_project ON joint_project_participants (project_id);
CREATE TABLE joint_project_milestones (
    id         INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES joint_projects (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    done_on    TEXT
);
CREATE INDEX joint_project_milestones_project ON joint_project_milestones (project_id);

-- Demands (需求) of enterprises: posted by the enterprise or an official on
-- its behalf, or proposed from a gap item of its latest assessment for the
-- enterprise to confirm.
CREATE TABLE demands (
    id            INTEGER PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    category      TEXT NOT NULL DEFAULT '',   -- '' when not known
    urgency       TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high')),
    region        TEXT NOT NULL DEFAULT '',   -- where the service is wanted
    source        TEXT NOT NULL CHECK (source IN ('enterprise', 'official', 'gap')),
    gap_item      TEXT NOT NULL DEFAULT '',   -- the assessment item id a gap demand comes from
    gap_tier      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'open', 'closed', 'declined')),
    created_by    BIGINT,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX demands_enterprise ON demands (enterprise_id, status);
CREATE UNIQUE INDEX demands_gap ON demands (enterprise_id, gap_tier, gap_item) WHERE source = 'gap';

-- The funnel (推荐 → 已联系 → 已签约 → 已交付 → 已评价): one row per product
-- proposed for a demand; enterprise_id and institution_id are copies that
-- keep the scope conditions to one table.
CREATE TABLE matches (
    id             INTEGER PRIMARY KEY,
    demand_id      BIGINT NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
    product_id     BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    stage          TEXT NOT NULL DEFAULT 'recommended'
                   CHECK (stage IN ('recommended', 'contacted', 'signed', 'delivered', 'rated')),
    proposed_by    BIGINT,
    proposed_role  TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    contacted_at   TEXT,
    signed_at      TEXT,
    delivered_at   TEXT,
    rated_at       TEXT,
    version        BIGINT NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX matches_demand_product ON matches (demand_id, product_id);
CREATE INDEX matches_institution ON matches (institution_id, stage);
CREATE INDEX matches_enterprise ON matches (enterprise_id, institution_id);

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    match_id     BIGINT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    summary      TEXT NOT NULL,
    evidence     TEXT NOT NULL DEFAULT '',    -- contract no., report title, link
    delivered_on TEXT NOT NULL,
    created_by   BIGINT,
    created_at   TEXT NOT NULL
);
CREATE INDEX deliveries_match ON deliveries (match_id);

CREATE TABLE ratings (
    match_id   BIGINT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE ratings;
DROP TABLE deliveries;
DROP TABLE matches;
DROP TABLE demands;
DROP TABLE joint_project_milestones;
DROP TABLE joint_project_participants;
DROP TABLE joint_projects;
DROP TABLE bottlenecks;
DROP TABLE pilots;
DROP TABLE research_results;
DROP TABLE package_products;
DROP TABLE packages;
DROP TABLE products;
DROP TABLE experts;
DROP TABLE institution_chains;
ALTER TABLE institutions DROP COLUMN intro;
ALTER TABLE institutions DROP COLUMN regions_served;
