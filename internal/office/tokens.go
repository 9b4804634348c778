package office

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// companyScopes are the scopes a company token may hold.
var companyScopes = []auth.Scope{auth.ScopeOrgRead, auth.ScopeOrgWrite, auth.ScopeMembersRead, auth.ScopeMembersWrite, auth.ScopeTokens,
	auth.ScopeProfileRead, auth.ScopeProfileWrite, auth.ScopeCasesRead, auth.ScopeCasesWrite, auth.ScopePartners}

// TokenInput describes a token to create.
type TokenInput struct {
	Name    string
	Scopes  []auth.Scope
	Expires time.Time
	// Partner binds a program token to one partner program's status
	// exchange; only administrators bind, and such a token holds
	// exchange:read alone.
	Partner string
}

// CreateToken issues an API token for an organization (orgID set) or a
// program token (orgID empty): any staff member signed in with a second
// factor may create one for the systems they work with, and it acts with
// their own role, never more. The secret is returned once and only its hash
// is kept.
func (o *Office) CreateToken(ctx context.Context, a auth.Actor, orgID string, in TokenInput) (auth.APIToken, string, error) {
	var tok auth.APIToken
	secret := auth.NewSecret("tla")
	err := o.update(ctx, func(tx *store.Tx) error {
		allowed := companyScopes
		if orgID == "" {
			if err := authorizeStaff(a, auth.CaseQueue); err != nil {
				return err
			}
			allowed = auth.AllScopes()
		} else if _, err := authorizeOrg(tx, a, orgID, auth.TokensManage); err != nil {
			return err
		}
		if err := checkToken(in, allowed, tx.Now()); err != nil {
			return err
		}
		if err := checkPartnerBinding(tx, a, orgID, in); err != nil {
			return err
		}
		// A token never grants more than its creator holds now.
		for _, s := range in.Scopes {
			// exchange:read on a partner-bound token comes from the
			// administrator's right to bind (checked above), not from
			// holding it: no token can hold it unbound.
			if !a.HasScope(s) && (s != auth.ScopeExchange || in.Partner == "") {
				return errForbidden
			}
		}
		tok = auth.APIToken{UserID: a.UserID, OrgID: orgID, Name: strings.TrimSpace(in.Name), Scopes: in.Scopes, ExpiresAt: in.Expires.UTC(),
			Partner: in.Partner}
		if err := tx.InsertToken(&tok, auth.HashSecret(secret)); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "api_token", SubjectID: tok.ID, Action: "token.created",
			Data: map[string]any{"name": tok.Name, "scopes": tok.Scopes, "expires_at": tok.ExpiresAt, "partner": tok.Partner}})
	})
	if err != nil {
		return auth.APIToken{}, "", err
	}
	return tok, secret, nil
}

// checkPartnerBinding: exchange:read and a partner binding go together, on
// a program token an administrator creates, for a program in the registry.
func checkPartnerBinding(tx *store.Tx, a auth.Actor, orgID string, in TokenInput) error {
	wantsExchange := slices.Contains(in.Scopes, auth.ScopeExchange)
	if in.Partner == "" {
		if wantsExchange {
			return errs.Fields(errs.F("partner", "error.token.partner_required", "choose the partner program this exchange token is for"))
		}
		return nil
	}
	if orgID != "" {
		return errs.Fields(errs.F("partner", "error.token.partner_company", "a company token cannot be bound to a partner program"))
	}
	if err := authorizeStaff(a, auth.SystemTokens); err != nil {
		return err
	}
	if !slices.Equal(in.Scopes, []auth.Scope{auth.ScopeExchange}) {
		return errs.Fields(errs.F("scopes", "error.token.partner_scope", "a token bound to a partner program holds the exchange permission only"))
	}
	if _, err := tx.PartnerProgram(in.Partner); errs.Is(err, errs.NotFound) {
		return errs.Fields(errs.F("partner", "error.token.partner_unknown", "choose a partner program from the list"))
	} else if err != nil {
		return err
	}
	return nil
}

func checkToken(in TokenInput, allowed []auth.Scope, now time.Time) error {
	var fe []errs.FieldError
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Name)); n == 0 || n > 100 {
		fe = append(fe, errs.F("name", "error.required", "name the token after the system that uses it"))
	}
	if len(in.Scopes) == 0 {
		fe = append(fe, errs.F("scopes", "error.scopes_required", "choose at least one permission"))
	}
	for _, s := range in.Scopes {
		if !slices.Contains(allowed, s) {
			fe = append(fe, errs.F("scopes", "error.scope_unknown", "choose permissions from the list"))
			break
		}
	}
	if !in.Expires.After(now) || in.Expires.Sub(now) > auth.MaxTokenLifetime {
		fe = append(fe, errs.F("expires", "error.token_expiry", "choose an expiry date within the next year"))
	}
	if len(fe) > 0 {
		return errs.Fields(fe...)
	}
	return nil
}

