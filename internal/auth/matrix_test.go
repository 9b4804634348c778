package auth

import (
	"slices"
	"testing"
)

// The expected policy, written from the program's rules rather than copied
// from the matrix: owners and proxies manage people and ownership; full
// access edits, invites and manages tokens but neither changes roles nor
// removes people; read-only only views; every staff role views every
// organization; only administrators manage staff and program tokens;
// managers and administrators reassign ownership and verify the audit trail;
// the people who edit the company answer its Security Profile and run its
// applications, and everyone who sees the company sees its profile and
// cases; only the account owner signs the memorandum and withdraws the
// membership, owners and proxies appeal; officers and managers review cases,
// validators (with officers and managers) record site findings, managers
// approve and cancel, officers and managers deny and suspend, and only
// appeals reviewers decide appeals. Company writers declare partner
// memberships and owners give consent to share; every staff role sees partner
// data and border standing, managers and administrators import partner lists,
// officers and managers confirm links, administrators keep the registry and
// issue partner exchange tokens, and officers, managers and administrators
// keep FAST cards.
var (
	wantOwners  = []Role{AccountOwner, ProxyOwner}
	wantWriters = []Role{AccountOwner, ProxyOwner, FullAccess}
	wantViewers = []Role{AccountOwner, ProxyOwner, FullAccess, ReadOnly,
		Officer, Validator, Manager, AppealsReviewer, Administrator}
	wantStaff = []Role{Officer, Validator, Manager, AppealsReviewer, Administrator}

	wantPolicy = map[Action]struct {
		roles []Role
		scope Scope
	}{
		OrgView:           {wantViewers, ScopeOrgRead},
		OrgEdit:           {wantWriters, ScopeOrgWrite},
		MembersView:       {wantViewers, ScopeMembersRead},
		MembersInvite:     {wantWriters, ScopeMembersWrite},
		MembersSetRole:    {wantOwners, ScopeMembersWrite},
		MembersRemove:     {wantOwners, ScopeMembersWrite},
		OwnershipTransfer: {wantOwners, ScopeMembersWrite},
		TokensManage:      {wantWriters, ScopeTokens},
		AuditView:         {wantViewers, ScopeOrgRead},
		ProfileView:       {wantViewers, ScopeProfileRead},
		ProfileEdit:       {wantWriters, ScopeProfileWrite},
		CaseView:          {wantViewers, ScopeCasesRead},
		CaseApply:         {wantWriters, ScopeCasesWrite},
		MOUSign:           {[]Role{AccountOwner}, ScopeCasesWrite},
		AppealFile:        {wantOwners, ScopeCasesWrite},
		MemberWithdraw:    {[]Role{AccountOwner}, ScopeCasesWrite},
		CaseQueue:         {wantStaff, ScopeStaff},
		CaseReview:        {[]Role{Officer, Manager}, ScopeStaff},
		ValidationDo:      {[]Role{Officer, Validator, Manager}, ScopeStaff},
		DecideApprove:     {[]Role{Manager}, ScopeStaff},
		DecideDeny:        {[]Role{Officer, Manager}, ScopeStaff},
		DecideSuspend:     {[]Role{Officer, Manager}, ScopeStaff},
		DecideCancel:      {[]Role{Manager}, ScopeStaff},
		AppealDecide:      {[]Role{AppealsReviewer}, ScopeStaff},
		OutboxView:        {[]Role{Administrator}, ScopeStaff},
		PartnerDeclare:    {wantWriters, ScopePartners},
		PartnerConsent:    {wantOwners, ScopePartners},
		PartnersView:      {wantStaff, ScopeStaff},
		PartnersManage:    {[]Role{Administrator}, ScopeStaff},
		PartnersImport:    {[]Role{Manager, Administrator}, ScopeStaff},
		PartnersMatch:     {[]Role{Officer, Manager}, ScopeStaff},
		ExchangeRead:      {[]Role{Administrator}, ScopeExchange},
		BorderLookup:      {wantStaff, ScopeBorder},
		FastManage:        {[]Role{Officer, Manager, Administrator}, ScopeStaff},
		OrgsSearch:        {wantStaff, ScopeStaff},
		StaffManage:       {[]Role{Administrator}, ScopeStaff},
		OwnershipReassign: {[]Role{Manager, Administrator}, ScopeStaff},
		SystemTokens:      {[]Role{Administrator}, ScopeStaff},
		AuditVerify:       {[]Role{Manager, Administrator}, ScopeStaff},
	}
)

func TestPermissionMatrixWalk(t *testing.T) {
	for _, action := range Actions() {
		want, ok := wantPolicy[action]
		if !ok {
			t.Errorf("Actions() lists %q, which the expected policy does not know", action)
			continue
		}
		for _, role := range AllRoles() {
			if got, w := Can(role, action), slices.Contains(want.roles, role); got != w {
				t.Errorf("Can(%s, %s) = %v, want %v", role, action, got, w)
			}
		}
		if got := ScopeOf(action); got != want.scope {
			t.Errorf("ScopeOf(%s) = %q, want %q", action, got, want.scope)
		}
	}
	if len(Actions()) != len(wantPolicy) {
		t.Errorf("Actions() has %d actions, the expected policy %d", len(Actions()), len(wantPolicy))
	}
}

func TestActionsListExactlyTheMatrix(t *testing.T) {
	seen := map[Action]bool{}
	for _, a := range Actions() {
		if seen[a] {
			t.Errorf("Actions() lists %q twice", a)
		}
		seen[a] = true
		if _, ok := matrix[a]; !ok {
			t.Errorf("Actions() lists %q, which has no rule in the matrix", a)
		}
	}
	for a := range matrix {
		if !seen[a] {
			t.Errorf("the matrix has a rule for %q that Actions() does not list", a)
		}
	}
}

func TestEveryActionHasAValidScopeAndAKind(t *testing.T) {
	for _, a := range Actions() {
		s := ScopeOf(a)
		if !ValidScope(s) {
			t.Errorf("ScopeOf(%s) = %q, not a valid scope", a, s)
		}
		// Company-scoped actions use company scopes; program-wide ones a
		// program scope (staff, border, exchange), so a company token can
		// never reach them.
		if CompanyScoped(a) == slices.Contains(ProgramScopes(), s) {
			t.Errorf("%s: company scoped = %v but scope %q", a, CompanyScoped(a), s)
		}
	}
	if ValidScope("admin:all") || ValidScope("") {
		t.Error("ValidScope accepts an unknown scope")
	}
}

func TestCompanyRolesTakeNoProgramWideAction(t *testing.T) {
	for _, a := range Actions() {
		for _, r := range CompanyRoles() {
			if Can(r, a) && !CompanyScoped(a) {
				t.Errorf("company role %s may take program-wide action %s", r, a)
			}
		}
	}
}

func TestUnknownRolesAndActionsAreRefused(t *testing.T) {
	for _, a := range Actions() {
		for _, r := range []Role{"", "owner", "ADMIN", "system"} {
			if Can(r, a) {
				t.Errorf("Can(%q, %s) = true", r, a)
			}
		}
	}
	for _, r := range AllRoles() {
		if Can(r, "org.delete") || Can(r, "") {
			t.Errorf("role %s may take an unknown action", r)
		}
	}
}
