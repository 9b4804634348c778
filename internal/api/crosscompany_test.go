package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// victim is company B with something behind every kind of ID: a member, a
// pending invitation, a token, and a Security Profile with an answer and an
// evidence file.
type victim struct {
	servertest.Company
	member, invitation, token, evidence string
	answer                              string // a question B may answer
	cases                               caseIDs
}

// victimFile is the name and content of B's evidence, which no answer to
// anyone else may show.
const victimFile, victimContent = "victim-secret-plan.pdf", "VICTIM-SECRET-CONTENT"

func newVictim(t *testing.T, inst *servertest.Instance) victim {
	t.Helper()
	// B applied and was approved, signed, then suspended: it has an
	// application, a membership, decisions, a letter and an action plan.
	ap := newApplicant(t, inst, nil, "Victim Logistics", "owner@victim.test")
	v := victim{Company: ap.Company}
	v.cases = openCase(t, inst, ap, newTeam(t, inst, nil, "victim-office.test"), suspended)
	v.member = addMember(t, inst, v.Company, "clerk@victim.test", auth.ReadOnly).ID
	inv, err := inst.Office.Invite(ctx, v.Owner.Actor(), v.Org.ID, "pending@victim.test", auth.FullAccess)
	if err != nil {
		t.Fatal(err)
	}
	v.invitation = inv.ID
	_, tok := companyToken(t, inst, v.Company)
	v.token = tok.ID
	pk := pickQuestions(t, inst)
	v.answer = pk.noFile.ID
	if _, err := inst.Office.SaveAnswers(ctx, v.Owner.Actor(), v.Org.ID, "generic", map[string]string{v.answer: "yes"}); err != nil {
		t.Fatal(err)
	}
	f, err := inst.Office.UploadEvidence(ctx, v.Owner.Actor(), v.Org.ID, "generic", pk.file.ID, victimFile, []byte(pdfFile+victimContent))
	if err != nil {
		t.Fatal(err)
	}
	v.evidence = f.ID
	return v
}

