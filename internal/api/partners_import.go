package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/i18n"
	"trustlane/internal/partner"
)

// The media types a member list may be sent as, besides a form.
var memberListTypes = []string{"text/csv", "application/json", xlsxType}

func (h *handler) registerPartnerImport() {
	op := h.operation("importPartnerMembers", http.MethodPost, "/partners/{code}/imports", "partners",
		"Import a partner's member list",
		"Imports the member list a partner administration sent, as CSV, XLSX or JSON (the content decides; see "+
			"docs/partners.md for the columns), either as the raw body (Content-Type text/csv, application/json or "+
			"the XLSX type) or as multipart/form-data with a file field (and an optional mode field). "+
			"mode=full (the default) cancels the members the list no longer names; mode=partial only adds and "+
			"updates. Every row is checked first: if any is wrong nothing changes and the answer is a 422 problem "+
			"whose report lists each row to fix. At most 20 MiB (managers and administrators).")
	op.MaxBodyBytes = partner.MaxImportSize + 1<<20
	huma.Register(h.api, op, h.importPartnerMembers)
	doc := h.api.OpenAPI().Paths[prefix+"/partners/{code}/imports"].Post
	bin := &huma.Schema{Type: huma.TypeString, Format: "binary"}
	doc.RequestBody = &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
		"text/csv": {Schema: bin}, "application/json": {Schema: bin}, xlsxType: {Schema: bin},
		"multipart/form-data": {Schema: &huma.Schema{Type: huma.TypeObject, Required: []string{"file"}, Properties: map[string]*huma.Schema{
			"file": bin, "mode": {Type: huma.TypeString, Enum: []any{"full", "partial"}}}}},
	}}
}

type importPartnerMembersIn struct {
	Code        string `path:"code" maxLength:"20" doc:"The program's code, e.g. CTPAT."`
	Mode        string `query:"mode" enum:"full,partial" doc:"full (the default) or partial; a form's mode field wins."`
	Filename    string `query:"filename" maxLength:"200" doc:"The file's name, for the import history."`
	ContentType string `header:"Content-Type" maxLength:"200" hidden:"true"`
	Lang        string `header:"Accept-Language" maxLength:"200" doc:"The language of the row messages."`
	RawBody     []byte
}

// importResult is what an applied import did.
type importResult struct {
	ImportID  string `json:"import_id"`
	Format    string `json:"format" enum:"csv,xlsx,json"`
	Mode      string `json:"mode" enum:"full,partial"`
	SHA256    string `json:"sha256"`
	Rows      int    `json:"rows"`
	Added     int    `json:"added"`
	Changed   int    `json:"changed"`
	Unchanged int    `json:"unchanged"`
	Removed   int    `json:"removed"`
}

// importProblem is the 422 problem of a refused list: the problem details
// and the report of every row to fix.
type importProblem struct {
	problem
	Report importReport `json:"report"`
	lang   string
}

type importReport struct {
	Format     string       `json:"format,omitempty"`
	Rows       int          `json:"rows"`
	ErrorCount int          `json:"error_count" doc:"Every problem found; errors lists the first 1,000."`
	Errors     []rowProblem `json:"errors"`
}

type rowProblem struct {
	Row     int    `json:"row" doc:"The sheet's row (the header is 1), or the position in a JSON array; 0 for the whole file."`
	Field   string `json:"field" doc:"The column, or file."`
	Code    string `json:"code" doc:"A stable code, e.g. error.partner_import.ref_duplicate."`
	Message string `json:"message" doc:"What to correct, translated."`
	Value   string `json:"value,omitempty"`
}

// GetHeaders gives the problem its language.
func (p *importProblem) GetHeaders() http.Header { return http.Header{"Content-Language": {p.lang}} }

var errMemberListType = statusError(http.StatusUnsupportedMediaType, errs.E(errs.Invalid, "api.detail.partner_list_type",
	"send the list as text/csv, application/json, the XLSX type or multipart/form-data"))

func (h *handler) importPartnerMembers(ctx context.Context, in *importPartnerMembersIn) (*bodyOut[importResult], error) {
	filename, body, mode, err := readMemberList(in)
	if err != nil {
		return nil, err
	}
	rep, err := h.office.ImportPartnerMembers(ctx, actorOf(ctx), strings.ToUpper(in.Code), filename, body, partner.Mode(mode))
	if err != nil {
		if e, ok := errs.As(err); ok && e.Code == errs.Invalid && !rep.OK() {
			return nil, h.importProblem(in, e, rep)
		}
		return nil, err
	}
	return &bodyOut[importResult]{Body: importResult{ImportID: rep.ImportID, Format: string(rep.Format), Mode: string(rep.Mode),
		SHA256: rep.SHA256, Rows: rep.Rows, Added: rep.Added, Changed: rep.Changed, Unchanged: rep.Unchanged, Removed: rep.Removed}}, nil
}

func (h *handler) importProblem(in *importPartnerMembersIn, e *errs.Error, rep partner.ImportReport) *importProblem {
	lang := i18n.Match(in.Lang)
	l := h.i18n.For(lang)
	p := &importProblem{problem: *h.fromErrs(l, e), lang: lang, Report: importReport{Format: string(rep.Format), Rows: rep.Rows,
		ErrorCount: rep.ErrorCount, Errors: make([]rowProblem, 0, len(rep.Errors))}}
	p.Instance = prefix + "/partners/" + in.Code + "/imports"
	for _, r := range rep.Errors {
		p.Report.Errors = append(p.Report.Errors, rowProblem{Row: r.Row, Field: r.Field, Code: r.Key,
			Message: h.message(l, r.Key, r.Message), Value: r.Value})
	}
	return p
}

// readMemberList takes the list from the raw body or from a form.
func readMemberList(in *importPartnerMembersIn) (filename string, body []byte, mode string, err error) {
	mt, params, perr := mime.ParseMediaType(in.ContentType)
	if perr != nil {
		return "", nil, "", errMemberListType
	}
	if mt != "multipart/form-data" {
		for _, t := range memberListTypes {
			if mt == t {
				return in.Filename, in.RawBody, in.Mode, nil
			}
		}
		return "", nil, "", errMemberListType
	}
	if params["boundary"] == "" {
		return "", nil, "", errNotMultipart
	}
	mr := multipart.NewReader(bytes.NewReader(in.RawBody), params["boundary"])
	mode, filename = in.Mode, in.Filename
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", nil, "", errBadMultipart
		}
		data, err := io.ReadAll(io.LimitReader(p, partner.MaxImportSize+1))
		if err != nil {
			return "", nil, "", errBadMultipart
		}
		switch p.FormName() {
		case "file":
			body = data
			if filename == "" {
				filename = p.FileName()
			}
		case "mode":
			mode = string(data)
		}
	}
	if body == nil {
		return "", nil, "", errs.Fields(errs.F("file", "error.partner_import.file_empty", "the file is empty"))
	}
	return filename, body, mode, nil
}
