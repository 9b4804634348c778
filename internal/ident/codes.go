package ident

// Short alphanumeric codes that carry no check digit: the CBSA carrier
// code, the NMFTA SCAC and the CBP manufacturer identification code. For
// these the shape is all that can be verified offline, so the checks stay
// strict about shape and say nothing about whether the code was issued.

// CheckCarrierCode checks a CBSA carrier code: exactly four upper-case
// letters or digits (CBSA issues both numeric codes such as "8080" and
// alphabetic ones such as "ABCD"). Input is trimmed and upper-cased; inner
// spaces are not part of the format and are rejected.
func CheckCarrierCode(value string) (string, error) {
	code := clean(value, "")
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: CarrierCode, Reason: reason, Input: value}
	}
	switch {
	case code == "":
		return fail("empty")
	case !all(code, isAlnum):
		return fail("charset")
	case len(code) != 4:
		return fail("length")
	}
	return code, nil
}

// CheckSCAC checks a Standard Carrier Alpha Code: two to four letters A-Z.
// Digits never appear in a SCAC, so "AB12" is rejected as "charset".
func CheckSCAC(value string) (string, error) {
	code := clean(value, "")
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: SCAC, Reason: reason, Input: value}
	}
	switch {
	case code == "":
		return fail("empty")
	case !all(code, isUpper):
		return fail("charset")
	case len(code) < 2 || len(code) > 4:
		return fail("length")
	}
	return code, nil
}

// CheckMID checks a CBP Manufacturer Identification Code: two letters for
// the country followed by up to 13 letters or digits, 4 to 15 characters in
// all.
//
// The check is deliberately lenient. CBP builds the MID from the
// manufacturer's name, address and city, and for some countries the first
// two letters are not the ISO 3166 code, so only the length, the character
// set and the two leading letters are verified.
func CheckMID(value string) (string, error) {
	code := clean(value, "")
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: MID, Reason: reason, Input: value}
	}
	switch {
	case code == "":
		return fail("empty")
	case !all(code, isAlnum):
		return fail("charset")
	case len(code) < 4 || len(code) > 15:
		return fail("length")
	case !isUpper(code[0]) || !isUpper(code[1]):
		return fail("country")
	}
	return code, nil
}
