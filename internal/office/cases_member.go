package office

import (
	"context"
	"fmt"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/policy"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// loadMember loads a membership for a use case, like loadCaseApp.
func loadMember(tx *store.Tx, a auth.Actor, orgID, id string, action auth.Action) (program.Membership, error) {
	if err := authorizeCase(tx, a, orgID, action); err != nil {
		return program.Membership{}, err
	}
	return tx.Membership(orgID, id)
}

// MOUText returns the memorandum the account owner signs, in a language,
// with the hash that the signature will record.
func (o *Office) MOUText(lang string) (version, text, hash string, err error) {
	text, err = policy.MOU(o.policy.MOUVersion, lang)
	return o.policy.MOUVersion, text, policy.Hash(text), err
}

// SignMOU is the account owner's signature of the memorandum, which makes
// an approved membership active. It takes a fresh second-factor code, the
// signer's title, and the hash of the text they read (so a text changed
// since they opened the page cannot be signed by mistake).
func (o *Office) SignMOU(ctx context.Context, a auth.Actor, orgID, membershipID, lang, title, textHash, code string) error {
	title = strings.TrimSpace(title)
	if title == "" || len(title) > 200 {
		return errs.Fields(errs.F("title", "error.case.title_required", "give your title, as it shows your authority to sign"))
	}
	version, _, hash, err := o.MOUText(lang)
	if err != nil {
		return err
	}
	if textHash != hash {
		return errs.E(errs.Conflict, "error.case.mou_changed", "the memorandum changed since you opened it; read it again")
	}
	var failure error
	err = o.update(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, orgID, membershipID, auth.MOUSign)
		if err != nil {
			return err
		}
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if !u.TOTPEnabled {
			return errs.E(errs.Conflict, "error.case.mou_needs_mfa", "set up two-step verification before signing")
		}
		// Wrong codes count as at sign-in: a borrowed session cannot guess
		// its way to a signature.
		key := "mfa:" + u.ID
		if n, err := tx.Hits(key, throttleWindow); err != nil || n >= maxSecondFactorFail {
			if err == nil {
				failure = errThrottled
			}
			return err
		}
		if ok, err := o.checkSecondFactor(tx, &u, code); err != nil || !ok {
			if err == nil {
				failure = errs.Fields(errs.F("code", "error.code_wrong", "the code is not right"))
				_, err = tx.Hit(key, throttleWindow)
			}
			return err
		}
		sig := program.MOUSignature{Version: version, Lang: lang, TextSHA256: hash, SignerID: u.ID, SignerName: u.Name,
			Title: title, SignedAt: tx.Now()}
		next, err := m.Apply(program.CmdSignMOU, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID, MOU: sig})
		if err != nil {
			return err
		}
		if err := saveMember(tx, a, &next, "membership.mou_signed", map[string]any{"version": version, "lang": lang,
			"text_sha256": hash, "signer": u.Name, "title": title, "second_factor": true}); err != nil {
			return err
		}
		for _, d := range []Deadline{
			{What: "annual", Due: next.AnnualDueAt}, {What: "revalidation", Due: next.RevalidationDueAt},
		} {
			d.OrgID, d.SubjectType, d.SubjectID = next.OrgID, subjectMembership, next.ID
			if err := o.schedule(tx, d, o.policy.Windows.LongReminder); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return failure
}

// ConfirmAnnual is the company's yearly confirmation that its information
// is current; the next one falls due a year later.
func (o *Office) ConfirmAnnual(ctx context.Context, a auth.Actor, orgID, membershipID string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, orgID, membershipID, auth.CaseApply)
		if err != nil {
			return err
		}
		next, err := m.Apply(program.CmdConfirmAnnual, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID})
		if err != nil {
			return err
		}
		if err := saveMember(tx, a, &next, "membership.annual_confirmed", map[string]any{"next_due": next.AnnualDueAt}); err != nil {
			return err
		}
		return o.schedule(tx, Deadline{What: "annual", OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID,
			Due: next.AnnualDueAt}, o.policy.Windows.LongReminder)
	})
}

// WithdrawMembership ends a membership at the company's request.
func (o *Office) WithdrawMembership(ctx context.Context, a auth.Actor, orgID, membershipID string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, orgID, membershipID, auth.MemberWithdraw)
		if err != nil {
			return err
		}
		next, err := m.Apply(program.CmdWithdrawMember, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID})
		if err != nil {
			return err
		}
		return saveMember(tx, a, &next, "membership.withdrawn", nil)
	})
}

