package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/store"
	"trustlane/internal/upload"
)

// maxUploadBody bounds an evidence upload: one file of upload.MaxSize plus
// room for the multipart framing and the question field.
const maxUploadBody = upload.MaxSize + 64<<10

var errUploadTooLarge = errs.E(errs.Invalid, "error.upload.too_large", "the file is larger than 10 MB")

// readUpload streams the multipart body: the question field first, then the
// file, read up to one byte past the limit so an oversized file is refused
// without reading the rest. The question ID is returned even on error, so
// the error shows beside the right question.
func readUpload(w http.ResponseWriter, r *http.Request) (question, filename string, data []byte, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", nil, errs.E(errs.Invalid, "error.bad_request", "not a file upload")
	}
	for {
		part, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return question, filename, data, nil
		case err != nil:
			return question, filename, nil, uploadReadError(err)
		}
		switch part.FormName() {
		case "question":
			b, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return question, filename, nil, uploadReadError(err)
			}
			question = string(b)
		case "file":
			filename = part.FileName()
			if data, err = io.ReadAll(io.LimitReader(part, upload.MaxSize+1)); err != nil {
				return question, filename, nil, uploadReadError(err)
			}
			if len(data) > upload.MaxSize {
				return question, filename, nil, errUploadTooLarge
			}
		}
	}
}

func uploadReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errUploadTooLarge
	}
	return errs.E(errs.Invalid, "error.bad_request", "the upload could not be read")
}

// profileEvidenceUpload attaches a file to a question of the section. A
// refused file (too large, of a type not accepted, disguised) shows the
// section again with the reason beside the question's upload field.
func (h *Handler) profileEvidenceUpload(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, sec, err := h.loadSection(r, rq)
	if err != nil {
		return err
	}
	if !head.Editable() {
		return errRoleForbids
	}
	qid, name, data, err := readUpload(w, r)
	if !sectionHas(sec, qid) {
		return errPageNotFound
	}
	if err == nil {
		_, err = h.off.UploadEvidence(r.Context(), rq.Actor(), head.Org.ID, sec.Part, qid, name, data)
	}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		status := errs.Status(errs.CodeOf(err))
		if e, _ := errs.As(err); e != nil && e.Key == errUploadTooLarge.Key {
			status = http.StatusRequestEntityTooLarge
		}
		return h.renderSection(w, r, rq, head, sec, status, savedForm(head, sec), uploadErrors(err, rq, qid))
	}
	h.setFlash(w, "flash.profile_evidence_added")
	return redirect(head.sectionURL(sec.Part, sec.Area.ID) + "#q-" + qid)
}

// uploadErrors ties an upload's errors to the question's file field.
func uploadErrors(err error, rq *request, qid string) *formErrors {
	field := "file-" + qid
	fe := formErrorsOf(err, rq.L, field)
	if fe == nil {
		return nil
	}
	fe.byField = map[string]string{}
	for i := range fe.Summary {
		fe.Summary[i].Field = field
		if _, dup := fe.byField[field]; !dup {
			fe.byField[field] = fe.Summary[i].Message
		}
	}
	return fe
}

func sectionHas(sec catalog.Section, qid string) bool {
	for _, q := range sec.Questions {
		if q.ID == qid {
			return true
		}
	}
	return false
}

// profileEvidenceDownload sends a file back exactly as uploaded (the office
// checks it against its hash), always as an attachment, never rendered in
// the portal's origin.
func (h *Handler) profileEvidenceDownload(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil { // staff read evidence too; the office decides
		return err
	}
	f, data, err := h.off.EvidenceContent(r.Context(), rq.Actor(), r.PathValue("org"), r.PathValue("id"))
	if err != nil {
		return err
	}
	return sendFile(w, f.ContentType, f.Filename, data)
}

// sendFile sends a stored file as a download, never rendered in the
// portal's origin and never cached.
func sendFile(w http.ResponseWriter, ctype, name string, data []byte) error {
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", "attachment; filename*=UTF-8''"+encodeFilename(name))
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "private, no-store")
	_, err := w.Write(data)
	return err
}

// requireCompanyUser lets in a signed-in company user; staff go to their
// own pages.
func requireCompanyUser(rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if rq.Session.User.Staff.IsStaff() {
		return redirect("/office")
	}
	return nil
}

// evidenceData is the check before removing a file.
type evidenceData struct {
	profileHead
	File       fileView
	Question   string
	QuestionID string
	Back       string
}

// loadEvidence finds one file of the profile; another company's file is
// not found.
func (h *Handler) loadEvidence(r *http.Request, rq *request) (evidenceData, store.EvidenceFile, error) {
	head, err := h.loadProfile(r, rq)
	if err != nil {
		return evidenceData{}, store.EvidenceFile{}, err
	}
	id := r.PathValue("id")
	for _, files := range head.P.Evidence {
		for _, f := range files {
			if f.ID != id {
				continue
			}
			d := evidenceData{profileHead: head, File: fileRow(rq, f), QuestionID: f.Key.Question,
				Back: head.questionURL(f.Key.Part, f.Key.Question)}
			if q, ok := head.P.Version.Question(f.Key.Question); ok {
				d.Question = q.Text.In(rq.L.Lang())
			}
			return d, f, nil
		}
	}
	return evidenceData{}, store.EvidenceFile{}, errPageNotFound
}

func (h *Handler) profileEvidenceRemoveForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, _, err := h.loadEvidence(r, rq)
	if err != nil {
		return err
	}
	if !d.Editable() {
		return errRoleForbids
	}
	v := h.companyView(r, rq, "")
	v.Title = rq.L.T("profile.evidence.remove_title", map[string]any{"Name": d.File.Name})
	v.Data = d
	return h.render(w, http.StatusOK, "profile-evidence-remove", v)
}

func (h *Handler) profileEvidenceRemove(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, f, err := h.loadEvidence(r, rq)
	if err != nil {
		return err
	}
	if err := h.off.DeleteEvidence(r.Context(), rq.Actor(), d.Org.ID, f.ID); err != nil {
		return err
	}
	h.setFlash(w, "flash.profile_evidence_removed")
	return redirect(d.Back)
}

// encodeFilename percent-encodes a file name for filename* (RFC 8187):
// every byte outside attr-char is escaped, so no name can break the header.
func encodeFilename(name string) string {
	const attrChar = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(attrChar, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
