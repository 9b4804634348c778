package office

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/notify"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// CreateApplication opens a draft application for one of the company's
// sectors. One application at a time per sector.
func (o *Office) CreateApplication(ctx context.Context, a auth.Actor, orgID string, sector program.Sector) (program.Application, error) {
	var app program.Application
	err := o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.CaseApply); err != nil {
			return err
		}
		org, err := tx.Org(orgID)
		if err != nil {
			return err
		}
		if !slices.Contains(org.Sectors, sector) {
			return errs.Fields(errs.F("sector", "error.case.sector_not_yours", "choose one of the company's sectors"))
		}
		if org.Category == program.CategoryAssociate {
			return errs.E(errs.Conflict, "error.case.associate", "associates take part without applying for membership")
		}
		kind := program.Initial
		ms, err := tx.Memberships(orgID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.Sector == sector && m.State == program.MemberPendingMOU {
				return errs.E(errs.Conflict, "error.case.mou_pending", "the sector's membership waits for the memorandum's signature")
			}
			if m.Sector == sector && (m.State == program.MemberActive || m.State == program.MemberSuspended) {
				kind = program.Revalidation
				app.MembershipID = m.ID
			}
		}
		app = program.Application{OrgID: orgID, Sector: sector, Kind: kind, MembershipID: app.MembershipID, State: program.AppDraft}
		if err := tx.InsertApplication(&app); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: subjectApplication, SubjectID: app.ID, Action: "application.created",
			Data: map[string]any{"sector": sector, "kind": kind}})
	})
	return app, err
}

// DeclareEligibility records the company's eligibility declaration on a
// draft application.
func (o *Office) DeclareEligibility(ctx context.Context, a auth.Actor, orgID, appID string, items []program.EligibilityItem, lastMovement time.Time) error {
	return o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, orgID, appID, auth.CaseApply)
		if err != nil {
			return err
		}
		if app.State != program.AppDraft {
			return program.ErrWrongState
		}
		if app.Eligibility, err = app.Eligibility.Declare(items, lastMovement, a.UserID, tx.Now()); err != nil {
			return err
		}
		return saveApp(tx, a, &app, "application.eligibility_declared", map[string]any{"items": items, "last_movement": lastMovement})
	})
}

// SubmitApplication sends a draft to the program office. The profile's
// generic part and the application's sector part must be complete with no
// unmet must-criterion; the profile is frozen into a snapshot that officers
// review, whatever the company edits afterwards.
func (o *Office) SubmitApplication(ctx context.Context, a auth.Actor, orgID, appID string) (program.Application, error) {
	var app program.Application
	err := o.update(ctx, func(tx *store.Tx) error {
		var err error
		if app, err = loadCaseApp(tx, a, orgID, appID, auth.CaseApply); err != nil {
			return err
		}
		in := o.appInput(tx, a)
		snap, ready, err := o.freeze(tx, a, app)
		if err != nil {
			return err
		}
		in.ProfileReady = ready
		next, err := app.Apply(program.CmdSubmit, in)
		if err != nil {
			return err
		}
		if err := tx.InsertSnapshot(&snap); err != nil {
			return err
		}
		next.SnapshotID = snap.ID
		app = next
		if err := saveApp(tx, a, &app, "application.submitted", map[string]any{"snapshot": snap.ID, "snapshot_sha256": snap.SHA256}); err != nil {
			return err
		}
		org, err := tx.Org(orgID)
		if err != nil {
			return err
		}
		return o.mailCompany(tx, org, "case_update", map[string]string{"Org": org.LegalName,
			"Event": notify.Key("mail.event.submitted"), "Sector": notify.Key("sector." + string(app.Sector)),
			"Link": o.link(casePath(subjectApplication, orgID, app.ID))})
	})
	return app, err
}

// SnapshotBody is what a snapshot keeps: the answers and the evidence files
// (by ID and hash) of the parts an application is judged on.
type SnapshotBody struct {
	Sectors  []string           `json:"sectors"`
	Answers  []SnapshotAnswer   `json:"answers"`
	Evidence []SnapshotEvidence `json:"evidence"`
	Gaps     int                `json:"gaps"`
	Ready    bool               `json:"ready"`
	Percent  int                `json:"percent"`
	Extra    map[string]any     `json:"extra,omitempty"`
	byKey    map[catalog.Key]catalog.Value
}

// SnapshotAnswer is one frozen answer.
type SnapshotAnswer struct {
	Part     string        `json:"part"`
	Question string        `json:"question"`
	Value    catalog.Value `json:"value"`
}

