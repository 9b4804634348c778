package api

import (
	"slices"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The enumerations of the API are built from the domain's own lists, so the
// OpenAPI document cannot drift from what the office accepts. Each is a
// string type that describes itself to huma as a string with an enum.

func enumSchema(doc string, values ...string) *huma.Schema {
	s := &huma.Schema{Type: huma.TypeString, Description: doc}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	return s
}

// conv converts between string types, e.g. []program.Sector to []sector.
func conv[T, S ~string](in []S) []T {
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = T(v)
	}
	return out
}

// sector is one of the program's sectors.
type sector string

func (sector) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A sector of the program.", conv[string](program.Sectors())...)
}

// role is any role, company or staff, as it appears in responses.
type role string

func (role) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A company or staff role.", conv[string](auth.AllRoles())...)
}

// memberRole is a role a member can be given by another member: never the
// account owner, which changes only by a transfer of ownership.
type memberRole string

func (memberRole) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A company role other than account owner.",
		conv[string](slices.DeleteFunc(auth.CompanyRoles(), func(r auth.Role) bool { return r == auth.AccountOwner }))...)
}

// staffRole is a role of the program office.
type staffRole string

func (staffRole) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A staff role of the program office.", conv[string](auth.StaffRoles())...)
}

// scope is any token scope.
type scope string

func (scope) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A permission an API token may hold.", conv[string](auth.AllScopes())...)
}

// companyScope is a scope an organization's token may hold.
type companyScope string

func (companyScope) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A permission an organization's API token may hold.", conv[string](office.CompanyScopes())...)
}

// identifiers maps an identifier kind to its value; one value per kind.
type identifiers map[string]string

// maxIdentifier bounds an identifier as typed (with its spaces and hyphens).
const maxIdentifier = 40

func (identifiers) Schema(huma.Registry) *huma.Schema {
	s := &huma.Schema{
		Type:                 huma.TypeObject,
		Description:          "Identifiers by kind. The program checks each value (check digits included) and which kinds the organization's sectors require.",
		Properties:           map[string]*huma.Schema{},
		AdditionalProperties: false,
	}
	maxLen := maxIdentifier
	for _, k := range ident.Kinds() {
		s.Properties[string(k)] = &huma.Schema{Type: huma.TypeString, MaxLength: &maxLen}
	}
	return s
}
