package ident

import "strings"

// EORI numbers identify economic operators to EU and UK customs. The
// number is a country code followed by up to 15 characters whose format
// each issuing state chooses (often its VAT or company number), so there
// is no EU-wide check digit to verify.

// iso3166Alpha2 lists the officially assigned ISO 3166-1 alpha-2 codes
// (249 of them). Kept as one string so it is easy to diff against the
// ISO list when a code is added or withdrawn.
const iso3166Alpha2 = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`

// eoriCountries holds the country prefixes an EORI may start with: every
// ISO code (third countries register EORIs too), plus EL, the code the EU
// uses for Greece, and XI, the UK's prefix for Northern Ireland traders.
var eoriCountries = func() map[string]bool {
	m := map[string]bool{"EL": true, "XI": true}
	for _, c := range strings.Fields(iso3166Alpha2) {
		m[c] = true
	}
	return m
}()

// CheckEORI checks an EORI number: a country prefix followed by 1 to 15
// letters or digits, at most 17 characters in all. Spaces are dropped and
// letters upper-cased, so "de 1234 5678" becomes "DE12345678".
func CheckEORI(value string) (string, error) {
	n := clean(value, " ")
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: EORI, Reason: reason, Input: value}
	}
	switch {
	case n == "":
		return fail("empty")
	case !all(n, isAlnum):
		return fail("charset")
	case len(n) < 3 || len(n) > 17:
		return fail("length")
	case !eoriCountries[n[:2]]:
		return fail("country")
	}
	return n, nil
}