// SnapshotEvidence is one frozen evidence file.
type SnapshotEvidence struct {
	ID       string `json:"id"`
	Part     string `json:"part"`
	Question string `json:"question"`
	Filename string `json:"filename"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
}

// freeze builds the snapshot of an application's parts of the profile and
// says whether they are ready to submit.
func (o *Office) freeze(tx *store.Tx, a auth.Actor, app program.Application) (store.Snapshot, bool, error) {
	p, err := o.loadProfile(tx, app.OrgID)
	if err != nil {
		return store.Snapshot{}, false, err
	}
	parts := []string{catalog.GenericPart, string(app.Sector)}
	body := SnapshotBody{Sectors: []string{string(app.Sector)}}
	in := p.Input()
	in.Sectors = body.Sectors
	for k, v := range in.Answers {
		if slices.Contains(parts, k.Part) {
			body.Answers = append(body.Answers, SnapshotAnswer{Part: k.Part, Question: k.Question, Value: v})
		}
	}
	for k, files := range p.Evidence {
		if !slices.Contains(parts, k.Part) {
			continue
		}
		for _, f := range files {
			body.Evidence = append(body.Evidence, SnapshotEvidence{ID: f.ID, Part: k.Part, Question: k.Question, Filename: f.Filename, SHA256: f.SHA256, Size: f.Size})
		}
	}
	slices.SortFunc(body.Answers, func(x, y SnapshotAnswer) int { return strings.Compare(x.Part+x.Question, y.Part+y.Question) })
	slices.SortFunc(body.Evidence, func(x, y SnapshotEvidence) int { return strings.Compare(x.ID, y.ID) })
	as := p.Version.Assess(in, tx.Now())
	body.Gaps, body.Ready, body.Percent = len(as.Gaps), as.Ready(), as.Percent()
	b, err := json.Marshal(body)
	if err != nil {
		return store.Snapshot{}, false, err
	}
	sum := sha256.Sum256(b)
	return store.Snapshot{OrgID: app.OrgID, ApplicationID: app.ID, CatalogVersion: p.Version.ID, Sector: string(app.Sector),
		ProfileRevision: p.Record.Revision, Body: string(b), SHA256: hex.EncodeToString(sum[:]), CreatedBy: a.UserID}, body.Ready, nil
}

// WithdrawApplication ends an application before a decision.
func (o *Office) WithdrawApplication(ctx context.Context, a auth.Actor, orgID, appID string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, orgID, appID, auth.CaseApply)
		if err != nil {
			return err
		}
		next, err := app.Apply(program.CmdWithdraw, o.appInput(tx, a))
		if err != nil {
			return err
		}
		if err := cancelOpenValidation(tx, a, app); err != nil {
			return err
		}
		return saveApp(tx, a, &next, "application.withdrawn", nil)
	})
}

// AnswerInfoRequest answers the open request for information. With
// refresh, the answer also replaces the snapshot with the current profile
// (which must then be ready): the way a company submits corrections while
// its application is under review.
func (o *Office) AnswerInfoRequest(ctx context.Context, a auth.Actor, orgID, appID, answer string, refresh bool) error {
	answer = strings.TrimSpace(answer)
	if n := utf8.RuneCountInString(answer); n < 5 || n > 8000 {
		return errs.Fields(errs.F("answer", "error.case.answer_required", "write your answer"))
	}
	return o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, orgID, appID, auth.CaseApply)
		if err != nil {
			return err
		}
		reqs, err := tx.InfoRequests(app.ID)
		if err != nil {
			return err
		}
		if len(reqs) == 0 || !reqs[len(reqs)-1].AnsweredAt.IsZero() {
			return program.ErrWrongState
		}
		req := reqs[len(reqs)-1]
		req.Answer, req.AnsweredBy = answer, a.UserID
		in := o.appInput(tx, a)
		next, err := app.Apply(program.CmdAnswerInfo, in)
		if err != nil {
			return err
		}
		if refresh {
			snap, ready, err := o.freeze(tx, a, app)
			if err != nil {
				return err
			}
			if !ready {
				return program.ErrNotReady
			}
			if err := tx.InsertSnapshot(&snap); err != nil {
				return err
			}
			next.SnapshotID, req.SnapshotID = snap.ID, snap.ID
		}
		if err := tx.AnswerInfoRequest(&req); err != nil {
			return err
		}
		if err := saveApp(tx, a, &next, "application.info_answered", map[string]any{"request": req.ID, "snapshot": req.SnapshotID}); err != nil {
			return err
		}
		org, err := tx.Org(orgID)
		if err != nil {
			return err
		}
		return o.mailStaff(tx, app.OfficerID, "case_update", map[string]string{"Org": org.LegalName,
			"Event": notify.Key("mail.event.info_answered"), "Sector": notify.Key("sector." + string(app.Sector)),
			"Link": o.link(staffCasePath(subjectApplication, app.ID))})
	})
}

// cancelOpenValidation calls off an application's scheduled validation when
// the case leaves that stage another way (withdrawn, denial announced), so
// nobody visits or records findings for a case that no longer needs them.
func cancelOpenValidation(tx *store.Tx, a auth.Actor, app program.Application) error {
	if app.State != program.AppValidationScheduled {
		return nil
	}
	vs, err := tx.Validations(app.ID)
	if err != nil {
		return err
	}
	for _, v := range vs {
		if v.State != program.ValScheduled {
			continue
		}
		if v, err = v.Cancel(); err != nil {
			return err
		}
		if err := tx.SaveValidation(&v); err != nil {
			return err
		}
		if err := tx.Audit(a, store.Event{OrgID: app.OrgID, SubjectType: subjectApplication, SubjectID: app.ID,
			Action: "application.validation_cancelled", Data: map[string]any{"validation": v.ID}}); err != nil {
			return err
		}
	}
	return nil
}
