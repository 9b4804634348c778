-- +goose Up
-- A partner's member record is one legal entity: at most one company may
-- hold a confirmed link to it. The office refuses a second confirmation
-- with a clear message; this index settles two officers confirming at once.
CREATE UNIQUE INDEX partner_links_one_confirmed ON partner_links (partner_code, member_ref) WHERE state = 'confirmed';

-- +goose Down
DROP INDEX partner_links_one_confirmed;
