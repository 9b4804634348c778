package store

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// NewID returns a time-ordered random ID (UUIDv7): sortable like a sequence,
// but not guessable, so IDs in URLs reveal nothing about other records.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

const orgColumns = `id, legal_name, operating_name, category, address_line1, address_line2, city, region,
	postal_code, country, phone, website, lang, created_at, updated_at`

func scanOrg(scan func(...any) error) (program.Organization, error) {
	var o program.Organization
	a := &o.Address
	err := scan(&o.ID, &o.LegalName, &o.OperatingName, &o.Category, &a.Line1, &a.Line2, &a.City, &a.Region,
		&a.PostalCode, &a.Country, &o.Phone, &o.Website, &o.Lang, &o.CreatedAt, &o.UpdatedAt)
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	o.Identifiers = map[ident.Kind]string{}
	return o, err
}

// searchText is what organization search matches: names and identifiers,
// lower-cased.
func searchText(o program.Organization) string {
	parts := []string{o.LegalName, o.OperatingName, o.Address.City}
	for _, v := range o.Identifiers {
		parts = append(parts, v)
	}
	slices.Sort(parts[3:])
	return strings.ToLower(strings.Join(parts, " "))
}

// InsertOrg stores a new organization with its sectors and identifiers. An
// identifier that already belongs to another organization is a conflict.
func (tx *Tx) InsertOrg(o *program.Organization) error {
	if o.ID == "" {
		o.ID = NewID()
	}
	o.CreatedAt, o.UpdatedAt = tx.now, tx.now
	a := o.Address
	if _, err := tx.exec(`INSERT INTO organizations (`+orgColumns+`, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, o.LegalName, o.OperatingName, o.Category, a.Line1, a.Line2, a.City, a.Region,
		a.PostalCode, a.Country, o.Phone, o.Website, o.Lang, o.CreatedAt, o.UpdatedAt, searchText(*o)); err != nil {
		return fmt.Errorf("insert organization: %w", err)
	}
	return tx.saveOrgParts(o)
}

// UpdateOrg replaces an organization's details, sectors and identifiers.
func (tx *Tx) UpdateOrg(o *program.Organization) error {
	o.UpdatedAt = tx.now
	a := o.Address
	res, err := tx.exec(`UPDATE organizations SET legal_name = ?, operating_name = ?, category = ?,
		address_line1 = ?, address_line2 = ?, city = ?, region = ?, postal_code = ?, country = ?,
		phone = ?, website = ?, lang = ?, updated_at = ?, search_text = ? WHERE id = ?`,
		o.LegalName, o.OperatingName, o.Category, a.Line1, a.Line2, a.City, a.Region, a.PostalCode,
		a.Country, o.Phone, o.Website, o.Lang, o.UpdatedAt, searchText(*o), o.ID)
	if err != nil {
		return fmt.Errorf("update organization: %w", err)
	}
	if err := affected(res, "organization"); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM org_sectors WHERE org_id = ?`, o.ID); err != nil {
		return fmt.Errorf("update organization: %w", err)
	}
	if _, err := tx.exec(`DELETE FROM org_identifiers WHERE org_id = ?`, o.ID); err != nil {
		return fmt.Errorf("update organization: %w", err)
	}
	return tx.saveOrgParts(o)
}

func (tx *Tx) saveOrgParts(o *program.Organization) error {
	for _, s := range o.Sectors {
		if _, err := tx.exec(`INSERT INTO org_sectors (org_id, sector) VALUES (?, ?)`, o.ID, s); err != nil {
			return fmt.Errorf("save sectors: %w", err)
		}
	}
	for _, k := range ident.Kinds() {
		v, ok := o.Identifiers[k]
		if !ok {
			continue
		}
		if _, err := tx.exec(`INSERT INTO org_identifiers (kind, value, org_id) VALUES (?, ?, ?)`, k, v, o.ID); err != nil {
			if IsDuplicate(err) {
				msg := fmt.Sprintf("identifier %s %s is already registered to another organization", k, v)
				return &errs.Error{Code: errs.Conflict, Key: "error.identifier_taken", Message: msg, Err: err,
					Fields: []errs.FieldError{errs.F("identifiers."+string(k), "error.identifier_taken", msg)}}
			}
			return fmt.Errorf("save identifiers: %w", err)
		}
	}
	return nil
}

// Org loads one organization with its sectors and identifiers.
func (tx *Tx) Org(id string) (program.Organization, error) {
	o, err := scanOrg(tx.queryRow(`SELECT `+orgColumns+` FROM organizations WHERE id = ?`, id).Scan)
	if err != nil {
		return o, fmt.Errorf("organization %s: %w", id, notFound(err, "organization"))
	}
	orgs := []program.Organization{o}
	if err := tx.loadOrgParts(orgs); err != nil {
		return o, err
	}
	return orgs[0], nil
}

// OrgByIdentifier finds the organization holding an identifier.
func (tx *Tx) OrgByIdentifier(kind ident.Kind, value string) (program.Organization, error) {
	var id string
	err := tx.queryRow(`SELECT org_id FROM org_identifiers WHERE kind = ? AND value = ?`, kind, value).Scan(&id)
	if err != nil {
		return program.Organization{}, fmt.Errorf("organization by %s: %w", kind, notFound(err, "organization"))
	}
	return tx.Org(id)
}

// loadOrgParts fills sectors and identifiers of several organizations with
// two queries, whatever their number.
func (tx *Tx) loadOrgParts(orgs []program.Organization) error {
	if len(orgs) == 0 {
		return nil
	}
	idx := make(map[string]int, len(orgs))
	args := make([]any, len(orgs))
	for i, o := range orgs {
		idx[o.ID] = i
		args[i] = o.ID
	}
	in := placeholders(len(orgs))
	rows, err := tx.query(`SELECT org_id, sector FROM org_sectors WHERE org_id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("load sectors: %w", err)
	}
	for rows.Next() {
		var id string
		var s program.Sector
		if err := rows.Scan(&id, &s); err != nil {
			rows.Close()
			return fmt.Errorf("load sectors: %w", err)
		}
		orgs[idx[id]].Sectors = append(orgs[idx[id]].Sectors, s)
	}
	rows.Close()
	rows, err = tx.query(`SELECT org_id, kind, value FROM org_identifiers WHERE org_id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("load identifiers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, v string
		var k ident.Kind
		if err := rows.Scan(&id, &k, &v); err != nil {
			return fmt.Errorf("load identifiers: %w", err)
		}
		orgs[idx[id]].Identifiers[k] = v
	}
	for i := range orgs {
		slices.SortFunc(orgs[i].Sectors, func(a, b program.Sector) int {
			return slices.Index(program.Sectors(), a) - slices.Index(program.Sectors(), b)
		})
	}
	return rows.Err()
}
