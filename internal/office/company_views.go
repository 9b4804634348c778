package office

import (
	"slices"

	"trustlane/internal/auth"
)

// CompanyScopes lists the scopes a company API token may hold, in the order
// forms offer them, so the portal shows exactly what CreateToken accepts and
// the list lives in one place.
func CompanyScopes() []auth.Scope { return slices.Clone(companyScopes) }
