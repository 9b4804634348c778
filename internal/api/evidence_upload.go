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
	"trustlane/internal/upload"
)

// registerUpload registers uploadEvidence. The body is multipart/form-data,
// which this file reads itself rather than through huma's form support: so
// the whole body is bounded (huma's forms are not), nothing spills to
// temporary files, and each form field's problem is reported on it.
func (h *handler) registerUpload() {
	op := h.operation("uploadEvidence", http.MethodPost, evidencePath, "profile",
		"Upload an evidence file",
		"Attaches a document or picture to an answer, as multipart/form-data with the fields part, "+
			"question_id and file. The content decides the type: PDF, PNG, JPEG, GIF, WebP, TIFF, plain text, "+
			"or an office document (docx, xlsx, odt, ods); a file whose name claims another type is refused. "+
			"A file is at most 10 MiB (413 above it); an answer holds at most 10 files. The answer is the "+
			"file's metadata, and Location its address.")
	op.DefaultStatus = http.StatusCreated
	op.MaxBodyBytes = maxUploadBody
	op.Metadata = map[string]any{metaFileField: "body.file"}
	huma.Register(h.api, op, h.uploadEvidence)
	// RawBody gives the document no schema for the form: describe it here.
	idLen := 64
	doc := h.api.OpenAPI().Paths[prefix+evidencePath].Post
	doc.RequestBody.Content = map[string]*huma.MediaType{"multipart/form-data": {
		Schema: &huma.Schema{Type: huma.TypeObject, Required: []string{"part", "question_id", "file"},
			AdditionalProperties: false, Properties: map[string]*huma.Schema{
				"part":        {Type: huma.TypeString, MaxLength: &idLen, Description: "generic, or one of the organization's sectors."},
				"question_id": {Type: huma.TypeString, MaxLength: &idLen, Description: "A question of the part that takes evidence."},
				"file": {Type: huma.TypeString, Format: "binary",
					Description: "The file, with its name. At most 10 MiB."},
			}},
		Encoding: map[string]*huma.Encoding{"file": {ContentType: "application/octet-stream"}},
	}}
}

type uploadEvidenceIn struct {
	OrgID       string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ContentType string `header:"Content-Type" maxLength:"200" hidden:"true" doc:"multipart/form-data with its boundary (documented by the request body)."`
	RawBody     []byte `contentType:"multipart/form-data"`
}

// uploadForm is the form of an upload.
type uploadForm struct {
	part, questionID, filename string
	data                       []byte
}

var (
	errNotMultipart = statusError(http.StatusUnsupportedMediaType, errs.E(errs.Invalid, "api.detail.multipart_type",
		"send the file as multipart/form-data"))
	errBadMultipart = statusError(http.StatusBadRequest, errs.E(errs.Invalid, "api.detail.multipart_malformed",
		"the multipart/form-data body could not be read"))
	errFileTooLarge = statusError(http.StatusRequestEntityTooLarge, &errs.Error{Code: errs.Invalid,
		Key: "api.detail.file_too_large", Message: "the file is larger than 10 MiB",
		Fields: []errs.FieldError{errs.F("file", "error.upload.too_large", "the file is larger than 10 MB")}})
)

func (h *handler) uploadEvidence(ctx context.Context, in *uploadEvidenceIn) (*createdOut[evidenceFile], error) {
	form, err := readUploadForm(in.ContentType, in.RawBody)
	if err != nil {
		return nil, err
	}
	f, err := h.office.UploadEvidence(ctx, actorOf(ctx), in.OrgID, form.part, form.questionID, form.filename, form.data)
	if err != nil {
		// The office reports a question that takes no file on the file;
		// here the question_id field is the value to correct.
		return nil, relocate(err, func(f errs.FieldError) string {
			if f.Key == "error.answer.unknown_question" {
				return "question_id"
			}
			return f.Field
		})
	}
	return &createdOut[evidenceFile]{Location: evidenceLocation(in.OrgID, f.ID), Body: evidenceOut(f)}, nil
}

// readUploadForm reads the fields of an upload. Unknown or repeated fields
// and missing ones are field errors, all reported at once; a file over the
// size limit is 413.
func readUploadForm(contentType string, body []byte) (uploadForm, error) {
	var form uploadForm
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return form, errNotMultipart
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var fe []errs.FieldError
	seen := map[string]bool{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return form, errBadMultipart
		}
		name := p.FormName()
		switch {
		case seen[name]:
			fe = append(fe, errs.F(name, "api.field.repeated", "send this field once"))
		case name == "file":
			form.filename = p.FileName()
			if form.data, err = io.ReadAll(p); err != nil {
				return form, errBadMultipart
			}
			if len(form.data) > upload.MaxSize {
				return form, errFileTooLarge
			}
		case name == "part" || name == "question_id":
			v, err := io.ReadAll(io.LimitReader(p, 65))
			if err != nil {
				return form, errBadMultipart
			}
			if len(v) > 64 {
				fe = append(fe, errs.F(name, "api.field.id_too_long", "at most 64 characters"))
			} else if name == "part" {
				form.part = strings.TrimSpace(string(v))
			} else {
				form.questionID = strings.TrimSpace(string(v))
			}
		default:
			fe = append(fe, errs.F(name, "api.field.unknown", "this field is not part of the request"))
		}
		seen[name] = true
	}
	for _, name := range []string{"part", "question_id", "file"} {
		if !seen[name] {
			fe = append(fe, errs.F(name, "error.required", "this field is required"))
		}
	}
	if len(fe) > 0 {
		return form, errs.Fields(fe...)
	}
	return form, nil
}
