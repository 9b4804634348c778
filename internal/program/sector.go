// Package program is the domain of the trusted-trader program: the
// organizations that take part, their sectors and identifiers, and the rules
// that govern their people. It is pure: no I/O, time is passed in, and every
// rule answers with a typed error the edge can translate.
package program

import "slices"

// Sector is a line of business in the cross-border supply chain. A company
// applies once per sector; a company that imports and runs trucks holds two.
type Sector string

// The sectors of the program. Couriers enrol as carriers but answer their
// own sector questions, so they have a sector of their own.
const (
	Importer          Sector = "importer"
	Exporter          Sector = "exporter"
	HighwayCarrier    Sector = "highway_carrier"
	RailCarrier       Sector = "rail_carrier"
	MarineCarrier     Sector = "marine_carrier"
	AirCarrier        Sector = "air_carrier"
	Courier           Sector = "courier"
	WarehouseOperator Sector = "warehouse_operator"
	FreightForwarder  Sector = "freight_forwarder"
	ShippingAgent     Sector = "shipping_agent"
	CustomsBroker     Sector = "customs_broker"
)

// Sectors lists every sector in display order.
func Sectors() []Sector {
	return []Sector{Importer, Exporter, HighwayCarrier, RailCarrier, MarineCarrier, AirCarrier,
		Courier, WarehouseOperator, FreightForwarder, ShippingAgent, CustomsBroker}
}

// Valid reports whether s is a known sector.
func (s Sector) Valid() bool { return slices.Contains(Sectors(), s) }

// IsCarrier reports whether s moves goods across the border in its own
// conveyances and therefore needs a CBSA carrier code.
func (s Sector) IsCarrier() bool {
	switch s {
	case HighwayCarrier, RailCarrier, MarineCarrier, AirCarrier, Courier:
		return true
	}
	return false
}

// Category is how an organization takes part: members get the benefits;
// associates (associations, port authorities, advisers) get information and
// are consulted, without benefits.
type Category string

// The participation categories.
const (
	CategoryMember    Category = "member"
	CategoryAssociate Category = "associate"
)

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return c == CategoryMember || c == CategoryAssociate }

// SectorNames lists every sector's machine name, for packages that hold
// sectors as plain strings (the criteria catalog).
func SectorNames() []string {
	out := make([]string, 0, len(Sectors()))
	for _, s := range Sectors() {
		out = append(out, string(s))
	}
	return out
}
