-- +goose Up
CREATE TABLE organizations (
    id              TEXT PRIMARY KEY,
    legal_name      TEXT NOT NULL,
    operating_name  TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL DEFAULT 'member',
    address_line1   TEXT NOT NULL,
    address_line2   TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL,
    region          TEXT NOT NULL,
    postal_code     TEXT NOT NULL,
    country         TEXT NOT NULL,
    phone           TEXT NOT NULL DEFAULT '',
    website         TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT 'en',
    search_text     TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX organizations_legal_name ON organizations (legal_name, id);
CREATE INDEX organizations_created ON organizations (created_at, id);

CREATE TABLE org_sectors (
    org_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sector  TEXT NOT NULL,
    PRIMARY KEY (org_id, sector)
);
CREATE INDEX org_sectors_sector ON org_sectors (sector);

CREATE TABLE org_identifiers (
    kind    TEXT NOT NULL,
    value   TEXT NOT NULL,
    org_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, value)
);
CREATE INDEX org_identifiers_org ON org_identifiers (org_id);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    password_hash   TEXT NOT NULL,
    staff_role      TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT 'en',
    totp_secret     TEXT NOT NULL DEFAULT '',
    totp_enabled    BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step  BIGINT NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,
    last_sign_in_at TIMESTAMPTZ,
    disabled_at     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_staff ON users (staff_role) WHERE staff_role <> '';

CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE memberships (
    org_id      TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
-- Exactly one account owner per organization: the database refuses a second.
CREATE UNIQUE INDEX memberships_one_owner ON memberships (org_id) WHERE role = 'account_owner';

CREATE TABLE invitations (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email        TEXT NOT NULL,
    role         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    invited_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    accepted_at  TIMESTAMPTZ,
    accepted_by  TEXT NOT NULL DEFAULT '',
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX invitations_org ON invitations (org_id, created_at);

CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mfa_pending   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id        TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    scopes        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_tokens_org ON api_tokens (org_id);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE throttle (
    key           TEXT PRIMARY KEY,
    window_start  TIMESTAMPTZ NOT NULL,
    count         INTEGER NOT NULL
);

CREATE TABLE audit_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain         TEXT NOT NULL,
    seq           BIGINT NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    actor_id      TEXT NOT NULL,
    actor_label   TEXT NOT NULL,
    org_id        TEXT NOT NULL DEFAULT '',
    subject_type  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    action        TEXT NOT NULL,
    data          TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    UNIQUE (chain, seq)
);
CREATE INDEX audit_events_subject ON audit_events (subject_type, subject_id);
CREATE INDEX audit_events_org ON audit_events (org_id, id);

CREATE TABLE audit_heads (
    chain  TEXT PRIMARY KEY,
    seq    BIGINT NOT NULL,
    hash   TEXT NOT NULL
);

CREATE TABLE outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    available_at  TIMESTAMPTZ NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    last_error    TEXT NOT NULL DEFAULT '',
    done_at       TIMESTAMPTZ,
    failed_at     TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE done_at IS NULL AND failed_at IS NULL;

-- +goose Down
DROP TABLE outbox;
DROP TABLE audit_heads;
DROP TABLE audit_events;
DROP TABLE throttle;
DROP TABLE api_tokens;
DROP TABLE password_resets;
DROP TABLE sessions;
DROP TABLE invitations;
DROP TABLE memberships;
DROP TABLE recovery_codes;
DROP TABLE users;
DROP TABLE org_identifiers;
DROP TABLE org_sectors;
DROP TABLE organizations;
