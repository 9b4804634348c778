package office_test

import (
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
)

func TestTokenPartnersForAdministratorsOnly(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ps, err := e.off.TokenPartners(ctx, e.staff(t, auth.Administrator))
		if err != nil {
			t.Fatal(err)
		}
		codes := map[string]bool{}
		for _, p := range ps {
			codes[p.Code] = true
		}
		// The registry whole: a planned program may be bound too.
		if !codes["CTPAT"] || !codes["EU-AEO"] {
			t.Fatalf("programs = %v", codes)
		}
		_, err = e.off.TokenPartners(ctx, e.staff(t, auth.Officer))
		wantCode(t, err, errs.Forbidden, "officer")
	})
}
