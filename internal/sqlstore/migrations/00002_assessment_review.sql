-- assessments.review records the application type the assessment was run
-- for (复核 or a new application): the rule set alone does not say it, and a
-- re-run must evaluate the snapshot exactly as the first run did.

-- +goose Up
ALTER TABLE assessments ADD COLUMN review BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE assessments DROP COLUMN review;
