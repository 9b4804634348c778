package web

import (
	"errors"
	"net/http"
	"path/filepath"

	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// maxFastUpload bounds an uploaded card file (about 500,000 rows).
const maxFastUpload = 64 << 20

type fastImportData struct {
	Report *office.FastImportReport
}

func (h *Handler) renderFastImport(w http.ResponseWriter, r *http.Request, rq *request, rep *office.FastImportReport, fe *formErrors, status int) error {
	v := h.newView(r, rq, "fast.import.title")
	v.Nav, v.Errors, v.Data = "fast", fe, fastImportData{Report: rep}
	return h.render(w, status, "fast-import", v)
}

func (h *Handler) fastImportForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	return h.renderFastImport(w, r, rq, nil, nil, http.StatusOK)
}

// fastImport applies an uploaded CSV file and shows what it did, or every
// wrong row when it was refused.
func (h *Handler) fastImport(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFastUpload)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errs.E(errs.Invalid, "error.too_large", "the form is too large")
		}
		fe := errs.Fields(errs.F("file", "error.fast.file_required", "choose a CSV file to import"))
		return h.renderFastImport(w, r, rq, nil, formErrorsOf(fe, rq.L, "file"), http.StatusUnprocessableEntity)
	}
	defer file.Close()
	rep, err := h.off.ImportFastCards(r.Context(), rq.Actor(), filepath.Base(hdr.Filename), file)
	if err != nil && len(rep.Problems) == 0 {
		return err
	}
	if err != nil {
		return h.renderFastImport(w, r, rq, &rep, formErrorsOf(err, rq.L, "file"), http.StatusUnprocessableEntity)
	}
	v := h.newView(r, rq, "fast.import.title")
	v.Nav, v.Flash, v.Data = "fast", rq.L.T("flash.fast_imported"), fastImportData{Report: &rep}
	return h.render(w, http.StatusOK, "fast-import", v)
}
