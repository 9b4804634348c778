// Package office holds trustlane's use cases. Each one authorizes its actor
// against the permission matrix, loads what it needs, applies the domain's
// rules, and saves the result with its audit event and outbox rows in one
// transaction. The portal and the API both call it, so they cannot disagree
// about who may do what.
package office

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/notify"
	"trustlane/internal/policy"
	"trustlane/internal/program"
	"trustlane/internal/secret"
	"trustlane/internal/store"
)

// Config wires an Office.
type Config struct {
	DB *store.DB
	// Box seals TOTP secrets at rest.
	Box *secret.Box
	// EvidenceBox seals evidence files at rest.
	EvidenceBox *secret.Box
	// Catalog holds the criteria; CatalogVersion is the version new
	// profiles are answered against (catalog.DefaultVersion if empty).
	Catalog        *catalog.Catalog
	CatalogVersion string
	// Policy holds the program's windows, reason codes and duties; the
	// embedded default when zero.
	Policy *program.Policy
	// Argon tunes password hashing; zero means auth.DefaultArgon2.
	Argon auth.Argon2Params
	// Location is the program's time zone: the calendar of dates in
	// letters and mail. America/Toronto when nil.
	Location *time.Location
	// BaseURL prefixes links in mail, e.g. "https://trustlane.example".
	BaseURL string
	// Issuer names the program in authenticator apps.
	Issuer string
	Log    *slog.Logger
}

// Office runs the use cases.
type Office struct {
	db      *store.DB
	box     *secret.Box
	evBox   *secret.Box
	catalog *catalog.Catalog
	// catalogVersion is the version new profiles are answered against.
	catalogVersion string
	policy         program.Policy
	argon          auth.Argon2Params
	baseURL        string
	issuer         string
	loc            *time.Location
	log            *slog.Logger
	// borderTokens caches the actors of border tokens.
	borderTokens tokenCache
	// dummyHash is verified against when an e-mail is unknown, so a failed
	// sign-in takes as long whether or not the account exists.
	dummyHash string
}

// New makes an Office.
func New(cfg Config) (*Office, error) {
	o := &Office{db: cfg.DB, box: cfg.Box, evBox: cfg.EvidenceBox, catalog: cfg.Catalog, catalogVersion: cfg.CatalogVersion,
		argon: cfg.Argon, baseURL: cfg.BaseURL, issuer: cfg.Issuer, log: cfg.Log, loc: cfg.Location}
	if o.loc == nil {
		loc, err := time.LoadLocation("America/Toronto")
		if err != nil {
			return nil, fmt.Errorf("office: the default time zone: %w", err)
		}
		o.loc = loc
	}
	if cfg.Policy != nil {
		o.policy = *cfg.Policy
	} else {
		p, err := policy.Load("")
		if err != nil {
			return nil, err
		}
		o.policy = p
	}
	if o.evBox == nil {
		o.evBox = o.box
	}
	if o.catalogVersion == "" {
		o.catalogVersion = catalog.DefaultVersion
	}
	if o.catalog == nil {
		c, err := catalog.Load()
		if err != nil {
			return nil, err
		}
		o.catalog = c
	}
	if _, err := o.catalog.Version(o.catalogVersion); err != nil {
		return nil, err
	}
	if o.argon == (auth.Argon2Params{}) {
		o.argon = auth.DefaultArgon2
	}
	if o.issuer == "" {
		o.issuer = "trustlane"
	}
	if o.log == nil {
		o.log = slog.Default()
	}
	if o.db != nil {
		o.db.OnChange(o.borderTokens.onChange)
	}
	h, err := auth.HashPassword("not a real password", o.argon)
	if err != nil {
		return nil, err
	}
	o.dummyHash = h
	return o, nil
}

// Policy is the program's policy in force.
func (o *Office) Policy() program.Policy { return o.policy }

// Catalog is the criteria catalog the office assesses profiles against.
func (o *Office) Catalog() *catalog.Catalog { return o.catalog }

// DB exposes the store for read models that need no authorization (health).
func (o *Office) DB() *store.DB { return o.db }

var (
	errNotFound  = errs.E(errs.NotFound, "error.not_found", "not found")
	errForbidden = errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")
	errNeedMFA   = errs.E(errs.Forbidden, "error.mfa_required", "set up two-step verification to use staff pages")
)

// authorizeOrg decides whether the actor may take action on orgID and
// returns the role it acts under. Anyone who is neither staff nor a member of
// the organization gets NotFound: another company's ID answers 404.
func authorizeOrg(tx *store.Tx, a auth.Actor, orgID string, action auth.Action) (auth.Role, error) {
	if a.OrgID != "" && a.OrgID != orgID {
		return "", errNotFound
	}
	if a.IsStaff() {
		if err := authorizeStaff(a, action); err != nil {
			return "", err
		}
		if err := tx.OrgExists(orgID); err != nil {
			return "", err
		}
		return a.Staff, nil
	}
	m, err := tx.Member(orgID, a.UserID)
	if errs.Is(err, errs.NotFound) {
		return "", errNotFound
	}
	if err != nil {
		return "", err
	}
	if !a.Allows(m.Role, action) {
		return m.Role, errForbidden
	}
	return m.Role, nil
}

// authorizeStaff decides a program-wide action.
func authorizeStaff(a auth.Actor, action auth.Action) error {
	if !a.IsStaff() {
		return errForbidden
	}
	if a.TokenID == "" && !a.MFA {
		return errNeedMFA
	}
	if !a.Allows(a.Staff, action) {
		return errForbidden
	}
	return nil
}

// link builds an absolute URL for mail.
func (o *Office) link(path string) string { return o.baseURL + path }

// mail queues a message for the dispatcher in the caller's transaction.
func mail(tx *store.Tx, template, lang, to string, data map[string]string) error {
	return tx.Enqueue(notify.KindMail, notify.Job{Template: template, Lang: lang, To: to, Data: data}, time.Time{})
}

// update and view shorten the transaction calls.
func (o *Office) update(ctx context.Context, fn func(tx *store.Tx) error) error {
	return o.db.Update(ctx, fn)
}

func (o *Office) view(ctx context.Context, fn func(tx *store.Tx) error) error {
	return o.db.View(ctx, fn)
}

// dateValue marks a date for mail, on the program's calendar.
func (o *Office) dateValue(t time.Time) string { return notify.DateValue(t, o.loc) }
