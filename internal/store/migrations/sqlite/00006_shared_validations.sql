-- +goose Up
-- A site validation can be joint with a partner program or rely on a
-- partner's recent validation of the same site (mutual recognition).
ALTER TABLE validations ADD COLUMN mode TEXT NOT NULL DEFAULT 'own';
ALTER TABLE validations ADD COLUMN partner_code TEXT NOT NULL DEFAULT '';
ALTER TABLE validations ADD COLUMN partner_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE validations ADD COLUMN partner_validators TEXT NOT NULL DEFAULT '[]';
ALTER TABLE validations ADD COLUMN partner_validated_on TIMESTAMP;

-- +goose Down
ALTER TABLE validations DROP COLUMN partner_validated_on;
ALTER TABLE validations DROP COLUMN partner_validators;
ALTER TABLE validations DROP COLUMN partner_ref;
ALTER TABLE validations DROP COLUMN partner_code;
ALTER TABLE validations DROP COLUMN mode;
