-- +goose Up
-- The registry of partner programs, seeded with the arrangements in force
-- (facts §1.9: the month of each arrangement; the day is the first) and the
-- EU's AEO, whose criteria are mapped while no arrangement is in force.
CREATE TABLE partner_programs (
    code            TEXT PRIMARY KEY,
    name_en         TEXT NOT NULL,
    name_fr         TEXT NOT NULL,
    admin_en        TEXT NOT NULL,
    admin_fr        TEXT NOT NULL,
    country         TEXT NOT NULL,
    arranged_on     TIMESTAMPTZ,
    status          TEXT NOT NULL,
    id_kinds        TEXT NOT NULL,
    framework       TEXT NOT NULL,
    sharing         BOOLEAN NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

INSERT INTO partner_programs VALUES
('CTPAT', 'Customs Trade Partnership Against Terrorism (C-TPAT)', 'Partenariat douane-commerce contre le terrorisme (C-TPAT)',
 'U.S. Customs and Border Protection', 'Service des douanes et de la protection des frontières des États-Unis', 'US',
 '2008-06-01 00:00:00+00', 'active', 'scac,us_ein,mid,cbsa_carrier', 'ctpat', TRUE, '2026-11-26 00:00:00+00'),
('JP-AEO', 'Japan Authorized Economic Operator program', 'Programme d''opérateur économique agréé du Japon',
 'Japan Customs', 'Douanes du Japon', 'JP', '2010-06-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('KR-AEO', 'Korea Authorized Economic Operator program', 'Programme d''opérateur économique agréé de la Corée',
 'Korea Customs Service', 'Service des douanes de la Corée', 'KR', '2010-06-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('SG-STP', 'Secure Trade Partnership (Singapore)', 'Partenariat pour un commerce sûr (Singapour)',
 'Singapore Customs', 'Douanes de Singapour', 'SG', '2010-06-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('MX-OEA', 'Mexico Authorized Economic Operator program (OEA/NEEC)', 'Programme d''opérateur économique agréé du Mexique (OEA/NEEC)',
 'Tax Administration Service (SAT)', 'Service d''administration fiscale (SAT)', 'MX', '2016-05-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('IL-AEO', 'Israel Authorized Economic Operator program', 'Programme d''opérateur économique agréé d''Israël',
 'Israel Tax Authority (Customs)', 'Autorité fiscale d''Israël (douanes)', 'IL', '2017-07-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('AU-ATT', 'Australian Trusted Trader', 'Australian Trusted Trader (négociant de confiance australien)',
 'Australian Border Force', 'Force frontalière australienne', 'AU', '2017-07-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('HK-AEO', 'Hong Kong Authorized Economic Operator programme', 'Programme d''opérateur économique agréé de Hong Kong',
 'Customs and Excise Department', 'Département des douanes et de l''accise', 'HK', '2019-06-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('NZ-SES', 'Secure Exports Scheme (New Zealand)', 'Programme d''exportations sécurisées (Nouvelle-Zélande)',
 'New Zealand Customs Service', 'Service des douanes de la Nouvelle-Zélande', 'NZ', '2019-06-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('PE-AEO', 'Peru Authorized Economic Operator program', 'Programme d''opérateur économique agréé du Pérou',
 'National Superintendency of Customs and Tax Administration (SUNAT)', 'Surintendance nationale des douanes et de l''administration fiscale (SUNAT)', 'PE',
 '2022-06-01 00:00:00+00', 'active', '', 'safe', TRUE, '2026-11-26 00:00:00+00'),
('EU-AEO', 'Authorised Economic Operator (European Union)', 'Opérateur économique agréé (Union européenne)',
 'Customs administrations of the EU Member States', 'Administrations douanières des États membres de l''UE', 'EU',
 NULL, 'planned', 'eori', 'eu_aeo', FALSE, '2026-11-26 00:00:00+00');

-- A partner's members as its administration reports them, keyed by the
-- partner's own member number (ref, upper-cased). status is normalized to
-- active, suspended or cancelled; name_key is the legal name normalized for
-- matching; row_hash makes a re-import of the same row a no-op.
CREATE TABLE partner_members (
    partner_code   TEXT NOT NULL REFERENCES partner_programs (code),
    ref            TEXT NOT NULL,
    legal_name     TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    country        TEXT NOT NULL DEFAULT '',
    sectors        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    status_since   TIMESTAMPTZ NOT NULL,
    fast           TEXT NOT NULL DEFAULT '',
    row_hash       TEXT NOT NULL,
    import_id      TEXT NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partner_code, ref)
);
CREATE INDEX partner_members_name ON partner_members (partner_code, name_key);
CREATE INDEX partner_members_updated ON partner_members (updated_at);

