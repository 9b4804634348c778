-- +goose Up
ALTER TABLE users ADD COLUMN inactivity_reminded_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE users DROP COLUMN inactivity_reminded_at;
