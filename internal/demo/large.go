package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Size is how much synthetic data SeedLarge writes.
type Size struct {
	Orgs   int // organizations
	Apps   int // applications, in every state
	Events int // audit events, at least one per organization
	Cards  int // FAST cards
	// Partners is how many C-TPAT members are not our organizations, on
	// top of the ~40% of organizations on C-TPAT's list.
	Partners int
}

// Large is `trustlane demo --size large`: enough rows that every page,
// query and benchmark can be measured at scale.
var Large = Size{Orgs: 10_000, Apps: 50_000, Events: 200_000, Cards: 100_000, Partners: 20_000}

// seed fixes the random source: the same data on every run.
const seed = 20261126

// Anchor is the fixed "today" of the synthetic data, so two runs write the
// same rows; dates spread around it (some cards expired, some due soon).
var Anchor = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// Counts reports what SeedLarge wrote.
type Counts struct {
	Orgs, Apps, Memberships, Events, Cards, Approvals int
	// PartnerMembers counts C-TPAT's member records, PartnerOrgs those of
	// our organizations among them.
	PartnerMembers, PartnerOrgs, PartnerLinks, PartnerConsents int
	Elapsed                                                    time.Duration
}

// gen holds the generator's state: one seeded source, read in one order.
type gen struct {
	rng     *rand.Rand
	size    Size
	orgs    []program.Organization
	apps    []program.Application
	members []program.Membership
	events  []store.AuditEvent
	cards   []fast.Card
	approv  []fast.Approval
	seq     int // membership number sequence
	// C-TPAT's member list (organizations' records first, fromOrgs of
	// them), the import that brought it, links and consents.
	partnerImp store.PartnerImport
	partners   []partner.MemberRow
	fromOrgs   int
	links      []partner.Link
	consents   []partner.Consent
}

// SeedLarge writes a large synthetic data set straight through the store's
// bulk writers, in one transaction: organizations in every sector with
// valid identifiers, applications in every state with the memberships they
// led to, hash-chained audit events, FAST cards and approvals, and C-TPAT's
// member list with links and consents. It refuses a database that already
// holds organizations.
func SeedLarge(ctx context.Context, db *store.DB, size Size) (Counts, error) {
	start := time.Now()
	g := &gen{rng: rand.New(rand.NewPCG(seed, seed>>3)), size: size}
	g.makeOrgs()
	g.makeCases()
	g.makeEvents()
	g.makeCards()
	g.makePartners()
	c := Counts{Orgs: len(g.orgs), Apps: len(g.apps), Memberships: len(g.members), Events: len(g.events),
		Cards: len(g.cards), Approvals: len(g.approv), PartnerMembers: len(g.partners), PartnerOrgs: g.fromOrgs,
		PartnerLinks: len(g.links), PartnerConsents: len(g.consents)}
	err := db.Update(ctx, func(tx *store.Tx) error {
		if n, err := tx.CountOrgs(); err != nil {
			return err
		} else if n > 0 {
			return errs.E(errs.Conflict, "error.demo_not_empty", fmt.Sprintf("the database already holds %d organizations; seed a large data set into an empty one", n))
		}
		steps := []func() error{
			func() error { return tx.BulkInsertOrgs(g.orgs) },
			func() error { return tx.BulkInsertApplications(g.apps) },
			func() error { return tx.BulkInsertMemberships(g.members) },
			func() error { return tx.SetSequence("membership_number", g.seq) },
			func() error { return tx.BulkAudit(g.events) },
			func() error { return tx.BulkInsertFastCards(g.cards) },
			func() error { return tx.BulkInsertFastApprovals(g.approv) },
			func() error { return tx.BulkInsertPartnerMembers(&g.partnerImp, g.partners) },
			func() error { return tx.BulkInsertPartnerLinks(g.links) },
			func() error { return tx.BulkInsertPartnerConsents(g.consents) },
		}
		for _, s := range steps {
			if err := s(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Counts{}, fmt.Errorf("seed large demo: %w", err)
	}
	c.Elapsed = time.Since(start)
	return c, nil
}

// PrintCounts writes what SeedLarge did.
func PrintCounts(w io.Writer, c Counts) {
	fmt.Fprintf(w, "large demo: %d organizations, %d applications, %d memberships, %d audit events, %d FAST cards, %d FAST approvals, "+
		"%d C-TPAT members (%d of them our organizations), %d confirmed partner links, %d partner consents in %s\n",
		c.Orgs, c.Apps, c.Memberships, c.Events, c.Cards, c.Approvals, c.PartnerMembers, c.PartnerOrgs, c.PartnerLinks,
		c.PartnerConsents, c.Elapsed.Round(time.Millisecond))
}

// id returns a UUID-shaped ID from the seeded source (version 7 layout,
// time-ordered by n), so IDs are the same on every run.
func (g *gen) id(at time.Time) string {
	ms := uint64(at.UnixMilli())
	r := g.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-7%03x-%04x-%012x", ms>>16, ms&0xffff, r&0xfff, 0x8000|(r>>12)&0x3fff, (r>>26)&0xffffffffffff)
}

// pick returns one of xs.
func pick[T any](g *gen, xs []T) T { return xs[g.rng.IntN(len(xs))] }
