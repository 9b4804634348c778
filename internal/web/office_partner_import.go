package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"trustlane/internal/errs"
	"trustlane/internal/partner"
)

// The import of a partner's member list from the portal: a file and a
// mode. A refused file changes nothing and the page lists every row to
// fix; an applied one shows what it changed.

type partnerImportData struct {
	Program partner.Program
	Report  *partner.ImportReport
	Rows    []partnerRowError
	Modes   []option
}

type partnerRowError struct {
	Row            int
	Field, Message string
	Value          string
}

func (h *Handler) renderPartnerImport(w http.ResponseWriter, r *http.Request, rq *request, d partnerImportData, form url.Values, fe *formErrors, status int) error {
	d.Modes = []option{{Value: string(partner.ModeFull), Label: "partner_data.import.mode_full", Hint: "partner_data.import.mode_full_hint"},
		{Value: string(partner.ModePartial), Label: "partner_data.import.mode_partial", Hint: "partner_data.import.mode_partial_hint"}}
	v := h.newView(r, rq, "partner_data.import.title")
	v.Nav, v.Data, v.Form, v.Errors = "partners", d, form, fe
	return h.render(w, status, "office-partner-import", v)
}

func (h *Handler) partnerImportForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	p, err := h.off.PartnerProgram(r.Context(), rq.Actor(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return h.renderPartnerImport(w, r, rq, partnerImportData{Program: p}, url.Values{"mode": {"full"}}, nil, http.StatusOK)
}

func (h *Handler) partnerImport(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	p, err := h.off.PartnerProgram(r.Context(), rq.Actor(), r.PathValue("code"))
	if err != nil {
		return err
	}
	name, body, mode, err := readMemberListForm(r)
	var rep partner.ImportReport
	if err == nil {
		rep, err = h.off.ImportPartnerMembers(r.Context(), rq.Actor(), p.Code, name, body, partner.Mode(mode))
	}
	d := partnerImportData{Program: p, Report: &rep}
	form := url.Values{"mode": {mode}}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		fe := formErrorsOf(err, rq.L, "file")
		if !rep.OK() {
			for _, e := range rep.Errors {
				d.Rows = append(d.Rows, partnerRowError{Row: e.Row, Field: e.Field, Message: rq.L.T(e.Key), Value: e.Value})
			}
			msg := rq.L.N("partner_data.import.rows_summary", rep.ErrorCount)
			fe = &formErrors{Summary: []fieldMessage{{"rows", msg}}, byField: map[string]string{"rows": msg}}
		}
		return h.renderPartnerImport(w, r, rq, d, form, fe, errs.Status(errs.CodeOf(err)))
	}
	return h.renderPartnerImport(w, r, rq, d, form, nil, http.StatusOK)
}

// readMemberListForm reads the file and the mode of the import form.
func readMemberListForm(r *http.Request) (name string, body []byte, mode string, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, "", errs.E(errs.Invalid, "error.bad_request", "not a file upload")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", nil, mode, tooLargeOr(err)
		}
		data, err := io.ReadAll(io.LimitReader(part, partner.MaxImportSize+1))
		if err != nil {
			return "", nil, mode, tooLargeOr(err)
		}
		switch part.FormName() {
		case "file":
			name, body = part.FileName(), data
		case "mode":
			mode = string(data)
		}
	}
	if len(body) == 0 {
		return "", nil, mode, errs.Fields(errs.F("file", "error.upload.empty", "choose a file to upload"))
	}
	return name, body, mode, nil
}

func tooLargeOr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errs.Fields(errs.F("file", "error.partner_import.file_too_large", "the file is larger than "+strconv.Itoa(partner.MaxImportSize>>20)+" MB"))
	}
	return errs.E(errs.Invalid, "error.bad_request", "the upload could not be read")
}
