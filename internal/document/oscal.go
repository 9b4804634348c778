package document

import (
	"encoding/json"
	"strings"

	"github.com/google/uuid"
)

// OSCALVersion is the release of NIST's OSCAL whose JSON schemas the exports
// are written to and tested against.
const OSCALVersion = "1.0.6"

// oscalNS qualifies the props and parts that are trustlane's own (levels,
// sectors, questions): OSCAL asks that names outside its own vocabulary
// carry a namespace so tools do not mistake them for NIST's.
const oscalNS = "urn:trustlane:oscal"

// uuidSpace is the namespace of every UUID in the OSCAL exports. The UUIDs
// are version-5 (name-based), so exporting a version twice gives the same
// document, and a partner can tell a new export from a repeated one.
var uuidSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte(oscalNS))

func nameUUID(parts ...string) string {
	return uuid.NewSHA1(uuidSpace, []byte(strings.Join(parts, "/"))).String()
}

// The OSCAL 1.0.6 shapes trustlane fills, with their JSON names. Struct
// field order is the order keys come out in, so exports are stable.
type (
	oscalCatalogDoc struct {
		Catalog oscalCatalog `json:"catalog"`
	}
	oscalCatalog struct {
		UUID       string           `json:"uuid"`
		Metadata   oscalMetadata    `json:"metadata"`
		Groups     []oscalGroup     `json:"groups,omitempty"`
		BackMatter *oscalBackMatter `json:"back-matter,omitempty"`
	}
	oscalMetadata struct {
		Title        string      `json:"title"`
		Published    string      `json:"published,omitempty"`
		LastModified string      `json:"last-modified"`
		Version      string      `json:"version"`
		OSCALVersion string      `json:"oscal-version"`
		Props        []oscalProp `json:"props,omitempty"`
	}
	oscalGroup struct {
		ID       string         `json:"id"`
		Title    string         `json:"title"`
		Parts    []oscalPart    `json:"parts,omitempty"`
		Controls []oscalControl `json:"controls,omitempty"`
	}
	oscalControl struct {
		ID    string      `json:"id"`
		Class string      `json:"class,omitempty"`
		Title string      `json:"title"`
		Props []oscalProp `json:"props,omitempty"`
		Links []oscalLink `json:"links,omitempty"`
		Parts []oscalPart `json:"parts,omitempty"`
	}
	oscalPart struct {
		ID    string      `json:"id,omitempty"`
		Name  string      `json:"name"`
		NS    string      `json:"ns,omitempty"`
		Title string      `json:"title,omitempty"`
		Props []oscalProp `json:"props,omitempty"`
		Prose string      `json:"prose,omitempty"`
		Parts []oscalPart `json:"parts,omitempty"`
	}
	oscalProp struct {
		Name  string `json:"name"`
		NS    string `json:"ns,omitempty"`
		Value string `json:"value"`
		Class string `json:"class,omitempty"`
	}
	oscalLink struct {
		Href string `json:"href"`
		Rel  string `json:"rel,omitempty"`
		Text string `json:"text,omitempty"`
	}
	oscalBackMatter struct {
		Resources []oscalResource `json:"resources"`
	}
	oscalResource struct {
		UUID  string      `json:"uuid"`
		Title string      `json:"title,omitempty"`
		Props []oscalProp `json:"props,omitempty"`
	}
)

// prop builds one of trustlane's own props; an empty value yields none,
// since OSCAL values may not be blank.
func prop(name, value string) []oscalProp {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil
	}
	return []oscalProp{{Name: name, NS: oscalNS, Value: value}}
}

// controlID turns a criterion ID into an OSCAL control ID: OSCAL's token
// pattern allows upper case, but profiles and tools conventionally match
// lower-case IDs, and the ID must not depend on the language.
func controlID(criterion string) string { return strings.ToLower(criterion) }

// indent marshals an OSCAL document the way every export is written.
func indent(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// oscalDate is a catalog date as an OSCAL timestamp: midnight UTC of the
// effective date, so the export does not change with the clock.
func oscalDate(day string) string { return day + "T00:00:00Z" }
