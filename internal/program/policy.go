package program

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Label is a short text in both official languages (a reason code's label).
type Label struct {
	EN string `yaml:"en" json:"en"`
	FR string `yaml:"fr" json:"fr"`
}

// In returns the label in lang.
func (l Label) In(lang string) string {
	if lang == "fr" {
		return l.FR
	}
	return l.EN
}

// Reason is a reason code a decision may cite.
type Reason struct {
	Code  string `yaml:"code" json:"code"`
	Label Label  `yaml:"label" json:"label"`
}

// Days is a duration counted in days, as policies state them.
type Days int

// Duration converts to a time.Duration.
func (d Days) Duration() time.Duration { return time.Duration(d) * 24 * time.Hour }

// Windows are the program's time limits. Where the sources are unsure the
// values are policy, not code: the embedded default is our reading, and a
// program office changes it with a file.
type Windows struct {
	InformalReview     Days `yaml:"informal_review" json:"informal_review"`         // a denial takes effect after it
	SuspensionAppeal   Days `yaml:"suspension_appeal" json:"suspension_appeal"`     // to appeal a suspension
	CancellationAppeal Days `yaml:"cancellation_appeal" json:"cancellation_appeal"` // to appeal a cancellation (30 days)
	InfoRequest        Days `yaml:"info_request" json:"info_request"`               // to answer a request for information
	ActionPlan         Days `yaml:"action_plan" json:"action_plan"`                 // default due date of corrective actions
	SuspensionRemedy   Days `yaml:"suspension_remedy" json:"suspension_remedy"`     // to correct what caused a suspension
	MOUSignature       Days `yaml:"mou_signature" json:"mou_signature"`             // to sign the MOU after approval
	AnnualConfirmation Days `yaml:"annual_confirmation" json:"annual_confirmation"` // between confirmations
	Revalidation       Days `yaml:"revalidation" json:"revalidation"`               // from activation to revalidation
	AccountInactivity  Days `yaml:"account_inactivity" json:"account_inactivity"`   // an unused account expires
	Reminder           Days `yaml:"reminder" json:"reminder"`                       // reminders go this long before a due date
	LongReminder       Days `yaml:"long_reminder" json:"long_reminder"`             // …and this long before yearly and longer ones
	// PartnerValidationRecency: how old a partner's site validation may be
	// for one of ours to rely on it.
	PartnerValidationRecency Days `yaml:"partner_validation_recency" json:"partner_validation_recency"`
}

// Duties are the segregation-of-duties rules.
type Duties struct {
	// AppealByAnother: an appeal or informal review is decided by someone
	// who did not take the decision.
	AppealByAnother bool `yaml:"appeal_by_another" json:"appeal_by_another"`
	// ValidatorNotApprover: a validator of an application's site
	// validation does not approve that application.
	ValidatorNotApprover bool `yaml:"validator_not_approver" json:"validator_not_approver"`
	// ReinstateByAnother: a suspension is lifted by someone other than who
	// imposed it.
	ReinstateByAnother bool `yaml:"reinstate_by_another" json:"reinstate_by_another"`
}

// Policy is the program's configurable rules.
type Policy struct {
	Version    string                    `yaml:"version" json:"version"`
	Reasons    map[DecisionKind][]Reason `yaml:"reasons" json:"reasons"`
	Windows    Windows                   `yaml:"windows" json:"windows"`
	Duties     Duties                    `yaml:"duties" json:"duties"`
	MOUVersion string                    `yaml:"mou_version" json:"mou_version"`
}

// decisionsWithReasons lists the decisions that must cite a reason code.
var decisionsWithReasons = []DecisionKind{DenialNotice, Suspension, Cancellation, Reinstatement, AppealUpheld, AppealOverturned}

// Validate checks a policy and returns every problem in one error, so a
// wrong file stops the server at start-up with a message that says what to
// fix.
func (p Policy) Validate() error {
	var probs []string
	add := func(f string, a ...any) { probs = append(probs, fmt.Sprintf(f, a...)) }
	if p.Version == "" {
		add("version is required")
	}
	if p.MOUVersion == "" {
		add("mou_version is required")
	}
	for _, k := range decisionsWithReasons {
		if len(p.Reasons[k]) == 0 {
			add("reasons.%s: at least one reason code is required", k)
		}
	}
	for k, rs := range p.Reasons {
		if !slices.Contains(DecisionKinds(), k) {
			add("reasons.%s: unknown decision kind", k)
		}
		seen := map[string]bool{}
		for _, r := range rs {
			switch {
			case r.Code == "" || strings.ContainsAny(r.Code, " \t"):
				add("reasons.%s: code %q must be a word without spaces", k, r.Code)
			case seen[r.Code]:
				add("reasons.%s: code %s is listed twice", k, r.Code)
			}
			seen[r.Code] = true
			if strings.TrimSpace(r.Label.EN) == "" || strings.TrimSpace(r.Label.FR) == "" {
				add("reasons.%s.%s: the label needs English and French", k, r.Code)
			}
		}
	}
	w := p.Windows
	for name, d := range map[string]Days{"informal_review": w.InformalReview, "suspension_appeal": w.SuspensionAppeal,
		"cancellation_appeal": w.CancellationAppeal, "info_request": w.InfoRequest, "action_plan": w.ActionPlan,
		"suspension_remedy": w.SuspensionRemedy, "mou_signature": w.MOUSignature, "annual_confirmation": w.AnnualConfirmation,
		"revalidation": w.Revalidation, "account_inactivity": w.AccountInactivity, "reminder": w.Reminder, "long_reminder": w.LongReminder,
		"partner_validation_recency": w.PartnerValidationRecency} {
		if d <= 0 || d > 3660 {
			add("windows.%s: %d days; want 1 to 3660", name, d)
		}
	}
	if w.Reminder >= w.InfoRequest || w.LongReminder >= w.AnnualConfirmation {
		add("windows: reminders must come before what they remind of")
	}
	if len(probs) == 0 {
		return nil
	}
	slices.Sort(probs)
	return fmt.Errorf("policy: %s", strings.Join(probs, "; "))
}

// Reason returns the reason code of a decision kind, if the policy has it.
func (p Policy) Reason(kind DecisionKind, code string) (Reason, bool) {
	for _, r := range p.Reasons[kind] {
		if r.Code == code {
			return r, true
		}
	}
	return Reason{}, false
}
