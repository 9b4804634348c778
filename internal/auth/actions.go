package auth

// Action is something an actor may attempt. Every use case in the office
// names exactly one action and asks the matrix before it touches data.
type Action string

// Company-scoped actions: the organization is named in the request and a
// company actor must belong to it.
const (
	OrgView           Action = "org.view"
	OrgEdit           Action = "org.edit"
	MembersView       Action = "members.view"
	MembersInvite     Action = "members.invite"
	MembersSetRole    Action = "members.set_role"
	MembersRemove     Action = "members.remove"
	OwnershipTransfer Action = "ownership.transfer"
	TokensManage      Action = "tokens.manage"
	AuditView         Action = "audit.view"
	// The Security Profile: viewing it with its gap assessment, and
	// answering it (answers and evidence).
	ProfileView Action = "profile.view"
	ProfileEdit Action = "profile.edit"
)

// Program-wide actions, for staff only.
const (
	OrgsSearch        Action = "orgs.search"
	StaffManage       Action = "staff.manage"
	OwnershipReassign Action = "ownership.reassign"
	SystemTokens      Action = "tokens.system"
	AuditVerify       Action = "audit.verify"
)

// Scope is what an API token may be granted. A token can do an action only
// if its scopes include the action's scope and its owner's role allows it.
type Scope string

// The scopes.
const (
	ScopeOrgRead      Scope = "org:read"
	ScopeOrgWrite     Scope = "org:write"
	ScopeMembersRead  Scope = "members:read"
	ScopeMembersWrite Scope = "members:write"
	ScopeTokens       Scope = "tokens:write"
	ScopeStaff        Scope = "staff"
	ScopeProfileRead  Scope = "profile:read"
	ScopeProfileWrite Scope = "profile:write"
)

// AllScopes lists every scope, for token forms and validation.
func AllScopes() []Scope {
	return []Scope{ScopeOrgRead, ScopeOrgWrite, ScopeMembersRead, ScopeMembersWrite, ScopeTokens,
		ScopeProfileRead, ScopeProfileWrite, ScopeStaff}
}

// ValidScope reports whether s is a known scope.
func ValidScope(s Scope) bool {
	for _, k := range AllScopes() {
		if k == s {
			return true
		}
	}
	return false
}

// rule is one row of the permission matrix.
type rule struct {
	scope Scope
	roles []Role
	// company marks actions that act on one organization named in the
	// request; company roles can only hold those.
	company bool
}

var (
	companyAll     = []Role{AccountOwner, ProxyOwner, FullAccess, ReadOnly}
	companyWriters = []Role{AccountOwner, ProxyOwner, FullAccess}
	companyOwners  = []Role{AccountOwner, ProxyOwner}
	staffAll       = []Role{Officer, Validator, Manager, AppealsReviewer, Administrator}
)

func join(sets ...[]Role) []Role {
	var out []Role
	for _, s := range sets {
		out = append(out, s...)
	}
	return out
}

// matrix is the program's permission policy, role by action. It is code, not
// configuration: changing who may do what is a reviewed change.
var matrix = map[Action]rule{
	OrgView:           {ScopeOrgRead, join(companyAll, staffAll), true},
	OrgEdit:           {ScopeOrgWrite, companyWriters, true},
	MembersView:       {ScopeMembersRead, join(companyAll, staffAll), true},
	MembersInvite:     {ScopeMembersWrite, companyWriters, true},
	MembersSetRole:    {ScopeMembersWrite, companyOwners, true},
	MembersRemove:     {ScopeMembersWrite, companyOwners, true},
	OwnershipTransfer: {ScopeMembersWrite, companyOwners, true},
	TokensManage:      {ScopeTokens, companyWriters, true},
	AuditView:         {ScopeOrgRead, join(companyAll, staffAll), true},
	ProfileView:       {ScopeProfileRead, join(companyAll, staffAll), true},
	ProfileEdit:       {ScopeProfileWrite, companyWriters, true},

	OrgsSearch:        {ScopeStaff, staffAll, false},
	StaffManage:       {ScopeStaff, []Role{Administrator}, false},
	OwnershipReassign: {ScopeStaff, []Role{Manager, Administrator}, false},
	SystemTokens:      {ScopeStaff, []Role{Administrator}, false},
	AuditVerify:       {ScopeStaff, []Role{Administrator, Manager}, false},
}

// Actions lists every action the matrix knows, in a stable order.
func Actions() []Action {
	return []Action{
		OrgView, OrgEdit, MembersView, MembersInvite, MembersSetRole, MembersRemove,
		OwnershipTransfer, TokensManage, AuditView, ProfileView, ProfileEdit,
		OrgsSearch, StaffManage, OwnershipReassign, SystemTokens, AuditVerify,
	}
}

// Can reports whether role may take action. Unknown actions are refused.
func Can(role Role, action Action) bool {
	r, ok := matrix[action]
	if !ok {
		return false
	}
	for _, x := range r.roles {
		if x == role {
			return true
		}
	}
	return false
}

// ScopeOf returns the token scope an action needs.
func ScopeOf(action Action) Scope { return matrix[action].scope }

// CompanyScoped reports whether action acts on one named organization.
func CompanyScoped(action Action) bool { return matrix[action].company }
