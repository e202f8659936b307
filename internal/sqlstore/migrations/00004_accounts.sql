-- Real accounts and login abuse.
--
-- users gains a version (administrators' changes are checked against the
-- version they read, like enterprises), a demo flag (the demo's public
-- accounts log in only while the server runs with --demo), an organisation
-- name for institution and bank accounts (there are no institution or bank
-- tables yet: institution_id stays for when the service hub brings them),
-- when the password was last set (for the configurable periodic change) and
-- whether its owner must change it before anything else (a password an
-- administrator set).
--
-- failed_logins goes: failures are counted per account and client address
-- in login_failures, so that five wrong passwords from one address lock the
-- account for that address only and the real user still logs in from
-- another. users.locked_until stays as a lock an administrator sets.

-- +goose Up
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN demo BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN organization TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users DROP COLUMN failed_logins;
UPDATE users SET password_changed_at = updated_at;

-- Before this migration the demo loader was the only way to create an
-- account, so the demo's five usernames are the demo's accounts.
UPDATE users SET demo = TRUE WHERE username IN ('city', 'district', 'enterprise', 'institution', 'bank');
UPDATE users SET organization = name WHERE role IN ('institution', 'bank');

-- login_failures counts failed logins per account (user_id, 0 for a
-- username that does not exist) and client address. It has no foreign key:
-- rows of unknown usernames have none to point to, and accounts are
-- disabled, never deleted. Rows idle past the lock window are deleted by the
-- server's housekeeping.
CREATE TABLE login_failures (
    user_id      BIGINT NOT NULL,
    ip           TEXT NOT NULL,
    failures     INTEGER NOT NULL,                -- failures in a row since first_at
    first_at     TEXT NOT NULL,
    last_at      TEXT NOT NULL,
    locked_until TEXT,                            -- NULL: not locked for this address
    PRIMARY KEY (user_id, ip)
);
CREATE INDEX login_failures_ip ON login_failures (ip, last_at);
CREATE INDEX login_failures_last ON login_failures (last_at);

-- +goose Down
DROP TABLE login_failures;
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users DROP COLUMN must_change_password;
ALTER TABLE users DROP COLUMN password_changed_at;
ALTER TABLE users DROP COLUMN organization;
ALTER TABLE users DROP COLUMN demo;
ALTER TABLE users DROP COLUMN version;
