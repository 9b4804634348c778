package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"trustlane/internal/catalog"
	"trustlane/internal/office"
	"trustlane/internal/server/servertest"
)

// The profile tests walk the real catalog rather than naming questions, so
// they keep working as its content grows; the catalog lint guarantees the
// shapes they look for (conditions on earlier questions, typed options).

// version is the catalog version new profiles are answered against.
func version(t *testing.T, inst *servertest.Instance) *catalog.Version {
	t.Helper()
	v, err := inst.Office.Catalog().Version(catalog.DefaultVersion)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// profileOf reads a company's profile as its owner, through the office.
func profileOf(t *testing.T, inst *servertest.Instance, co servertest.Company) *office.ProfileView {
	t.Helper()
	p, err := inst.Office.Profile(context.Background(), co.Owner.Actor(), co.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// compliant is an answer that meets the question's expectation, in the text
// form a form posts.
func compliant(q *catalog.Question) []string {
	switch q.Type {
	case catalog.YesNo:
		if len(q.Expect) > 0 {
			return q.Expect[:1]
		}
		// Any answer complies; "no" usually spares the follow-up
		// questions and their evidence.
		return []string{"no"}
	case catalog.Single:
		if len(q.Expect) > 0 {
			return q.Expect[:1]
		}
		return []string{q.Options[0].Value}
	case catalog.Multi:
		if len(q.Expect) > 0 {
			return q.Expect
		}
		return []string{q.Options[0].Value}
	case catalog.Date:
		return []string{time.Now().AddDate(0, 0, -10).Format(time.DateOnly)}
	case catalog.Number:
		n := 1.0
		if q.Min != nil {
			n = *q.Min
		}
		if q.Max != nil && n > *q.Max {
			n = *q.Max
		}
		return []string{strconv.FormatFloat(n, 'f', -1, 64)}
	case catalog.Free:
		return []string{"Written procedure, binder 3, reviewed by the security lead."}
	}
	return nil
}

// compliantForm answers every question of a section compliantly, as the
// section's form would post them.
func compliantForm(sec catalog.Section) url.Values {
	f := url.Values{"action": {"draft"}}
	for _, q := range sec.Questions {
		if vals := compliant(q); vals != nil {
			f[q.ID] = vals
		}
	}
	return f
}

// findSection returns the first section of the profile for which ok holds.
func findSection(t *testing.T, v *catalog.Version, sectors []string, ok func(catalog.Section) bool) catalog.Section {
	t.Helper()
	for _, s := range v.Sections(sectors) {
		if ok(s) {
			return s
		}
	}
	t.Fatal("the catalog has no section of the kind this test needs")
	return catalog.Section{}
}

// conditionalIn returns a question of sec shown only on an answer to an
// earlier question of the same section.
func conditionalIn(sec catalog.Section) (q, cond *catalog.Question) {
	byID := map[string]*catalog.Question{}
	for _, x := range sec.Questions {
		if x.ShowIf != nil && byID[x.ShowIf.Question] != nil && byID[x.ShowIf.Question].ShowIf == nil {
			return x, byID[x.ShowIf.Question]
		}
		byID[x.ID] = x
	}
	return nil, nil
}

func sectionPath(co servertest.Company, sec catalog.Section) string {
	return "/app/orgs/" + co.Org.ID + "/profile/" + sec.Part + "/" + sec.Area.ID
}

// postFile uploads a file as the section page's evidence form does.
func postFile(t *testing.T, inst *servertest.Instance, b *servertest.Browser, path, question, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("question", question)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, inst.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", inst.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.Client.Do(req)
	if err != nil {
		t.Fatalf("upload %s: %v", name, err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return resp, string(got)
}

// countTags counts the status tags with the given text on a page.
func countTags(body, text string) int {
	return strings.Count(body, `task-status">`+text+`</strong>`)
}

// closesGaps reports whether answering sec compliantly meets at least one
// must-criterion, judged by the catalog's own assessment.
func closesGaps(v *catalog.Version, sectors []string, sec catalog.Section) bool {
	empty := catalog.Profile{Sectors: sectors, Answers: map[catalog.Key]catalog.Value{}}
	filled := catalog.Profile{Sectors: sectors, Answers: map[catalog.Key]catalog.Value{}}
	for id, vals := range compliantForm(sec) {
		if q, ok := v.Question(id); ok {
			filled.Answers[catalog.Key{Part: sec.Part, Question: id}] = q.ParseValue(strings.Join(vals, ";"))
		}
	}
	a, b := v.Assess(empty, time.Now()), v.Assess(filled, time.Now())
	return len(b.Gaps) < len(a.Gaps)
}
