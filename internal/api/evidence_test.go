package api_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"strings"
	"testing"

	"trustlane/internal/upload"
)

// A file uploaded through the API is listed, downloaded byte for byte with
// its type and name, and deleted.
func TestEvidenceUploadDownloadDelete(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Evidence Freight", "owner@evidence.test")
	tok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	base := "/api/v1/organizations/" + c.Org.ID + "/profile"

	const name = "Procédure de sécurité.pdf"
	r := do(t, inst, multipartCall(base+"/evidence", tok, uploadParts("generic", pk.file, name, pdfFile)...))
	var up evidenceWire
	r.want(t, http.StatusCreated, &up)
	sum := sha256.Sum256([]byte(pdfFile))
	if up.ID == "" || up.Part != "generic" || up.QuestionID != pk.file.ID || up.Filename != name ||
		up.ContentType != "application/pdf" || up.Size != int64(len(pdfFile)) || up.SHA256 != hex.EncodeToString(sum[:]) ||
		up.UploadedBy != c.Owner.ID || up.UploadedAt.IsZero() {
		t.Errorf("uploaded %+v", up)
	}
	loc := r.Header.Get("Location")
	if loc != base+"/evidence/"+up.ID {
		t.Errorf("Location %q", loc)
	}
	var meta evidenceWire
	do(t, inst, call{method: "GET", path: loc, token: tok}).want(t, http.StatusOK, &meta)
	if meta != up {
		t.Errorf("metadata %+v, want %+v", meta, up)
	}
	// A second file, a picture, for the same answer.
	var pic evidenceWire
	do(t, inst, multipartCall(base+"/evidence", tok, uploadParts("generic", pk.file, "gate", pngFile)...)).
		want(t, http.StatusCreated, &pic)
	if pic.ContentType != "image/png" || pic.Filename != "gate.png" {
		t.Errorf("picture %+v", pic)
	}

	var all struct{ Items []evidenceWire }
	do(t, inst, call{method: "GET", path: base + "/evidence", token: tok}).want(t, http.StatusOK, &all)
	if len(all.Items) != 2 || all.Items[0] != up || all.Items[1].ID != pic.ID {
		t.Errorf("list %+v", all.Items)
	}
	do(t, inst, call{method: "GET", path: base + "/evidence?part=" + pk.sector, token: tok}).want(t, http.StatusOK, &all)
	if len(all.Items) != 0 {
		t.Errorf("list of the sector's part %+v", all.Items)
	}
	do(t, inst, call{method: "GET", path: base + "/evidence?question_id=" + pk.file.ID, token: tok}).want(t, http.StatusOK, &all)
	if len(all.Items) != 2 {
		t.Errorf("list of the question %+v", all.Items)
	}
	// The profile lists the metadata and never the content.
	var prof profileWire
	r = do(t, inst, call{method: "GET", path: base, token: tok})
	r.want(t, http.StatusOK, &prof)
	if len(prof.Evidence) != 2 || prof.Evidence[0] != up || prof.Revision != 2 || strings.Contains(string(r.body), "%PDF") {
		t.Errorf("profile evidence %+v (revision %d)", prof.Evidence, prof.Revision)
	}

	r = do(t, inst, call{method: "GET", path: loc + "/content", token: tok})
	r.want(t, http.StatusOK, nil)
	if string(r.body) != pdfFile {
		t.Errorf("downloaded %q", r.body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	disp, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || params["filename"] != name {
		t.Errorf("Content-Disposition %q: %v %v", r.Header.Get("Content-Disposition"), params, err)
	}
	if r.Header.Get("ETag") != `"`+up.SHA256+`"` || r.Header.Get("Repr-Digest") != "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":" ||
		r.ContentLength != int64(len(pdfFile)) || r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers %v", r.Header)
	}

	do(t, inst, call{method: "DELETE", path: loc, token: tok}).want(t, http.StatusNoContent, nil)
	for _, path := range []string{loc, loc + "/content"} {
		do(t, inst, call{method: "GET", path: path, token: tok}).problem(t, http.StatusNotFound)
	}
	do(t, inst, call{method: "DELETE", path: loc, token: tok}).problem(t, http.StatusNotFound)
	do(t, inst, call{method: "GET", path: base, token: tok}).want(t, http.StatusOK, &prof)
	if len(prof.Evidence) != 1 || prof.Evidence[0].ID != pic.ID || prof.Revision != 3 {
		t.Errorf("after delete: %+v (revision %d)", prof.Evidence, prof.Revision)
	}
}

// Bad uploads are problems that name the form field to correct, and store
// nothing.
func TestUploadEvidenceBadInput(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Sloppy Freight", "owner@sloppy.test")
	tok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	path := "/api/v1/organizations/" + c.Org.ID + "/profile/evidence"
	do(t, inst, multipartCall(path, tok, uploadParts("generic", pk.file, "first.pdf", pdfFile)...)).want(t, http.StatusCreated, nil)
	good := func(mod func([]formPart) []formPart) call {
		return multipartCall(path, tok, mod(uploadParts("generic", pk.file, "plan.pdf", pdfFile))...)
	}
	set := func(i int, p formPart) func([]formPart) []formPart {
		return func(ps []formPart) []formPart { ps[i] = p; return ps }
	}
	drop := func(i int) func([]formPart) []formPart {
		return func(ps []formPart) []formPart { return append(ps[:i], ps[i+1:]...) }
	}
	add := func(p formPart) func([]formPart) []formPart {
		return func(ps []formPart) []formPart { return append(ps, p) }
	}
	oversized := "%PDF-1.4\n" + strings.Repeat("x", upload.MaxSize)
	jsonCall := call{method: "POST", path: path, token: tok, body: `{"part":"generic"}`}
	truncated := good(func(ps []formPart) []formPart { return ps })
	truncated.body = truncated.body[:len(truncated.body)-20]
	cases := []struct {
		name      string
		c         call
		status    int
		loc, code string
	}{
		{"disguised file", good(set(2, formPart{name: "file", filename: "gate.pdf", data: pngFile})), 422, "body.file", "error.upload.disguised"},
		{"program", good(set(2, formPart{name: "file", filename: "tool.exe", data: "MZ\x90\x00\x03\x00\x00\x00\x04\x00"})), 422, "body.file", "error.upload.type"},
		{"empty file", good(set(2, formPart{name: "file", filename: "plan.pdf"})), 422, "body.file", "error.upload.empty"},
		{"missing file field", good(drop(2)), 422, "body.file", "error.required"},
		{"file as a plain field", good(set(2, formPart{name: "file", data: ""})), 422, "body.file", ""},
		{"missing part", good(drop(0)), 422, "body.part", "error.required"},
		{"unknown field", good(add(formPart{name: "colour", data: "blue"})), 422, "body.colour", "api.field.unknown"},
		{"repeated field", good(add(formPart{name: "part", data: "generic"})), 422, "body.part", "api.field.repeated"},
		{"overlong question ID", good(set(1, formPart{name: "question_id", data: strings.Repeat("Q", 65)})), 422, "body.question_id", "api.field.id_too_long"},
		{"unknown question", good(set(1, formPart{name: "question_id", data: "NOPE-1-Q1"})), 422, "body.question_id", "error.answer.unknown_question"},
		{"question without evidence", good(set(1, formPart{name: "question_id", data: pk.noFile.ID})), 422, "body.question_id", "error.upload.no_evidence"},
		{"unknown part", good(set(0, formPart{name: "part", data: "rail_carrier"})), 422, "body.part", "error.answer.unknown_part"},
		{"oversized file", good(set(2, formPart{name: "file", filename: "huge.pdf", data: oversized})), 413, "body.file", "error.upload.too_large"},
		{"JSON instead of a form", jsonCall, 415, "", ""},
		{"truncated form", truncated, 400, "", ""},
		{"empty body", call{method: "POST", path: path, token: tok, header: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}}, 400, "", ""},
	}
	before := profileState(t, inst, c)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, inst, tc.c)
			p := r.problem(t, tc.status)
			if tc.loc != "" && !p.hasField(tc.loc, tc.code) {
				t.Errorf("no error at %s (%s): %s", tc.loc, tc.code, r.body)
			}
			if p.Instance != path {
				t.Errorf("instance %q", p.Instance)
			}
			if after := profileState(t, inst, c); after != before {
				t.Errorf("profile changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	// A body beyond the operation's limit is refused before it is read to
	// the end, on the file as well.
	r := do(t, inst, good(set(2, formPart{name: "file", filename: "huge.pdf", data: oversized + strings.Repeat("x", 128<<10)})))
	if p := r.problem(t, http.StatusRequestEntityTooLarge); !p.hasField("body.file", "error.upload.too_large") {
		t.Errorf("no file error: %s", r.body)
	}
	// In French too.
	r = do(t, inst, call{method: jsonCall.method, path: path, token: tok, body: jsonCall.body, header: map[string]string{"Accept-Language": "fr"}})
	if p := r.problem(t, http.StatusUnsupportedMediaType); !strings.Contains(p.Detail, "Envoyez le fichier") {
		t.Errorf("not French: %s", r.body)
	}
}
