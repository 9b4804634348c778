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
	// Cases: applications and memberships. Company people who edit the
	// company run its applications; only the account owner signs the
	// memorandum; owners and proxies appeal and withdraw.
	CaseView       Action = "case.view"
	CaseApply      Action = "case.apply"
	MOUSign        Action = "mou.sign"
	AppealFile     Action = "appeal.file"
	MemberWithdraw Action = "membership.withdraw"
	// Mutual recognition: a company declares its memberships of partner
	// programs, and only its owners give or withdraw consent to share its
	// standing with a partner administration.
	PartnerDeclare Action = "partner.declare"
	PartnerConsent Action = "partner.consent"
)

// Program-wide actions, for staff only.
const (
	OrgsSearch        Action = "orgs.search"
	StaffManage       Action = "staff.manage"
	OwnershipReassign Action = "ownership.reassign"
	SystemTokens      Action = "tokens.system"
	AuditVerify       Action = "audit.verify"
	// The program office's work on cases.
	CaseQueue     Action = "case.queue"     // see the work queues and calendar
	CaseReview    Action = "case.review"    // take a case, ask for information, check eligibility, schedule validations, verify action plans
	ValidationDo  Action = "validation.do"  // record findings of a validation one is assigned to
	DecideApprove Action = "decide.approve" // approve an application
	DecideDeny    Action = "decide.deny"    // announce a denial
	DecideSuspend Action = "decide.suspend" // suspend and reinstate a membership
	DecideCancel  Action = "decide.cancel"  // cancel a membership
	AppealDecide  Action = "appeal.decide"  // decide appeals and informal reviews
	OutboxView    Action = "outbox.view"    // read mail waiting in the outbox
	// Mutual recognition and the border.
	PartnersView   Action = "partners.view"   // partner programs, their member data and the crosswalk
	PartnersManage Action = "partners.manage" // maintain the registry of partner programs
	PartnersImport Action = "partners.import" // import a partner's member list
	PartnersMatch  Action = "partners.match"  // confirm or reject a company's link to a partner member
	ExchangeRead   Action = "exchange.read"   // a partner administration reads consenting members' standing
	BorderLookup   Action = "border.lookup"   // standing, FAST eligibility and screening
	FastManage     Action = "fast.manage"     // maintain FAST cards and approvals
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
	ScopeCasesRead    Scope = "cases:read"
	ScopeCasesWrite   Scope = "cases:write"
	// ScopePartners lets a company system manage its partner memberships
	// and consents.
	ScopePartners Scope = "partners:write"
	// ScopeBorder is for border systems: status and screening.
	ScopeBorder Scope = "border:read"
	// ScopeExchange is for a partner administration's system; such a token
	// is bound to one partner program.
	ScopeExchange Scope = "exchange:read"
)

// AllScopes lists every scope, for token forms and validation.
func AllScopes() []Scope {
	return []Scope{ScopeOrgRead, ScopeOrgWrite, ScopeMembersRead, ScopeMembersWrite, ScopeTokens,
		ScopeProfileRead, ScopeProfileWrite, ScopeCasesRead, ScopeCasesWrite, ScopePartners, ScopeStaff, ScopeBorder, ScopeExchange}
}

// ProgramScopes are the scopes of program-wide actions; a company token
// never holds them.
func ProgramScopes() []Scope { return []Scope{ScopeStaff, ScopeBorder, ScopeExchange} }

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
	CaseView:          {ScopeCasesRead, join(companyAll, staffAll), true},
	CaseApply:         {ScopeCasesWrite, companyWriters, true},
	MOUSign:           {ScopeCasesWrite, []Role{AccountOwner}, true},
	AppealFile:        {ScopeCasesWrite, companyOwners, true},
	MemberWithdraw:    {ScopeCasesWrite, []Role{AccountOwner}, true},
	PartnerDeclare:    {ScopePartners, companyWriters, true},
	PartnerConsent:    {ScopePartners, companyOwners, true},

	OrgsSearch:        {ScopeStaff, staffAll, false},
	StaffManage:       {ScopeStaff, []Role{Administrator}, false},
	OwnershipReassign: {ScopeStaff, []Role{Manager, Administrator}, false},
	SystemTokens:      {ScopeStaff, []Role{Administrator}, false},
	AuditVerify:       {ScopeStaff, []Role{Administrator, Manager}, false},
	CaseQueue:         {ScopeStaff, staffAll, false},
	CaseReview:        {ScopeStaff, []Role{Officer, Manager}, false},
	ValidationDo:      {ScopeStaff, []Role{Officer, Validator, Manager}, false},
	DecideApprove:     {ScopeStaff, []Role{Manager}, false},
	DecideDeny:        {ScopeStaff, []Role{Officer, Manager}, false},
	DecideSuspend:     {ScopeStaff, []Role{Officer, Manager}, false},
	DecideCancel:      {ScopeStaff, []Role{Manager}, false},
	AppealDecide:      {ScopeStaff, []Role{AppealsReviewer}, false},
	OutboxView:        {ScopeStaff, []Role{Administrator}, false},
	PartnersView:      {ScopeStaff, staffAll, false},
	PartnersManage:    {ScopeStaff, []Role{Administrator}, false},
	PartnersImport:    {ScopeStaff, []Role{Manager, Administrator}, false},
	PartnersMatch:     {ScopeStaff, []Role{Officer, Manager}, false},
	ExchangeRead:      {ScopeExchange, []Role{Administrator}, false},
	BorderLookup:      {ScopeBorder, staffAll, false},
	FastManage:        {ScopeStaff, []Role{Officer, Manager, Administrator}, false},
}

// Actions lists every action the matrix knows, in a stable order.
func Actions() []Action {
	return []Action{
		OrgView, OrgEdit, MembersView, MembersInvite, MembersSetRole, MembersRemove,
		OwnershipTransfer, TokensManage, AuditView, ProfileView, ProfileEdit,
		CaseView, CaseApply, MOUSign, AppealFile, MemberWithdraw,
		OrgsSearch, StaffManage, OwnershipReassign, SystemTokens, AuditVerify,
		CaseQueue, CaseReview, ValidationDo, DecideApprove, DecideDeny, DecideSuspend, DecideCancel, AppealDecide, OutboxView,
		PartnerDeclare, PartnerConsent, PartnersView, PartnersManage, PartnersImport, PartnersMatch, ExchangeRead, BorderLookup, FastManage,
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
