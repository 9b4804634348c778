package office

import (
	"context"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// ValidationPlan is what scheduling a site validation takes: the day, the
// sites, our validators, and whether the visit is shared with a partner
// program (the zero Sharing is our own visit).
type ValidationPlan struct {
	When       time.Time
	Sites      []string
	Validators []string
	Sharing    program.Sharing
}

// sharingPartner loads the partner program a shared validation names;
// found is false when the validation is our own or the code names no
// program (the domain then refuses it with a field error).
func sharingPartner(tx *store.Tx, s program.Sharing) (p partner.Program, found bool, err error) {
	code := strings.ToUpper(strings.TrimSpace(s.PartnerCode))
	if !s.Mode.Shared() || code == "" {
		return p, false, nil
	}
	p, err = tx.PartnerProgram(code)
	switch {
	case errs.Is(err, errs.NotFound):
		return p, false, nil
	case err != nil:
		return p, false, err
	}
	return p, true, nil
}

// prefill marks the checklist items a partner's validated result carries
// to (their target → our criterion): met and pre-filled from the first
// target that carries fully; the targets that carry only partly are listed
// on the item, which stays open.
func prefill(items []program.CheckItem, v *catalog.Version, p partner.Program) []program.CheckItem {
	out := make([]program.CheckItem, len(items))
	for i, it := range items {
		out[i] = it
		cr, ok := v.Criterion(it.CriterionID)
		if !ok {
			continue
		}
		full, partial := cr.CarryFrom(p.Framework)
		if len(full) > 0 {
			r := full[0]
			out[i].Outcome = program.OutcomeMet
			out[i].Prefill = &program.Prefill{Partner: p.Code, Framework: r.Framework, Target: r.Target, Relationship: string(r.Relationship)}
			continue
		}
		for _, r := range partial {
			out[i].PartlyFrom = append(out[i].PartlyFrom, r.Target)
		}
	}
	return out
}

// scheduledData is the audit event's data of a scheduled validation: the
// visit, and for a shared one the mode and the partner's reference.
func scheduledData(v program.Validation) map[string]any {
	d := map[string]any{"validation": v.ID, "date": v.ScheduledFor, "sites": v.Sites, "validators": v.Validators,
		"mode": v.Sharing.Mode}
	if !v.Sharing.Mode.Shared() {
		return d
	}
	d["partner"], d["partner_ref"] = v.Sharing.PartnerCode, v.Sharing.PartnerRef
	switch v.Sharing.Mode {
	case program.ModeJoint:
		d["partner_validators"] = v.Sharing.PartnerValidators
	case program.ModeRelied:
		d["partner_validated_on"] = v.Sharing.PartnerValidatedOn
	}
	n := 0
	for _, it := range v.Items {
		if it.Prefill != nil {
			n++
		}
	}
	d["prefilled"] = n
	return d
}

// SharingPartners lists the partner programs a validation can be shared
// with now: those whose arrangement is in force. The scheduling form offers
// them.
func (o *Office) SharingPartners(ctx context.Context, a auth.Actor) ([]partner.Program, error) {
	var out []partner.Program
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.CaseReview); err != nil {
			return err
		}
		all, err := tx.PartnerPrograms()
		if err != nil {
			return err
		}
		for _, p := range all {
			if p.Recognized() {
				out = append(out, p)
			}
		}
		return nil
	})
	return out, err
}
