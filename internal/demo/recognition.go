package demo

import (
	"context"
	"fmt"
	"time"

	"trustlane/internal/fast"
	"trustlane/internal/office"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// ctpatList is the demonstration's C-TPAT member list as CBP might send it:
// two of our companies (one named differently, as partners do), members
// that are not ours, one suspended and one removed.
const ctpatList = `ref,legal_name,country,sectors,status,status_since,fast,scac,us_ein
CT-100231,MAPLE LEAF FREIGHTWAYS INC,CA,Highway Carrier,Tier II,2019-04-02,into_us,MLFW,
CT-100232,"Great Lakes Trucking, L.L.C.",US,Highway Carrier,Validated,2017-09-18,into_us,GLTK,38-1234567
CT-100233,Importations Boreal Inc,CA,Importer,Certified,2021-02-11,,,
CT-200001,Lone Star Carriers LLC,US,Highway Carrier,Tier III,2015-06-30,into_us,LSCR,74-1234560
CT-200002,Rio Grande Imports Inc.,US,Importer,Suspended,2026-10-01,,,74-2345678
CT-200003,Desert Freight Company,US,Highway Carrier,Removed,2025-12-15,,DSFR,
`

// seedRecognition shows mutual recognition and the border in the small
// demonstration, through the use cases: C-TPAT's member list imported;
// Maple Leaf Freightways linked to its C-TPAT record (confirmed by the
// officer), sharing its standing with C-TPAT and FAST-approved into Canada;
// Great Lakes Trucking's declaration waiting in the matching queue; a few
// FAST cards. It runs once: a C-TPAT import already on file skips it.
func seedRecognition(ctx context.Context, off *office.Office, db *store.DB) error {
	var done bool
	if err := db.View(ctx, func(tx *store.Tx) error {
		imps, err := tx.PartnerImports("CTPAT", 1)
		done = len(imps) > 0
		return err
	}); err != nil || done {
		return err
	}
	staff, err := loadStaff(ctx, db)
	if err != nil {
		return err
	}
	if _, err := off.ImportPartnerMembers(ctx, staff.manager, "CTPAT", "ctpat-members.csv", []byte(ctpatList), partner.ModeFull); err != nil {
		return fmt.Errorf("demo C-TPAT list: %w", err)
	}
	maple, mapleOrg, err := ownerOrg(ctx, db, "sarah@maplefreight.example")
	if err != nil {
		return err
	}
	link, err := off.DeclarePartnerLink(ctx, maple.Actor(), mapleOrg, "CTPAT", "CT 100231")
	if err != nil {
		return fmt.Errorf("demo partner link: %w", err)
	}
	if err := off.ConfirmPartnerLink(ctx, staff.officer, link.ID, "CT-100231"); err != nil {
		return fmt.Errorf("demo partner link: %w", err)
	}
	if err := off.SetPartnerConsent(ctx, maple.Actor(), mapleOrg, "CTPAT", true); err != nil {
		return fmt.Errorf("demo consent: %w", err)
	}
	if _, err := off.GrantFastApproval(ctx, staff.officer, mapleOrg); err != nil {
		return fmt.Errorf("demo FAST approval: %w", err)
	}
	greatLakes, glOrg, err := ownerOrg(ctx, db, "mike@greatlakestrucking.example")
	if err != nil {
		return err
	}
	if _, err := off.DeclarePartnerLink(ctx, greatLakes.Actor(), glOrg, "CTPAT", "ct100232"); err != nil {
		return fmt.Errorf("demo partner link: %w", err)
	}
	return seedCards(ctx, off, staff)
}

// seedCards registers the drivers of the demonstration's carriers.
func seedCards(ctx context.Context, off *office.Office, staff staffActors) error {
	until := time.Now().UTC().AddDate(3, 0, 0).Truncate(24 * time.Hour)
	for _, c := range []fast.CardInput{
		{Number: "420012345", Holder: "Marc Tremblay", Kind: string(fast.KindFAST), ValidUntil: until},
		{Number: "420054321", Holder: "Priya Natarajan", Kind: string(fast.KindFAST), ValidUntil: until},
		{Number: "510077777", Holder: "Jean-Luc Côté", Kind: string(fast.KindCDRP), ValidUntil: until},
		{Number: "430099999", Holder: "Carlos Mendoza", Kind: string(fast.KindFAST), SouthOnly: true, ValidUntil: until},
	} {
		if _, err := off.SaveFastCard(ctx, staff.officer, c, true); err != nil {
			return fmt.Errorf("demo FAST card %s: %w", c.Number, err)
		}
	}
	if _, err := off.RevokeFastCard(ctx, staff.officer, "420054321", "Card reported stolen."); err != nil {
		return fmt.Errorf("demo FAST card revocation: %w", err)
	}
	return nil
}