-- Identifiers a partner's member record carries (SCAC, EIN, EORI, MID…),
-- normalized by internal/ident.
CREATE TABLE partner_member_ids (
    partner_code  TEXT NOT NULL,
    ref           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (partner_code, ref, kind),
    FOREIGN KEY (partner_code, ref) REFERENCES partner_members (partner_code, ref) ON DELETE CASCADE
);
CREATE INDEX partner_member_ids_value ON partner_member_ids (kind, value);

-- Every status a partner member has had, in order: one row when it first
-- appears and one at every change.
CREATE TABLE partner_member_history (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_code  TEXT NOT NULL,
    ref           TEXT NOT NULL,
    status        TEXT NOT NULL,
    since         TIMESTAMPTZ NOT NULL,
    import_id     TEXT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX partner_member_history_member ON partner_member_history (partner_code, ref, id);

-- One row per applied import (a refused import changes nothing and leaves
-- no row; its report goes back to whoever sent it).
CREATE TABLE partner_imports (
    id            TEXT PRIMARY KEY,
    partner_code  TEXT NOT NULL REFERENCES partner_programs (code),
    filename      TEXT NOT NULL,
    format        TEXT NOT NULL,
    mode          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    rows_total    INTEGER NOT NULL,
    added         INTEGER NOT NULL,
    changed       INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    removed       INTEGER NOT NULL,
    imported_by   TEXT NOT NULL,
    imported_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX partner_imports_partner ON partner_imports (partner_code, imported_at);

-- A company's declared membership of a partner program and, once an officer
-- confirms it, the partner member record it is linked to. state: declared,
-- confirmed, rejected, withdrawn.
CREATE TABLE partner_links (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    partner_code  TEXT NOT NULL REFERENCES partner_programs (code),
    declared_ref  TEXT NOT NULL,
    state         TEXT NOT NULL,
    member_ref    TEXT NOT NULL DEFAULT '',
    declared_by   TEXT NOT NULL,
    declared_at   TIMESTAMPTZ NOT NULL,
    decided_by    TEXT NOT NULL DEFAULT '',
    decided_at    TIMESTAMPTZ,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX partner_links_one_live ON partner_links (org_id, partner_code) WHERE state IN ('declared', 'confirmed');
CREATE INDEX partner_links_state ON partner_links (state, declared_at);
CREATE INDEX partner_links_member ON partner_links (partner_code, member_ref);

-- Candidates trustlane proposes for a declared link, with a score out of
-- 100 and the reasons (JSON), for an officer to confirm or reject.
CREATE TABLE partner_candidates (
    link_id     TEXT NOT NULL REFERENCES partner_links (id) ON DELETE CASCADE,
    member_ref  TEXT NOT NULL,
    score       INTEGER NOT NULL,
    reasons     TEXT NOT NULL,
    PRIMARY KEY (link_id, member_ref)
);

-- A company's consent to share its standing with a partner program; the
-- row stays when consent is withdrawn (granted false), for the record.
CREATE TABLE partner_consents (
    org_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    partner_code  TEXT NOT NULL REFERENCES partner_programs (code),
    granted       BOOLEAN NOT NULL,
    changed_by    TEXT NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, partner_code)
);
CREATE INDEX partner_consents_partner ON partner_consents (partner_code, granted);

ALTER TABLE api_tokens ADD COLUMN partner_code TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE api_tokens DROP COLUMN partner_code;
DROP TABLE partner_consents;
DROP TABLE partner_candidates;
DROP TABLE partner_links;
DROP TABLE partner_imports;
DROP TABLE partner_member_history;
DROP TABLE partner_member_ids;
DROP TABLE partner_members;
DROP TABLE partner_programs;
