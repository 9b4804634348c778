package store

import (
	"database/sql"
	"fmt"

	"trustlane/internal/partner"
)

const partnerProgramColumns = `code, name_en, name_fr, admin_en, admin_fr, country, arranged_on, status, id_kinds, framework, sharing, updated_at`

func scanPartnerProgram(scan func(...any) error) (partner.Program, error) {
	var p partner.Program
	var arranged sql.NullTime
	var kinds string
	err := scan(&p.Code, &p.Name.EN, &p.Name.FR, &p.Administration.EN, &p.Administration.FR, &p.Country, &arranged,
		&p.Status, &kinds, &p.Framework, &p.Sharing, &p.UpdatedAt)
	p.ArrangedOn, p.IDKinds, p.UpdatedAt = timeOf(arranged), partner.SplitKinds(kinds), p.UpdatedAt.UTC()
	return p, err
}

// PartnerPrograms lists the registry, arrangements in force first, then by
// date and code.
func (tx *Tx) PartnerPrograms() ([]partner.Program, error) {
	rows, err := tx.query(`SELECT ` + partnerProgramColumns + ` FROM partner_programs
		ORDER BY CASE status WHEN 'active' THEN 0 ELSE 1 END, arranged_on, code`)
	if err != nil {
		return nil, fmt.Errorf("partner programs: %w", err)
	}
	defer rows.Close()
	var out []partner.Program
	for rows.Next() {
		p, err := scanPartnerProgram(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("partner programs: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PartnerProgram loads one program by its code.
func (tx *Tx) PartnerProgram(code string) (partner.Program, error) {
	p, err := scanPartnerProgram(tx.queryRow(`SELECT `+partnerProgramColumns+` FROM partner_programs WHERE code = ?`, code).Scan)
	return p, notFound(err, "partner program")
}

// SavePartnerProgram inserts a program or updates the one with its code.
func (tx *Tx) SavePartnerProgram(p *partner.Program) error {
	p.UpdatedAt = tx.now
	_, err := tx.exec(`INSERT INTO partner_programs (`+partnerProgramColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_fr = excluded.name_fr, admin_en = excluded.admin_en,
		admin_fr = excluded.admin_fr, country = excluded.country, arranged_on = excluded.arranged_on, status = excluded.status,
		id_kinds = excluded.id_kinds, framework = excluded.framework, sharing = excluded.sharing, updated_at = excluded.updated_at`,
		p.Code, p.Name.EN, p.Name.FR, p.Administration.EN, p.Administration.FR, p.Country, nullTime(p.ArrangedOn),
		p.Status, partner.JoinKinds(p.IDKinds), p.Framework, p.Sharing, p.UpdatedAt)
	if err != nil {
		return fmt.Errorf("save partner program %s: %w", p.Code, err)
	}
	return nil
}