// snapshot is everything of B an attack could change, as its owner sees it.
func (v victim) snapshot(t *testing.T, inst *servertest.Instance) string {
	t.Helper()
	a := v.Owner.Actor()
	org, _, err := inst.Office.Org(ctx, a, v.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := inst.Office.Members(ctx, a, v.Org.ID)
	invs, _ := inst.Office.Invitations(ctx, a, v.Org.ID)
	toks, _ := inst.Office.Tokens(ctx, a, v.Org.ID)
	evs, _ := inst.Office.OrgEvents(ctx, a, v.Org.ID, 0, 200)
	var roles, states, revoked []string
	for _, m := range ms {
		roles = append(roles, m.UserID+"="+string(m.Role))
	}
	for _, i := range invs {
		states = append(states, i.ID+"="+string(i.State(time.Now())))
	}
	for _, tk := range toks {
		revoked = append(revoked, fmt.Sprint(tk.ID, tk.RevokedAt.IsZero()))
	}
	b, _ := json.Marshal([]any{org.LegalName, org.UpdatedAt, org.Identifiers, roles, states, revoked, len(toks), len(evs),
		profileState(t, inst, v.Company), caseState(t, inst, v.Company)})
	return string(b)
}

// Company A's token, whether or not its person also belongs to B, finds
// nothing of company B: every organization-scoped operation answers 404 on
// B's organization, and on A's own organization with B's member, invitation
// and token IDs. B is unchanged afterwards.
func TestCrossCompanyIsNotFound(t *testing.T) {
	inst := start(t)
	b := newVictim(t, inst)
	a := inst.SignUpCompany(t, "Attacker Freight", "owner@attacker.test")
	aTok, _ := companyToken(t, inst, a)
	// C's owner is also a member of B, but C's token is bound to C.
	c := inst.SignUpCompany(t, "Insider Freight", "owner@insider.test")
	if _, err := inst.Office.Invite(ctx, b.Owner.Actor(), b.Org.ID, c.Owner.Email, auth.FullAccess); err != nil {
		t.Fatal(err)
	}
	link := inst.Mail.Wait(t, c.Owner.Email, b.Org.LegalName).Link()
	if _, err := inst.Office.AcceptInvitation(ctx, c.Owner.Actor(), link[strings.LastIndex(link, "/")+1:]); err != nil {
		t.Fatal(err)
	}
	cTok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	// A's own workbook, valid for A's profile, replayed against B.
	workbook, err := inst.Office.ExportProfileXLSX(ctx, a.Owner.Actor(), a.Org.ID, "en")
	if err != nil {
		t.Fatal(err)
	}
	bLink, err := inst.Office.DeclarePartnerLink(ctx, b.Owner.Actor(), b.Org.ID, "CTPAT", "B-1")
	if err != nil {
		t.Fatal(err)
	}
	before := b.snapshot(t, inst)
	bc := b.cases
	_, _, mouHash, _ := inst.Office.MOUText("en")

	expires := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	update := with(orgBody(b.Company), "legal_name", "Hijacked")
	// Each operation, by its operationId, as a request on org (B's or A's).
	cases := map[string]func(org string) call{
		"getOrganization":    func(org string) call { return call{method: "GET", path: "/organizations/" + org} },
		"updateOrganization": func(org string) call { return call{method: "PUT", path: "/organizations/" + org, body: update} },
		"listOrgEvents":      func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/events"} },
		"listMembers":        func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/members"} },
		"setMemberRole": func(org string) call {
			return call{method: "PUT", path: "/organizations/" + org + "/members/" + b.member, body: `{"role":"full_access"}`}
		},
		"removeMember": func(org string) call {
			return call{method: "DELETE", path: "/organizations/" + org + "/members/" + b.member}
		},
		"transferOwnership": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/ownership-transfer", body: `{"to_user_id":"` + b.member + `"}`}
		},
		"listInvitations": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/invitations"} },
		"getInvitation": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/invitations/" + b.invitation}
		},
		"createInvitation": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/invitations", body: `{"email":"mole@attacker.test","role":"full_access"}`}
		},
		"withdrawInvitation": func(org string) call {
			return call{method: "DELETE", path: "/organizations/" + org + "/invitations/" + b.invitation}
		},
		"listPartnerLinks": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/partner-links"} },
		"createPartnerLink": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/partner-links", body: `{"partner":"JP-AEO","member_ref":"X-1"}`}
		},
		"withdrawPartnerLink": func(org string) call {
			return call{method: "DELETE", path: "/organizations/" + org + "/partner-links/" + bLink.ID}
		},
		"listPartnerConsents": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/partner-consents"} },
		"setPartnerConsent": func(org string) call {
			return call{method: "PUT", path: "/organizations/" + org + "/partner-consents/CTPAT", body: `{"granted":true}`}
		},
		"listOrgTokens": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/tokens"} },
		"getOrgToken": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/tokens/" + b.token}
		},
		"createOrgToken": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/tokens",
				body: `{"name":"backdoor","scopes":["org:read"],"expires_at":"` + expires + `"}`}
		},
		"revokeOrgToken": func(org string) call {
			return call{method: "DELETE", path: "/organizations/" + org + "/tokens/" + b.token}
		},
		"getProfile":     func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/profile"} },
		"getProfileGaps": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/profile/gaps"} },
		"saveProfileAnswers": func(org string) call {
			return call{method: "PUT", path: "/organizations/" + org + "/profile/parts/generic/answers",
				body: answerBody(map[string]any{b.answer: "no"})}
		},
		"listEvidence": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/profile/evidence"} },
		"uploadEvidence": func(org string) call {
			return multipartCall("/organizations/"+org+"/profile/evidence", "",
				formPart{name: "part", data: "generic"}, formPart{name: "question_id", data: pk.file.ID},
				formPart{name: "file", filename: "planted.pdf", data: pdfFile})
		},
		"getEvidence": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/profile/evidence/" + b.evidence}
		},
		"downloadEvidence": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/profile/evidence/" + b.evidence + "/content"}
		},
		"exportProfile": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/profile.xlsx"} },
		"importProfile": func(org string) call {
			return xlsxCall("/organizations/"+org+"/profile.xlsx", "", workbook)
		},
		"deleteEvidence": func(org string) call {
			return call{method: "DELETE", path: "/organizations/" + org + "/profile/evidence/" + b.evidence}
		},
		"listApplications": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/applications"} },
		"createApplication": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/applications", body: `{"sector":"highway_carrier"}`}
		},
		"getApplication": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/applications/" + bc.app}
		},
		"declareEligibility": func(org string) call {
			return call{method: "PUT", path: "/organizations/" + org + "/applications/" + bc.app + "/eligibility",
				body: jsonBody(map[string]any{"items": toStrings(program.EligibilityItems()), "last_movement": time.Now().UTC().Format(time.DateOnly)})}
		},
		"submitApplication": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/applications/" + bc.app + "/submit"}
		},
		"withdrawApplication": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/applications/" + bc.app + "/withdraw"}
		},
		"answerInfoRequest": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/applications/" + bc.app + "/info-answer",
				body: `{"answer":"Planted answer.","refresh_snapshot":true}`}
		},
		"respondAction": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/plans/" + bc.plan + "/actions/A1/response",
				body: `{"response":"Planted response."}`}
		},
		"listMemberships": func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/memberships"} },
		"getMembership": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/memberships/" + bc.membership}
		},
		"signMOU": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/memberships/" + bc.membership + "/mou",
				body: jsonBody(map[string]any{"lang": "en", "title": "Impostor", "text_sha256": mouHash, "code": "123456"})}
		},
		"confirmAnnual": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/memberships/" + bc.membership + "/confirmation"}
		},
		"withdrawMembership": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/memberships/" + bc.membership + "/withdraw"}
		},
		"fileAppeal": func(org string) call {
			return call{method: "POST", path: "/organizations/" + org + "/decisions/" + bc.suspension + "/appeal",
				body: `{"grounds":"An appeal planted by another company."}`}
		},
		"getFastApproval":    func(org string) call { return call{method: "GET", path: "/organizations/" + org + "/fast"} },
		"putFastApproval":    func(org string) call { return call{method: "PUT", path: "/organizations/" + org + "/fast/into_ca"} },
		"deleteFastApproval": func(org string) call { return call{method: "DELETE", path: "/organizations/" + org + "/fast/into_ca"} },
		"downloadLetter": func(org string) call {
			return call{method: "GET", path: "/organizations/" + org + "/letters/" + bc.letter}
		},
	}
	// Every organization-scoped operation of the document has a case.
	for path, ops := range fetchOpenAPI(t).Paths {
		for _, op := range ops {
			if strings.Contains(path, "{orgID}") {
				if _, ok := cases[op.OperationID]; !ok {
					t.Errorf("no cross-company case for %s", op.OperationID)
				}
			}
		}
	}
	for name, mk := range cases {
		for _, attacker := range []struct{ who, token, org string }{{"A", aTok, a.Org.ID}, {"C", cTok, c.Org.ID}} {
			targets := []string{b.Org.ID}
			// With B's member, invitation or token ID on the attacker's own
			// organization. A transfer there is refused as invalid: B's
			// member is not one of the attacker's.
			p := mk("X").path
			if strings.Contains(p, b.member) || strings.Contains(p, b.invitation) || strings.Contains(p, b.token) ||
				strings.Contains(p, b.evidence) || name == "transferOwnership" || names(p, bc) {
				targets = append(targets, attacker.org)
			}
			for _, org := range targets {
				c := mk(org)
				c.path, c.token = "/api/v1"+c.path, attacker.token
				t.Run(name+"/"+attacker.who+"/"+map[bool]string{true: "B's org", false: "own org"}[org == b.Org.ID], func(t *testing.T) {
					r := do(t, inst, c)
					want := http.StatusNotFound
					if name == "transferOwnership" && org != b.Org.ID {
						want = http.StatusUnprocessableEntity
					}
					p := r.problem(t, want)
					if want == http.StatusNotFound && p.Type != "urn:trustlane:problem:not-found" {
						t.Errorf("type = %q", p.Type)
					}
					for _, secret := range []string{b.Org.LegalName, "clerk@victim.test", "pending@victim.test", b.Owner.Email,
						victimFile, victimContent} {
						if strings.Contains(string(r.body), secret) {
							t.Errorf("answer shows B's %q: %s", secret, r.body)
						}
					}
				})
			}
		}
	}
	if after := b.snapshot(t, inst); after != before {
		t.Errorf("B changed:\nbefore %s\nafter  %s", before, after)
	}
	// Control: the same person with a token bound to B does reach B, so
	// the 404s above come from the binding, not from a broken route.
	cForB, _ := tokenFor(t, inst, c.Owner.Actor(), b.Org.ID, auth.ScopeOrgRead, auth.ScopeProfileRead)
	do(t, inst, call{method: "GET", path: "/api/v1/organizations/" + b.Org.ID, token: cForB}).want(t, http.StatusOK, nil)
	r := do(t, inst, call{method: "GET", path: "/api/v1/organizations/" + b.Org.ID + "/profile/evidence/" + b.evidence + "/content", token: cForB})
	if r.want(t, http.StatusOK, nil); !strings.HasSuffix(string(r.body), victimContent) {
		t.Errorf("B's file through B's token: %q", r.body)
	}
	cCases, _ := tokenFor(t, inst, c.Owner.Actor(), b.Org.ID, auth.ScopeCasesRead)
	do(t, inst, call{method: "GET", path: "/api/v1/organizations/" + b.Org.ID + "/applications/" + bc.app, token: cCases}).want(t, http.StatusOK, nil)
}

// names reports whether path names one of a case's records.
func names(path string, ids caseIDs) bool {
	for _, id := range []string{ids.app, ids.validation, ids.membership, ids.approval, ids.suspension, ids.letter, ids.plan} {
		if id != "" && strings.Contains(path, id) {
			return true
		}
	}
	return false
}