// SuspendInput is a suspension: the decision, the corrective actions the
// member must carry out, and by when.
type SuspendInput struct {
	DecisionInput
	Actions   []string
	RemedyDue time.Time
}

// Suspend withholds a membership's benefits until the listed corrective
// actions are verified. The member may appeal within the policy's window.
func (o *Office) Suspend(ctx context.Context, a auth.Actor, membershipID string, in SuspendInput) (program.Decision, error) {
	var dec program.Decision
	err := o.update(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, "", membershipID, auth.DecideSuspend)
		if err != nil {
			return err
		}
		next, err := m.Apply(program.CmdSuspend, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID, RemedyDue: in.RemedyDue})
		if err != nil {
			return err
		}
		var actions []program.ActionItem
		for i, d := range in.Actions {
			if d = strings.TrimSpace(d); d != "" {
				actions = append(actions, program.ActionItem{ID: fmt.Sprintf("A%d", i+1), Description: d, DueAt: next.RemedyDueAt})
			}
		}
		plan, err := program.NewActionPlan(m.OrgID, subjectMembership, m.ID, actions, a.UserID, tx.Now())
		if err != nil {
			return err
		}
		if dec, err = o.decide(tx, a, m.OrgID, decisionArgs{kind: program.Suspension, subjectType: subjectMembership, subjectID: m.ID,
			sector: m.Sector, number: m.Number, reasons: in.Reasons, narrative: in.Narrative}); err != nil {
			return err
		}
		if err := tx.SavePlan(&plan); err != nil {
			return err
		}
		if err := saveMember(tx, a, &next, "membership.suspended", map[string]any{"decision": dec.ID, "plan": plan.ID, "remedy_due": next.RemedyDueAt}); err != nil {
			return err
		}
		if err := o.schedule(tx, Deadline{What: "remedy", OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID,
			Due: next.RemedyDueAt}, o.policy.Windows.Reminder); err != nil {
			return err
		}
		return o.schedule(tx, Deadline{What: "appeal", OrgID: m.OrgID, SubjectType: "decision", SubjectID: dec.ID, Due: dec.AppealDeadline}, 0)
	})
	return dec, err
}

// Reinstate lifts a suspension once its corrective actions are verified.
func (o *Office) Reinstate(ctx context.Context, a auth.Actor, membershipID string, in DecisionInput) (program.Decision, error) {
	var dec program.Decision
	err := o.update(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, "", membershipID, auth.DecideSuspend)
		if err != nil {
			return err
		}
		plans, err := tx.Plans(subjectMembership, m.ID)
		if err != nil {
			return err
		}
		if len(plans) > 0 && plans[len(plans)-1].State != program.PlanCompleted {
			return errs.E(errs.Conflict, "error.case.plan_open", "verify every corrective action first")
		}
		susp, _, err := lastDecision(tx, subjectMembership, m.ID, program.Suspension)
		if err != nil {
			return err
		}
		next, err := m.Apply(program.CmdReinstate, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID, SuspendedBy: susp.DecidedBy})
		if err != nil {
			return err
		}
		if dec, err = o.decide(tx, a, m.OrgID, decisionArgs{kind: program.Reinstatement, subjectType: subjectMembership, subjectID: m.ID,
			sector: m.Sector, number: m.Number, reasons: in.Reasons, narrative: in.Narrative}); err != nil {
			return err
		}
		return saveMember(tx, a, &next, "membership.reinstated", map[string]any{"decision": dec.ID})
	})
	return dec, err
}

// Cancel ends a membership for cause; the member may appeal within 30 days.
func (o *Office) Cancel(ctx context.Context, a auth.Actor, membershipID string, in DecisionInput) (program.Decision, error) {
	var dec program.Decision
	err := o.update(ctx, func(tx *store.Tx) error {
		m, err := loadMember(tx, a, "", membershipID, auth.DecideCancel)
		if err != nil {
			return err
		}
		next, err := m.Apply(program.CmdCancel, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID})
		if err != nil {
			return err
		}
		if dec, err = o.decide(tx, a, m.OrgID, decisionArgs{kind: program.Cancellation, subjectType: subjectMembership, subjectID: m.ID,
			sector: m.Sector, number: m.Number, reasons: in.Reasons, narrative: in.Narrative}); err != nil {
			return err
		}
		if err := saveMember(tx, a, &next, "membership.cancelled", map[string]any{"decision": dec.ID}); err != nil {
			return err
		}
		return o.schedule(tx, Deadline{What: "appeal", OrgID: m.OrgID, SubjectType: "decision", SubjectID: dec.ID, Due: dec.AppealDeadline}, 0)
	})
	return dec, err
}
