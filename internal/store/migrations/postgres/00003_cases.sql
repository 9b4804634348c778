-- +goose Up
ALTER TABLE evidence ADD COLUMN removed_at TIMESTAMPTZ;

CREATE TABLE snapshots (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    application_id   TEXT NOT NULL,
    catalog_version  TEXT NOT NULL,
    sector           TEXT NOT NULL,
    profile_revision BIGINT NOT NULL,
    body             TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX snapshots_application ON snapshots (application_id, created_at);

CREATE TABLE applications (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sector               TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    membership_id        TEXT NOT NULL DEFAULT '',
    state                TEXT NOT NULL,
    eligibility          TEXT NOT NULL,
    snapshot_id          TEXT NOT NULL DEFAULT '',
    officer_id           TEXT NOT NULL DEFAULT '',
    info_due_at          TIMESTAMPTZ,
    denial_effective_at  TIMESTAMPTZ,
    review_requested     BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_at         TIMESTAMPTZ,
    decided_at           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX applications_org ON applications (org_id, created_at);
CREATE INDEX applications_state ON applications (state, updated_at);
-- One case at a time per company and sector.
CREATE UNIQUE INDEX applications_one_open ON applications (org_id, sector) WHERE state NOT IN ('approved', 'denied', 'withdrawn');

CREATE TABLE info_requests (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    application_id  TEXT NOT NULL,
    questions       TEXT NOT NULL,
    asked_by        TEXT NOT NULL,
    asked_at        TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    answer          TEXT NOT NULL DEFAULT '',
    answered_by     TEXT NOT NULL DEFAULT '',
    answered_at     TIMESTAMPTZ,
    snapshot_id     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX info_requests_application ON info_requests (application_id, asked_at);

CREATE TABLE validations (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    application_id  TEXT NOT NULL,
    state           TEXT NOT NULL,
    scheduled_for   TIMESTAMPTZ NOT NULL,
    sites           TEXT NOT NULL,
    validators      TEXT NOT NULL,
    items           TEXT NOT NULL,
    result          TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    completed_by    TEXT NOT NULL DEFAULT '',
    completed_at    TIMESTAMPTZ,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX validations_application ON validations (application_id, created_at);
CREATE INDEX validations_date ON validations (scheduled_for);

CREATE TABLE action_plans (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject_type  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    state         TEXT NOT NULL,
    items         TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    escalated_at  TIMESTAMPTZ
);
CREATE INDEX action_plans_subject ON action_plans (subject_type, subject_id, created_at);

CREATE TABLE program_memberships (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sector               TEXT NOT NULL,
    number               TEXT NOT NULL UNIQUE,
    application_id       TEXT NOT NULL,
    state                TEXT NOT NULL,
    approved_at          TIMESTAMPTZ NOT NULL,
    mou_due_at           TIMESTAMPTZ NOT NULL,
    activated_at         TIMESTAMPTZ,
    mou                  TEXT NOT NULL DEFAULT '',
    annual_due_at        TIMESTAMPTZ,
    revalidation_due_at  TIMESTAMPTZ,
    remedy_due_at        TIMESTAMPTZ,
    ended_at             TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX program_memberships_org ON program_memberships (org_id);
CREATE INDEX program_memberships_state ON program_memberships (state, updated_at);
CREATE UNIQUE INDEX program_memberships_one_live ON program_memberships (org_id, sector) WHERE state NOT IN ('cancelled', 'withdrawn');

CREATE TABLE decisions (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject_type     TEXT NOT NULL,
    subject_id       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    reasons          TEXT NOT NULL,
    narrative        TEXT NOT NULL,
    decided_by       TEXT NOT NULL,
    decided_at       TIMESTAMPTZ NOT NULL,
    effective_at     TIMESTAMPTZ NOT NULL,
    appeal_deadline  TIMESTAMPTZ,
    letter_id        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decisions_subject ON decisions (subject_type, subject_id, decided_at);

CREATE TABLE appeals (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    decision_id   TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    subject_type  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    state         TEXT NOT NULL,
    grounds       TEXT NOT NULL,
    filed_by      TEXT NOT NULL,
    filed_at      TIMESTAMPTZ NOT NULL,
    reviewer_id   TEXT NOT NULL DEFAULT '',
    decided_at    TIMESTAMPTZ,
    outcome       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeals_state ON appeals (state, filed_at);

CREATE TABLE letters (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    decision_id  TEXT NOT NULL,
    lang         TEXT NOT NULL,
    filename     TEXT NOT NULL,
    pdf          BYTEA NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX letters_decision ON letters (decision_id);

CREATE TABLE sequences (
    name   TEXT PRIMARY KEY,
    value  BIGINT NOT NULL
);

-- +goose Down
DROP TABLE sequences;
DROP TABLE letters;
DROP TABLE appeals;
DROP TABLE decisions;
DROP TABLE program_memberships;
DROP TABLE action_plans;
DROP TABLE validations;
DROP TABLE info_requests;
DROP TABLE applications;
DROP TABLE snapshots;
ALTER TABLE evidence DROP COLUMN removed_at;
