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
	given := map[ident.Kind]string{}
	for k, v := range in {
		kind, err := ident.ParseKind(k)
		if err != nil {
			add("identifiers", "error.identifier_kind", "unknown identifier type "+k)
			continue
		}
		v = strings.TrimSpace(v)
		if _, twice := given[kind]; twice && v != "" {
			// "BN9" and "bn9" name one kind: which value to keep is not ours to guess.
			add("identifiers."+string(kind), "error.identifier_twice", "identifier type "+string(kind)+" given twice")
			continue
		}
		if v != "" {
			given[kind] = v
		}
	}
	invalid := map[ident.Kind]bool{}
	for _, kind := range ident.Kinds() {
		v, ok := given[kind]
		if !ok {
			continue
		}
		canon, err := ident.Normalize(kind, v)
		if err != nil {
			invalid[kind] = true
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
	for _, r := range unmetRequirements(o) {
		if !invalid[r.kind] {
			add("identifiers."+string(r.kind), r.key, r.msg)
		}
	}
}

type requirement struct {
	kind ident.Kind
	key  string
	msg  string
}

// unmetRequirements applies the program's rules: a Canadian business has a
// Business Number; importers and exporters file declarations under an RM
// import-export account; every carrier, Canadian or American, reports its
// conveyances under a CBSA carrier code. Associates take no benefits and
// file nothing at the border, so they are exempt.
func unmetRequirements(o *Organization) []requirement {
	if o.Category == CategoryAssociate {
		return nil
	}
	needBN := o.Address.Country == "CA"
	needRM, needCarrier := false, false
	for _, s := range o.Sectors {
		switch {
		case s == Importer || s == Exporter:
			needRM = true
		case s.IsCarrier():
			needCarrier = true
		}
	}
	var out []requirement
	if bn15 := o.Identifiers[ident.BN15]; needRM && (bn15 == "" || bn15[9:11] != "RM") {
		out = append(out, requirement{ident.BN15, "error.bn15_rm_required", "importers and exporters need their RM import-export program account, e.g. 123026635RM0001"})
	} else if needBN && !needRM && o.Identifiers[ident.BN9] == "" {
		out = append(out, requirement{ident.BN9, "error.bn9_required", "enter the 9-digit business number"})
	}
	if needCarrier && o.Identifiers[ident.CarrierCode] == "" {
		out = append(out, requirement{ident.CarrierCode, "error.carrier_code_required", "carriers need their 4-character CBSA carrier code"})
	}
	return out
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
