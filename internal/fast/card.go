// Package fast is the domain of FAST (Free and Secure Trade, EXPRES in
// French): the commercial drivers' cards the border reads at the booth, and
// the program's FAST approval of a company for a direction of travel. A
// shipment uses a FAST lane only when the driver's card, the carrier and the
// importer all qualify, so the border index loads every card and approval.
// It is pure: no I/O, time is passed in.
//
// It is its own package rather than part of internal/program because cards
// belong to drivers, not to member organizations, and the border screening
// reads them without the rest of the membership domain.
package fast

import (
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// Kind is the type of card a driver holds.
type Kind string

// The kinds: a FAST card (joint CBSA/CBP, both directions) and a CDRP card
// (the Commercial Driver Registration Program, Canadian only, valid only
// into Canada).
const (
	KindFAST Kind = "fast"
	KindCDRP Kind = "cdrp"
)

// Kinds lists the card kinds in display order.
func Kinds() []Kind { return []Kind{KindFAST, KindCDRP} }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == KindFAST || k == KindCDRP }

// CardLifetime is how long a card is issued for: five years.
const CardLifetime = 5 * 365 * 24 * time.Hour

// Number formats. Our assumption, not a published rule: a card number is
// 8 to 12 digits (the card's PASSID is 9 digits; older cards and CDRP
// numbers vary). Spaces and hyphens typed by hand are dropped.
const (
	NumberMin = 8
	NumberMax = 12
)

// Card is a driver's FAST or CDRP card as the program records it.
type Card struct {
	Number        string
	Holder        string
	Kind          Kind
	SouthOnly     bool      // FAST South: southern border only
	ValidUntil    time.Time // the card's expiry; it is valid through this instant
	RevokedAt     time.Time // zero while not revoked
	RevokedReason string
	UpdatedAt     time.Time
}

// CardInput is a card as typed on a form, sent to the API or read from an
// import file.
type CardInput struct {
	Number     string
	Holder     string
	Kind       string
	SouthOnly  bool
	ValidUntil time.Time
}

// CheckNumber normalizes a card number and checks its shape.
func CheckNumber(s string) (string, error) {
	n := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s))
	if n == "" {
		return "", errs.Fields(errs.F("number", "error.fast.number_required", "enter the card number"))
	}
	if len(n) < NumberMin || len(n) > NumberMax || strings.Trim(n, "0123456789") != "" {
		return "", errs.Fields(errs.F("number", "error.fast.number_format", "a card number is 8 to 12 digits"))
	}
	return n, nil
}

// NewCard checks in and returns the card it describes. A card issued now
// cannot expire more than five years (and a day, for time zones) from now;
// an expired card may be recorded, so the border can say why it is refused.
func NewCard(in CardInput, now time.Time) (Card, error) {
	var fe []errs.FieldError
	num, err := CheckNumber(in.Number)
	if e, ok := errs.As(err); ok {
		fe = append(fe, e.Fields...)
	}
	holder := strings.Join(strings.Fields(in.Holder), " ")
	if n := utf8.RuneCountInString(holder); n == 0 || n > 200 {
		fe = append(fe, errs.F("holder", "error.fast.holder_required", "enter the holder's name as on the card (up to 200 characters)"))
	}
	kind := Kind(strings.ToLower(strings.TrimSpace(in.Kind)))
	switch {
	case !kind.Valid():
		fe = append(fe, errs.F("kind", "error.fast.kind", "choose FAST or CDRP"))
	case kind == KindCDRP && in.SouthOnly:
		fe = append(fe, errs.F("south_only", "error.fast.cdrp_south", "a CDRP card is valid only into Canada; it cannot be FAST South"))
	}
	switch {
	case in.ValidUntil.IsZero():
		fe = append(fe, errs.F("valid_until", "error.fast.valid_until_required", "enter the expiry date printed on the card"))
	case in.ValidUntil.After(now.Add(CardLifetime + 24*time.Hour)):
		fe = append(fe, errs.F("valid_until", "error.fast.valid_until_far", "a card is valid for five years at most"))
	}
	if len(fe) > 0 {
		return Card{}, errs.Fields(fe...)
	}
	return Card{Number: num, Holder: holder, Kind: kind, SouthOnly: in.SouthOnly, ValidUntil: in.ValidUntil.UTC()}, nil
}

// Edit applies in to an existing card, keeping its number and revocation.
func (c Card) Edit(in CardInput, now time.Time) (Card, error) {
	in.Number = c.Number
	n, err := NewCard(in, now)
	if err != nil {
		return c, err
	}
	n.RevokedAt, n.RevokedReason = c.RevokedAt, c.RevokedReason
	return n, nil
}

// Revoke ends a card at now for reason. A revocation is final: a new card
// is a new number.
func (c Card) Revoke(reason string, now time.Time) (Card, error) {
	reason = strings.TrimSpace(reason)
	if !c.RevokedAt.IsZero() {
		return c, errs.E(errs.Conflict, "error.fast.already_revoked", "this card is already revoked")
	}
	if n := utf8.RuneCountInString(reason); n == 0 || n > 500 {
		return c, errs.Fields(errs.F("reason", "error.fast.reason_required", "give the reason for revoking the card (up to 500 characters)"))
	}
	c.RevokedAt, c.RevokedReason = now.UTC(), reason
	return c, nil
}

// Revoked reports whether the card is revoked.
func (c Card) Revoked() bool { return !c.RevokedAt.IsZero() }

// ValidAt reports whether the card is neither revoked nor expired at t.
func (c Card) ValidAt(t time.Time) bool {
	return (c.RevokedAt.IsZero() || t.Before(c.RevokedAt)) && !t.After(c.ValidUntil)
}

// ValidInto reports whether the card lets its holder use a FAST lane on the
// northern border in direction d at t: a CDRP card only into Canada, a FAST
// South card never (it serves the southern border only).
func (c Card) ValidInto(d Direction, t time.Time) bool {
	if !c.ValidAt(t) || c.SouthOnly || !d.Valid() {
		return false
	}
	return c.Kind == KindFAST || d == IntoCA
}
