package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The decisions of the program office (staff tokens). Each cites reason
// codes of the program's policy (listed in each input's schema), is
// recorded for good with a letter in the company's language, and tells the
// company by mail. Who may decide what, and the segregation of duties, are
// the office's rules: managers approve, and not a case they validated;
// officers and managers announce denials and suspend; managers cancel; an
// appeals reviewer who did not take the decision decides its appeal.

func (h *handler) registerDecisions() {
	huma.Register(h.api, h.decisionOp("approveApplication", "/applications/{id}/approval", "Approve an application",
		"Approves a validated application whose site validation is satisfactory (or whose action plan is "+
			"verified complete; 409 otherwise). A first application becomes a membership with its number, "+
			"pending until the account owner signs the memorandum; a revalidation renews the membership. "+
			"Managers, and not one who validated the case (403)."), h.approveApplication)
	huma.Register(h.api, h.decisionOp("proposeDenial", "/applications/{id}/denial-notice", "Announce a denial",
		"Announces the intent to deny an application under review. The denial takes effect when the "+
			"policy's informal review window closes, unless the company asks for a review (fileAppeal) that "+
			"overturns it. Officers and managers."), h.proposeDenial)
	huma.Register(h.api, h.decisionOp("suspendMembership", "/memberships/{id}/suspension", "Suspend a membership",
		"Withholds an active membership's benefits until the corrective actions listed are verified, by "+
			"remedy_due (the policy's time if omitted). The company may appeal within the policy's window. "+
			"Officers and managers; not active: 409."), h.suspendMembership)
	huma.Register(h.api, h.decisionOp("reinstateMembership", "/memberships/{id}/reinstatement", "Reinstate a membership",
		"Lifts a suspension once every corrective action of its plan is verified (409 otherwise). "+
			"Officers and managers."), h.reinstateMembership)
	huma.Register(h.api, h.decisionOp("cancelMembership", "/memberships/{id}/cancellation", "Cancel a membership",
		"Ends an active or suspended membership for cause; the company may appeal within the policy's "+
			"window. Managers."), h.cancelMembership)
	huma.Register(h.api, h.noContent(h.operation("decideAppeal", http.MethodPost, "/appeals/{id}/decision", "casework",
		"Decide an appeal",
		"The appeals reviewer's outcome: overturn reverses the decision (a suspended or cancelled membership "+
			"is active again; an announced denial is withdrawn and the case returns to review), otherwise it "+
			"stands (an announced denial becomes final). Reason codes of appeal_upheld or appeal_overturned, as "+
			"overturn says. Appeals reviewers who did not take the decision (403); decided already: 409.")),
		h.decideAppeal)
}

// decisionOp is an operation that takes a decision: 201 with the decision
// and its letter.
func (h *handler) decisionOp(id, path, summary, doc string) huma.Operation {
	op := h.operation(id, http.MethodPost, path, "casework", summary, doc+" Answers the decision, with its letter.")
	op.DefaultStatus = http.StatusCreated
	return op
}

// Each decision has its own input, so the document lists the reason codes
// that decision may cite (policyEnums fills them in).
type (
	approvalInput struct {
		Reasons   []string `json:"reasons,omitempty" maxItems:"10" maxLength:"40" doc:"Reason codes, if the policy has any for approvals."`
		Narrative string   `json:"narrative,omitempty" maxLength:"8000" doc:"An optional explanation, shown in the letter."`
	}
	denialNoticeInput struct {
		Reasons   []string `json:"reasons" minItems:"1" maxItems:"10" maxLength:"40" nullable:"false"`
		Narrative string   `json:"narrative" maxLength:"8000" doc:"The explanation shown in the letter; at least 10 characters."`
	}
	suspensionInput struct {
		Reasons   []string `json:"reasons" minItems:"1" maxItems:"10" maxLength:"40" nullable:"false"`
		Narrative string   `json:"narrative" maxLength:"8000" doc:"The explanation shown in the letter; at least 10 characters."`
		Actions   []string `json:"actions" minItems:"1" maxItems:"50" maxLength:"2000" nullable:"false" doc:"The corrective actions the member must carry out."`
		RemedyDue date     `json:"remedy_due,omitempty" doc:"The day by which the actions are due (end of that day, UTC); the policy's time if omitted."`
	}
	reinstatementInput struct {
		Reasons   []string `json:"reasons" minItems:"1" maxItems:"10" maxLength:"40" nullable:"false"`
		Narrative string   `json:"narrative" maxLength:"8000" doc:"At least 10 characters."`
	}
	cancellationInput struct {
		Reasons   []string `json:"reasons" minItems:"1" maxItems:"10" maxLength:"40" nullable:"false"`
		Narrative string   `json:"narrative" maxLength:"8000" doc:"At least 10 characters."`
	}
	appealDecisionInput struct {
		Overturn  bool     `json:"overturn" doc:"true reverses the decision; false lets it stand."`
		Reasons   []string `json:"reasons" minItems:"1" maxItems:"10" maxLength:"40" nullable:"false"`
		Narrative string   `json:"narrative" maxLength:"8000" doc:"The outcome explained; at least 10 characters."`
	}
)

