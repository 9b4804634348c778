package store_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// TestSharedValidationRoundTrip: the mode, the partner's reference, its
// validators or date, and the pre-filled items come back as saved; an own
// validation reads back as own.
func TestSharedValidationRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		org := newOrg("Shared Validations Inc", nil)
		on := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		relied := program.Validation{ApplicationID: "app1", State: program.ValScheduled, ScheduledFor: clock.Now(),
			Sites: []string{"Yard"}, Validators: []string{"u1"}, CreatedBy: "u0", CreatedAt: clock.Now(),
			Items: []program.CheckItem{{CriterionID: "PH-01", Level: "must", Outcome: program.OutcomeMet,
				Prefill: &program.Prefill{Partner: "CTPAT", Framework: "ctpat", Target: "9", Relationship: "subset"}},
				{CriterionID: "PH-02", Level: "should", PartlyFrom: []string{"10"}}},
			Sharing: program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "CBP-2026-77", PartnerValidatedOn: on}}
		joint := relied
		joint.Items = nil
		joint.Sharing = program.Sharing{Mode: program.ModeJoint, PartnerCode: "CTPAT", PartnerRef: "J-1", PartnerValidators: []string{"A. Smith", "B. Jones"}}
		own := relied
		own.Items, own.Sharing = nil, program.Sharing{}
		mustUpdate(t, db, func(tx *store.Tx) error {
			if err := tx.InsertOrg(org); err != nil {
				return err
			}
			for _, v := range []*program.Validation{&relied, &joint, &own} {
				v.OrgID = org.ID
				if err := tx.SaveValidation(v); err != nil {
					return err
				}
			}
			return nil
		})
		mustUpdate(t, db, func(tx *store.Tx) error {
			got, err := tx.Validation(org.ID, relied.ID)
			if err != nil {
				return err
			}
			s := got.Sharing
			if s.Mode != program.ModeRelied || s.PartnerCode != "CTPAT" || s.PartnerRef != "CBP-2026-77" || !s.PartnerValidatedOn.Equal(on) {
				t.Errorf("relied sharing = %+v", s)
			}
			if p := got.Items[0].Prefill; p == nil || p.Target != "9" || p.Confirmed() || !slices.Equal(got.Items[1].PartlyFrom, []string{"10"}) {
				t.Errorf("items = %+v", got.Items)
			}
			if got, _ = tx.Validation(org.ID, joint.ID); got.Sharing.Mode != program.ModeJoint ||
				!slices.Equal(got.Sharing.PartnerValidators, []string{"A. Smith", "B. Jones"}) || !got.Sharing.PartnerValidatedOn.IsZero() {
				t.Errorf("joint sharing = %+v", got.Sharing)
			}
			if got, _ = tx.Validation(org.ID, own.ID); got.Sharing.Mode != program.ModeOwn || got.Sharing.PartnerCode != "" {
				t.Errorf("own sharing = %+v", got.Sharing)
			}
			return nil
		})
	})
}
