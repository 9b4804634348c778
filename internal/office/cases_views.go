package office

import (
	"context"
	"slices"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// ApplicationView is everything about one application: what the case page
// of the company and of the program office shows.
type ApplicationView struct {
	App          program.Application
	Org          program.Organization
	Snapshot     *store.Snapshot
	Body         SnapshotBody
	Version      *catalog.Version
	Assessment   *catalog.Assessment // of the snapshot
	InfoRequests []store.InfoRequest
	Validations  []program.Validation
	Plans        []program.ActionPlan
	Decisions    []program.Decision
	Appeals      []program.Appeal
	Membership   *program.Membership
	Timeline     []store.AuditEvent
	Names        map[string]string // user ID → name, for the timeline and the validators
	Now          time.Time
}

// Application loads a case for a company member (orgID set) or staff
// (orgID may be "").
func (o *Office) Application(ctx context.Context, a auth.Actor, orgID, appID string) (*ApplicationView, error) {
	var v *ApplicationView
	err := o.view(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, orgID, appID, caseViewAction(a))
		if err != nil {
			return err
		}
		v = &ApplicationView{App: app, Now: tx.Now()}
		return o.fillApplication(tx, v)
	})
	return v, err
}

func (o *Office) fillApplication(tx *store.Tx, v *ApplicationView) error {
	app := v.App
	var err error
	if v.Org, err = tx.Org(app.OrgID); err != nil {
		return err
	}
	if app.SnapshotID != "" {
		snap, err := tx.Snapshot(app.OrgID, app.SnapshotID)
		if err != nil {
			return err
		}
		v.Snapshot = &snap
		if v.Body, err = snapshotBody(snap); err != nil {
			return err
		}
		if v.Version, err = o.catalog.Version(snap.CatalogVersion); err != nil {
			return err
		}
		as := v.Version.Assess(v.Body.input(), snap.CreatedAt)
		v.Assessment = &as
	}
	if v.InfoRequests, err = tx.InfoRequests(app.ID); err != nil {
		return err
	}
	if v.Validations, err = tx.Validations(app.ID); err != nil {
		return err
	}
	if v.Plans, err = tx.Plans(subjectApplication, app.ID); err != nil {
		return err
	}
	if v.Decisions, err = tx.Decisions(subjectApplication, app.ID); err != nil {
		return err
	}
	if v.Appeals, err = tx.Appeals(subjectApplication, app.ID); err != nil {
		return err
	}
	if app.MembershipID != "" {
		m, err := tx.Membership(app.OrgID, app.MembershipID)
		if err != nil {
			return err
		}
		v.Membership = &m
	}
	if v.Timeline, err = tx.SubjectEvents(app.OrgID, subjectApplication, app.ID); err != nil {
		return err
	}
	v.Names, err = o.names(tx, v.Timeline, v.Validations)
	return err
}

// input rebuilds the assessment's input from a snapshot.
func (b SnapshotBody) input() catalog.Profile {
	p := catalog.Profile{Sectors: b.Sectors, Answers: map[catalog.Key]catalog.Value{}, Evidence: map[catalog.Key]int{}}
	for _, a := range b.Answers {
		p.Answers[catalog.Key{Part: a.Part, Question: a.Question}] = a.Value
	}
	for _, e := range b.Evidence {
		p.Evidence[catalog.Key{Part: e.Part, Question: e.Question}]++
	}
	return p
}

// names resolves the people who appear in a case.
func (o *Office) names(tx *store.Tx, evs []store.AuditEvent, vs []program.Validation) (map[string]string, error) {
	out := map[string]string{}
	add := func(id string) error {
		if id == "" || id == auth.System.UserID || out[id] != "" {
			return nil
		}
		u, err := tx.User(id)
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		out[id] = u.Name
		return nil
	}
	for _, e := range evs {
		if err := add(e.ActorID); err != nil {
			return nil, err
		}
	}
	for _, v := range vs {
		for _, id := range v.Validators {
			if err := add(id); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// CompanyCases lists an organization's applications and memberships.
func (o *Office) CompanyCases(ctx context.Context, a auth.Actor, orgID string) ([]program.Application, []program.Membership, error) {
	var apps []program.Application
	var ms []program.Membership
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.CaseView); err != nil {
			return err
		}
		var err error
		if apps, err = tx.Applications(orgID); err != nil {
			return err
		}
		ms, err = tx.Memberships(orgID)
		return err
	})
	return apps, ms, err
}

