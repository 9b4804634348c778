package web

import (
	"net/url"

	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// orgInput reads the organization fields shared by sign-up and the edit page.
func orgInput(f url.Values, lang string) program.OrgInput {
	in := program.OrgInput{
		LegalName: f.Get("legal_name"), OperatingName: f.Get("operating_name"), Category: f.Get("category"),
		Address: program.Address{
			Line1: f.Get("address.line1"), Line2: f.Get("address.line2"), City: f.Get("address.city"),
			Region: f.Get("address.region"), PostalCode: f.Get("address.postal_code"), Country: f.Get("address.country"),
		},
		Phone: f.Get("phone"), Website: f.Get("website"), Sectors: f["sectors"],
		Identifiers: map[string]string{}, Lang: lang,
	}
	for _, k := range orgIdentifierKinds() {
		if v := f.Get("identifiers." + string(k)); v != "" {
			in.Identifiers[string(k)] = v
		}
	}
	return in
}

// orgValues fills the organization form from a stored organization.
func orgValues(o program.Organization) url.Values {
	f := url.Values{}
	f.Set("legal_name", o.LegalName)
	f.Set("operating_name", o.OperatingName)
	f.Set("category", string(o.Category))
	f.Set("address.line1", o.Address.Line1)
	f.Set("address.line2", o.Address.Line2)
	f.Set("address.city", o.Address.City)
	f.Set("address.region", o.Address.Region)
	f.Set("address.postal_code", o.Address.PostalCode)
	f.Set("address.country", o.Address.Country)
	f.Set("phone", o.Phone)
	f.Set("website", o.Website)
	for _, s := range o.Sectors {
		f.Add("sectors", string(s))
	}
	for k, v := range o.Identifiers {
		f.Set("identifiers."+string(k), v)
	}
	return f
}

// orgFormData is what the organization form partial needs besides the view.
type orgFormData struct {
	Sectors     []option
	Categories  []option
	Countries   []option
	Identifiers []ident.Kind
}

func newOrgFormData() orgFormData {
	return orgFormData{Sectors: sectorOptions(), Categories: categoryOptions(), Countries: countryOptions(), Identifiers: orgIdentifierKinds()}
}
