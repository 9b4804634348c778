package web_test

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"testing"

	"trustlane/internal/catalog"
	"trustlane/internal/server/servertest"
	"trustlane/internal/upload"
)

// evidenceQuestion returns a section and an unconditional question of it
// that takes evidence, so its upload form is always on the page.
func evidenceQuestion(t *testing.T, v *catalog.Version) (catalog.Section, *catalog.Question) {
	t.Helper()
	var found *catalog.Question
	sec := findSection(t, v, []string{"highway_carrier"}, func(s catalog.Section) bool {
		for _, q := range s.Questions {
			if q.ShowIf == nil && q.Evidence == catalog.EvidenceRequired {
				found = q
				return true
			}
		}
		return false
	})
	return sec, found
}

func pngFile(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 3, 3))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestProfileEvidenceUploadDownloadRemove uploads a document to a question,
// downloads exactly its bytes with safe headers, refuses a disguised file
// and an oversized one on the section page, and removes the document after
// a confirmation.
func TestProfileEvidenceUploadDownloadRemove(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Fir Lane Transport Inc.", "fay@fir.test")
	b := signedIn(t, inst, "fay@fir.test")
	sec, q := evidenceQuestion(t, version(t, inst))
	page, upURL := sectionPath(co, sec), sectionPath(co, sec)+"/evidence"
	doc := []byte("%PDF-1.7\n% Seal procedure, version 4\n1 0 obj <<>> endobj\n")

	resp, body := postFile(t, inst, b, upURL, q.ID, "Procédure des scellés (v4).pdf", doc)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"#q-"+q.ID {
		t.Fatalf("upload: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	files := profileOf(t, inst, co).Evidence[catalog.Key{Part: sec.Part, Question: q.ID}]
	if len(files) != 1 {
		t.Fatalf("after upload the answer has %d files", len(files))
	}
	f := files[0]
	dl := "/app/orgs/" + co.Org.ID + "/profile/evidence/" + f.ID
	_, body = b.Get(page)
	contains(t, "section with a file", body, "The file is uploaded.", `href="`+dl+`">Procédure des scellés (v4).pdf</a>`,
		`href="`+dl+`/remove"`, "57 bytes, uploaded")

	resp, body = b.Get(dl)
	wantStatus(t, "download", resp, 200)
	for h, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Disposition":    "attachment; filename*=UTF-8''Proc%C3%A9dure%20des%20scell%C3%A9s%20%28v4%29.pdf",
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "private, no-store",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("download %s = %q, want %q", h, got, want)
		}
	}
	if body != string(doc) {
		t.Errorf("download gives %d bytes, not the %d uploaded", len(body), len(doc))
	}

	// A picture named like a PDF, and a file over the limit: refused beside
	// the question, in the reader's language, nothing stored.
	resp, body = postFile(t, inst, b, upURL, q.ID, "report.pdf", pngFile(t))
	wantStatus(t, "disguised file", resp, http.StatusUnprocessableEntity)
	contains(t, "disguised file", body, "<title>Error:", `href="#f-file-`+q.ID+`">The file&#39;s content does not match its name`,
		`id="f-file-`+q.ID+`-error"`)
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), upload.MaxSize+(2<<20))...)
	resp, body = postFile(t, inst, b, upURL, q.ID, "scan.pdf", big)
	wantStatus(t, "oversized file", resp, http.StatusRequestEntityTooLarge)
	contains(t, "oversized file", body, `href="#f-file-`+q.ID+`">The file is larger than 10 MB.`)
	b.Get("/lang/fr?back=/")
	_, body = postFile(t, inst, b, upURL, q.ID, "report.pdf", pngFile(t))
	contains(t, "disguised file in French", body, "ne correspond pas à son nom")
	b.Get("/lang/en?back=/")
	if n := len(profileOf(t, inst, co).Evidence[catalog.Key{Part: sec.Part, Question: q.ID}]); n != 1 {
		t.Errorf("refused uploads left %d files", n)
	}

	// Remove: a confirmation page, then the file is gone.
	resp, body = b.Get(dl + "/remove")
	wantStatus(t, "remove check", resp, 200)
	contains(t, "remove check", body, "<h1>Remove Procédure des scellés (v4).pdf?</h1>", q.ID, `action="`+dl+`/remove"`)
	resp, _ = b.Post(dl+"/remove", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"#q-"+q.ID {
		t.Fatalf("remove: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.Get(page)
	contains(t, "section after removal", body, "The file is removed.")
	lacks(t, "section after removal", body, "Procédure des scellés")
	resp, _ = b.Get(dl)
	wantStatus(t, "download of a removed file", resp, http.StatusNotFound)
}

// TestProfileReadOnlyMember sees the answers and files as a summary, with
// no form, and cannot save, upload or remove.
func TestProfileReadOnlyMember(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Ginkgo Freight Ltd.", "gil@ginkgo.test")
	join(t, inst, co, "Greta Reader", "greta@ginkgo.test", "read_only")
	owner := signedIn(t, inst, "gil@ginkgo.test")
	sec, q := evidenceQuestion(t, version(t, inst))
	page := sectionPath(co, sec)
	owner.Post(page, compliantForm(sec))
	postFile(t, inst, owner, page+"/evidence", q.ID, "policy.txt", []byte("Seal policy\n"))
	f := profileOf(t, inst, co).Evidence[catalog.Key{Part: sec.Part, Question: q.ID}][0]
	dl := "/app/orgs/" + co.Org.ID + "/profile/evidence/" + f.ID

	reader := signedIn(t, inst, "greta@ginkgo.test")
	resp, body := reader.Get(page)
	wantStatus(t, "read-only section", resp, 200)
	contains(t, "read-only section", body, `class="summary-list"`, "Your role lets you read", `href="`+dl+`">policy.txt</a>`,
		`id="q-`+q.ID+`"`)
	lacks(t, "read-only section", body, `id="f-answers"`, `type="file"`, `type="radio"`, "Save and continue", dl+"/remove")
	for _, c := range []struct{ method, path string }{
		{"POST", page}, {"GET", dl + "/remove"}, {"POST", dl + "/remove"},
	} {
		var resp *http.Response
		if c.method == "GET" {
			resp, _ = reader.Get(c.path)
		} else {
			resp, _ = reader.Post(c.path, compliantForm(sec))
		}
		wantStatus(t, c.method+" "+c.path, resp, http.StatusForbidden)
	}
	resp, _ = postFile(t, inst, reader, page+"/evidence", q.ID, "mine.txt", []byte("hello\n"))
	wantStatus(t, "read-only upload", resp, http.StatusForbidden)
	resp, body = reader.Get(dl)
	if resp.StatusCode != 200 || body != "Seal policy\n" {
		t.Errorf("read-only download: %d %q", resp.StatusCode, body)
	}
	if n := len(profileOf(t, inst, co).Evidence[catalog.Key{Part: sec.Part, Question: q.ID}]); n != 1 {
		t.Errorf("the reader changed the evidence: %d files", n)
	}
}
