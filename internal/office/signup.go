package office

import (
	"context"
	"strings"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// SignUpInput is a company's application for an account: the organization
// and the person who becomes its account owner.
type SignUpInput struct {
	Org      program.OrgInput
	Name     string
	Title    string
	Email    string
	Password string
	Lang     string
}

// SignUp creates an organization and its account owner, and records both in
// the new organization's audit chain. The caller then signs the person in.
func (o *Office) SignUp(ctx context.Context, in SignUpInput) (program.Organization, auth.User, error) {
	org, orgErr := program.NewOrganization(in.Org)
	u, userErr := o.newUser(in.Name, in.Title, in.Email, in.Password, in.Lang)
	if err := joinFieldErrors(orgErr, userErr); err != nil {
		return org, u, err
	}
	err := o.update(ctx, func(tx *store.Tx) error {
		if err := tx.InsertUser(&u); err != nil {
			return fieldConflict(err, "email")
		}
		if err := tx.InsertOrg(&org); err != nil {
			return err
		}
		// Its identifiers may claim a partner's member record at the border.
		tx.Changed(store.Change{Kind: "organization", ID: org.ID, OrgID: org.ID})
		if err := tx.AddMember(org.ID, u.ID, auth.AccountOwner); err != nil {
			return err
		}
		actor := u.Actor()
		if err := tx.Audit(actor, store.Event{OrgID: org.ID, SubjectType: "organization", SubjectID: org.ID,
			Action: "organization.created", Data: orgAuditData(org)}); err != nil {
			return err
		}
		return tx.Audit(actor, store.Event{OrgID: org.ID, SubjectType: "membership", SubjectID: u.ID,
			Action: "member.added", Data: map[string]string{"email": u.Email, "role": string(auth.AccountOwner)}})
	})
	return org, u, err
}

// newUser validates a person's details and hashes their password.
func (o *Office) newUser(name, title, email, password, lang string) (auth.User, error) {
	var fe []errs.FieldError
	u := auth.User{Name: strings.Join(strings.Fields(name), " "), Title: strings.TrimSpace(title), Lang: lang}
	if u.Lang != "fr" {
		u.Lang = "en"
	}
	switch n := utf8.RuneCountInString(u.Name); {
	case n == 0:
		fe = append(fe, errs.F("name", "error.required", "enter your full name"))
	case n > 200:
		fe = append(fe, errs.F("name", "error.too_long", "the name is too long"))
	}
	if utf8.RuneCountInString(u.Title) > 200 {
		fe = append(fe, errs.F("title", "error.too_long", "the title is too long"))
	}
	e, err := program.NormalizeEmail(email)
	if err != nil {
		fe = append(fe, errs.F("email", "error.email", "enter an e-mail address such as name@example.com"))
	}
	u.Email = e
	if key := auth.CheckPasswordPolicy(password, e); key != "" {
		fe = append(fe, errs.F("password", key, "choose a password of at least 12 characters"))
	}
	if len(fe) > 0 {
		return u, errs.Fields(fe...)
	}
	h, err := auth.HashPassword(password, o.argon)
	if err != nil {
		return u, err
	}
	u.PasswordHash = h
	return u, nil
}

// joinFieldErrors merges the field errors of several validations into one
// Invalid error, so a form shows every problem at once.
func joinFieldErrors(list ...error) error {
	var fields []errs.FieldError
	for _, err := range list {
		if err == nil {
			continue
		}
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid {
			return err
		}
		fields = append(fields, e.Fields...)
	}
	if len(fields) == 0 {
		return nil
	}
	return errs.Fields(fields...)
}

// fieldConflict ties a uniqueness conflict to the form field that caused it.
func fieldConflict(err error, field string) error {
	if e, ok := errs.As(err); ok && e.Code == errs.Conflict && len(e.Fields) == 0 {
		return &errs.Error{Code: errs.Invalid, Key: e.Key, Message: e.Message, Err: err,
			Fields: []errs.FieldError{{Field: field, Key: e.Key, Message: e.Message}}}
	}
	return err
}

// orgAuditData is what the audit trail keeps of an organization's details.
func orgAuditData(org program.Organization) map[string]any {
	return map[string]any{
		"legal_name": org.LegalName, "operating_name": org.OperatingName, "category": org.Category,
		"address": org.Address, "sectors": org.Sectors, "identifiers": org.Identifiers,
		"phone": org.Phone, "website": org.Website,
	}
}

// RegisterOrganization opens an account for another company with the
// signed-in person as its account owner: someone who already works in the
// program (a consultant, or an employee of a group of companies) does not
// need a second sign-in. Staff cannot own a company.
func (o *Office) RegisterOrganization(ctx context.Context, a auth.Actor, in program.OrgInput) (program.Organization, error) {
	if a.IsStaff() || a.UserID == "" || a.TokenID != "" {
		return program.Organization{}, errForbidden
	}
	org, err := program.NewOrganization(in)
	if err != nil {
		return org, err
	}
	err = o.update(ctx, func(tx *store.Tx) error {
		if err := tx.InsertOrg(&org); err != nil {
			return err
		}
		// Its identifiers may claim a partner's member record at the border.
		tx.Changed(store.Change{Kind: "organization", ID: org.ID, OrgID: org.ID})
		if err := tx.AddMember(org.ID, a.UserID, auth.AccountOwner); err != nil {
			return err
		}
		if err := tx.Audit(a, store.Event{OrgID: org.ID, SubjectType: "organization", SubjectID: org.ID,
			Action: "organization.created", Data: orgAuditData(org)}); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: org.ID, SubjectType: "membership", SubjectID: a.UserID,
			Action: "member.added", Data: map[string]string{"email": a.Email, "role": string(auth.AccountOwner)}})
	})
	return org, err
}
