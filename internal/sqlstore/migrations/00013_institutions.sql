-- Institutions (机构): the service hub's institutions (服务机构、公共服务平台、
-- 高校/科研院所、行业协会、金融机构、出海服务平台) and the partner banks of
-- 专精特新贷 (合作银行, kind 'financial' with partner_bank set). One table,
-- because an institution or bank account (users.institution_id) belongs to
-- exactly one of them. The service hub adds products, experts and the
-- quality list on top; finance adds consents and referrals against banks.

-- +goose Up
CREATE TABLE institutions (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('platform', 'service', 'academic', 'association', 'financial', 'overseas')),
    level         TEXT NOT NULL DEFAULT '',   -- national, provincial, municipal, district
    region        TEXT NOT NULL DEFAULT '',   -- the district it sits in ('' for city-wide)
    uscc          TEXT NOT NULL DEFAULT '',
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'suspended')),
    partner_bank  BOOLEAN NOT NULL DEFAULT FALSE, -- a 专精特新贷 partner bank
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX institutions_name ON institutions (name);
CREATE INDEX users_institution ON users (institution_id);

-- +goose Down
DROP INDEX users_institution;
DROP TABLE institutions;
