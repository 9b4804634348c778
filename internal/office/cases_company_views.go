package office

import (
	"context"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// DecisionView is one decision with the case it is about and its appeals:
// what the company reads before it appeals, at the decision's own URL, so a
// decision ID is enough to find it (mail and letters name decisions).
type DecisionView struct {
	Decision program.Decision
	// Sector and Number name the case: the application's sector, or the
	// membership's sector and number.
	Sector  program.Sector
	Number  string
	Appeals []program.Appeal // appeals of this decision, oldest first
	Now     time.Time
}

// CaseDecision loads a decision for a company member (another company's
// decision is NotFound) or for staff (orgID may be "").
func (o *Office) CaseDecision(ctx context.Context, a auth.Actor, orgID, decisionID string) (*DecisionView, error) {
	var v *DecisionView
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeCase(tx, a, orgID, caseViewAction(a)); err != nil {
			return err
		}
		if a.IsStaff() {
			orgID = ""
		}
		dec, err := tx.Decision(orgID, decisionID)
		if err != nil {
			return err
		}
		v = &DecisionView{Decision: dec, Now: tx.Now()}
		switch dec.SubjectType {
		case subjectApplication:
			app, err := tx.Application(dec.OrgID, dec.SubjectID)
			if err != nil {
				return err
			}
			v.Sector = app.Sector
		case subjectMembership:
			m, err := tx.Membership(dec.OrgID, dec.SubjectID)
			if err != nil {
				return err
			}
			v.Sector, v.Number = m.Sector, m.Number
		}
		all, err := tx.Appeals(dec.SubjectType, dec.SubjectID)
		if err != nil {
			return err
		}
		for _, ap := range all {
			if ap.DecisionID == dec.ID {
				v.Appeals = append(v.Appeals, ap)
			}
		}
		return nil
	})
	return v, err
}
