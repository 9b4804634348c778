package office

import (
	"context"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Read models of the program office's case screens that the case views of
// cases_views.go do not give: what a queue row, an appeal or a calendar day
// shows beside the record itself (the organization's name, the sector, the
// people's names). Each loads in one transaction for one page.

// StaffMemberPage is one page of the memberships queue.
type StaffMemberPage struct {
	Members []program.Membership
	Orgs    map[string]string // org ID → legal name
	// More tells whether another page follows: the store counts no
	// memberships by state, so the page asks for one row more than it shows.
	More bool
}

// StaffMemberships lists memberships in some states for staff, oldest
// change first, with their organizations' names.
func (o *Office) StaffMemberships(ctx context.Context, a auth.Actor, states []program.MemberState, limit, offset int) (StaffMemberPage, error) {
	var p StaffMemberPage
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return p, err
	}
	limit, offset = min(max(limit, 1), 200), max(offset, 0)
	err := o.view(ctx, func(tx *store.Tx) error {
		ms, err := tx.MembershipsByState(states, limit+1, offset)
		if err != nil {
			return err
		}
		if len(ms) > limit {
			ms, p.More = ms[:limit], true
		}
		p.Members = ms
		orgIDs := make([]string, len(ms))
		for i, m := range ms {
			orgIDs[i] = m.OrgID
		}
		p.Orgs, err = staffOrgNames(tx, orgIDs)
		return err
	})
	return p, err
}

// staffOrgNames resolves organizations' legal names, each once.
func staffOrgNames(tx *store.Tx, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		org, err := tx.Org(id)
		if err != nil {
			return nil, err
		}
		out[id] = org.LegalName
	}
	return out, nil
}

// StaffAppealView is an appeal with the decision it is about and the case
// that decision concerns, for the appeals queue and the reviewer's page.
type StaffAppealView struct {
	Appeal   program.Appeal
	Decision program.Decision
	Org      program.Organization
	Sector   program.Sector
	Number   string            // the membership's number, for a membership's appeal
	Names    map[string]string // user ID → name of who filed, decided and reviews
}

// StaffAppeals lists the appeals waiting for a reviewer, oldest first.
func (o *Office) StaffAppeals(ctx context.Context, a auth.Actor) ([]StaffAppealView, error) {
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return nil, err
	}
	var out []StaffAppealView
	err := o.view(ctx, func(tx *store.Tx) error {
		aps, err := tx.AppealsFiled()
		if err != nil {
			return err
		}
		for _, ap := range aps {
			v, err := o.appealView(tx, ap)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// StaffAppeal loads one appeal, whatever its state, for staff.
func (o *Office) StaffAppeal(ctx context.Context, a auth.Actor, id string) (StaffAppealView, error) {
	var v StaffAppealView
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return v, err
	}
	err := o.view(ctx, func(tx *store.Tx) error {
		ap, err := tx.Appeal("", id)
		if err != nil {
			return err
		}
		v, err = o.appealView(tx, ap)
		return err
	})
	return v, err
}

func (o *Office) appealView(tx *store.Tx, ap program.Appeal) (StaffAppealView, error) {
	v := StaffAppealView{Appeal: ap, Names: map[string]string{}}
	var err error
	if v.Decision, err = tx.Decision(ap.OrgID, ap.DecisionID); err != nil {
		return v, err
	}
	if v.Org, err = tx.Org(ap.OrgID); err != nil {
		return v, err
	}
	if ap.SubjectType == subjectMembership {
		m, err := tx.Membership(ap.OrgID, ap.SubjectID)
		if err != nil {
			return v, err
		}
		v.Sector, v.Number = m.Sector, m.Number
	} else {
		app, err := tx.Application(ap.OrgID, ap.SubjectID)
		if err != nil {
			return v, err
		}
		v.Sector = app.Sector
	}
	for _, id := range []string{ap.FiledBy, ap.ReviewerID, v.Decision.DecidedBy} {
		if err := staffNameOf(tx, id, v.Names); err != nil {
			return v, err
		}
	}
	return v, nil
}

// staffNameOf adds a person's name to names, once; the system and people since
// deleted have none.
func staffNameOf(tx *store.Tx, id string, names map[string]string) error {
	if _, ok := names[id]; ok || id == "" || id == auth.System.UserID {
		return nil
	}
	u, err := tx.User(id)
	switch {
	case errs.Is(err, errs.NotFound):
		names[id] = ""
		return nil
	case err != nil:
		return err
	}
	names[id] = u.Name
	return nil
}

// ValidationView is one site validation with its whole case, for the
// validators' checklist page.
type ValidationView struct {
	*ApplicationView
	Validation program.Validation
}

// StaffValidation loads a validation and its case for staff.
func (o *Office) StaffValidation(ctx context.Context, a auth.Actor, id string) (*ValidationView, error) {
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return nil, err
	}
	var v *ValidationView
	err := o.view(ctx, func(tx *store.Tx) error {
		val, err := tx.Validation("", id)
		if err != nil {
			return err
		}
		app, err := tx.Application(val.OrgID, val.ApplicationID)
		if err != nil {
			return err
		}
		v = &ValidationView{ApplicationView: &ApplicationView{App: app, Now: tx.Now()}, Validation: val}
		return o.fillApplication(tx, v.ApplicationView)
	})
	return v, err
}

// CalendarEntry is one validation on the calendar.
type CalendarEntry struct {
	Validation program.Validation
	Org        string
	Sector     program.Sector
	Validators []string // names, in the validation's order
}

// StaffCalendar lists the validations in a period with their
// organizations, sectors and validators' names.
func (o *Office) StaffCalendar(ctx context.Context, a auth.Actor, from, to time.Time) ([]CalendarEntry, error) {
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return nil, err
	}
	var out []CalendarEntry
	err := o.view(ctx, func(tx *store.Tx) error {
		vs, err := tx.ValidationsBetween(from, to)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, v := range vs {
			e := CalendarEntry{Validation: v}
			org, err := tx.Org(v.OrgID)
			if err != nil {
				return err
			}
			app, err := tx.Application(v.OrgID, v.ApplicationID)
			if err != nil {
				return err
			}
			e.Org, e.Sector = org.LegalName, app.Sector
			for _, id := range v.Validators {
				if err := staffNameOf(tx, id, names); err != nil {
					return err
				}
				e.Validators = append(e.Validators, names[id])
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