// MembershipView is one membership with what happened to it.
type MembershipView struct {
	Membership  program.Membership
	Org         program.Organization
	Application program.Application
	Plans       []program.ActionPlan
	Decisions   []program.Decision
	Appeals     []program.Appeal
	Timeline    []store.AuditEvent
	Names       map[string]string
	Now         time.Time
}

// Membership loads a membership for a company member or staff.
func (o *Office) Membership(ctx context.Context, a auth.Actor, orgID, id string) (*MembershipView, error) {
	var v *MembershipView
	err := o.view(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, orgID, id, caseViewAction(a))
		if err != nil {
			return err
		}
		v = &MembershipView{Membership: m, Now: tx.Now()}
		if v.Org, err = tx.Org(m.OrgID); err != nil {
			return err
		}
		if v.Application, err = tx.Application(m.OrgID, m.ApplicationID); err != nil {
			return err
		}
		if v.Plans, err = tx.Plans(subjectMembership, m.ID); err != nil {
			return err
		}
		if v.Decisions, err = tx.Decisions(subjectMembership, m.ID); err != nil {
			return err
		}
		if v.Appeals, err = tx.Appeals(subjectMembership, m.ID); err != nil {
			return err
		}
		if v.Timeline, err = tx.SubjectEvents(m.OrgID, subjectMembership, m.ID); err != nil {
			return err
		}
		v.Names, err = o.names(tx, v.Timeline, nil)
		return err
	})
	return v, err
}

// Queue lists applications for the program office's work queues.
func (o *Office) Queue(ctx context.Context, a auth.Actor, q store.CaseQuery) (store.CasePage, map[program.AppState]int, error) {
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return store.CasePage{}, nil, err
	}
	var page store.CasePage
	var counts map[program.AppState]int
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		if page, err = tx.Cases(q); err != nil {
			return err
		}
		counts, err = tx.CountCases()
		return err
	})
	return page, counts, err
}

// AppealQueue lists the appeals waiting for a reviewer.
func (o *Office) AppealQueue(ctx context.Context, a auth.Actor) ([]program.Appeal, error) {
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return nil, err
	}
	var out []program.Appeal
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		out, err = tx.AppealsFiled()
		return err
	})
	return out, err
}

// Calendar lists the validations in a period, with their organizations.
func (o *Office) Calendar(ctx context.Context, a auth.Actor, from, to time.Time) ([]program.Validation, map[string]string, error) {
	if err := authorizeStaff(a, auth.CaseQueue); err != nil {
		return nil, nil, err
	}
	var vs []program.Validation
	names := map[string]string{}
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		if vs, err = tx.ValidationsBetween(from, to); err != nil {
			return err
		}
		for _, v := range vs {
			if _, ok := names[v.OrgID]; !ok {
				org, err := tx.Org(v.OrgID)
				if err != nil {
					return err
				}
				names[v.OrgID] = org.LegalName
			}
		}
		return nil
	})
	return vs, names, err
}

// LetterPDF returns a decision letter of an organization.
func (o *Office) LetterPDF(ctx context.Context, a auth.Actor, orgID, id string) (store.Letter, error) {
	var l store.Letter
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeCase(tx, a, orgID, caseViewAction(a)); err != nil {
			return err
		}
		var err error
		l, err = tx.Letter(orgID, id)
		return err
	})
	return l, err
}

// SnapshotEvidence returns a file named by an application's snapshot, even
// if the company has since removed it from its profile.
func (o *Office) SnapshotEvidence(ctx context.Context, a auth.Actor, orgID, appID, fileID string) (store.EvidenceFile, []byte, error) {
	v, err := o.Application(ctx, a, orgID, appID)
	if err != nil {
		return store.EvidenceFile{}, nil, err
	}
	if !slices.ContainsFunc(v.Body.Evidence, func(e SnapshotEvidence) bool { return e.ID == fileID }) {
		return store.EvidenceFile{}, nil, errNotFound
	}
	return o.evidenceContent(ctx, a, v.App.OrgID, fileID)
}
