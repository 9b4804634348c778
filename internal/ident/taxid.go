package ident

// Tax registration numbers: the Canadian business number and the US
// employer identification number. Customs in both countries key an
// importer's account to the number its tax authority issued.

// Canada Revenue Agency business numbers. The BN9 identifies the business;
// the BN15 adds a program identifier and a reference number and names one
// program account. RM, the import/export account, is the one customs uses;
// the other accounts a business commonly holds are accepted too.

// bnSeparators are the characters CRA and applicants put between the parts
// of a business number ("123026635 RM 0001", "123026635-RM-0001").
const bnSeparators = " -"

// bnPrograms are the accepted BN15 program identifiers: corporate income
// tax, import/export, payroll deductions and GST/HST.
var bnPrograms = map[string]bool{"RC": true, "RM": true, "RP": true, "RT": true}

// CheckBN9 checks a 9-digit CRA business number and returns it without
// separators. The ninth digit is a Luhn (mod 10) check digit over the
// whole number. The all-zero number passes Luhn but is not a real business
// number, so it is rejected as "reserved".
func CheckBN9(value string) (string, error) {
	bn := clean(value, bnSeparators)
	if reason := bn9Reason(bn); reason != "" {
		return "", &Error{Kind: BN9, Reason: reason, Input: value}
	}
	return bn, nil
}

// CheckBN15 checks a 15-character CRA program account number: a valid BN9,
// a two-letter program identifier (RC, RM, RP or RT) and a four-digit
// reference number other than 0000. It returns the compact form, for
// example "123026635RM0001".
func CheckBN15(value string) (string, error) {
	bn := clean(value, bnSeparators)
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: BN15, Reason: reason, Input: value}
	}
	switch {
	case bn == "":
		return fail("empty")
	case !all(bn, isAlnum):
		return fail("charset")
	case len(bn) != 15:
		return fail("length")
	case !all(bn[9:11], isUpper) || !all(bn[11:], isDigit):
		return fail("charset")
	}
	// Check the embedded BN9 first: a wrong business number is the more
	// useful message when the program part is also wrong.
	if reason := bn9Reason(bn[:9]); reason != "" {
		return fail(reason)
	}
	if !bnPrograms[bn[9:11]] {
		return fail("program")
	}
	if bn[11:] == "0000" {
		return fail("reference")
	}
	return bn, nil
}

// bn9Reason returns why the compact bn is not a valid BN9, or "".
func bn9Reason(bn string) string {
	switch {
	case bn == "":
		return "empty"
	case !all(bn, isDigit):
		return "charset"
	case len(bn) != 9:
		return "length"
	case bn == "000000000":
		return "reserved"
	case !luhnValid(bn):
		return "checksum"
	}
	return ""
}

// luhnValid reports whether the digit string s ends in a correct Luhn
// check digit. s must contain only ASCII digits.
func luhnValid(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 { // every second digit from the right is doubled
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// US importer numbers. CBP identifies an importer of record by its IRS
// employer identification number (EIN), optionally followed by the
// two-character suffix CBP appends to some importer numbers.

// einInvalidPrefix marks the two-digit EIN prefixes the IRS has never
// assigned to a campus. Listing the gaps keeps the table short and the
// valid ranges (01-06, 10-16, 20-27, 30-48, 50-68, 71-77, 80-88, 90-95,
// 98, 99) easy to compare with the published list.
var einInvalidPrefix = map[string]bool{
	"00": true, "07": true, "08": true, "09": true,
	"17": true, "18": true, "19": true, "28": true, "29": true,
	"49": true, "69": true, "70": true, "78": true, "79": true,
	"89": true, "96": true, "97": true,
}

// CheckEIN checks a US employer identification number, with or without its
// CBP importer suffix, and returns it in the written form "NN-NNNNNNN" or
// "NN-NNNNNNNXX".
//
// Spaces and hyphens are ignored on input, so "12-3456789", "123456789"
// and "12 3456789" are the same number. The first two digits must be an
// IRS campus prefix. The optional suffix is two letters or digits, never
// O, I or Z.
func CheckEIN(value string) (string, error) {
	n := clean(value, " -")
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: EIN, Reason: reason, Input: value}
	}
	switch {
	case n == "":
		return fail("empty")
	case !all(n, isAlnum):
		return fail("charset")
	case len(n) != 9 && len(n) != 11:
		return fail("length")
	case !all(n[:9], isDigit) || !all(n[9:], isAlnum):
		return fail("charset")
	case einInvalidPrefix[n[:2]]:
		return fail("prefix")
	}
	for i := 9; i < len(n); i++ {
		switch n[i] {
		case 'O', 'I', 'Z':
			return fail("suffix")
		}
	}
	return n[:2] + "-" + n[2:], nil
}
