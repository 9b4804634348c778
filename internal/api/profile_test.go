package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
)

func gapIDs(gs []gapWire) []string {
	var out []string
	for _, x := range gs {
		out = append(out, x.Part+"/"+x.CriterionID)
	}
	return out
}

func findGap(gs []gapWire, criterion string) gapWire {
	for _, g := range gs {
		if g.CriterionID == criterion {
			return g
		}
	}
	return gapWire{}
}

// Answers saved through the API are read back as saved, and the gaps they
// close leave the assessment.
func TestSaveAnswersThenGapsShrink(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Profile Freight", "owner@profile.test")
	tok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	base := "/api/v1/organizations/" + c.Org.ID + "/profile"

	var empty profileWire
	do(t, inst, call{method: "GET", path: base, token: tok}).want(t, http.StatusOK, &empty)
	if empty.Revision != 0 || empty.CatalogVersion != pk.v.ID || len(empty.Answers) != 0 || len(empty.Evidence) != 0 ||
		empty.Ready || !empty.UpdatedAt.IsZero() {
		t.Fatalf("new profile %+v", empty)
	}
	if len(empty.Parts) != 2 || empty.Parts[0].Part != "generic" || empty.Parts[1].Part != pk.sector ||
		len(empty.Parts[0].Sections) == 0 || empty.Parts[0].Sections[0].Status != "not_started" || empty.Parts[0].Sections[0].Title == "" {
		t.Fatalf("parts %+v", empty.Parts)
	}
	var before gapsWire
	do(t, inst, call{method: "GET", path: base + "/gaps", token: tok}).want(t, http.StatusOK, &before)
	metGap, adviceGap := "generic/"+pk.met.ID, "generic/"+pk.advice.ID
	if !slices.Contains(gapIDs(before.Gaps), metGap) || !slices.Contains(gapIDs(before.Recommendations), adviceGap) || before.Ready {
		t.Fatalf("gaps of an empty profile lack %s or %s: %v %v", metGap, adviceGap, gapIDs(before.Gaps), gapIDs(before.Recommendations))
	}
	if g := findGap(before.Gaps, pk.met.ID); g.Title != pk.met.Title.EN || g.Kind != "unanswered" || g.Level != "must" ||
		g.Area != pk.met.Area || len(g.QuestionIDs) == 0 {
		t.Errorf("gap %+v", g)
	}

	answers, want := map[string]any{}, map[string]string{}
	for _, m := range []map[string]string{pk.answers, pk.advised} {
		for id, v := range m {
			answers[id], want[id] = v, v
		}
	}
	multi := pk.byType[catalog.Multi]
	if _, taken := answers[multi.ID]; !taken && len(multi.Options) > 1 {
		// Any spacing around the semicolon; read back in the catalog's form.
		answers[multi.ID] = multi.Options[1].Value + " ;" + multi.Options[0].Value
		want[multi.ID] = multi.Options[0].Value + "; " + multi.Options[1].Value
	}
	var saved profileWire
	do(t, inst, call{method: "PUT", path: base + "/parts/generic/answers", token: tok, body: answerBody(answers)}).
		want(t, http.StatusOK, &saved)
	if saved.Revision != 1 || saved.Done <= empty.Done || saved.UpdatedAt.IsZero() || saved.Answers != nil {
		t.Errorf("saved summary: revision %d, done %d (was %d), answers %v", saved.Revision, saved.Done, empty.Done, saved.Answers)
	}
	var got profileWire
	do(t, inst, call{method: "GET", path: base, token: tok}).want(t, http.StatusOK, &got)
	if got.Revision != 1 || len(got.Answers) != len(want) {
		t.Fatalf("profile after save: revision %d, %d answers, want %d", got.Revision, len(got.Answers), len(want))
	}
	for _, a := range got.Answers {
		if a.Part != "generic" || a.Value != want[a.QuestionID] || a.UpdatedBy != c.Owner.ID || a.UpdatedAt.IsZero() {
			t.Errorf("answer %+v, want value %q", a, want[a.QuestionID])
		}
	}
	// Answers alone meet the should-criterion; the must-criterion now
	// lacks only its files.
	var after gapsWire
	do(t, inst, call{method: "GET", path: base + "/gaps", token: tok}).want(t, http.StatusOK, &after)
	if slices.Contains(gapIDs(after.Recommendations), adviceGap) || len(after.Recommendations) >= len(before.Recommendations) ||
		after.Completeness <= before.Completeness {
		t.Errorf("recommendations did not shrink: before %d (%d%%), after %d (%d%%)", len(before.Recommendations),
			before.Completeness, len(after.Recommendations), after.Completeness)
	}
	if len(pk.files) > 0 {
		if g := findGap(after.Gaps, pk.met.ID); g.Kind != "evidence_missing" {
			t.Errorf("after answers, gap %+v, want evidence_missing", g)
		}
	}
	for _, q := range pk.files {
		do(t, inst, multipartCall(base+"/evidence", tok, uploadParts("generic", q, q.ID+".pdf", pdfFile)...)).
			want(t, http.StatusCreated, nil)
	}
	do(t, inst, call{method: "GET", path: base + "/gaps", token: tok}).want(t, http.StatusOK, &after)
	if slices.Contains(gapIDs(after.Gaps), metGap) || len(after.Gaps) >= len(before.Gaps) {
		t.Errorf("gaps did not shrink: before %d, after %d: %v", len(before.Gaps), len(after.Gaps), gapIDs(after.Gaps))
	}
	rev := int64(1 + len(pk.files))

	// The same answers again change nothing: no new revision.
	do(t, inst, call{method: "PUT", path: base + "/parts/generic/answers", token: tok, body: answerBody(answers)}).
		want(t, http.StatusOK, &saved)
	if saved.Revision != rev {
		t.Errorf("unchanged save made revision %d, want %d", saved.Revision, rev)
	}
	// An empty string clears an answer; other answers stay.
	do(t, inst, call{method: "PUT", path: base + "/parts/generic/answers", token: tok,
		body: answerBody(map[string]any{multi.ID: ""})}).want(t, http.StatusOK, &saved)
	do(t, inst, call{method: "GET", path: base, token: tok}).want(t, http.StatusOK, &got)
	if got.Revision != rev+1 || len(got.Answers) != len(want)-1 || len(got.Evidence) != len(pk.files) {
		t.Errorf("after clearing: revision %d, %d answers", got.Revision, len(got.Answers))
	}
	// A sector's part takes its own questions.
	do(t, inst, call{method: "PUT", path: base + "/parts/" + pk.sector + "/answers", token: tok,
		body: answerBody(map[string]any{pk.inPart.ID: "yes"})}).want(t, http.StatusOK, &saved)
	do(t, inst, call{method: "GET", path: base, token: tok}).want(t, http.StatusOK, &got)
	if i := slices.IndexFunc(got.Answers, func(a answerWire) bool { return a.QuestionID == pk.inPart.ID }); i < 0 || got.Answers[i].Part != pk.sector || got.Answers[len(got.Answers)-1].Part != pk.sector {
		t.Errorf("sector answer not last in catalog order: %+v", got.Answers)
	}

	// Titles follow Accept-Language.
	var fr gapsWire
	do(t, inst, call{method: "GET", path: base + "/gaps", token: tok, header: map[string]string{"Accept-Language": "fr-CA"}}).
		want(t, http.StatusOK, &fr)
	if len(fr.Gaps) == 0 || fr.Gaps[0].Title == "" || fr.Gaps[0].Title != frTitle(pk, fr.Gaps[0].CriterionID) {
		t.Errorf("French gaps: %+v", fr.Gaps)
	}
}

