package border

import (
	"fmt"
	"strings"
)

// A hand-written decoder for the flat shipment object of the NDJSON wire
// format. encoding/json takes about three times as long on these lines
// (BenchmarkDecode), which alone would spend the whole budget of a million
// shipments screened per second, so this decoder parses the one shape it
// needs: known keys with string values (and
// one array of strings), unknown keys skipped whatever their value. It
// accepts exactly the object lines encoding/json accepts for that shape and
// yields the same values (the fuzz test holds it to that), including
// case-insensitive keys, the last of duplicate keys, null leaving a field
// unchanged and invalid UTF-8 replaced by U+FFFD.

// maxDepth is encoding/json's nesting limit, kept for parity.
const maxDepth = 10000

// Line error codes. Like reasons, they are part of the API.
const (
	CodeTooLong   = "line.too_long"
	CodeSyntax    = "line.syntax"
	CodeNotObject = "line.not_object"
	CodeFieldType = "line.field_type"
)

// LineError reports an NDJSON line that is not a shipment. The stream goes
// on after it: one bad line must not hold up a truck queue.
type LineError struct {
	Line    int    // 1-based line number in the input
	Code    string // CodeTooLong, CodeSyntax, CodeNotObject or CodeFieldType
	Message string // English detail for logs
}

// Error returns "line N: code: message".
func (e *LineError) Error() string {
	return fmt.Sprintf("line %d: %s: %s", e.Line, e.Code, e.Message)
}

// ParseShipment decodes one line of the wire format:
//
//	{"ref":"A1","direction":"into_ca","mode":"highway",
//	 "importer_kind":"bn15","importer":"123026635RM0001",
//	 "carrier_kind":"cbsa_carrier","carrier":"8080",
//	 "driver_cards":["42000001"],"container":"CSQU3054383",
//	 "seal":"ABC123","seal_class":"H","destination":"Sarnia"}
//
// A failure is a *LineError with Line 0.
func ParseShipment(line []byte) (Shipment, error) {
	var sh Shipment
	if _, err := decodeShipment(string(line), &sh, nil); err != nil {
		return Shipment{}, err
	}
	return sh, nil
}

// field numbers the wire keys.
type field int

const (
	fNone field = iota
	fRef
	fDirection
	fMode
	fImporterKind
	fImporter
	fCarrierKind
	fCarrier
	fDriverCards
	fContainer
	fSeal
	fSealClass
	fDestination
)

// fieldNames lists the wire keys by field number.
var fieldNames = [...]string{"", "ref", "direction", "mode", "importer_kind", "importer",
	"carrier_kind", "carrier", "driver_cards", "container", "seal", "seal_class", "destination"}

// fieldOf matches a key as encoding/json does: exactly, then ignoring case
// under Unicode simple folding (so "ſeal" is "seal").
func fieldOf(key string) field {
	switch key {
	case "ref":
		return fRef
	case "direction":
		return fDirection
	case "mode":
		return fMode
	case "importer_kind":
		return fImporterKind
	case "importer":
		return fImporter
	case "carrier_kind":
		return fCarrierKind
	case "carrier":
		return fCarrier
	case "driver_cards":
		return fDriverCards
	case "container":
		return fContainer
	case "seal":
		return fSeal
	case "seal_class":
		return fSealClass
	case "destination":
		return fDestination
	}
	for f := fRef; f <= fDestination; f++ {
		if strings.EqualFold(fieldNames[f], key) {
			return f
		}
	}
	return fNone
}

// stringField returns the Shipment string that f fills, or nil.
func stringField(sh *Shipment, f field) *string {
	switch f {
	case fRef:
		return &sh.Ref
	case fDirection:
		return (*string)(&sh.Direction)
	case fMode:
		return &sh.Mode
	case fImporterKind:
		return &sh.Importer.Kind
	case fImporter:
		return &sh.Importer.Value
	case fCarrierKind:
		return &sh.Carrier.Kind
	case fCarrier:
		return &sh.Carrier.Value
	case fContainer:
		return &sh.Container
	case fSeal:
		return &sh.Seal
	case fSealClass:
		return &sh.SealClass
	case fDestination:
		return &sh.Destination
	}
	return nil
}

// decodeShipment decodes src into sh, appending driver cards to cards
// (which may be a reused buffer) and returning the grown buffer.
func decodeShipment(src string, sh *Shipment, cards []string) ([]string, *LineError) {
	d := decoder{s: src, cards: cards}
	d.ws()
	if d.i >= len(d.s) || d.s[d.i] != '{' {
		return d.cards, &LineError{Code: CodeNotObject, Message: "a line must be one JSON object"}
	}
	if err := d.object(sh); err != nil {
		return d.cards, err
	}
	if d.ws(); d.i != len(d.s) {
		return d.cards, d.syntax("data after the object")
	}
	if d.typeErr != nil {
		return d.cards, d.typeErr
	}
	return d.cards, nil
}
