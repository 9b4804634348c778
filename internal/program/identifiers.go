package program

import (
	"errors"
	"strings"

	"trustlane/internal/ident"
)

// checkIdentifiers validates each identifier typed for o, keeps its canonical
// form, and applies the program's rules on which identifiers a business must
// hold for where it is and what it does.
func checkIdentifiers(o *Organization, in map[string]string, add func(field, key, msg string)) {
	for k := range in {
		if _, err := ident.ParseKind(k); err != nil {
			add("identifiers", "error.identifier_kind", "unknown identifier type "+k)
		}
	}
	for _, kind := range ident.Kinds() {
		v := strings.TrimSpace(in[string(kind)])
		if v == "" {
			continue
		}
		canon, err := ident.Normalize(kind, v)
		if err != nil {
			add("identifiers."+string(kind), identifierKey(err), err.Error())
			continue
		}
		o.Identifiers[kind] = canon
	}
	bn9, bn15 := o.Identifiers[ident.BN9], o.Identifiers[ident.BN15]
	switch {
	case bn15 != "" && bn9 == "":
		o.Identifiers[ident.BN9] = bn15[:9] // a program account names its business number
	case bn15 != "" && bn15[:9] != bn9:
		add("identifiers.bn15", "error.bn15_mismatch", "the program account must start with the business number")
	}
	for _, r := range requiredIdentifiers(o) {
		if o.Identifiers[r.kind] == "" && !hasFieldError(r.kind, in) {
			add("identifiers."+string(r.kind), r.key, r.msg)
		}
	}
}

type requirement struct {
	kind ident.Kind
	key  string
	msg  string
}

// requiredIdentifiers: a Canadian business has a Business Number; importers
// and exporters file declarations under an RM import-export account; every
// carrier, Canadian or American, reports its conveyances under a CBSA carrier
// code. A US importer doing business in Canada also needs a Business Number.
func requiredIdentifiers(o *Organization) []requirement {
	var out []requirement
	needBN := o.Address.Country == "CA"
	needRM := false
	needCarrier := false
	for _, s := range o.Sectors {
		switch {
		case s == Importer || s == Exporter:
			needBN, needRM = true, true
		case s.IsCarrier():
			needCarrier = true
		}
	}
	if o.Category == CategoryAssociate {
		return nil // associates take no benefits and file nothing at the border
	}
	if needRM {
		if bn15 := o.Identifiers[ident.BN15]; bn15 == "" || bn15[9:11] != "RM" {
			out = append(out, requirement{ident.BN15, "error.bn15_rm_required", "importers and exporters need their RM import-export program account, e.g. 123026635RM0001"})
		}
	} else if needBN {
		out = append(out, requirement{ident.BN9, "error.bn9_required", "enter the 9-digit business number"})
	}
	if needCarrier {
		out = append(out, requirement{ident.CarrierCode, "error.carrier_code_required", "carriers need their 4-character CBSA carrier code"})
	}
	return out
}

// hasFieldError avoids a second message on a field already reported invalid.
func hasFieldError(kind ident.Kind, in map[string]string) bool {
	v, ok := in[string(kind)]
	if !ok || strings.TrimSpace(v) == "" {
		return false
	}
	_, err := ident.Normalize(kind, v)
	return err != nil
}

// identifierKey names the translated message for an identifier error.
func identifierKey(err error) string {
	var ie *ident.Error
	if !errors.As(err, &ie) {
		return "error.identifier_invalid"
	}
	if ie.Reason == "checksum" {
		return "error.identifier.checksum"
	}
	return "error.identifier." + string(ie.Kind)
}
