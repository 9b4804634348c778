-- +goose Up
CREATE TABLE profiles (
    org_id           TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    catalog_version  TEXT NOT NULL,
    revision         BIGINT NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE profile_answers (
    org_id       TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    part         TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   TEXT NOT NULL,
    PRIMARY KEY (org_id, part, question_id)
);

CREATE TABLE evidence (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    part          TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    sealed        BYTEA NOT NULL,
    uploaded_at   TIMESTAMPTZ NOT NULL,
    uploaded_by   TEXT NOT NULL
);
CREATE INDEX evidence_question ON evidence (org_id, part, question_id);

-- +goose Down
DROP TABLE evidence;
DROP TABLE profile_answers;
DROP TABLE profiles;
