package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// A company's applications for membership, one per sector: it opens a
// draft, declares its eligibility, submits (which freezes its Security
// Profile), answers the program office's questions and corrective actions,
// and may withdraw before a decision. Reading takes cases:read; acting
// takes cases:write and a role that edits the company.

const appsPath = "/organizations/{orgID}/applications"

func (h *handler) registerApplications() {
	huma.Register(h.api, h.operation("listApplications", http.MethodGet, appsPath, "applications",
		"List applications",
		"The organization's applications, every sector and state, oldest first."), h.listApplications)
	huma.Register(h.api, h.operation("createApplication", http.MethodPost, appsPath, "applications",
		"Start an application",
		"Opens a draft application for one of the organization's sectors. A sector already active or "+
			"suspended starts a revalidation of its membership. One application at a time per sector (409); an "+
			"associate does not apply (409); a sector the organization does not have is an error at body.sector."),
		h.createApplication)
	huma.Register(h.api, h.operation("getApplication", http.MethodGet, appsPath+"/{id}", "applications",
		"Get an application",
		"The whole case: state, eligibility as declared and as verified, the frozen Security Profile "+
			"(snapshot), requests for information, site validations with their checklist, action plans, "+
			"decisions with their reasons (labels in the language Accept-Language asks for) and letters, "+
			"informal reviews, the membership it created, and its history."), h.getApplication)
	huma.Register(h.api, h.noContent(h.operation("declareEligibility", http.MethodPut, appsPath+"/{id}/eligibility", "applications",
		"Declare eligibility",
		"Declares, on a draft, that the company meets every eligibility requirement, with the date of its "+
			"latest cross-border movement (within the last 90 days). Every requirement must be in items; each one "+
			"missing is an error at body.items. Replaces an earlier declaration. Not a draft: 409.")), h.declareEligibility)
	huma.Register(h.api, h.operation("submitApplication", http.MethodPost, appsPath+"/{id}/submit", "applications",
		"Submit an application",
		"Sends a draft to the program office. The eligibility declaration must be complete (422) and the "+
			"Security Profile's generic part and the sector's part ready, with no unmet must-criterion "+
			"(409, see getProfileGaps). The profile is frozen into a snapshot that officers review, whatever is "+
			"edited afterwards."), h.submitApplication)
	huma.Register(h.api, h.noContent(h.operation("withdrawApplication", http.MethodPost, appsPath+"/{id}/withdraw", "applications",
		"Withdraw an application",
		"Ends the application before a decision; nothing more can happen to it. After a decision, or once "+
			"a denial is announced: 409.")), h.withdrawApplication)
	huma.Register(h.api, h.noContent(h.operation("answerInfoRequest", http.MethodPost, appsPath+"/{id}/info-answer", "applications",
		"Answer a request for information",
		"Answers the open request for information, and the case returns to review. With refresh_snapshot, "+
			"the snapshot is replaced by the current Security Profile, which must then be ready (409): the way to "+
			"submit corrections during the review. No open request: 409.")), h.answerInfoRequest)
	huma.Register(h.api, h.noContent(h.operation("respondAction", http.MethodPost,
		"/organizations/{orgID}/plans/{planID}/actions/{itemID}/response", "applications",
		"Answer a corrective action",
		"Describes what was done about one corrective action of an action plan (after a site validation, or "+
			"to lift a suspension). An answer replaces an earlier one not accepted yet; an accepted action, or "+
			"a completed plan: 409; an action the plan does not have: 404.")), h.respondAction)
}

// noContent makes an operation answer 204 with no body: transitions whose
// result the case's own page (getApplication, getMembership) shows.
func (h *handler) noContent(op huma.Operation) huma.Operation {
	op.DefaultStatus = http.StatusNoContent
	return op
}

type appPath struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The application's ID."`
}

type appViewIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The application's ID."`
	Lang  string `header:"Accept-Language" maxLength:"200" doc:"The language of labels: en or fr."`
}

// errNotFound answers an ID that is not there, or not the organization's.
var errNotFound = errs.E(errs.NotFound, "error.not_found", "not found")

// sameOrg refuses a case found outside the organization of the path. Staff
// find any case by its ID, so the organization in the path must match too:
// one address, one case.
func sameOrg(pathOrg, caseOrg string) error {
	if pathOrg != caseOrg {
		return errNotFound
	}
	return nil
}

