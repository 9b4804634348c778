package partner

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"trustlane/internal/ident"
)

// MemberStatus is a partner member's standing, normalized from the many
// wordings partner administrations use.
type MemberStatus string

// The standings: recognized now; benefits withheld for a time; no longer a
// member (removed, revoked, withdrawn or simply absent from a full list).
const (
	MemberActive    MemberStatus = "active"
	MemberSuspended MemberStatus = "suspended"
	MemberCancelled MemberStatus = "cancelled"
)

// MemberStatuses lists the standings in display order.
func MemberStatuses() []MemberStatus {
	return []MemberStatus{MemberActive, MemberSuspended, MemberCancelled}
}

// statusWords maps a partner's wording (folded by fold) to our standing.
// C-TPAT reports tiers and "Certified"/"Validated"; AEO programs
// "Authorised"; both "Removed", "Revoked" or "Inactive" for former members.
var statusWords = map[string]MemberStatus{
	"active": MemberActive, "certified": MemberActive, "validated": MemberActive, "authorised": MemberActive,
	"authorized": MemberActive, "approved": MemberActive, "member": MemberActive,
	"tier i": MemberActive, "tier ii": MemberActive, "tier iii": MemberActive,
	"tier 1": MemberActive, "tier 2": MemberActive, "tier 3": MemberActive, "actif": MemberActive, "valide": MemberActive,
	"suspended": MemberSuspended, "suspendu": MemberSuspended,
	"cancelled": MemberCancelled, "canceled": MemberCancelled, "removed": MemberCancelled, "revoked": MemberCancelled,
	"inactive": MemberCancelled, "withdrawn": MemberCancelled, "terminated": MemberCancelled, "expired": MemberCancelled,
	"annule": MemberCancelled, "revoque": MemberCancelled, "inactif": MemberCancelled, "retire": MemberCancelled,
}

// ParseMemberStatus normalizes a partner's status wording; ok is false for
// a wording we do not know, which the import refuses rather than guess.
func ParseMemberStatus(s string) (MemberStatus, bool) {
	st, ok := statusWords[fold(s)]
	return st, ok
}

// sectorWords maps partner wordings of a business type (folded) to our
// sector keys. Our own keys are accepted as they are (see ParseSector).
var sectorWords = map[string]string{
	"importer": "importer", "importer of record": "importer", "us importer": "importer", "non resident canadian importer": "importer",
	"exporter": "exporter", "foreign manufacturer": "exporter", "manufacturer": "exporter",
	"highway carrier": "highway_carrier", "us canada highway carrier": "highway_carrier", "us mexico highway carrier": "highway_carrier",
	"mexican long haul carrier": "highway_carrier", "long haul highway carrier": "highway_carrier", "truck carrier": "highway_carrier",
	"rail carrier": "rail_carrier", "railroad": "rail_carrier",
	"sea carrier": "marine_carrier", "marine carrier": "marine_carrier", "ocean carrier": "marine_carrier",
	"air carrier": "air_carrier", "courier": "courier", "express consignment carrier": "courier",
	"warehouse": "warehouse_operator", "warehouse operator": "warehouse_operator",
	"marine port authority and terminal operator": "warehouse_operator", "terminal operator": "warehouse_operator",
	"freight forwarder": "freight_forwarder", "consolidator": "freight_forwarder", "air freight consolidator": "freight_forwarder",
	"ocean transportation intermediary": "freight_forwarder", "oti": "freight_forwarder", "nvocc": "freight_forwarder",
	"third party logistics provider": "freight_forwarder", "3pl": "freight_forwarder",
	"shipping agent": "shipping_agent", "customs broker": "customs_broker", "licensed customs broker": "customs_broker",
}

// ParseSector maps one sector as a partner writes it to one of our sector
// keys (known lists our keys, from internal/program).
func ParseSector(s string, known []string) (string, bool) {
	f := fold(s)
	if k := strings.ReplaceAll(f, " ", "_"); slices.Contains(known, k) {
		return k, true
	}
	k, ok := sectorWords[f]
	return k, ok && slices.Contains(known, k)
}

// Fast directions a partner member may hold FAST eligibility for.
const (
	FastIntoUS = "into_us"
	FastIntoCA = "into_ca"
)

// ParseFast normalizes one FAST direction ("into_us", "into-US", "US").
func ParseFast(s string) (string, bool) {
	switch strings.ReplaceAll(fold(s), " ", "_") {
	case "into_us", "us":
		return FastIntoUS, true
	case "into_ca", "ca":
		return FastIntoCA, true
	}
	return "", false
}

// fold lower-cases s, strips accents and reads hyphens, underscores, slashes
// and dots as spaces, for comparing wordings.
func fold(s string) string {
	s = foldAccents(s)
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '/', '.', ',', '(', ')':
			return ' '
		}
		return r
	}, s)), " ")
}

// MemberRow is one member as a partner administration reports it, after
// normalization: ref upper-cased, status one of ours, sectors our keys,
// identifiers in their canonical form.
type MemberRow struct {
	Ref         string
	LegalName   string
	Country     string
	Sectors     []string
	Status      MemberStatus
	StatusSince time.Time // zero when the partner did not say
	FAST        []string
	IDs         map[ident.Kind]string
}

// RowHash fingerprints everything the row says, so a re-import of an
// unchanged row is recognized and skipped without comparing columns.
func RowHash(r MemberRow) string {
	h := sha256.New()
	put := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	put(r.Ref)
	put(r.LegalName)
	put(r.Country)
	put(strings.Join(r.Sectors, ";"))
	put(string(r.Status))
	if !r.StatusSince.IsZero() {
		put(r.StatusSince.UTC().Format(time.DateOnly))
	} else {
		put("")
	}
	put(strings.Join(r.FAST, ";"))
	kinds := make([]string, 0, len(r.IDs))
	for k := range r.IDs {
		kinds = append(kinds, string(k))
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		put(k + "=" + r.IDs[ident.Kind(k)])
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
