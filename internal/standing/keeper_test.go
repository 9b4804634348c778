package standing_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/standing"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

var ctx = context.Background()

type fixture struct {
	db     *store.DB
	raw    *sql.DB
	keeper *standing.Keeper
	stop   func()
}

func start(t *testing.T, url string) *fixture {
	t.Helper()
	f := &fixture{db: storetest.Open(t, url, nil)}
	engine, dsn, _ := store.ParseURL(url)
	driver := map[store.Engine]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[engine]
	var err error
	if f.raw, err = sql.Open(driver, dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.raw.Close() })
	return f
}

func (f *fixture) run(t *testing.T) {
	t.Helper()
	f.keeper = standing.New(standing.Config{DB: f.db, Rules: border.DefaultRules()})
	c, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = f.keeper.Run(c) }()
	f.stop = func() { cancel(); <-done }
	t.Cleanup(f.stop)
	<-f.keeper.Ready()
}

func (f *fixture) org(t *testing.T, name string, ids map[ident.Kind]string, members ...program.Membership) program.Organization {
	t.Helper()
	o := program.Organization{LegalName: name, Category: program.CategoryMember, Lang: "en",
		Address: program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
		Sectors: []program.Sector{program.Importer, program.HighwayCarrier}, Identifiers: ids}
	err := f.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.InsertOrg(&o); err != nil {
			return err
		}
		for i := range members {
			members[i].OrgID = o.ID
			if err := tx.SaveMembership(&members[i]); err != nil {
				return err
			}
		}
		tx.Changed(store.Change{Kind: "organization", ID: o.ID, OrgID: o.ID})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func membership(sector program.Sector, number string, state program.MemberState) program.Membership {
	now := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	return program.Membership{Sector: sector, Number: number, ApplicationID: "app-" + number, State: state,
		ApprovedAt: now, MOUDueAt: now, ActivatedAt: now, UpdatedAt: now}
}

// partnerMember writes a partner's member record as an import would.
func (f *fixture) partnerMember(t *testing.T, code, ref, name, status string, ids map[string]string) {
	t.Helper()
	q := func(s string) string {
		if f.db.Engine() != store.Postgres {
			return s
		}
		var b strings.Builder
		n := 0
		for _, r := range s {
			if r == '?' {
				n++
				b.WriteString("$" + strconv.Itoa(n))
				continue
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	now := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	if _, err := f.raw.Exec(q(`INSERT INTO partner_members (partner_code, ref, legal_name, name_key, status, status_since, sectors, row_hash, import_id, first_seen_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'importer', 'h', 'i', ?, ?)`), code, ref, name, name, status, now, now, now); err != nil {
		t.Fatal(err)
	}
	for k, v := range ids {
		if _, err := f.raw.Exec(q(`INSERT INTO partner_member_ids (partner_code, ref, kind, value) VALUES (?, ?, ?, ?)`), code, ref, k, v); err != nil {
			t.Fatal(err)
		}
	}
}

func status(t *testing.T, k *standing.Keeper, kind, value string) border.Status {
	t.Helper()
	body, _ := k.Index().Load().Lookup(kind, value)
	var st border.Status
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatalf("%s %s: %v in %s", kind, value, err, body)
	}
	return st
}

// eventually polls the index until cond holds; it fails after a generous
// bound, which only a lost change notice can reach.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("the index never showed %s", what)
}

func number(t *testing.T, n int) string {
	t.Helper()
	s, err := ident.MemberNumber(n)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIndexFollowsStandingAndPartnerData(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			f := start(t, e.URL(t))
			imp := number(t, 101)
			a := f.org(t, "Maple Freight Inc.", map[ident.Kind]string{ident.BN9: "123026635", ident.EIN: "12-3456789AB"},
				membership(program.Importer, imp, program.MemberActive))
			f.partnerMember(t, "CTPAT", "CT-1", "MAPLE FREIGHT", "active", map[string]string{"us_ein": "12-3456789AB"})
			f.partnerMember(t, "CTPAT", "CT-2", "Lone Star Carriers", "suspended", map[string]string{"scac": "LSTR"})
			f.run(t)

			st := status(t, f.keeper, "member", imp)
			if st.Standing != border.Active || st.Key != "org:"+a.ID || len(st.Programs) != 2 {
				t.Fatalf("member %s = %+v; want active with pip and the merged C-TPAT record", imp, st)
			}
			if byEIN := status(t, f.keeper, "us_ein", "12-3456789AB"); byEIN.Key != st.Key {
				t.Fatalf("the EIN names %q, want the same party %q", byEIN.Key, st.Key)
			}
			if byRef := status(t, f.keeper, "partner:CTPAT", "ct-1"); byRef.Key != st.Key {
				t.Fatalf("the C-TPAT number names %q, want %q", byRef.Key, st.Key)
			}
			lone := status(t, f.keeper, "scac", "LSTR")
			if lone.Standing != border.Suspended || lone.Key != "partner:CTPAT:CT-2" {
				t.Fatalf("a partner member of no organization = %+v", lone)
			}

			// A suspension committed in this process reaches the index.
			err := f.db.Update(ctx, func(tx *store.Tx) error {
				ms, err := tx.Memberships(a.ID)
				if err != nil {
					return err
				}
				ms[0].State = program.MemberSuspended
				if err := tx.SaveMembership(&ms[0]); err != nil {
					return err
				}
				tx.Changed(store.Change{Kind: "membership", ID: ms[0].ID, OrgID: a.ID})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			eventually(t, "the suspension", func() bool {
				return status(t, f.keeper, "us_ein", "12-3456789AB").Standing == border.Suspended
			})
			// A new organization holding the lone carrier's SCAC takes its
			// C-TPAT record in; the record no longer stands alone.
			b := f.org(t, "Lone Star Carriers Ltd", map[ident.Kind]string{ident.BN9: "100000009", ident.SCAC: "LSTR"})
			eventually(t, "the merge", func() bool { return status(t, f.keeper, "scac", "LSTR").Key == "org:"+b.ID })
			if _, ok := f.keeper.Index().Load().PartyByKey("partner:CTPAT:CT-2"); ok {
				t.Fatal("the merged partner record still stands alone")
			}
		})
	}
}

// The measure: a suspension committed by one instance is refused
// benefits by another instance's index on the same PostgreSQL database.
func TestSuspensionReachesAnotherInstance(t *testing.T) {
	url := storetest.PostgresURL(t)
	writer := start(t, url)
	reader := start(t, url)
	imp := number(t, 202)
	a := writer.org(t, "Northern Imports Ltd", map[ident.Kind]string{ident.BN9: "123026635"}, membership(program.Importer, imp, program.MemberActive))
	listening := make(chan struct{}, 1)
	reader.db.OnChange(func(c store.Change) {
		if c.Kind == store.KindResync {
			select {
			case listening <- struct{}{}:
			default:
			}
		}
	})
	listen, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { _ = reader.db.Listen(listen) }()
	<-listening
	reader.run(t)
	eventually(t, "the active member", func() bool { return status(t, reader.keeper, "member", imp).Standing == border.Active })

	committed := time.Now()
	if err := writer.db.Update(ctx, func(tx *store.Tx) error {
		ms, _ := tx.Memberships(a.ID)
		ms[0].State = program.MemberSuspended
		tx.Changed(store.Change{Kind: "membership", ID: ms[0].ID, OrgID: a.ID})
		return tx.SaveMembership(&ms[0])
	}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the suspension on the other instance", func() bool {
		return status(t, reader.keeper, "member", imp).Standing == border.Suspended
	})
	t.Logf("suspension visible on the other instance %v after its commit", time.Since(committed))
}

// When the arrangement with a partner program ends, its members' records
// stop counting at the border as soon as the change is committed.
func TestEndedArrangementStopsCounting(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			f := start(t, e.URL(t))
			f.partnerMember(t, "CTPAT", "CT-9", "Border Haulers", "active", map[string]string{"scac": "BHAU"})
			f.run(t)
			if st := status(t, f.keeper, "scac", "BHAU"); st.Standing != border.Active {
				t.Fatalf("before: %+v", st)
			}
			err := f.db.Update(ctx, func(tx *store.Tx) error {
				p, err := tx.PartnerProgram("CTPAT")
				if err != nil {
					return err
				}
				p.Status = partner.Ended
				tx.Changed(store.Change{Kind: "partner_program", ID: p.Code})
				return tx.SavePartnerProgram(&p)
			})
			if err != nil {
				t.Fatal(err)
			}
			eventually(t, "the ended arrangement", func() bool {
				st := status(t, f.keeper, "scac", "BHAU")
				return st.Standing == border.None && st.Key == "partner:CTPAT:CT-9"
			})
		})
	}
}