type decisionIn[T any] struct {
	ID   string `path:"id" maxLength:"64" doc:"The application's or membership's ID."`
	Lang string `header:"Accept-Language" maxLength:"200" doc:"The language of reason labels: en or fr."`
	Body T
}

// decided renders the decision an office call made, or its error.
func (h *handler) decided(d program.Decision, err error, lang string) (*bodyOut[decision], error) {
	if err != nil {
		return nil, err
	}
	return &bodyOut[decision]{Body: h.decisionOut(d, langOf(lang))}, nil
}

func (h *handler) approveApplication(ctx context.Context, in *decisionIn[approvalInput]) (*bodyOut[decision], error) {
	d, err := h.office.Approve(ctx, actorOf(ctx), in.ID, office.DecisionInput{Reasons: in.Body.Reasons, Narrative: in.Body.Narrative})
	return h.decided(d, err, in.Lang)
}

func (h *handler) proposeDenial(ctx context.Context, in *decisionIn[denialNoticeInput]) (*bodyOut[decision], error) {
	d, err := h.office.ProposeDenial(ctx, actorOf(ctx), in.ID, office.DecisionInput{Reasons: in.Body.Reasons, Narrative: in.Body.Narrative})
	return h.decided(d, err, in.Lang)
}

func (h *handler) suspendMembership(ctx context.Context, in *decisionIn[suspensionInput]) (*bodyOut[decision], error) {
	b := in.Body
	var due time.Time
	if b.RemedyDue != "" {
		due = b.RemedyDue.day().Add(24*time.Hour - time.Second)
	}
	d, err := h.office.Suspend(ctx, actorOf(ctx), in.ID, office.SuspendInput{
		DecisionInput: office.DecisionInput{Reasons: b.Reasons, Narrative: b.Narrative}, Actions: b.Actions, RemedyDue: due})
	// Every action has a description (blank ones are dropped), so an action
	// the office finds invalid is one whose due date has passed: remedy_due.
	return h.decided(d, relocate(err, func(f errs.FieldError) string {
		if f.Key == "error.case.action_invalid" {
			return "remedy_due"
		}
		return f.Field
	}), in.Lang)
}

func (h *handler) reinstateMembership(ctx context.Context, in *decisionIn[reinstatementInput]) (*bodyOut[decision], error) {
	d, err := h.office.Reinstate(ctx, actorOf(ctx), in.ID, office.DecisionInput{Reasons: in.Body.Reasons, Narrative: in.Body.Narrative})
	return h.decided(d, err, in.Lang)
}

func (h *handler) cancelMembership(ctx context.Context, in *decisionIn[cancellationInput]) (*bodyOut[decision], error) {
	d, err := h.office.Cancel(ctx, actorOf(ctx), in.ID, office.DecisionInput{Reasons: in.Body.Reasons, Narrative: in.Body.Narrative})
	return h.decided(d, err, in.Lang)
}

type decideAppealIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The appeal's ID."`
	Body appealDecisionInput
}

func (h *handler) decideAppeal(ctx context.Context, in *decideAppealIn) (*struct{}, error) {
	b := in.Body
	return nil, h.office.DecideAppeal(ctx, actorOf(ctx), in.ID, b.Overturn, office.DecisionInput{Reasons: b.Reasons, Narrative: b.Narrative})
}
