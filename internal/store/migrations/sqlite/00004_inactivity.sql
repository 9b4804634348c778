-- +goose Up
ALTER TABLE users ADD COLUMN inactivity_reminded_at TIMESTAMP;

-- +goose Down
ALTER TABLE users DROP COLUMN inactivity_reminded_at;
