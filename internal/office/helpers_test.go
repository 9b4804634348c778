package office_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/notify"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/secret"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

var ctx = context.Background()

// password is every test account's password.
const password = "correct horse battery staple"

// env is one engine's store with an office over it and the clock both read.
type env struct {
	off    *office.Office
	db     *store.DB
	clock  *storetest.Clock
	pwHash string // hash of password, for users inserted directly
}

// each runs body once per engine with a fresh store.
func each(t *testing.T, body func(t *testing.T, e *env)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) { body(t, newEnv(t, eng)) })
	}
}

func newEnv(t *testing.T, eng storetest.Engine) *env {
	t.Helper()
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	db := storetest.Open(t, eng.URL(t), clock.Now)
	box, err := secret.NewBox(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	argon := auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}
	off, err := office.New(office.Config{DB: db, Box: box, Argon: argon, BaseURL: "http://test",
		Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	h, err := auth.HashPassword(password, argon)
	if err != nil {
		t.Fatal(err)
	}
	return &env{off: off, db: db, clock: clock, pwHash: h}
}

var seq atomic.Int64

// unique returns a number no other call in this test binary returns.
func unique() int64 { return seq.Add(1) }

// newBN returns a fresh valid 9-digit business number.
func newBN() string {
	base := fmt.Sprintf("%08d", 10000000+unique()*7919%89999999)
	for d := 0; d <= 9; d++ {
		s := base + fmt.Sprint(d)
		sum := 0
		for i := range s {
			n := int(s[len(s)-1-i] - '0')
			if i%2 == 1 {
				if n *= 2; n > 9 {
					n -= 9
				}
			}
			sum += n
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable")
}

// signUpInput is a valid application from a Canadian customs broker.
func signUpInput() office.SignUpInput {
	n := unique()
	return office.SignUpInput{
		Org: program.OrgInput{LegalName: fmt.Sprintf("Broker %d Inc.", n), Category: "member",
			Address: program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
			Sectors: []string{"customs_broker"}, Identifiers: map[string]string{"bn9": newBN()}},
		Name: "Olive Owner", Email: fmt.Sprintf("owner%d@example.com", n), Password: password,
	}
}

// signUp creates an organization and its owner.
func (e *env) signUp(t *testing.T) (program.Organization, auth.User, program.OrgInput) {
	t.Helper()
	in := signUpInput()
	org, u, err := e.off.SignUp(ctx, in)
	if err != nil {
		t.Fatalf("sign up: %v", err)
	}
	return org, u, in.Org
}

// addUser inserts an account directly (company user when staff is "").
func (e *env) addUser(t *testing.T, staff auth.Role) auth.User {
	t.Helper()
	u := auth.User{Email: fmt.Sprintf("user%d@example.com", unique()), Name: "Test User", Lang: "en",
		PasswordHash: e.pwHash, Staff: staff}
	e.update(t, func(tx *store.Tx) error { return tx.InsertUser(&u) })
	return u
}

// addMember inserts a new account holding role in orgID.
func (e *env) addMember(t *testing.T, orgID string, role auth.Role) auth.User {
	t.Helper()
	u := e.addUser(t, "")
	e.update(t, func(tx *store.Tx) error { return tx.AddMember(orgID, u.ID, role) })
	return u
}

// staff returns a staff actor who proved a second factor.
func (e *env) staff(t *testing.T, role auth.Role) auth.Actor {
	t.Helper()
	a := e.addUser(t, role).Actor()
	a.MFA = true
	return a
}

func (e *env) update(t *testing.T, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := e.db.Update(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

// role returns a person's role in an organization, "" if none.
func (e *env) role(t *testing.T, orgID, userID string) auth.Role {
	t.Helper()
	var m program.Member
	err := e.db.View(ctx, func(tx *store.Tx) (err error) { m, err = tx.Member(orgID, userID); return })
	if errs.Is(err, errs.NotFound) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return m.Role
}

// invitationState reads an invitation's state now.
func (e *env) invitationState(t *testing.T, orgID, id string) program.InvitationState {
	t.Helper()
	var inv program.Invitation
	if err := e.db.View(ctx, func(tx *store.Tx) (err error) { inv, err = tx.Invitation(orgID, id); return }); err != nil {
		t.Fatal(err)
	}
	return inv.State(e.clock.Now())
}

// events returns a chain's events, oldest first.
func (e *env) events(t *testing.T, chain string) []store.AuditEvent {
	t.Helper()
	var evs []store.AuditEvent
	if err := e.db.View(ctx, func(tx *store.Tx) (err error) { evs, err = tx.OrgEvents(chain, 0, 1000); return }); err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(evs)-1; i < j; i, j = i+1, j-1 {
		evs[i], evs[j] = evs[j], evs[i]
	}
	return evs
}

// auditCount verifies every chain and returns how many events they hold.
func (e *env) auditCount(t *testing.T) int64 {
	t.Helper()
	rep, err := e.db.VerifyAudit(ctx)
	if err != nil || len(rep.Faults) > 0 {
		t.Fatalf("verify audit: %v %v", err, rep.Faults)
	}
	return rep.Events
}

// mails claims the queued mail.
func (e *env) mails(t *testing.T) []notify.Job {
	t.Helper()
	items, err := e.db.ClaimOutbox(ctx, 100, 10*365*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var out []notify.Job
	for _, it := range items {
		var j notify.Job
		if it.Kind != notify.KindMail || json.Unmarshal(it.Payload, &j) != nil {
			t.Fatalf("outbox item %s %s", it.Kind, it.Payload)
		}
		out = append(out, j)
	}
	return out
}

// linkSecret returns the secret at the end of the one mail's link to path.
func linkSecret(t *testing.T, jobs []notify.Job, to, path string) string {
	t.Helper()
	if len(jobs) != 1 || jobs[0].To != to {
		t.Fatalf("mail = %+v, want one to %s", jobs, to)
	}
	s, ok := strings.CutPrefix(jobs[0].Data["Link"], "http://test"+path)
	if !ok || s == "" {
		t.Fatalf("link %q does not start with %s", jobs[0].Data["Link"], path)
	}
	return s
}

// wantCode fails unless err carries code ("" for success).
func wantCode(t *testing.T, err error, code errs.Code, what string) {
	t.Helper()
	if errs.CodeOf(err) != code {
		t.Fatalf("%s: error %v (code %q), want code %q", what, err, errs.CodeOf(err), code)
	}
}

// wantField fails unless err is an error carrying a field error on field
// with key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	e, ok := errs.As(err)
	if ok {
		for _, f := range e.Fields {
			if f.Field == field && f.Key == key {
				return
			}
		}
	}
	t.Fatalf("error %v, want a field error %s %s", err, field, key)
}