// Tokens lists an organization's tokens ("" for program tokens).
func (o *Office) Tokens(ctx context.Context, a auth.Actor, orgID string) ([]auth.APIToken, error) {
	var out []auth.APIToken
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeTokens(tx, a, orgID); err != nil {
			return err
		}
		all, err := tx.Tokens(orgID)
		if err != nil {
			return err
		}
		for _, t := range all {
			if orgID != "" || ownsProgramToken(a, t) {
				out = append(out, t)
			}
		}
		return nil
	})
	return out, err
}

// ownsProgramToken: administrators manage every program token; other staff
// only their own.
func ownsProgramToken(a auth.Actor, t auth.APIToken) bool {
	return auth.Can(a.Staff, auth.SystemTokens) || t.UserID == a.UserID
}

// RevokeToken ends a token at once.
func (o *Office) RevokeToken(ctx context.Context, a auth.Actor, orgID, id string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeTokens(tx, a, orgID); err != nil {
			return err
		}
		tok, err := tx.Token(orgID, id)
		if err != nil {
			return err
		}
		if orgID == "" && !ownsProgramToken(a, tok) {
			return errNotFound
		}
		if err := tx.RevokeToken(id); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: KindTokenChanged, ID: id})
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "api_token", SubjectID: id, Action: "token.revoked",
			Data: map[string]string{"name": tok.Name}})
	})
}

func authorizeTokens(tx *store.Tx, a auth.Actor, orgID string) error {
	if orgID == "" {
		return authorizeStaff(a, auth.CaseQueue)
	}
	_, err := authorizeOrg(tx, a, orgID, auth.TokensManage)
	return err
}

var errBadToken = errs.E(errs.Unauthorized, "error.token_invalid", "the API token is missing, unknown, expired or revoked")

// TokenActor resolves an API token to the actor it stands for: its creator,
// narrowed to the token's scopes and organization. A token whose creator
// lost the role or the account stops working with them.
func (o *Office) TokenActor(ctx context.Context, secret string) (auth.Actor, error) {
	var a auth.Actor
	var tok auth.APIToken
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		if tok, err = tx.TokenBySecret(auth.HashSecret(secret)); err != nil {
			return err
		}
		if !tok.Usable(tx.Now()) {
			return errBadToken
		}
		u, err := tx.User(tok.UserID)
		if err != nil || !u.Disabled.IsZero() {
			return errBadToken
		}
		if tok.OrgID != "" {
			if _, err := tx.Member(tok.OrgID, u.ID); err != nil {
				return errBadToken
			}
		}
		a = u.Actor()
		a.Scopes, a.TokenID, a.OrgID, a.Partner, a.TokenExpires = tok.Scopes, tok.ID, tok.OrgID, tok.Partner, tok.ExpiresAt
		if a.Scopes == nil {
			a.Scopes = []auth.Scope{}
		}
		return nil
	})
	if errs.Is(err, errs.NotFound) {
		return a, errBadToken
	}
	if err != nil {
		return a, err
	}
	if tok.LastUsedAt.IsZero() || o.db.Now().Sub(tok.LastUsedAt) >= auth.TouchEvery {
		if err := o.update(ctx, func(tx *store.Tx) error { return tx.TouchToken(tok.ID) }); err != nil {
			o.log.Warn("touch token", "err", err)
		}
	}
	return a, nil
}

// CreateTokenByOperator issues a program token from the command line for a
// staff member (the operator has the database; a border system's first
// token is made this way). It acts with that person's role, never more,
// and is audited as the operator's.
func (o *Office) CreateTokenByOperator(ctx context.Context, email string, in TokenInput) (auth.APIToken, string, error) {
	var u auth.User
	err := o.view(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.UserByEmail(strings.ToLower(strings.TrimSpace(email)))
		return err
	})
	if err != nil {
		return auth.APIToken{}, "", err
	}
	if !u.Staff.IsStaff() || !u.Disabled.IsZero() {
		return auth.APIToken{}, "", errs.E(errs.Forbidden, "error.forbidden", "program tokens are made for active staff accounts")
	}
	a := u.Actor()
	a.MFA = true
	return o.CreateToken(ctx, a, "", in)
}
