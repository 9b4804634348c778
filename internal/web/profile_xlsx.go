package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"trustlane/internal/document"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// xlsxType is the content type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// maxImportBody bounds a workbook upload: the parser's own limit plus room
// for the multipart framing.
const maxImportBody = document.MaxProfileBytes + 64<<10

// routesProfileXLSX registers the workbook a company can fill in offline
// and upload back.
func (h *Handler) routesProfileXLSX() {
	h.needPages("profile-import")
	base := "/app/orgs/{org}/profile"
	h.mux.Handle("GET "+base+"/export.xlsx", h.page(h.profileExport))
	h.mux.Handle("GET "+base+"/import", h.page(h.profileImportForm))
	h.mux.Handle("POST "+base+"/import", h.pageLimit(h.profileImport, maxImportBody))
}

// profileExport sends the profile as a workbook in the reader's language.
func (h *Handler) profileExport(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil { // staff export too; the office decides
		return err
	}
	data, err := h.off.ExportProfileXLSX(r.Context(), rq.Actor(), r.PathValue("org"), rq.L.Lang())
	if err != nil {
		return err
	}
	name := rq.L.T("profile.xlsx.filename", map[string]any{"Date": rq.Now.In(h.cfg.Location).Format("2006-01-02")})
	hd := w.Header()
	hd.Set("Content-Type", xlsxType)
	hd.Set("Content-Disposition", "attachment; filename*=UTF-8''"+encodeFilename(name))
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "private, no-store")
	_, err = w.Write(data)
	return err
}

// rowError is one row of a refused workbook, for the table of rows to fix.
type rowError struct {
	Sheet, Row, Question, Message string
}

// importData is the import page, with the rows to fix after a refusal.
type importData struct {
	profileHead
	Rows        []rowError
	HasQuestion bool
}

func (h *Handler) profileImportForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadProfile(r, rq)
	if err != nil {
		return err
	}
	if !head.Editable() {
		return errRoleForbids
	}
	return h.renderImport(w, r, rq, importData{profileHead: head}, http.StatusOK, nil)
}

// profileImport applies an uploaded workbook, all or nothing. On success the
// task list says how many answers changed; a refusal lists every row to fix.
func (h *Handler) profileImport(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadProfile(r, rq)
	if err != nil {
		return err
	}
	if !head.Editable() {
		return errRoleForbids
	}
	data, err := readWorkbook(w, r)
	if err == nil {
		var res office.ImportResult
		if res, err = h.off.ImportProfileXLSX(r.Context(), rq.Actor(), head.Org.ID, data, rq.L.Lang()); err == nil {
			return redirect(head.ProfileBase() + "?imported=" + strconv.Itoa(res.Changed))
		}
	}
	if !isFormError(err) {
		return err
	}
	d := importData{profileHead: head}
	fe := formErrorsOf(err, rq.L, "file")
	if e, ok := errs.As(err); ok && len(e.Fields) > 0 {
		d.Rows = rowErrors(e.Fields, rq)
		for _, row := range d.Rows {
			d.HasQuestion = d.HasQuestion || row.Question != ""
		}
		msg := rq.L.N("profile.import.rows_summary", len(d.Rows))
		fe = &formErrors{Summary: []fieldMessage{{"rows", msg}}, byField: map[string]string{"rows": msg}}
	}
	return h.renderImport(w, r, rq, d, errs.Status(errs.CodeOf(err)), fe)
}

// readWorkbook reads the uploaded workbook, bounded; the parser checks it.
func readWorkbook(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errs.E(errs.Invalid, "error.bad_request", "not a file upload")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errs.E(errs.Invalid, "error.upload.empty", "choose a file to upload")
		}
		if err != nil {
			return nil, workbookReadError(err)
		}
		if part.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, document.MaxProfileBytes+1))
		if err != nil {
			return nil, workbookReadError(err)
		}
		if len(data) == 0 {
			return nil, errs.E(errs.Invalid, "error.upload.empty", "choose a file to upload")
		}
		return data, nil // the parser refuses a workbook over its limit
	}
}

func workbookReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errs.E(errs.Invalid, "error.sheet.too_large", "the workbook is larger than 5 MB")
	}
	return errs.E(errs.Invalid, "error.bad_request", "the upload could not be read")
}

// rowErrors reads the office's row errors, whose field is "sheet!row" (or
// "sheet!row!question" when the question is known).
func rowErrors(fields []errs.FieldError, rq *request) []rowError {
	var out []rowError
	for _, f := range fields {
		row := rowError{Sheet: f.Field, Message: rq.L.T(f.Key)}
		parts := strings.Split(f.Field, "!")
		n := len(parts)
		switch {
		case n >= 3 && isNumber(parts[n-2]):
			row.Sheet, row.Row, row.Question = strings.Join(parts[:n-2], "!"), parts[n-2], parts[n-1]
		case n >= 2 && isNumber(parts[n-1]):
			row.Sheet, row.Row = strings.Join(parts[:n-1], "!"), parts[n-1]
		}
		out = append(out, row)
	}
	return out
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

func (h *Handler) renderImport(w http.ResponseWriter, r *http.Request, rq *request, d importData, status int, fe *formErrors) error {
	v := h.companyView(r, rq, "profile.import.title")
	v.Data, v.Errors, v.Form = d, fe, url.Values{}
	return h.render(w, status, "profile-import", v)
}
