package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The program office's casework (staff tokens): the review of an
// application up to its site validation. Which staff role may do what
// is the office's rule, so the portal and the API agree: every staff role
// reads the queues; officers and managers review; the validators of a
// validation record its findings. Staff read a case with getApplication or
// getMembership, on the organization that listCases names.

func (h *handler) registerStaffCases() {
	h.registerQueues()
	huma.Register(h.api, h.noContent(h.operation("startReview", http.MethodPost, "/applications/{id}/review", "casework",
		"Take an application for review",
		"The officer takes a submitted application and becomes its officer. Officers and managers; not "+
			"submitted: 409.")), h.startReview)
	huma.Register(h.api, h.noContent(h.operation("requestInfo", http.MethodPost, "/applications/{id}/info-requests", "casework",
		"Ask the company for information",
		"Sends the company questions about its application; the policy gives the due date, with a reminder "+
			"before it. In review or validated only (409).")), h.requestInfo)
	huma.Register(h.api, h.noContent(h.operation("verifyEligibility", http.MethodPut, "/applications/{id}/eligibility-check", "casework",
		"Record the eligibility check",
		"The officer's check of each requirement the company declared: verified lists those verified, the "+
			"others are recorded as not verified. Replaces an earlier check. In review or information requested "+
			"only (409). The site validation needs every requirement verified.")), h.verifyEligibility)
	op := h.operation("scheduleValidation", http.MethodPost, "/applications/{id}/validations", "casework",
		"Schedule the site validation",
		"Plans the visit of the company's sites on a day (today or later), with the validators (staff who "+
			"validate sites: officers, validators, managers). The checklist is every criterion of the snapshot's "+
			"parts. Every eligibility requirement must be verified first, and the application in review (409).")
	op.DefaultStatus = http.StatusCreated
	huma.Register(h.api, op, h.scheduleValidation)
	huma.Register(h.api, h.noContent(h.operation("cancelValidation", http.MethodPost, "/validations/{id}/cancel", "casework",
		"Cancel a site validation",
		"Calls off a scheduled validation; the application returns to review. Officers and managers.")), h.cancelValidation)
	huma.Register(h.api, h.noContent(h.operation("recordFinding", http.MethodPut, "/validations/{id}/findings/{criterionID}", "casework",
		"Record a finding",
		"A validator's finding on one checklist item, with notes; replaces an earlier one. Only the "+
			"validation's validators (403); a criterion not on the checklist is an error at path.criterionID; "+
			"a validation no longer scheduled: 409.")), h.recordFinding)
	huma.Register(h.api, h.noContent(h.operation("completeValidation", http.MethodPost, "/validations/{id}/complete", "casework",
		"Complete a site validation",
		"Closes the validation with its result once every item has a finding (409 otherwise). Satisfactory "+
			"is refused while a must-criterion is not met; action_plan_required issues a corrective action per "+
			"item not met, due when the policy says. Only the validation's validators (403).")), h.completeValidation)
	huma.Register(h.api, h.noContent(h.operation("verifyAction", http.MethodPut, "/plans/{planID}/actions/{itemID}/verification", "casework",
		"Check a corrective action",
		"Accepts or rejects the company's answer to one corrective action; the plan is completed when every "+
			"action is accepted. Not answered yet, or the plan completed: 409. Officers and managers.")), h.verifyAction)
	h.registerDecisions()
}

type staffAppPath struct {
	ID string `path:"id" maxLength:"64" doc:"The application's ID."`
}

func (h *handler) startReview(ctx context.Context, in *staffAppPath) (*struct{}, error) {
	return nil, h.office.StartReview(ctx, actorOf(ctx), in.ID)
}

// infoQuestions is what the company must provide.
type infoQuestions struct {
	Questions string `json:"questions" maxLength:"8000" doc:"At least 10 characters."`
}

type requestInfoIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The application's ID."`
	Body infoQuestions
}

func (h *handler) requestInfo(ctx context.Context, in *requestInfoIn) (*struct{}, error) {
	return nil, h.office.RequestInfo(ctx, actorOf(ctx), in.ID, in.Body.Questions)
}

// eligibilityCheck is the officer's check of a declaration.
type eligibilityCheck struct {
	Verified []eligibilityItem `json:"verified" maxItems:"20" nullable:"false" doc:"The requirements verified; the others are recorded as not verified."`
	Notes    string            `json:"notes,omitempty" maxLength:"8000"`
}

type verifyEligibilityIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The application's ID."`
	Body eligibilityCheck
}

func (h *handler) verifyEligibility(ctx context.Context, in *verifyEligibilityIn) (*struct{}, error) {
	return nil, h.office.VerifyEligibility(ctx, actorOf(ctx), in.ID, conv[program.EligibilityItem](in.Body.Verified), in.Body.Notes)
}

// validationPlan is a site validation to schedule.
type validationPlan struct {
	Date       date     `json:"date" doc:"The day of the visit, today or later."`
	Sites      []string `json:"sites" minItems:"1" maxItems:"50" nullable:"false" doc:"The sites to visit (addresses or names)." maxLength:"300"`
	Validators []string `json:"validators" minItems:"1" maxItems:"20" nullable:"false" doc:"The user IDs of the validators." maxLength:"64"`
	// Optional: a validation shared with a partner program. Clients that
	// leave these out schedule our own validation, as before.
	Mode               string   `json:"mode,omitempty" enum:"own,joint,relied" doc:"own (default); joint with a partner program; or relied on a partner's recent validation of the site."`
	PartnerCode        string   `json:"partner_code,omitempty" maxLength:"20" doc:"joint or relied: the partner program's code, e.g. CTPAT; its arrangement must be in force."`
	PartnerRef         string   `json:"partner_ref,omitempty" maxLength:"100" doc:"joint or relied: the partner's reference of its validation."`
	PartnerValidators  []string `json:"partner_validators,omitempty" maxItems:"20" maxLength:"200" doc:"joint: the names of the partner's validators."`
	PartnerValidatedOn date     `json:"partner_validated_on,omitempty" doc:"relied: the day of the partner's validation, within the policy's recency window."`
}

type scheduleIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The application's ID."`
	Body validationPlan
}

// scheduledValidation is a validation as scheduled, with its checklist.
type scheduledValidation struct {
	ID            string          `json:"id"`
	ApplicationID string          `json:"application_id"`
	State         validationState `json:"state"`
	Date          date            `json:"date"`
	Sites         []string        `json:"sites" nullable:"false"`
	ValidatorIDs  []string        `json:"validator_ids" nullable:"false"`
	Checklist     []checkItem     `json:"checklist" nullable:"false" doc:"The criteria to find on; getApplication shows their titles."`
	Mode          string          `json:"mode" enum:"own,joint,relied"`
	PartnerCode   string          `json:"partner_code,omitempty"`
	PartnerRef    string          `json:"partner_ref,omitempty"`
}

type checkItem struct {
	CriterionID string `json:"criterion_id"`
	Level       string `json:"level" enum:"must,should"`
	// PrefilledFrom names the partner target a shared validation pre-filled
	// the item from (met until a validator confirms or changes it).
	PrefilledFrom string `json:"prefilled_from,omitempty" doc:"framework:target a partner's result pre-filled this item from; a validator must confirm it."`
}

func (h *handler) scheduleValidation(ctx context.Context, in *scheduleIn) (*bodyOut[scheduledValidation], error) {
	b := in.Body
	v, err := h.office.ScheduleSharedValidation(ctx, actorOf(ctx), in.ID, office.ValidationPlan{When: b.Date.day(), Sites: b.Sites,
		Validators: b.Validators, Sharing: program.Sharing{Mode: program.ValidationMode(b.Mode), PartnerCode: b.PartnerCode,
			PartnerRef: b.PartnerRef, PartnerValidators: b.PartnerValidators, PartnerValidatedOn: b.PartnerValidatedOn.day()}})
	if err != nil {
		return nil, err
	}
	out := scheduledValidation{ID: v.ID, ApplicationID: v.ApplicationID, State: validationState(v.State),
		Date: dateOf(v.ScheduledFor), Sites: append([]string{}, v.Sites...), ValidatorIDs: append([]string{}, v.Validators...),
		Checklist: make([]checkItem, 0, len(v.Items)), Mode: string(v.Sharing.Mode), PartnerCode: v.Sharing.PartnerCode,
		PartnerRef: v.Sharing.PartnerRef}
	for _, it := range v.Items {
		ci := checkItem{CriterionID: it.CriterionID, Level: it.Level}
		if it.Prefill != nil {
			ci.PrefilledFrom = it.Prefill.Framework + ":" + it.Prefill.Target
		}
		out.Checklist = append(out.Checklist, ci)
	}
	return &bodyOut[scheduledValidation]{Body: out}, nil
}

type validationPath struct {
	ID string `path:"id" maxLength:"64" doc:"The validation's ID."`
}

func (h *handler) cancelValidation(ctx context.Context, in *validationPath) (*struct{}, error) {
	return nil, h.office.CancelValidation(ctx, actorOf(ctx), in.ID)
}

// findingInput is a validator's finding.
type findingInput struct {
	Outcome outcome `json:"outcome"`
	Notes   string  `json:"notes,omitempty" maxLength:"8000"`
}

type findingIn struct {
	ID          string `path:"id" maxLength:"64" doc:"The validation's ID."`
	CriterionID string `path:"criterionID" maxLength:"64" doc:"A criterion on the validation's checklist."`
	Body        findingInput
}

func (h *handler) recordFinding(ctx context.Context, in *findingIn) (*struct{}, error) {
	err := h.office.RecordFinding(ctx, actorOf(ctx), in.ID, in.CriterionID, program.Outcome(in.Body.Outcome), in.Body.Notes)
	return nil, renameFields(err, map[string]string{"criterion": "path.criterionID"})
}

// validationClosing is a validation's result.
type validationClosing struct {
	Result  validationResult `json:"result"`
	Summary string           `json:"summary,omitempty" maxLength:"8000"`
}

type completeIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The validation's ID."`
	Body validationClosing
}

func (h *handler) completeValidation(ctx context.Context, in *completeIn) (*struct{}, error) {
	return nil, h.office.CompleteValidation(ctx, actorOf(ctx), in.ID, program.ValidationResult(in.Body.Result), in.Body.Summary)
}

// actionVerdict is an officer's check of a corrective action.
type actionVerdict struct {
	Verdict verdict `json:"verdict"`
	Note    string  `json:"note,omitempty" maxLength:"8000"`
}

type verifyActionIn struct {
	PlanID string `path:"planID" maxLength:"64" doc:"The action plan's ID."`
	ItemID string `path:"itemID" maxLength:"64" doc:"The corrective action's ID within the plan, e.g. A1."`
	Body   actionVerdict
}

func (h *handler) verifyAction(ctx context.Context, in *verifyActionIn) (*struct{}, error) {
	return nil, h.office.VerifyAction(ctx, actorOf(ctx), in.PlanID, in.ItemID, program.Verdict(in.Body.Verdict), in.Body.Note)
}
