package office_test

import (
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/notify"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/secret"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
	"trustlane/internal/worker"
)

// caseEnv is an office over the real catalog and default policy, with the
// program staff a case needs. It keeps the store's URL so a test can stop
// everything and start again on the same database.
type caseEnv struct {
	*env
	url                                   string
	officer, manager, validator, reviewer auth.Actor
}

// eachCase runs body once per engine.
func eachCase(t *testing.T, body func(t *testing.T, c *caseEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) { body(t, newCaseEnv(t, eng)) })
	}
}

func newCaseEnv(t *testing.T, eng storetest.Engine) *caseEnv {
	t.Helper()
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	c := &caseEnv{env: &env{clock: clock}, url: eng.URL(t)}
	c.db = storetest.Open(t, c.url, clock.Now)
	c.off = c.newOffice(t, c.db)
	var err error
	if c.pwHash, err = auth.HashPassword(password, auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}); err != nil {
		t.Fatal(err)
	}
	c.officer, c.manager = c.staff(t, auth.Officer), c.staff(t, auth.Manager)
	c.validator, c.reviewer = c.staff(t, auth.Validator), c.staff(t, auth.AppealsReviewer)
	return c
}

// newOffice builds an office on db the way the server does: real catalog,
// default policy.
func (c *caseEnv) newOffice(t *testing.T, db *store.DB) *office.Office {
	t.Helper()
	box, err := secret.NewBox(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	off, err := office.New(office.Config{DB: db, Box: box, Argon: auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1},
		BaseURL: "http://test", Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return off
}

// restart closes the store and opens it again with a new office, as after
// a redeployment.
func (c *caseEnv) restart(t *testing.T) {
	t.Helper()
	if err := c.db.Close(); err != nil {
		t.Fatal(err)
	}
	c.db = storetest.Open(t, c.url, c.clock.Now)
	c.off = c.newOffice(t, c.db)
}

// runDeadlines runs a fresh worker with the office's deadline handler until
// nothing due is left, and returns how many rows it took.
func (c *caseEnv) runDeadlines(t *testing.T) int {
	t.Helper()
	w := worker.New(worker.Config{DB: c.db, Log: slog.New(slog.DiscardHandler)})
	w.Handle(office.KindDeadline, c.off.HandleDeadline)
	total := 0
	for range 20 {
		n := w.RunOnce(ctx)
		if n == 0 {
			return total
		}
		total += n
	}
	t.Fatal("the worker never ran out of work")
	return 0
}

// caseMails claims the queued mail (and only mail).
func (c *caseEnv) caseMails(t *testing.T) []notify.Job {
	t.Helper()
	items, err := c.db.ClaimOutbox(ctx, 500, 10*365*24*time.Hour, notify.KindMail)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]notify.Job, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it.Payload, &out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// mailsOf keeps the jobs of a template.
func mailsOf(jobs []notify.Job, template string) []notify.Job {
	var out []notify.Job
	for _, j := range jobs {
		if j.Template == template {
			out = append(out, j)
		}
	}
	return out
}

// countEvents counts an organization's events of an action.
func (c *caseEnv) countEvents(t *testing.T, orgID, action string) int {
	t.Helper()
	n := 0
	for _, ev := range c.events(t, orgID) {
		if ev.Action == action {
			n++
		}
	}
	return n
}

// firm is a company whose Security Profile is ready for its sector.
type firm struct {
	org   program.Organization
	owner auth.User
}

func (f firm) actor() auth.Actor { return f.owner.Actor() }

func (c *caseEnv) newFirm(t *testing.T) firm {
	t.Helper()
	org, owner, _ := c.signUp(t)
	f := firm{org: org, owner: owner}
	c.readyProfile(t, f, string(org.Sectors[0]))
	c.caseMails(t) // the sign-up's mail is not what the cases look at
	return f
}

// compliant is an answer that meets a question's expectation.
func compliant(q *catalog.Question, now time.Time) string {
	switch {
	case len(q.Expect) > 0 && q.Type == catalog.Multi:
		return strings.Join(q.Expect, ";")
	case len(q.Expect) > 0:
		return q.Expect[0]
	case len(q.Options) > 0:
		return q.Options[0].Value
	}
	switch q.Type {
	case catalog.YesNo:
		return "yes"
	case catalog.Date:
		return now.AddDate(0, -1, 0).Format(time.DateOnly)
	case catalog.Number:
		if q.Min != nil {
			return strconv.FormatFloat(*q.Min, 'f', -1, 64)
		}
		return "1"
	}
	return "Written procedure, reviewed by the security lead."
}

// readyProfile answers the generic part and the sector's part compliantly
// and attaches a PDF wherever evidence is needed.
func (c *caseEnv) readyProfile(t *testing.T, f firm, sector string) {
	t.Helper()
	v, err := c.off.Catalog().Version(catalog.DefaultVersion)
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\n% evidence\n")
	for _, s := range v.Sections([]string{sector}) {
		answers := map[string]string{}
		for _, q := range s.Questions {
			if q.Type != catalog.File {
				answers[q.ID] = compliant(q, c.clock.Now())
			}
			if q.Type == catalog.File || q.Evidence == catalog.EvidenceRequired {
				_, err := c.off.UploadEvidence(ctx, f.actor(), f.org.ID, s.Part, q.ID, q.ID+".pdf", pdf)
				must(t, err, "upload "+q.ID)
			}
		}
		_, err := c.off.SaveAnswers(ctx, f.actor(), f.org.ID, s.Part, answers)
		must(t, err, "answer "+s.Part+"/"+s.Area.ID)
	}
	p, err := c.off.Profile(ctx, f.actor(), f.org.ID)
	if err != nil || !p.Assessment.Ready() {
		t.Fatalf("profile not ready: %v, gaps %+v", err, p.Assessment.Gaps)
	}
}
