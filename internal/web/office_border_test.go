package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
	"trustlane/internal/store"
)

// borderMember gives c a membership in state, saved directly with its
// change notice, and waits (with a bound) until the border index answers
// it, so the pages are read after the keeper caught up.
func borderMember(t *testing.T, inst *servertest.Instance, c servertest.Company, n int, sector program.Sector, state program.MemberState) string {
	t.Helper()
	number, _ := ident.MemberNumber(n)
	now := time.Now()
	m := program.Membership{OrgID: c.Org.ID, Sector: sector, Number: number, ApplicationID: "app",
		State: state, ApprovedAt: now, MOUDueAt: now, ActivatedAt: now}
	if err := inst.DB.Update(t.Context(), func(tx *store.Tx) error {
		tx.Changed(store.Change{Kind: "membership", ID: number, OrgID: c.Org.ID})
		return tx.SaveMembership(&m)
	}); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 15*time.Second; time.Sleep(5 * time.Millisecond) {
		p, ok := inst.Border.Index().Load().LookupParty("member", number)
		if ok && len(p.Programs) == 1 && string(p.Programs[0].Standing) == string(state) {
			return number
		}
	}
	t.Fatalf("the border index never showed %s as %s", number, state)
	return ""
}

// borderPage checks a response's status and what the page says; the
// text is compared unescaped, since sentences hold apostrophes.
func borderPage(t *testing.T, resp *http.Response, body string, status int, want ...string) string {
	t.Helper()
	text := html.UnescapeString(body)
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, status, text)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s %s: no %q in\n%s", resp.Request.Method, resp.Request.URL, w, text)
		}
	}
	return text
}

func standingURL(kind, value string) string {
	return "/office/border?" + url.Values{"kind": {kind}, "value": {value}}.Encode()
}

func TestOfficeBorderStanding(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	validator, _ := staffBrowser(t, inst, auth.Validator)
	active := inst.SignUpCompany(t, "Maple Importers Ltd.", "owner@maple-border.example")
	suspended := inst.SignUpCompany(t, "Birch Haulage Inc.", "owner@birch-border.example")
	activeNo := borderMember(t, inst, active, 7001, program.Importer, program.MemberActive)
	suspendedNo := borderMember(t, inst, suspended, 7002, program.HighwayCarrier, program.MemberSuspended)

	resp, body := validator.Get("/office/border")
	borderPage(t, resp, body, http.StatusOK, "Border standing", `href="/office/border" aria-current="page"`,
		`<option value="member"`, "Membership number", `<option value="partner:CTPAT"`)

	resp, body = validator.Get(standingURL("member", strings.ToLower(activeNo)))
	text := borderPage(t, resp, body, http.StatusOK, "Maple Importers Ltd.", `<span class="tag tag--green">Active</span>`,
		"Partners in Protection", "Importer", `href="/office/orgs/`+active.Org.ID+`"`, active.Org.Identifiers["bn9"],
		"Into Canada", "The importer is a member in good standing", "(importer.active)", "(importer.not_member)")
	if !strings.Contains(text, `<span class="tag tag--green">Yes</span>`) {
		t.Error("an active importer is not shown eligible as importer in any direction")
	}

	resp, body = validator.Get(standingURL("bn9", suspended.Org.Identifiers["bn9"]))
	text = borderPage(t, resp, body, http.StatusOK, "Birch Haulage Inc.", `<span class="tag tag--red">Suspended</span>`,
		suspendedNo, "Highway carrier", "The carrier's membership is suspended: benefits are withheld.")
	if strings.Contains(text, `<span class="tag tag--green">Yes</span>`) {
		t.Error("a suspended member is shown eligible")
	}

	resp, body = validator.Get(standingURL("scac", "ZZZZ"))
	borderPage(t, resp, body, http.StatusOK, "No party holds this identifier.")
	resp, body = validator.Get(standingURL("bn9", ""))
	borderPage(t, resp, body, http.StatusUnprocessableEntity, "<title>Error: Border standing",
		`href="#f-value"`, "Enter the identifier to look up")

	validator.Get("/lang/fr?back=/")
	resp, body = validator.Get(standingURL("member", activeNo))
	borderPage(t, resp, body, http.StatusOK, "Situation à la frontière", "Active", "Importateur", "Vers le Canada",
		"L'importateur est membre en règle")

	cb := inst.NewBrowser(t)
	cb.SignIn(active.Owner.Email, active.Password)
	for _, path := range []string{"/office/border", "/office/border/screen"} {
		if resp, _ := cb.Get(path); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("a company user gets %s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := cb.Post("/office/border/screen", url.Values{"direction": {"into_ca"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a company user screens: %d", resp.StatusCode)
	}
}

func TestOfficeBorderScreening(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	officer, _ := staffBrowser(t, inst, auth.Officer)
	co := inst.SignUpCompany(t, "Spruce Imports Ltd.", "owner@spruce-border.example")
	number := borderMember(t, inst, co, 7003, program.Importer, program.MemberActive)

	resp, body := officer.Get("/office/border/screen")
	borderPage(t, resp, body, http.StatusOK, "Screen a shipment", `name="driver_cards"`, "Seal class (ISO 17712)")

	resp, body = officer.Post("/office/border/screen", url.Values{"mode": {"highway"}, "importer_kind": {"member"}})
	borderPage(t, resp, body, http.StatusUnprocessableEntity, "<title>Error: Screen a shipment",
		`href="#f-direction"`, `href="#f-importer"`, `href="#f-carrier"`, "Choose the direction of the crossing.")

	// The importer is a member; the same company as carrier is not a member
	// carrier, so the lane is standard, and the container was mistyped.
	ship := url.Values{"direction": {"into_ca"}, "mode": {"highway"}, "importer_kind": {"member"}, "importer": {number},
		"carrier_kind": {"member"}, "carrier": {number}, "driver_cards": {"42000001\n\n42000002\n"},
		"container": {"CSQU3054384"}, "seal": {"SEAL-1"}, "seal_class": {"H"}}
	resp, body = officer.Post("/office/border/screen", ship)
	text := borderPage(t, resp, body, http.StatusOK, `tag--grey">Standard</strong>`,
		"The importer is a member in good standing", "(importer.active)",
		"The carrier is an active member, but not in a carrier sector", "(carrier.not_carrier_sector)",
		"42000001</span>: A driver's card number is not on record.", "42000002</span>: A driver's card number is not on record.",
		"The container number's check digit is wrong", "(container.check_digit)",
		"The seal meets the class this direction requires.", `value="CSQU3054384"`)
	if strings.Contains(text, "container.valid") {
		t.Error("a bad check digit is reported valid")
	}

	officer.Get("/lang/fr?back=/")
	resp, body = officer.Post("/office/border/screen", ship)
	borderPage(t, resp, body, http.StatusOK, `tag--grey">Normale</strong>`,
		"Le chiffre de contrôle du numéro de conteneur est inexact", "(container.check_digit)",
		"L'importateur est membre en règle", "Le scellé est de la classe qu'exige cette direction.")
}
