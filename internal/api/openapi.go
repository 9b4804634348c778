package api

import (
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// Paths of the document and of the JSON Schemas it refers to.
const (
	prefix      = "/api/v1"
	openAPIPath = prefix + "/openapi" // huma serves .json (and .yaml) under it
	schemasPath = prefix + "/schemas"
)

const description = `The JSON API of trustlane, the Partners in Protection trusted trader program.

**Authentication.** Every operation takes an API token: ` + "`Authorization: Bearer <token>`" + `.
Company tokens act for the person who created them, limited to their scopes and to their one
organization; another organization's IDs answer 404 as if they did not exist. Program tokens are
made by administrators for systems such as border services.

**Errors** are RFC 9457 problem details (` + "`application/problem+json`" + `) with a stable ` + "`type`" + `
(` + "`urn:trustlane:problem:invalid`" + `, ` + "`…:not-found`" + `, …), a ` + "`title`" + ` and ` + "`detail`" + ` in English or
French as ` + "`Accept-Language`" + ` asks, and for input problems an ` + "`errors`" + ` array naming each value to correct.

**Input** is strict: unknown fields are refused, strings have length limits, and request bodies
are limited in size. Times are RFC 3339 in UTC.`

// config is the huma configuration: the document's metadata and where it
// is served, the bearer scheme, and no docs page (it would load scripts
// from a CDN, which our Content-Security-Policy forbids).
func (h *handler) config() huma.Config {
	cfg := huma.DefaultConfig("trustlane API", "1")
	// The default hook adds a "$schema" link to every response body; our
	// bodies stay plain, and clients find schemas in the document.
	cfg.CreateHooks = nil
	cfg.OpenAPIPath = openAPIPath
	cfg.DocsPath = ""
	cfg.SchemasPath = schemasPath
	cfg.RejectUnknownQueryParameters = true
	cfg.Info.Description = description
	if h.baseURL != "" {
		cfg.Servers = []*huma.Server{{URL: h.baseURL, Description: "This installation."}}
	}
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		bearerScheme: {Type: "http", Scheme: "bearer",
			Description: "An API token made on the portal (company) or by an administrator (program)."},
	}
	cfg.Security = []map[string][]string{{bearerScheme: {}}}
	cfg.Tags = []*huma.Tag{
		{Name: "me", Description: "Who the token acts for."},
		{Name: "organizations", Description: "Organizations and their audit trail."},
		{Name: "members", Description: "The people of an organization and their roles."},
		{Name: "invitations", Description: "Invitations to join an organization."},
		{Name: "tokens", Description: "API tokens of an organization or of the program."},
		{Name: "staff", Description: "The program office (staff tokens only)."},
		{Name: "partners", Description: "Partner programs of mutual recognition and their imported member lists (staff tokens)."},
		{Name: "catalog", Description: "The minimum security criteria, version by version (any token)."},
		{Name: "profile", Description: "An organization's Security Profile: answers, evidence and gap assessment."},
		{Name: "applications", Description: "An organization's applications for membership, one per sector (cases:read, cases:write)."},
		{Name: "memberships", Description: "An organization's memberships, the memorandum, decision letters and appeals (cases:read, cases:write)."},
		{Name: "partners", Description: "Memberships of partner programs, consents to share, and the officers' matching (partners:write; staff)."},
		{Name: "border", Description: "Standing, FAST eligibility and shipment screening for border systems (border:read)."},
		{Name: "exchange", Description: "The status exchange for partner administrations (exchange:read, a token bound to one partner program)."},
		{Name: "casework", Description: "The program office's work on cases: queues, review, site validation, decisions and appeals (staff tokens; the office checks each staff role)."},
		{Name: "fast", Description: "FAST and CDRP driver cards and companies' FAST approvals (staff and border tokens read; officers write)."},
	}
	return cfg
}

// operation describes one operation. The problems it may answer follow
// from its method: every operation can be refused (401, 403) or fail
// (500); one naming a resource can miss it (404); one with a body can have
// it unreadable (400), too large (413), of another type (415), or conflict
// with the current state (409); inputs can be invalid (422).
func (h *handler) operation(id, method, path, tag, summary, doc string) huma.Operation {
	codes := []int{http.StatusUnauthorized, http.StatusForbidden}
	if strings.Contains(path, "{") {
		codes = append(codes, http.StatusNotFound)
	}
	switch method {
	case http.MethodPost, http.MethodPut:
		codes = append(codes, http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity)
	case http.MethodDelete:
		codes = append(codes, http.StatusConflict, http.StatusUnprocessableEntity)
	default:
		codes = append(codes, http.StatusUnprocessableEntity)
	}
	codes = append(codes, http.StatusInternalServerError)
	op := huma.Operation{
		OperationID: id, Method: method, Path: prefix + path, Tags: []string{tag},
		Summary: summary, Description: doc, Errors: codes, MaxBodyBytes: h.maxBody,
		Security: []map[string][]string{{bearerScheme: {}}},
	}
	switch {
	case method == http.MethodDelete:
		op.DefaultStatus = http.StatusNoContent
	case method == http.MethodPost && strings.HasPrefix(id, "create"):
		op.DefaultStatus = http.StatusCreated
	}
	return op
}

// catalogKeys lists the messages built from parts at run time, which a
// search of the source for keys would miss; New checks they exist.
func catalogKeys() []string {
	var out []string
	for _, kind := range kinds {
		out = append(out, "api.title."+kind)
	}
	return out
}
