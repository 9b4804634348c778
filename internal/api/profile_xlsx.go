package api

import (
	"context"
	"mime"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/document"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
)

// The Security Profile as a workbook: taken away to be filled in offline,
// and put back whole.

const profileXLSXPath = "/organizations/{orgID}/profile.xlsx"

func (h *handler) registerProfileXLSX() {
	op := h.operation("exportProfile", http.MethodGet, profileXLSXPath, "profile",
		"Export the Security Profile as a workbook",
		"The profile as an .xlsx workbook to fill in offline: one sheet per part, one row per question with "+
			"its current answer, the answers allowed and how many files it has. Headers are in lang, or else "+
			"in the language Accept-Language asks for. Upload it back with importProfile.")
	op.Responses = map[string]*huma.Response{"200": {Description: "The workbook.",
		Content: map[string]*huma.MediaType{xlsxType: {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}}}}
	huma.Register(h.api, op, h.exportProfile)

	op = h.operation("importProfile", http.MethodPut, profileXLSXPath, "profile",
		"Import the Security Profile from a workbook",
		"Takes back a workbook made by exportProfile, as the request body with Content-Type "+xlsxType+
			", and saves every answer in it. All or nothing: if any row is wrong, nothing is saved and errors "+
			"lists one entry per row, at body.<sheet>!<row>. Rows are found by their part and question ID, "+
			"so sheets may be renamed or sorted. Files are not part of the workbook: upload them with "+
			"uploadEvidence. At most 5 MiB.")
	op.MaxBodyBytes = document.MaxProfileBytes + 1
	huma.Register(h.api, op, h.importProfile)
}

type exportProfileIn struct {
	OrgID  string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Lang   string `query:"lang" enum:"en,fr" doc:"The language of the workbook; by default Accept-Language's."`
	Accept string `header:"Accept-Language" maxLength:"200" doc:"The language of the workbook when lang is not given."`
}

func (h *handler) exportProfile(ctx context.Context, in *exportProfileIn) (*fileOut, error) {
	lang := in.Lang
	if lang == "" {
		lang = i18n.Match(in.Accept)
	}
	b, err := h.office.ExportProfileXLSX(ctx, actorOf(ctx), in.OrgID, lang)
	if err != nil {
		return nil, err
	}
	return &fileOut{ContentType: xlsxType, ContentDisposition: attachment("security-profile-" + in.OrgID + ".xlsx"), Body: b}, nil
}

type importProfileIn struct {
	OrgID       string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ContentType string `header:"Content-Type" maxLength:"200" hidden:"true"`
	Lang        string `header:"Accept-Language" maxLength:"200" doc:"The language of the row messages."`
	RawBody     []byte `contentType:"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"`
}

// profileImport is what an import changed.
type profileImport struct {
	Changed  int         `json:"changed" doc:"How many answers differ from what was stored."`
	Answers  []answerKey `json:"answers" nullable:"false" doc:"Those answers."`
	Revision int64       `json:"revision,omitempty" doc:"The profile's revision after the import; absent when nothing changed."`
}

// answerKey names one answer.
type answerKey struct {
	Part       string `json:"part"`
	QuestionID string `json:"question_id"`
}

var errNotXLSX = statusError(http.StatusUnsupportedMediaType, errs.E(errs.Invalid, "api.detail.xlsx_type",
	"send the workbook with Content-Type "+xlsxType))

func (h *handler) importProfile(ctx context.Context, in *importProfileIn) (*bodyOut[profileImport], error) {
	if mt, _, err := mime.ParseMediaType(in.ContentType); err != nil || mt != xlsxType {
		return nil, errNotXLSX
	}
	res, err := h.office.ImportProfileXLSX(ctx, actorOf(ctx), in.OrgID, in.RawBody, i18n.Match(in.Lang))
	if err != nil {
		// A row is named as in a spreadsheet formula: sheet!row.
		return nil, relocate(err, func(f errs.FieldError) string {
			if strings.Contains(f.Field, "!") {
				return "body." + f.Field
			}
			return f.Field
		})
	}
	out := profileImport{Changed: res.Changed, Answers: []answerKey{}, Revision: res.Revision}
	for _, k := range res.Questions {
		out.Answers = append(out.Answers, answerKey{Part: k.Part, QuestionID: k.Question})
	}
	return &bodyOut[profileImport]{Body: out}, nil
}
