package api

import (
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// Request and response bodies. Names are snake_case, times RFC 3339 in UTC,
// optional times absent until they happen. No body carries a password hash,
// a token's hash or a TOTP secret; a token's secret appears once, in the
// answer to its creation.

// Envelopes huma renders: a body, or a created resource with its Location.
type (
	bodyOut[T any]    struct{ Body T }
	createdOut[T any] struct {
		Location string `header:"Location" doc:"Where the new resource can be read."`
		Body     T
	}
	// list is a collection; an envelope so paging can grow without breaking
	// clients.
	list[T any] struct {
		Items []T `json:"items"`
	}
)

// Path parameters are repeated in each input rather than embedded: huma
// reads only exported embedded structs. IDs are opaque strings; the length
// limit keeps junk out of queries and logs.
type orgPath struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
}

// address is where an organization is established.
type address struct {
	Line1      string `json:"line1" maxLength:"200"`
	Line2      string `json:"line2,omitempty" maxLength:"200"`
	City       string `json:"city" maxLength:"200"`
	Region     string `json:"region" maxLength:"3" doc:"Province, territory or state code, e.g. ON."`
	PostalCode string `json:"postal_code" maxLength:"10"`
	Country    string `json:"country" enum:"CA,US"`
}

// organizationInput is an organization's details, replaced as a whole.
type organizationInput struct {
	LegalName     string      `json:"legal_name" maxLength:"200"`
	OperatingName string      `json:"operating_name,omitempty" maxLength:"200"`
	Category      string      `json:"category" enum:"member,associate" doc:"Members take part with the benefits; associates without."`
	Address       address     `json:"address"`
	Phone         string      `json:"phone,omitempty" maxLength:"30"`
	Website       string      `json:"website,omitempty" maxLength:"300" doc:"Starting with https:// or http://."`
	Sectors       []sector    `json:"sectors" maxItems:"11" nullable:"false"`
	Identifiers   identifiers `json:"identifiers"`
	Lang          string      `json:"lang" enum:"en,fr" doc:"The language of the organization's mail."`
}

// organization is an organization as the API shows it: its details as
// organizationInput takes them, with its ID, times and the caller's role.
type organization struct {
	ID            string      `json:"id"`
	LegalName     string      `json:"legal_name"`
	OperatingName string      `json:"operating_name,omitempty"`
	Category      string      `json:"category" enum:"member,associate"`
	Address       address     `json:"address"`
	Phone         string      `json:"phone,omitempty"`
	Website       string      `json:"website,omitempty"`
	Sectors       []sector    `json:"sectors" nullable:"false"`
	Identifiers   identifiers `json:"identifiers"`
	Lang          string      `json:"lang" enum:"en,fr"`
	Role          role        `json:"role,omitempty" doc:"The caller's role in the organization."`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
}

func orgOut(o program.Organization, r auth.Role) organization {
	ids := identifiers{}
	for _, k := range ident.Kinds() {
		if v := o.Identifiers[k]; v != "" {
			ids[string(k)] = v
		}
	}
	return organization{
		ID: o.ID, LegalName: o.LegalName, OperatingName: o.OperatingName, Category: string(o.Category),
		Address: address(o.Address), Phone: o.Phone, Website: o.Website,
		Sectors: conv[sector](o.Sectors), Identifiers: ids, Lang: o.Lang,
		Role: role(r), CreatedAt: o.CreatedAt.UTC(), UpdatedAt: o.UpdatedAt.UTC(),
	}
}

func (in organizationInput) domain() program.OrgInput {
	return program.OrgInput{
		LegalName: in.LegalName, OperatingName: in.OperatingName, Category: in.Category,
		Address: program.Address(in.Address), Phone: in.Phone, Website: in.Website,
		Sectors: conv[string](in.Sectors), Identifiers: in.Identifiers, Lang: in.Lang,
	}
}

// member is a person's place in an organization.
type member struct {
	UserID       string    `json:"user_id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         role      `json:"role"`
	JoinedAt     time.Time `json:"joined_at"`
	LastSignInAt time.Time `json:"last_sign_in_at,omitzero"`
	Disabled     bool      `json:"disabled"`
}

func memberOut(m program.Member) member {
	return member{UserID: m.UserID, Email: m.Email, Name: m.Name, Role: role(m.Role),
		JoinedAt: m.CreatedAt.UTC(), LastSignInAt: utc(m.LastSignInAt), Disabled: m.Disabled}
}

// me is who a token acts for.
type me struct {
	UserID    string  `json:"user_id"`
	Name      string  `json:"name"`
	Email     string  `json:"email"`
	StaffRole role    `json:"staff_role,omitempty" doc:"Set for program staff."`
	TokenID   string  `json:"token_id"`
	OrgID     string  `json:"org_id,omitempty" doc:"The one organization a company token is bound to."`
	Scopes    []scope `json:"scopes" nullable:"false"`
}

// utc normalizes an optional time: UTC, or zero (omitted).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}
