package demo

import (
	"context"
	"errors"
	"fmt"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/document"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// stage is how far the demonstration takes one application.
type stage string

const (
	stDraft        stage = "draft"
	stSubmitted    stage = "submitted"
	stInReview     stage = "in_review"
	stInfo         stage = "info_requested"
	stScheduled    stage = "validation_scheduled"
	stValidated    stage = "validated"
	stPlan         stage = "action_plan"
	stDenialNotice stage = "denial_proposed"
	stDenied       stage = "denied"
	stWithdrawn    stage = "withdrawn"
	stPendingMOU   stage = "pending_mou"
	stActive       stage = "active"
	stSuspended    stage = "suspended"
	stCancelled    stage = "cancelled"
)

// caseSeeds says how far each company's applications go, so the portal
// holds cases in every state.
var caseSeeds = map[string]map[program.Sector]stage{
	"sarah@maplefreight.example":      {program.HighwayCarrier: stActive, program.Importer: stInReview},
	"jf@laurentides.example":          {program.HighwayCarrier: stScheduled},
	"ken@prairierail.example":         {program.RailCarrier: stSubmitted},
	"fiona@atlanticcoastal.example":   {program.MarineCarrier: stSuspended, program.WarehouseOperator: stInfo},
	"aisha@northernsky.example":       {program.AirCarrier: stValidated, program.Courier: stDraft},
	"camille@boreal.example":          {program.Importer: stDenialNotice, program.Exporter: stWithdrawn},
	"kevin@pacificgateway.example":    {program.FreightForwarder: stPendingMOU, program.WarehouseOperator: stDenied},
	"emily@borderbrokers.example":     {program.CustomsBroker: stCancelled},
	"mike@greatlakestrucking.example": {program.HighwayCarrier: stActive},
	"nora@harbourshipping.example":    {program.ShippingAgent: stPlan},
}

// staffActors are the demonstration staff, signed in with a second factor.
type staffActors struct{ officer, validator, manager, appeals auth.Actor }

func loadStaff(ctx context.Context, db *store.DB) (staffActors, error) {
	var s staffActors
	err := db.View(ctx, func(tx *store.Tx) error {
		for email, dst := range map[string]*auth.Actor{
			"officer@demo.trustlane.example": &s.officer, "validator@demo.trustlane.example": &s.validator,
			"manager@demo.trustlane.example": &s.manager, "appeals@demo.trustlane.example": &s.appeals,
		} {
			u, err := tx.UserByEmail(email)
			if err != nil {
				return err
			}
			*dst = u.Actor()
			dst.MFA = true
		}
		return nil
	})
	return s, err
}

// seedCases takes every demonstration company's applications to their
// stage, unless the company already has applications.
func seedCases(ctx context.Context, off *office.Office, db *store.DB) error {
	staff, err := loadStaff(ctx, db)
	if err != nil {
		return err
	}
	for _, c := range companies {
		stages := caseSeeds[c.owner.email]
		if len(stages) == 0 {
			continue
		}
		owner, orgID, err := ownerOrg(ctx, db, c.owner.email)
		if err != nil {
			return fmt.Errorf("demo cases %s: %w", c.owner.email, err)
		}
		apps, _, err := off.CompanyCases(ctx, owner.Actor(), orgID)
		if err != nil {
			return fmt.Errorf("demo cases %s: %w", c.org.LegalName, err)
		}
		if len(apps) > 0 {
			continue
		}
		r := runner{ctx: ctx, off: off, staff: staff, owner: owner, orgID: orgID}
		if err := r.readyProfile(); err != nil {
			return fmt.Errorf("demo profile %s: %w", c.org.LegalName, err)
		}
		for _, s := range program.Sectors() {
			if st, ok := stages[s]; ok {
				if err := r.take(s, st); err != nil {
					return fmt.Errorf("demo case %s %s → %s: %w", c.org.LegalName, s, st, err)
				}
			}
		}
	}
	return nil
}

// ownerOrg finds a demonstration company's owner and organization.
func ownerOrg(ctx context.Context, db *store.DB, email string) (owner auth.User, orgID string, err error) {
	err = db.View(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(email)
		if err != nil {
			return err
		}
		owner = u
		_, orgs, err := tx.OrgsOfUser(u.ID)
		if err != nil {
			return err
		}
		if len(orgs) == 0 {
			return errors.New("the owner has no organization")
		}
		orgID = orgs[0].ID
		return nil
	})
	return owner, orgID, err
}

type runner struct {
	ctx   context.Context
	off   *office.Office
	staff staffActors
	owner auth.User
	orgID string
}

// readyProfile answers the whole profile compliantly and attaches a
// demonstration document wherever evidence is asked for.
func (r runner) readyProfile() error {
	a := r.owner.Actor()
	p, err := r.off.Profile(r.ctx, a, r.orgID)
	if err != nil {
		return err
	}
	// One document serves every question, as a company's procedures manual
	// would; generating one per question only slows the start-up.
	pdf, err := document.SamplePDF("Demonstration document — "+p.Org.LegalName,
		"Security procedures manual (demonstration).", "Manuel des procédures de sécurité (démonstration).")
	if err != nil {
		return err
	}
	for _, s := range p.Version.Sections(p.Sectors()) {
		if _, err := r.off.SaveAnswers(r.ctx, a, r.orgID, s.Part, compliantAnswers(s, p.AsOf)); err != nil {
			return err
		}
		for _, q := range s.Questions {
			k := catalog.Key{Part: s.Part, Question: q.ID}
			if (q.Evidence == catalog.EvidenceNone && q.Type != catalog.File) || len(p.Evidence[k]) > 0 {
				continue
			}
			if _, err := r.off.UploadEvidence(r.ctx, a, r.orgID, s.Part, q.ID, q.ID+".pdf", pdf); err != nil {
				return err
			}
		}
	}
	return nil
}
