package program

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
)

// Address is where an organization is established. The program takes
// Canada- and US-based businesses, so the country is CA or US.
type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// Organization is one legal entity and its account in the program.
type Organization struct {
	ID            string
	LegalName     string
	OperatingName string
	Category      Category
	Address       Address
	Phone         string
	Website       string
	Sectors       []Sector
	// Identifiers maps each kind to its canonical value; one value per kind.
	Identifiers map[ident.Kind]string
	Lang        string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// OrgInput is an organization as a person typed it, before validation.
type OrgInput struct {
	LegalName     string
	OperatingName string
	Category      string
	Address       Address
	Phone         string
	Website       string
	Sectors       []string
	Identifiers   map[string]string
	Lang          string
}

var (
	caProvinces = []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
	usStates    = []string{"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
		"IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
		"NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
		"WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP"}
	caPostal = regexp.MustCompile(`^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$`)
	usZIP    = regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`)
	phoneRe  = regexp.MustCompile(`^\+?[0-9 ().-]{7,25}$`)
)

// Limits on free text, so a form cannot store megabytes in a name.
const (
	maxName = 200
	maxLine = 200
)

// NewOrganization validates in and returns the organization it describes
// (without ID or times), or an errs.Invalid error listing every field to fix.
func NewOrganization(in OrgInput) (Organization, error) {
	var fe []errs.FieldError
	add := func(field, key, msg string) { fe = append(fe, errs.F(field, key, msg)) }
	o := Organization{
		LegalName:     clean(in.LegalName),
		OperatingName: clean(in.OperatingName),
		Category:      Category(strings.TrimSpace(in.Category)),
		Phone:         clean(in.Phone),
		Website:       clean(in.Website),
		Lang:          in.Lang,
		Identifiers:   map[ident.Kind]string{},
	}
	if o.Category == "" {
		o.Category = CategoryMember
	}
	if o.Lang != "fr" {
		o.Lang = "en"
	}
	switch n := utf8.RuneCountInString(o.LegalName); {
	case n == 0:
		add("legal_name", "error.required", "enter the legal name")
	case n > maxName:
		add("legal_name", "error.too_long", "the legal name is too long")
	}
	if utf8.RuneCountInString(o.OperatingName) > maxName {
		add("operating_name", "error.too_long", "the operating name is too long")
	}
	if !o.Category.Valid() {
		add("category", "error.choose_option", "choose member or associate")
	}
	o.Address = checkAddress(in.Address, add)
	if o.Phone != "" && !phoneRe.MatchString(o.Phone) {
		add("phone", "error.phone", "enter a phone number such as +1 613 555 0100")
	}
	if o.Website != "" {
		if u, err := url.Parse(o.Website); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			add("website", "error.url", "enter a web address starting with https://")
		}
	}
	o.Sectors = checkSectors(in.Sectors, add)
	checkIdentifiers(&o, in.Identifiers, add)
	if len(fe) > 0 {
		return Organization{}, errs.Fields(fe...)
	}
	return o, nil
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkAddress(a Address, add func(field, key, msg string)) Address {
	out := Address{
		Line1: clean(a.Line1), Line2: clean(a.Line2), City: clean(a.City),
		Region: strings.ToUpper(clean(a.Region)), PostalCode: strings.ToUpper(clean(a.PostalCode)),
		Country: strings.ToUpper(clean(a.Country)),
	}
	for _, f := range []struct{ field, v string }{{"address.line1", out.Line1}, {"address.city", out.City}} {
		field, v := f.field, f.v
		if v == "" {
			add(field, "error.required", "this field is required")
		} else if utf8.RuneCountInString(v) > maxLine {
			add(field, "error.too_long", "this field is too long")
		}
	}
	if utf8.RuneCountInString(out.Line2) > maxLine {
		add("address.line2", "error.too_long", "this field is too long")
	}
	switch out.Country {
	case "CA":
		if !slices.Contains(caProvinces, out.Region) {
			add("address.region", "error.province", "choose a province or territory")
		}
		if !caPostal.MatchString(out.PostalCode) {
			add("address.postal_code", "error.postal_code", "enter a postal code such as K1A 0L5")
		} else if len(out.PostalCode) == 6 {
			out.PostalCode = out.PostalCode[:3] + " " + out.PostalCode[3:]
		}
	case "US":
		if !slices.Contains(usStates, out.Region) {
			add("address.region", "error.state", "choose a state")
		}
		if !usZIP.MatchString(out.PostalCode) {
			add("address.postal_code", "error.zip_code", "enter a ZIP code such as 20229 or 20229-0001")
		}
	default:
		add("address.country", "error.country", "the program takes businesses based in Canada or the United States")
	}
	return out
}

func checkSectors(in []string, add func(field, key, msg string)) []Sector {
	var out []Sector
	for _, s := range in {
		sec := Sector(strings.TrimSpace(s))
		if !sec.Valid() {
			add("sectors", "error.sector_unknown", "choose sectors from the list")
			return nil
		}
		if !slices.Contains(out, sec) {
			out = append(out, sec)
		}
	}
	if len(out) == 0 {
		add("sectors", "error.sector_required", "choose at least one sector")
	}
	slices.SortFunc(out, func(a, b Sector) int { return slices.Index(Sectors(), a) - slices.Index(Sectors(), b) })
	return out
}