func frTitle(pk picks, id string) string {
	cr, _ := pk.v.Criterion(id)
	return cr.Title.FR
}

// Bad answers are problems that name each answer to correct, in the
// reader's language, and save nothing.
func TestSaveAnswersBadInput(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Careless Freight", "owner@careless.test")
	tok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	base := "/api/v1/organizations/" + c.Org.ID + "/profile/parts/"
	// Something saved first, so "unchanged" is a real revision.
	yes := pk.byType[catalog.YesNo]
	do(t, inst, call{method: "PUT", path: base + "generic/answers", token: tok,
		body: answerBody(map[string]any{yes.ID: "yes"})}).want(t, http.StatusOK, nil)
	single, multi, date, num := pk.byType[catalog.Single], pk.byType[catalog.Multi], pk.byType[catalog.Date], pk.byType[catalog.Number]
	text := pk.byType[catalog.Free]
	loc := func(q *catalog.Question) string { return "body.answers." + q.ID }
	cases := []struct {
		name, part, body string
		status           int
		loc, code        string
	}{
		{"unknown question ID", "generic", answerBody(map[string]any{"NOPE-99-Q9": "yes"}), 422, "body.answers.NOPE-99-Q9", "error.answer.unknown_question"},
		{"question of another part", "generic", answerBody(map[string]any{pk.inPart.ID: "yes"}), 422, loc(pk.inPart), "error.answer.unknown_question"},
		{"wrong JSON type", "generic", answerBody(map[string]any{yes.ID: 42}), 422, loc(yes), "api.field.type"},
		{"not yes or no", "generic", answerBody(map[string]any{yes.ID: "maybe"}), 422, loc(yes), "error.answer.yes_no"},
		{"bogus option", "generic", answerBody(map[string]any{single.ID: "bogus"}), 422, loc(single), "error.answer.choice"},
		{"bogus option among good", "generic", answerBody(map[string]any{multi.ID: multi.Options[0].Value + "; bogus"}), 422, loc(multi), "error.answer.choice"},
		{"malformed date", "generic", answerBody(map[string]any{date.ID: "31/12/2026"}), 422, loc(date), "error.answer.date"},
		{"not a number", "generic", answerBody(map[string]any{num.ID: "lots"}), 422, loc(num), "error.answer.number"},
		{"one good, one bad", "generic", answerBody(map[string]any{yes.ID: "no", date.ID: "2026-02-30"}), 422, loc(date), "error.answer.date"},
		{"part of another sector", "rail_carrier", answerBody(map[string]any{yes.ID: "no"}), 422, "path.part", "error.answer.unknown_part"},
		{"unknown part", "nonsense", answerBody(map[string]any{yes.ID: "no"}), 422, "path.part", "error.answer.unknown_part"},
		{"malformed JSON", "generic", `{"answers": {"` + yes.ID + `": "no",`, 400, "", ""},
		{"unknown JSON field", "generic", `{"answers": {}, "colour": "blue"}`, 422, "body.colour", "api.field.unknown"},
		{"answers not an object", "generic", `{"answers": "yes"}`, 422, "body.answers", "api.field.type"},
		{"answers missing", "generic", `{}`, 422, "body.answers", "error.required"},
		{"empty body", "generic", ``, 400, "", ""},
		{"oversized body", "generic", answerBody(map[string]any{text.ID: strings.Repeat("x", 600<<10)}), 413, "", ""},
		{"answer too long", "generic", answerBody(map[string]any{text.ID: strings.Repeat("é", catalog.MaxTextLen+1)}), 422, loc(text), "error.answer.text_long"},
	}
	if file := pk.byType[catalog.File]; file != nil {
		cases = append(cases, struct {
			name, part, body string
			status           int
			loc, code        string
		}{"text for a file question", "generic", answerBody(map[string]any{file.ID: "see attached"}), 422, loc(file), "error.answer.file_only"})
	}
	before := profileState(t, inst, c)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := base + tc.part + "/answers"
			r := do(t, inst, call{method: "PUT", path: path, token: tok, body: tc.body})
			p := r.problem(t, tc.status)
			if tc.loc != "" && !p.hasField(tc.loc, tc.code) {
				t.Errorf("no error at %s (%s): %s", tc.loc, tc.code, r.body)
			}
			if p.Instance != path {
				t.Errorf("instance %q", p.Instance)
			}
			if after := profileState(t, inst, c); after != before {
				t.Errorf("profile changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	// Every wrong answer is listed at once, in French when asked.
	r := do(t, inst, call{method: "PUT", path: base + "generic/answers", token: tok, header: map[string]string{"Accept-Language": "fr"},
		body: answerBody(map[string]any{date.ID: "demain", single.ID: "bogus", yes.ID: "no"})})
	p := r.problem(t, http.StatusUnprocessableEntity)
	fr := inst.I18n.For("fr")
	if len(p.Errors) != 2 || !p.hasField(loc(date), "error.answer.date") || !p.hasField(loc(single), "error.answer.choice") {
		t.Fatalf("want two errors: %s", r.body)
	}
	for _, e := range p.Errors {
		if e.Message != fr.T(e.Code) || p.Title != "Données non valides" {
			t.Errorf("not French: %s", r.body)
		}
	}
	if after := profileState(t, inst, c); after != before {
		t.Errorf("profile changed:\nbefore %s\nafter  %s", before, after)
	}
}

// Reading the profile takes profile:read, changing it profile:write; the
// office decides, and the API answers 403.
func TestProfileScopes(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Scoped Freight", "owner@scoped.test")
	pk := pickQuestions(t, inst)
	full, _ := companyToken(t, inst, c)
	readOnly, _ := companyToken(t, inst, c, auth.ScopeProfileRead)
	orgOnly, _ := companyToken(t, inst, c, auth.ScopeOrgRead, auth.ScopeOrgWrite)
	base := "/api/v1/organizations/" + c.Org.ID + "/profile"
	var up evidenceWire
	do(t, inst, multipartCall(base+"/evidence", full, uploadParts("generic", pk.file, "plan.pdf", pdfFile)...)).
		want(t, http.StatusCreated, &up)
	before := profileState(t, inst, c)

	for _, path := range []string{base, base + "/gaps", base + "/evidence", base + "/evidence/" + up.ID, base + "/evidence/" + up.ID + "/content"} {
		do(t, inst, call{method: "GET", path: path, token: readOnly}).want(t, http.StatusOK, nil)
		if p := do(t, inst, call{method: "GET", path: path, token: orgOnly}).problem(t, http.StatusForbidden); p.Type != "urn:trustlane:problem:forbidden" {
			t.Errorf("%s: %+v", path, p)
		}
	}
	writes := []call{
		{method: "PUT", path: base + "/parts/generic/answers", body: answerBody(map[string]any{pk.noFile.ID: "yes"})},
		multipartCall(base+"/evidence", "", uploadParts("generic", pk.file, "plan.pdf", pdfFile)...),
		{method: "DELETE", path: base + "/evidence/" + up.ID},
	}
	for _, w := range writes {
		for _, tok := range []string{readOnly, orgOnly} {
			w.token = tok
			do(t, inst, w).problem(t, http.StatusForbidden)
		}
	}
	if after := profileState(t, inst, c); after != before {
		t.Errorf("profile changed:\nbefore %s\nafter  %s", before, after)
	}
	// Program staff read profiles with profile:read, and never write them.
	staff, _ := admin(t, inst, "admin@scoped.test", auth.ScopeStaff, auth.ScopeProfileRead, auth.ScopeProfileWrite)
	var got profileWire
	do(t, inst, call{method: "GET", path: base, token: staff}).want(t, http.StatusOK, &got)
	if len(got.Evidence) != 1 || got.Evidence[0].ID != up.ID {
		t.Errorf("staff view %+v", got.Evidence)
	}
	do(t, inst, call{method: "PUT", path: base + "/parts/generic/answers", token: staff,
		body: answerBody(map[string]any{pk.noFile.ID: "yes"})}).problem(t, http.StatusForbidden)
}