func (h *handler) listApplications(ctx context.Context, in *orgPath) (*bodyOut[list[applicationSummary]], error) {
	apps, _, err := h.office.CompanyCases(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	out := list[applicationSummary]{Items: make([]applicationSummary, 0, len(apps))}
	for _, a := range apps {
		out.Items = append(out.Items, appSummaryOut(a))
	}
	return &bodyOut[list[applicationSummary]]{Body: out}, nil
}

// newApplication names the sector to apply for.
type newApplication struct {
	Sector sector `json:"sector" doc:"One of the organization's sectors."`
}

type createAppIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Body  newApplication
}

func (h *handler) createApplication(ctx context.Context, in *createAppIn) (*createdOut[applicationSummary], error) {
	app, err := h.office.CreateApplication(ctx, actorOf(ctx), in.OrgID, program.Sector(in.Body.Sector))
	if err != nil {
		return nil, err
	}
	return &createdOut[applicationSummary]{Location: appLocation(app.OrgID, app.ID), Body: appSummaryOut(app)}, nil
}

func appLocation(orgID, id string) string {
	return prefix + "/organizations/" + url.PathEscape(orgID) + "/applications/" + url.PathEscape(id)
}

func (h *handler) getApplication(ctx context.Context, in *appViewIn) (*bodyOut[application], error) {
	v, err := h.office.Application(ctx, actorOf(ctx), in.OrgID, in.ID)
	if err != nil {
		return nil, err
	}
	if err := sameOrg(in.OrgID, v.App.OrgID); err != nil {
		return nil, err
	}
	return &bodyOut[application]{Body: h.applicationOut(v, langOf(in.Lang))}, nil
}

// eligibilityDeclaration is the company's declaration.
type eligibilityDeclaration struct {
	Items        []eligibilityItem `json:"items" maxItems:"20" nullable:"false" doc:"Every requirement the company meets; all are needed."`
	LastMovement date              `json:"last_movement" doc:"The day of the latest cross-border movement, within the last 90 days."`
}

type declareIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The application's ID."`
	Body  eligibilityDeclaration
}

func (h *handler) declareEligibility(ctx context.Context, in *declareIn) (*struct{}, error) {
	err := h.office.DeclareEligibility(ctx, actorOf(ctx), in.OrgID, in.ID, conv[program.EligibilityItem](in.Body.Items),
		in.Body.LastMovement.day())
	return nil, eligibilityFields(err)
}

// eligibilityFields reports every requirement missing from a declaration
// once, at body.items (the office names each one).
func eligibilityFields(err error) error {
	e, ok := errs.As(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	c := *e
	c.Fields = nil
	seen := map[string]bool{}
	for _, f := range e.Fields {
		if f.Key == "error.case.eligibility_missing" {
			f.Field = "items"
		}
		if !seen[f.Field+f.Key] {
			seen[f.Field+f.Key] = true
			c.Fields = append(c.Fields, f)
		}
	}
	return &c
}

func (h *handler) submitApplication(ctx context.Context, in *appPath) (*bodyOut[applicationSummary], error) {
	app, err := h.office.SubmitApplication(ctx, actorOf(ctx), in.OrgID, in.ID)
	if err != nil {
		return nil, eligibilityFields(err)
	}
	return &bodyOut[applicationSummary]{Body: appSummaryOut(app)}, nil
}

func (h *handler) withdrawApplication(ctx context.Context, in *appPath) (*struct{}, error) {
	return nil, h.office.WithdrawApplication(ctx, actorOf(ctx), in.OrgID, in.ID)
}

// infoAnswer answers the open request for information.
type infoAnswer struct {
	Answer          string `json:"answer" maxLength:"8000" doc:"At least 5 characters."`
	RefreshSnapshot bool   `json:"refresh_snapshot,omitempty" doc:"Also freeze the current Security Profile as the snapshot under review."`
}

type infoAnswerIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The application's ID."`
	Body  infoAnswer
}

func (h *handler) answerInfoRequest(ctx context.Context, in *infoAnswerIn) (*struct{}, error) {
	return nil, h.office.AnswerInfoRequest(ctx, actorOf(ctx), in.OrgID, in.ID, in.Body.Answer, in.Body.RefreshSnapshot)
}

// actionResponse says what was done about a corrective action.
type actionResponse struct {
	Response string `json:"response" maxLength:"8000" doc:"At least 5 characters."`
}

type respondIn struct {
	OrgID  string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	PlanID string `path:"planID" maxLength:"64" doc:"The action plan's ID."`
	ItemID string `path:"itemID" maxLength:"64" doc:"The corrective action's ID within the plan, e.g. A1."`
	Body   actionResponse
}

func (h *handler) respondAction(ctx context.Context, in *respondIn) (*struct{}, error) {
	return nil, h.office.RespondAction(ctx, actorOf(ctx), in.OrgID, in.PlanID, in.ItemID, in.Body.Response)
}
