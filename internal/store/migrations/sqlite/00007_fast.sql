-- +goose Up
-- FAST and CDRP driver cards (internal/fast). number is the card number,
-- digits only; a revoked card keeps its row with the date and reason.
CREATE TABLE fast_cards (
    number          TEXT PRIMARY KEY,
    holder          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    south_only      BOOLEAN NOT NULL DEFAULT 0,
    valid_until     TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    revoked_reason  TEXT NOT NULL DEFAULT '',
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX fast_cards_holder ON fast_cards (holder, number);

-- A company's FAST approval for one direction: into_ca is granted by the
-- program, into_us arrives with partner data. Revoking keeps the row.
CREATE TABLE fast_approvals (
    org_id      TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    direction   TEXT NOT NULL,
    granted_at  TIMESTAMP NOT NULL,
    granted_by  TEXT NOT NULL,
    revoked_at  TIMESTAMP,
    PRIMARY KEY (org_id, direction)
);

-- +goose Down
DROP TABLE fast_approvals;
DROP TABLE fast_cards;
