package store

import (
	"fmt"

	"trustlane/internal/partner"
)

// SetPartnerConsent records a company's consent, or its withdrawal, for one
// partner program. The row stays when consent is withdrawn, for the record;
// the audit trail keeps every change.
func (tx *Tx) SetPartnerConsent(c *partner.Consent) error {
	c.ChangedAt = tx.now
	_, err := tx.exec(`INSERT INTO partner_consents (org_id, partner_code, granted, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (org_id, partner_code) DO UPDATE SET granted = excluded.granted, changed_by = excluded.changed_by,
		changed_at = excluded.changed_at`, c.OrgID, c.PartnerCode, c.Granted, c.ChangedBy, c.ChangedAt)
	if err != nil {
		return fmt.Errorf("set partner consent: %w", err)
	}
	return nil
}

// PartnerConsents lists an organization's consent records by program code.
func (tx *Tx) PartnerConsents(orgID string) ([]partner.Consent, error) {
	rows, err := tx.query(`SELECT org_id, partner_code, granted, changed_by, changed_at FROM partner_consents
		WHERE org_id = ? ORDER BY partner_code`, orgID)
	if err != nil {
		return nil, fmt.Errorf("partner consents: %w", err)
	}
	defer rows.Close()
	var out []partner.Consent
	for rows.Next() {
		var c partner.Consent
		if err := rows.Scan(&c.OrgID, &c.PartnerCode, &c.Granted, &c.ChangedBy, &c.ChangedAt); err != nil {
			return nil, fmt.Errorf("partner consents: %w", err)
		}
		c.ChangedAt = c.ChangedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// ConsentingOrgs lists the organizations whose standing may go to one
// partner program now: they consent, and the program-level sharing
// arrangement is in force.
func (tx *Tx) ConsentingOrgs(code string) ([]string, error) {
	rows, err := tx.query(`SELECT c.org_id FROM partner_consents c JOIN partner_programs p ON p.code = c.partner_code
		WHERE c.partner_code = ? AND c.granted = ? AND p.sharing = ? ORDER BY c.org_id`, code, true, true)
	if err != nil {
		return nil, fmt.Errorf("consenting orgs %s: %w", code, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("consenting orgs %s: %w", code, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
