package border

// Lane is the screening outcome. The order fast > expedited > standard is
// the order of benefit: a shipment falls to the best lane whose conditions
// all hold.
type Lane string

// The lanes a shipment can be sent to.
const (
	// LaneFAST: every FAST rule holds for the direction.
	LaneFAST Lane = "fast"
	// LaneExpedited: importer and carrier are members in good standing of
	// the direction's programs, but something FAST-specific fails (driver
	// card, seal, container, approval, mode or destination).
	LaneExpedited Lane = "expedited"
	// LaneStandard: anything else, including every suspended or cancelled
	// importer or carrier.
	LaneStandard Lane = "standard"
)

// Reason is a stable machine code for one thing screening checked. Codes are
// part of the API: clients translate them and officers search by them, so
// a code is never renamed or reused.
type Reason string

// Reason codes, grouped by what they check, in the order Screen reports them.
const (
	DirectionUnknown Reason = "direction.unknown"

	ModeFAST    Reason = "mode.fast"
	ModeNotFAST Reason = "mode.not_fast"

	ImporterActive            Reason = "importer.active"
	ImporterMissing           Reason = "importer.missing"
	ImporterUnknown           Reason = "importer.unknown"
	ImporterAmbiguous         Reason = "importer.ambiguous"
	ImporterNotMember         Reason = "importer.not_member"
	ImporterNotImporterSector Reason = "importer.not_importer_sector"
	ImporterSuspended         Reason = "importer.suspended"
	ImporterCancelled         Reason = "importer.cancelled"
	ImporterFASTApproved      Reason = "importer.fast_approved"
	ImporterNoFASTApproval    Reason = "importer.no_fast_approval"

	CarrierActive           Reason = "carrier.active"
	CarrierMissing          Reason = "carrier.missing"
	CarrierUnknown          Reason = "carrier.unknown"
	CarrierAmbiguous        Reason = "carrier.ambiguous"
	CarrierNotMember        Reason = "carrier.not_member"
	CarrierSuspended        Reason = "carrier.suspended"
	CarrierCancelled        Reason = "carrier.cancelled"
	CarrierNotCarrierSector Reason = "carrier.not_carrier_sector"
	CarrierFASTApproved     Reason = "carrier.fast_approved"
	CarrierNoFASTApproval   Reason = "carrier.no_fast_approval"

	DriverNone          Reason = "driver.none"
	DriverCardValid     Reason = "driver.card_valid"
	DriverCardUnknown   Reason = "driver.card_unknown"
	DriverCardRevoked   Reason = "driver.card_revoked"
	DriverCardExpired   Reason = "driver.card_expired"
	DriverCardKind      Reason = "driver.card_kind"
	DriverCardSouthOnly Reason = "driver.card_south_only"

	ContainerValid      Reason = "container.valid"
	ContainerMissing    Reason = "container.missing"
	ContainerFormat     Reason = "container.format"
	ContainerCheckDigit Reason = "container.check_digit"

	SealValid        Reason = "seal.valid"
	SealMissing      Reason = "seal.missing"
	SealClassUnknown Reason = "seal.class_unknown"
	SealClassTooLow  Reason = "seal.class_too_low"

	DestinationFAST   Reason = "destination.fast_lane"
	DestinationNoFAST Reason = "destination.no_fast_lane"
)

// AllReasons lists every reason code in report order, so documentation,
// translations and tests can enumerate them.
func AllReasons() []Reason {
	return []Reason{
		DirectionUnknown, ModeFAST, ModeNotFAST,
		ImporterActive, ImporterMissing, ImporterUnknown, ImporterAmbiguous, ImporterNotMember,
		ImporterNotImporterSector, ImporterSuspended, ImporterCancelled, ImporterFASTApproved, ImporterNoFASTApproval,
		CarrierActive, CarrierMissing, CarrierUnknown, CarrierAmbiguous, CarrierNotMember,
		CarrierSuspended, CarrierCancelled, CarrierNotCarrierSector, CarrierFASTApproved,
		CarrierNoFASTApproval,
		DriverNone, DriverCardValid, DriverCardUnknown, DriverCardRevoked, DriverCardExpired,
		DriverCardKind, DriverCardSouthOnly,
		ContainerValid, ContainerMissing, ContainerFormat, ContainerCheckDigit,
		SealValid, SealMissing, SealClassUnknown, SealClassTooLow,
		DestinationFAST, DestinationNoFAST,
	}
}

// passes reports whether r is a positive finding. Every check yields exactly
// one reason, so a shipment is FAST exactly when all its reasons pass.
func (r Reason) passes() bool {
	switch r {
	case ModeFAST, ImporterActive, ImporterFASTApproved, CarrierActive, CarrierFASTApproved,
		DriverCardValid, ContainerValid, SealValid, DestinationFAST:
		return true
	}
	return false
}
