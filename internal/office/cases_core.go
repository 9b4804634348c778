package office

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/document"
	"trustlane/internal/notify"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Subjects of cases in the audit trail and in decisions.
const (
	subjectApplication = "application"
	subjectMembership  = "membership"
)

// authorizeCase decides whether the actor may take action on a case of
// orgID: staff reach any case (orgID may be "", and a named organization
// must then match the case), company users only their own organization's.
// A company actor asking for another company's case gets NotFound.
func authorizeCase(tx *store.Tx, a auth.Actor, orgID string, action auth.Action) error {
	if a.IsStaff() {
		return authorizeStaff(a, action)
	}
	_, err := authorizeOrg(tx, a, orgID, action)
	return err
}

// caseViewAction is the permission to read a case: staff read cases
// through the program office's queues, company people their own.
func caseViewAction(a auth.Actor) auth.Action {
	if a.IsStaff() {
		return auth.CaseQueue
	}
	return auth.CaseView
}

// loadCaseApp loads an application for a use case, once the actor is
// allowed action on it (see authorizeCase).
func loadCaseApp(tx *store.Tx, a auth.Actor, orgID, appID string, action auth.Action) (program.Application, error) {
	if err := authorizeCase(tx, a, orgID, action); err != nil {
		return program.Application{}, err
	}
	return tx.Application(orgID, appID)
}

// caseInput fills the common part of a transition's input.
func (o *Office) appInput(tx *store.Tx, a auth.Actor) program.AppInput {
	return program.AppInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID}
}

// saveApp stores an application after a transition with its audit event and
// a change notice.
func saveApp(tx *store.Tx, a auth.Actor, app *program.Application, action string, data map[string]any) error {
	if err := tx.UpdateApplication(app); err != nil {
		return err
	}
	tx.Changed(store.Change{Kind: subjectApplication, ID: app.ID, OrgID: app.OrgID})
	if data == nil {
		data = map[string]any{}
	}
	data["state"] = app.State
	data["sector"] = app.Sector
	return tx.Audit(a, store.Event{OrgID: app.OrgID, SubjectType: subjectApplication, SubjectID: app.ID, Action: action, Data: data})
}

// saveMember stores a membership after a transition with its audit event.
func saveMember(tx *store.Tx, a auth.Actor, m *program.Membership, action string, data map[string]any) error {
	if err := tx.SaveMembership(m); err != nil {
		return err
	}
	tx.Changed(store.Change{Kind: subjectMembership, ID: m.ID, OrgID: m.OrgID})
	if data == nil {
		data = map[string]any{}
	}
	data["state"] = m.State
	data["number"] = m.Number
	return tx.Audit(a, store.Event{OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID, Action: action, Data: data})
}

// decision records a decision with its letter and tells the company by
// mail, all in the caller's transaction.
type decisionArgs struct {
	kind        program.DecisionKind
	subjectType string
	subjectID   string
	sector      program.Sector
	number      string
	reasons     []string
	narrative   string
	effective   time.Time
}

func (o *Office) decide(tx *store.Tx, a auth.Actor, orgID string, d decisionArgs) (program.Decision, error) {
	dec, err := program.NewDecision(o.policy, d.kind, d.reasons, d.narrative, a.UserID, tx.Now(), d.effective)
	if err != nil {
		return dec, err
	}
	dec.OrgID, dec.SubjectType, dec.SubjectID = orgID, d.subjectType, d.subjectID
	dec.ID = store.NewID()
	org, err := tx.Org(orgID)
	if err != nil {
		return dec, err
	}
	letter, err := o.letter(org, dec, d)
	if err != nil {
		return dec, err
	}
	dec.LetterID = letter.ID
	if err := tx.InsertDecision(&dec); err != nil {
		return dec, err
	}
	if err := tx.InsertLetter(&letter); err != nil {
		return dec, err
	}
	if err := tx.Audit(a, store.Event{OrgID: orgID, SubjectType: d.subjectType, SubjectID: d.subjectID, Action: "decision." + string(d.kind),
		Data: map[string]any{"decision": dec.ID, "reasons": dec.Reasons, "effective_at": dec.EffectiveAt,
			"appeal_deadline": dec.AppealDeadline, "letter_sha256": letter.SHA256}}); err != nil {
		return dec, err
	}
	data := map[string]string{"Org": org.LegalName, "Decision": notify.Key("letter.kind." + string(d.kind)),
		"Sector": notify.Key("sector." + string(d.sector)), "Effective": o.dateValue(dec.EffectiveAt),
		"Link": o.link(casePath(d.subjectType, orgID, d.subjectID))}
	return dec, o.mailCompany(tx, org, "decision", data)
}

// letter renders a decision's letter in the company's language.
func (o *Office) letter(org program.Organization, dec program.Decision, d decisionArgs) (store.Letter, error) {
	reasons := make([]string, 0, len(dec.Reasons))
	for _, code := range dec.Reasons {
		if r, ok := o.policy.Reason(dec.Kind, code); ok {
			reasons = append(reasons, r.Label.In(org.Lang)+" ("+code+")")
		}
	}
	addr := []string{org.Address.Line1}
	if org.Address.Line2 != "" {
		addr = append(addr, org.Address.Line2)
	}
	addr = append(addr, org.Address.City+" "+org.Address.Region+"  "+org.Address.PostalCode)
	pdf, err := document.DecisionLetter(document.Letter{Lang: org.Lang, Kind: string(dec.Kind), Reference: dec.ID,
		Date: dec.DecidedAt, OrgName: org.LegalName, Address: addr, Sector: string(d.sector), Number: d.number,
		Reasons: reasons, Narrative: dec.Narrative, EffectiveAt: dec.EffectiveAt, AppealBy: dec.AppealDeadline, Loc: o.loc})
	if err != nil {
		return store.Letter{}, err
	}
	sum := sha256.Sum256(pdf)
	return store.Letter{ID: store.NewID(), OrgID: org.ID, DecisionID: dec.ID, Lang: org.Lang, PDF: pdf,
		Filename: document.LetterFileName(string(dec.Kind), dec.ID, org.Lang), SHA256: hex.EncodeToString(sum[:])}, nil
}

// mailCompany writes a message to the company's account owner and proxy
// owners, in the company's language. It takes the organization its caller
// has already loaded (for the message's data) rather than reading it again.
func (o *Office) mailCompany(tx *store.Tx, org program.Organization, template string, data map[string]string) error {
	ms, err := tx.Members(org.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if (m.Role == auth.AccountOwner || m.Role == auth.ProxyOwner) && !m.Disabled {
			if err := mail(tx, template, org.Lang, m.Email, data); err != nil {
				return err
			}
		}
	}
	return nil
}

// mailStaff writes to one staff member (the officer of a case), if any.
func (o *Office) mailStaff(tx *store.Tx, userID, template string, data map[string]string) error {
	if userID == "" {
		return nil
	}
	u, err := tx.User(userID)
	if err != nil || !u.Disabled.IsZero() {
		return err
	}
	return mail(tx, template, u.Lang, u.Email, data)
}

// casePath is the portal page of a case, for links in mail.
func casePath(subjectType, orgID, id string) string {
	if subjectType == subjectMembership {
		return "/app/orgs/" + orgID + "/memberships/" + id
	}
	return "/app/orgs/" + orgID + "/applications/" + id
}

// staffCasePath is the program office's page of a case.
func staffCasePath(subjectType, id string) string {
	if subjectType == subjectMembership {
		return "/office/memberships/" + id
	}
	return "/office/applications/" + id
}
