package document

import (
	"errors"
	"fmt"
	"slices"

	"trustlane/internal/catalog"
	"trustlane/internal/program"
)

type (
	oscalProfileDoc struct {
		Profile oscalProfile `json:"profile"`
	}
	oscalProfile struct {
		UUID     string        `json:"uuid"`
		Metadata oscalMetadata `json:"metadata"`
		Imports  []oscalImport `json:"imports"`
		Merge    *oscalMerge   `json:"merge,omitempty"`
	}
	oscalImport struct {
		Href            string        `json:"href"`
		IncludeControls []oscalSelect `json:"include-controls"`
	}
	oscalSelect struct {
		WithIDs []string `json:"with-ids"`
	}
	oscalMerge struct {
		AsIs bool `json:"as-is"`
	}
)

// ProfileOSCAL exports, as an OSCAL 1.0.6 profile, the criteria one sector
// answers in a version: the generic criteria plus the sector's own. It
// imports the catalog export of the same version and language by its file
// name (CatalogFileName), so the two files travel together; sector
// "generic" gives the criteria every applicant answers. A partner
// administration resolves it to the exact checklist a company of that
// sector was assessed against.
func ProfileOSCAL(v *catalog.Version, sector, lang string) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("profile oscal %s %s %s: %w", v.ID, sector, lang, err)
		}
	}()
	if sector != catalog.GenericPart && !slices.Contains(program.SectorNames(), sector) {
		return nil, fmt.Errorf("unknown sector %q", sector)
	}
	var ids []string
	for _, cr := range v.Criteria {
		if cr.Generic() || slices.Contains(cr.Sectors, sector) {
			ids = append(ids, controlID(cr.ID))
		}
	}
	if len(ids) == 0 {
		return nil, errors.New("the version has no criterion for this sector")
	}
	title, err := partTitle(sector, lang)
	if err != nil {
		return nil, err
	}
	p := oscalProfile{
		UUID:     nameUUID("profile", v.ID, sector, lang),
		Metadata: versionMetadata(v, v.Title.In(lang)+": "+title, lang),
		Imports: []oscalImport{{Href: CatalogFileName(v.ID, lang),
			IncludeControls: []oscalSelect{{WithIDs: ids}}}},
		Merge: &oscalMerge{AsIs: true},
	}
	p.Metadata.Props = append(p.Metadata.Props, prop("sector", sector)...)
	p.Metadata.Props = append(p.Metadata.Props, prop("catalog-uuid", catalogUUID(v, lang))...)
	return indent(oscalProfileDoc{Profile: p})
}

// partTitle names a part of the profile in lang: "Generic", or the
// sector's name.
func partTitle(part, lang string) (string, error) {
	l, err := localizer(lang)
	if err != nil {
		return "", err
	}
	if part == catalog.GenericPart {
		return l.T("document.part.generic"), nil
	}
	return l.T("sector." + part), nil
}
