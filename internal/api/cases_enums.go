package api

import (
	"fmt"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// The enumerations of casework, from the domain's own lists and constants,
// so the document cannot drift from what the office accepts.

type appState string

func (appState) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Where an application stands; approved, denied and withdrawn are final.",
		conv[string](program.AppStates())...)
}

type appKind string

func (appKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A first application, or the revalidation of a membership.",
		string(program.Initial), string(program.Revalidation))
}

type memberState string

func (memberState) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Where a membership stands: pending_mou until the account owner signs the memorandum.",
		conv[string](program.MemberStates())...)
}

type eligibilityItem string

func (eligibilityItem) Schema(huma.Registry) *huma.Schema {
	return enumSchema("An eligibility requirement of the program.", conv[string](program.EligibilityItems())...)
}

type outcome string

func (outcome) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A validator's finding on one checklist item.", string(program.OutcomeMet),
		string(program.OutcomeNotMet), string(program.OutcomeNotApplicable), string(program.OutcomeRecommendation))
}

type validationResult string

func (validationResult) Schema(huma.Registry) *huma.Schema {
	return enumSchema("A site validation's result. Satisfactory is refused while a must-criterion is not met; "+
		"action_plan_required issues a corrective action per item not met.", string(program.ResultSatisfactory),
		string(program.ResultActionPlan), string(program.ResultUnsatisfactory))
}

type validationState string

func (validationState) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Where a site validation stands.", string(program.ValScheduled), string(program.ValCompleted),
		string(program.ValCancelled))
}

type verdict string

func (verdict) Schema(huma.Registry) *huma.Schema {
	return enumSchema("An officer's check of a corrective action.", string(program.VerdictAccepted), string(program.VerdictRejected))
}

type planState string

func (planState) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Open until every corrective action is accepted; withdrawn when the decision that required it is reversed.",
		conv[string](program.PlanStates())...)
}

type decisionKind string

func (decisionKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema("What a decision does. A denial is announced first (denial_notice) and takes effect later (denial).",
		conv[string](program.DecisionKinds())...)
}

type appealState string

func (appealState) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Where an appeal stands: filed, then upheld (the decision stands) or overturned.",
		string(program.AppealFiled), string(program.AppealStands), string(program.AppealReverses))
}

// date is a calendar day, YYYY-MM-DD, as dates of visits, movements and due
// dates are given.
type date string

func (date) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeString, Format: "date", Description: "A day, YYYY-MM-DD (UTC)."}
}

// day parses d as midnight UTC; huma has checked its form already.
func (d date) day() time.Time {
	t, _ := time.Parse(time.DateOnly, string(d))
	return t
}

// dateOf renders a day; the zero time is "".
func dateOf(t time.Time) date {
	if t.IsZero() {
		return ""
	}
	return date(t.UTC().Format(time.DateOnly))
}

// reasonSchemas names, for each input schema with a "reasons" list, the
// decisions whose reason codes the policy lets it cite.
var reasonSchemas = map[string][]program.DecisionKind{
	"ApprovalInput":       {program.Approval},
	"DenialNoticeInput":   {program.DenialNotice},
	"SuspensionInput":     {program.Suspension},
	"ReinstatementInput":  {program.Reinstatement},
	"CancellationInput":   {program.Cancellation},
	"AppealDecisionInput": {program.AppealUpheld, program.AppealOverturned},
}

// policyEnums writes the reason codes of the running policy into the
// schemas of decision inputs. The policy is configuration, read at start-up
// like the document is built, so its codes are fixed for the life of the
// process: clients see them in the document, and huma refuses any other
// code before the office is asked. A decision the policy gives no codes
// keeps a free list (the office then refuses any code).
func (h *handler) policyEnums() error {
	schemas := h.api.OpenAPI().Components.Schemas.Map()
	p := h.office.Policy()
	for name, kinds := range reasonSchemas {
		s := schemas[name]
		if s == nil || s.Properties["reasons"] == nil || s.Properties["reasons"].Items == nil {
			return fmt.Errorf("api: schema %s has no reasons list", name)
		}
		items := s.Properties["reasons"].Items
		var labels []string
		for _, k := range kinds {
			for _, r := range p.Reasons[k] {
				items.Enum = append(items.Enum, r.Code)
				labels = append(labels, r.Code+" ("+r.Label.EN+")")
			}
		}
		if len(items.Enum) > 0 {
			items.Description = "A reason code of the program's policy: " + strings.Join(labels, ", ") + "."
		}
		items.PrecomputeMessages()
	}
	return nil
}

// errBadRange refuses a calendar period that ends before it starts or is
// longer than a year.
var errBadRange = errs.Fields(errs.F("query.to", "api.field.date_range", "give a period of at most a year, ending after it starts"))
