package demo

import (
	"fmt"
	"slices"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// ctpat is the partner program the large data set fills: the one whose
// identifiers (SCAC, EIN) our organizations also hold.
const ctpat = "CTPAT"

// usWords name the C-TPAT members that are not our organizations; none is
// in nameWords, so no such name can read as one of ours.
var usWords = []string{"Liberty", "Heartland", "Eagle", "Lone Star", "Gulf Coast", "Empire", "Pioneer", "Bluegrass", "Rocky Mountain",
	"Magnolia", "Golden Gate", "Patriot", "Appalachian", "Ozark", "Mesa", "Bayou", "Great Plains", "Yankee", "Sunbelt", "Redwood"}

// makePartners writes C-TPAT's member list as one full import six months
// before Anchor: about 40% of our organizations (importers and highway
// carriers far more often) with the SCAC and EIN they hold, so the border
// index merges them, then size.Partners US companies of C-TPAT's own. About
// half the organizations on the list have a confirmed link to their record
// and about a quarter of all organizations consent to share with C-TPAT.
func (g *gen) makePartners() {
	imported := Anchor.AddDate(0, -6, 0)
	g.partnerImp = store.PartnerImport{ID: g.id(imported), PartnerCode: ctpat, Filename: "ctpat-members.csv", Format: partner.FormatCSV,
		Mode: partner.ModeFull, ImportedBy: auth.System.UserID, ImportedAt: imported}
	for i := range g.orgs {
		o := &g.orgs[i]
		chance := 13
		if slices.Contains(o.Sectors, program.Importer) || slices.Contains(o.Sectors, program.HighwayCarrier) {
			chance = 45
		}
		if g.rng.IntN(100) >= chance {
			if g.rng.IntN(100) < 5 {
				g.consent(o.ID, imported)
			}
			continue
		}
		r := g.memberRow(o.LegalName, o.Address.Country, o.Sectors, imported)
		for _, k := range []ident.Kind{ident.SCAC, ident.EIN} {
			if v, ok := o.Identifiers[k]; ok {
				r.IDs[k] = v
			}
		}
		g.partners = append(g.partners, r)
		if g.rng.IntN(2) == 0 {
			g.link(o.ID, r.Ref, imported)
		}
		if g.rng.IntN(100) < 55 {
			g.consent(o.ID, imported)
		}
	}
	g.fromOrgs = len(g.partners)
	for j := range g.size.Partners {
		g.partners = append(g.partners, g.usMember(j, imported))
	}
}

// usMember is C-TPAT member j that is not one of our organizations: a US
// importer with its EIN or a highway carrier with its SCAC too. Its EIN
// numbers follow the organizations' and its SCACs start with K or N (ours
// with Q or V, the small demo's with G, M or P), so none is an identifier
// of ours.
func (g *gen) usMember(j int, imported time.Time) partner.MemberRow {
	sectors := []program.Sector{program.Importer}
	if g.rng.IntN(100) < 45 {
		sectors = []program.Sector{program.HighwayCarrier}
		if g.rng.IntN(3) == 0 {
			sectors = append(sectors, program.Importer)
		}
	}
	name := fmt.Sprintf("%s %s %s %d", pick(g, usWords), pick(g, nameKinds), pick(g, suffixUS), j+1)
	r := g.memberRow(name, "US", sectors, imported)
	r.IDs[ident.EIN] = fmt.Sprintf("%s-%07d", einPrefixes[j%len(einPrefixes)], 5_000_000+g.size.Orgs+j)
	if sectors[0] == program.HighwayCarrier {
		r.IDs[ident.SCAC] = code4("KN"[j/17576%2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ", j%17576)
	}
	return r
}

// memberRow is the next C-TPAT member record: mostly active for years,
// some suspended or cancelled in the months before the import; most active
// highway carriers hold FAST into the US.
func (g *gen) memberRow(name, country string, sectors []program.Sector, imported time.Time) partner.MemberRow {
	r := partner.MemberRow{Ref: fmt.Sprintf("CT%07d", len(g.partners)+1), LegalName: name, Country: country,
		IDs: map[ident.Kind]string{}}
	for _, s := range sectors {
		r.Sectors = append(r.Sectors, string(s))
	}
	switch x := g.rng.IntN(100); {
	case x < 86:
		r.Status, r.StatusSince = partner.MemberActive, imported.Add(-time.Duration(60+g.rng.IntN(3000))*day)
		if slices.Contains(sectors, program.HighwayCarrier) && g.rng.IntN(10) < 8 {
			r.FAST = []string{partner.FastIntoUS}
		}
	case x < 93:
		r.Status, r.StatusSince = partner.MemberSuspended, imported.Add(-time.Duration(10+g.rng.IntN(200))*day)
	default:
		r.Status, r.StatusSince = partner.MemberCancelled, imported.Add(-time.Duration(30+g.rng.IntN(900))*day)
	}
	r.StatusSince = r.StatusSince.Truncate(24 * time.Hour)
	return r
}

// link records an organization's declared C-TPAT membership, confirmed by
// the system against ref after the import.
func (g *gen) link(orgID, ref string, imported time.Time) {
	at := imported.Add(time.Duration(g.rng.IntN(150*86400)) * time.Second)
	g.links = append(g.links, partner.Link{ID: g.id(at), OrgID: orgID, PartnerCode: ctpat, DeclaredRef: ref,
		State: partner.LinkConfirmed, MemberRef: ref, DeclaredBy: auth.System.UserID, DeclaredAt: at,
		DecidedBy: auth.System.UserID, DecidedAt: at.Add(time.Duration(1+g.rng.IntN(10)) * day)})
}

// consent records an organization's consent to share with C-TPAT.
func (g *gen) consent(orgID string, imported time.Time) {
	g.consents = append(g.consents, partner.Consent{OrgID: orgID, PartnerCode: ctpat, Granted: true, ChangedBy: auth.System.UserID,
		ChangedAt: imported.Add(time.Duration(g.rng.IntN(170*86400)) * time.Second)})
}
