-- Programmes of the plan (spec/workflows.md §7): trainings with their
-- invitations, sign-ups (with a waitlist) and attendance; the 创客中国
-- contest's editions and entries; expos and events with their participants.
-- Dates are YYYY-MM-DD text, which orders like the date on both engines.

-- +goose Up
-- A training session. audience is the rule of who may attend, as JSON
-- (programme.Audience: tiers, tiers that qualify with a listing plan,
-- attendee roles). confirmed counts the confirmed sign-ups: the sign-up
-- raises it with a conditional UPDATE (confirmed < capacity), which is
-- what enforces the capacity when sign-ups arrive at once.
CREATE TABLE trainings (
    id            INTEGER PRIMARY KEY,
    level         TEXT NOT NULL CHECK (level IN ('inclusive', 'mid', 'high')),
    title         TEXT NOT NULL,
    topic         TEXT NOT NULL DEFAULT '',
    held_on       TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    university    TEXT NOT NULL DEFAULT '',
    capacity      INTEGER NOT NULL CHECK (capacity > 0),
    confirmed     INTEGER NOT NULL DEFAULT 0,
    audience      TEXT NOT NULL DEFAULT '{}',
    checkin_code  TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (confirmed <= capacity)
);
CREATE INDEX trainings_held_on ON trainings (held_on);

-- Who was invited (by tier and district, or on the rotation planner's
-- proposal), and by whom.
CREATE TABLE training_invitations (
    training_id   BIGINT NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    source        TEXT NOT NULL DEFAULT 'manual', -- manual, tier, planner
    invited_by    BIGINT NOT NULL DEFAULT 0,
    invited_at    TEXT NOT NULL,
    PRIMARY KEY (training_id, enterprise_id)
);
CREATE INDEX training_invitations_enterprise ON training_invitations (enterprise_id);

-- One sign-up per enterprise and session: confirmed, waitlisted (promoted
-- in order of signing up when a confirmed one cancels) or cancelled.
CREATE TABLE training_signups (
    id            INTEGER PRIMARY KEY,
    training_id   BIGINT NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    attendee      TEXT NOT NULL,
    attendee_role TEXT NOT NULL,
    listing_plan  BOOLEAN NOT NULL DEFAULT FALSE,
    status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX training_signups_one ON training_signups (training_id, enterprise_id);
CREATE INDEX training_signups_enterprise ON training_signups (enterprise_id);

-- Attendance: checked in at the door with the session's code (or its QR
-- code), or recorded by an official.
CREATE TABLE training_attendance (
    training_id   BIGINT NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    method        TEXT NOT NULL CHECK (method IN ('code', 'official')),
    checked_in_at TEXT NOT NULL,
    PRIMARY KEY (training_id, enterprise_id)
);
CREATE INDEX training_attendance_enterprise ON training_attendance (enterprise_id);

-- A 创客中国 edition (the Zhengzhou 分赛 of a year).
CREATE TABLE contests (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    name       TEXT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX contests_name ON contests (name);

-- An entry: an enterprise (企业组) or a maker team (创客组), its stage and
-- its result. An enterprise entry's result is written into the profile's
-- maker_china in the same transaction.
CREATE TABLE contest_entries (
    id            INTEGER PRIMARY KEY,
    contest_id    BIGINT NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    entry_group   TEXT NOT NULL CHECK (entry_group IN ('enterprise', 'maker')),
    enterprise_id BIGINT REFERENCES enterprises (id) ON DELETE CASCADE,
    team          TEXT NOT NULL DEFAULT '',
    region        TEXT NOT NULL,
    project       TEXT NOT NULL,
    stage         TEXT NOT NULL DEFAULT 'registered',
    result        TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((entry_group = 'enterprise') = (enterprise_id IS NOT NULL))
);
CREATE UNIQUE INDEX contest_entries_enterprise ON contest_entries (contest_id, enterprise_id);
CREATE INDEX contest_entries_region ON contest_entries (region);

-- Expos and events (中小企业博览会, APEC 技术交流展, 进阶小巨人 专题活动).
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('expo', 'apec', 'topic')),
    title      TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    organizer  TEXT NOT NULL DEFAULT '',
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX events_held_on ON events (held_on);

-- An enterprise at an event: exhibitor or invitee, whether it attended and
-- what came of it (意向、签约).
CREATE TABLE event_participants (
    id            INTEGER PRIMARY KEY,
    event_id      BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('exhibitor', 'invitee')),
    attended      BOOLEAN NOT NULL DEFAULT FALSE,
    deals         INTEGER NOT NULL DEFAULT 0,
    outcome       TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX event_participants_one ON event_participants (event_id, enterprise_id);
CREATE INDEX event_participants_enterprise ON event_participants (enterprise_id);

-- +goose Down
DROP TABLE event_participants;
DROP TABLE events;
DROP TABLE contest_entries;
DROP TABLE contests;
DROP TABLE training_attendance;
DROP TABLE training_signups;
DROP TABLE training_invitations;
DROP TABLE trainings;
