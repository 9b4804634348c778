package office_test

import (
	"bytes"
	"log/slog"
	"os"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/secret"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// profileEnv is an office over the small test catalog, so the cases name
// questions that do not move when the real catalog's content changes.
func profileEnv(t *testing.T, eng storetest.Engine) (*env, program.Organization, auth.Actor) {
	t.Helper()
	e := newEnv(t, eng)
	cat, err := catalog.LoadFS(os.DirFS("../catalog/testdata/mini"))
	if err != nil {
		t.Fatal(err)
	}
	box, _ := secret.NewBox(make([]byte, 32))
	evBox, _ := secret.NewBox(secret.Derive(make([]byte, 32), "evidence"))
	e.off, err = office.New(office.Config{DB: e.db, Box: box, EvidenceBox: evBox, Catalog: cat, CatalogVersion: "v1",
		Argon: auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	in := signUpInput()
	in.Org.Sectors = []string{"highway_carrier"}
	in.Org.Identifiers["cbsa_carrier"] = "HW01"
	org, u, err := e.off.SignUp(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return e, org, u.Actor()
}

func fieldKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	ee, ok := errs.As(err)
	if !ok || ee.Code != errs.Invalid {
		t.Fatalf("err = %v, want field errors", err)
	}
	out := map[string]string{}
	for _, f := range ee.Fields {
		out[f.Field] = f.Key
	}
	return out
}

func TestSaveAnswersValidatesEverythingFirst(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			e, org, owner := profileEnv(t, eng)
			p, err := e.off.Profile(ctx, owner, org.ID)
			if err != nil || p.Record.Revision != 0 || len(p.Assessment.Gaps) != 4 {
				t.Fatalf("empty profile: rev %v, %d gaps, %v", p.Record.Revision, len(p.Assessment.Gaps), err)
			}
			before := e.auditCount(t)
			_, err = e.off.SaveAnswers(ctx, owner, org.ID, "generic", map[string]string{
				"A-01-Q1": "yes", "A-02-Q1": "31/12/2026", "A-03-Q1": "x", "NOPE-1": "yes", "A-02-Q2": "lots"})
			want := map[string]string{"A-02-Q1": "error.answer.date", "A-03-Q1": "error.answer.unknown_question",
				"NOPE-1": "error.answer.unknown_question", "A-02-Q2": "error.answer.number"}
			if got := fieldKeys(t, err); len(got) != len(want) {
				t.Fatalf("field errors = %v, want %v", got, want)
			} else {
				for k, v := range want {
					if got[k] != v {
						t.Errorf("%s: %q, want %q", k, got[k], v)
					}
				}
			}
			if _, err := e.off.SaveAnswers(ctx, owner, org.ID, "rail_carrier", map[string]string{"A-03-Q1": "x"}); fieldKeys(t, err)["part"] != "error.answer.unknown_part" {
				t.Errorf("a part the company lacks was accepted: %v", err)
			}
			p, _ = e.off.Profile(ctx, owner, org.ID)
			if p.Record.Revision != 0 || len(p.Answers) != 0 || e.auditCount(t) != before {
				t.Fatalf("a refused save changed something: rev %d, %d answers", p.Record.Revision, len(p.Answers))
			}
			p, err = e.off.SaveAnswers(ctx, owner, org.ID, "highway_carrier", map[string]string{"A-03-Q1": "y;x", "B-02-Q1": "yes"})
			if err != nil {
				t.Fatal(err)
			}
			k := catalog.Key{Part: "highway_carrier", Question: "A-03-Q1"}
			if p.Record.Revision != 1 || p.Answers[k].Value.String() != "x; y" || p.Answers[k].UpdatedBy != owner.UserID {
				t.Errorf("saved: rev %d, %+v", p.Record.Revision, p.Answers[k])
			}
			evs := e.events(t, org.ID)
			if last := evs[len(evs)-1]; last.Action != "profile.answers_saved" {
				t.Errorf("last event %s", last.Action)
			}
			// Saving the same answers again is not a change.
			p, _ = e.off.SaveAnswers(ctx, owner, org.ID, "highway_carrier", map[string]string{"A-03-Q1": "x;y"})
			if p.Record.Revision != 1 {
				t.Errorf("an unchanged save bumped the revision to %d", p.Record.Revision)
			}
			p, _ = e.off.SaveAnswers(ctx, owner, org.ID, "highway_carrier", map[string]string{"B-02-Q1": ""})
			if _, ok := p.Answers[catalog.Key{Part: "highway_carrier", Question: "B-02-Q1"}]; ok || p.Record.Revision != 2 {
				t.Errorf("clearing an answer: rev %d", p.Record.Revision)
			}
		})
	}
}

func TestProfilePermissions(t *testing.T) {
	e, org, _ := profileEnv(t, storetest.Engines()[0])
	reader := e.addMember(t, org.ID, auth.ReadOnly).Actor()
	if _, err := e.off.Profile(ctx, reader, org.ID); err != nil {
		t.Errorf("read-only cannot view: %v", err)
	}
	if _, err := e.off.SaveAnswers(ctx, reader, org.ID, "generic", map[string]string{"A-01-Q1": "yes"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("read-only saved: %v", err)
	}
	outsider := e.addUser(t, "").Actor()
	if _, err := e.off.Profile(ctx, outsider, org.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("outsider: %v", err)
	}
	officer := e.staff(t, auth.Officer)
	if _, err := e.off.Profile(ctx, officer, org.ID); err != nil {
		t.Errorf("officer cannot view: %v", err)
	}
	if _, err := e.off.UploadEvidence(ctx, officer, org.ID, "generic", "A-01-Q1", "a.pdf", []byte("%PDF-1.4")); !errs.Is(err, errs.Forbidden) {
		t.Errorf("officer uploaded: %v", err)
	}
}

func TestEvidenceIsSealedHashedAndBounded(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			e, org, owner := profileEnv(t, eng)
			doc := []byte("%PDF-1.7\nseal procedure, version 3")
			f, err := e.off.UploadEvidence(ctx, owner, org.ID, "generic", "A-01-Q1", "procedure.pdf", doc)
			if err != nil {
				t.Fatal(err)
			}
			if f.ContentType != "application/pdf" || f.Size != int64(len(doc)) || len(f.SHA256) != 64 {
				t.Errorf("file = %+v", f)
			}
			var sealed []byte
			e.update(t, func(tx *store.Tx) (err error) { _, sealed, err = tx.Evidence(org.ID, f.ID); return })
			if bytes.Contains(sealed, []byte("seal procedure")) {
				t.Error("the stored file is not encrypted")
			}
			got, data, err := e.off.EvidenceContent(ctx, owner, org.ID, f.ID)
			if err != nil || !bytes.Equal(data, doc) || got.Filename != "procedure.pdf" {
				t.Fatalf("read back: %v", err)
			}
			p, _ := e.off.Profile(ctx, owner, org.ID)
			if n := len(p.Evidence[catalog.Key{Part: "generic", Question: "A-01-Q1"}]); n != 1 {
				t.Errorf("%d files on the answer", n)
			}
			cases := []struct {
				q, name string
				data    []byte
				key     string
			}{
				{"A-01-Q1", "procedure.pdf", []byte("MZ\x90\x00 not a pdf"), "error.upload.type"},
				{"A-01-Q1", "photo.pdf", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "error.upload.disguised"},
				{"A-02-Q1", "a.pdf", doc, "error.upload.no_evidence"},
				{"A-03-Q2", "a.pdf", doc, "error.answer.unknown_question"}, // a carrier question, not in the generic part
			}
			for _, c := range cases {
				_, err := e.off.UploadEvidence(ctx, owner, org.ID, "generic", c.q, c.name, c.data)
				fe := fieldKeys(t, err)
				if got := fe["file"] + fe["question_id"]; got != c.key {
					t.Errorf("%s %s: %q, want %q", c.q, c.name, got, c.key)
				}
			}
			for i := 1; i < office.MaxFilesPerAnswer; i++ {
				if _, err := e.off.UploadEvidence(ctx, owner, org.ID, "generic", "A-01-Q1", "p.pdf", doc); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := e.off.UploadEvidence(ctx, owner, org.ID, "generic", "A-01-Q1", "p.pdf", doc); fieldKeys(t, err)["file"] != "error.upload.too_many" {
				t.Errorf("an 11th file: %v", err)
			}
			// Content that does not open under its own row (copied from
			// another row, or altered) is refused, not served.
			g := f
			g.ID = ""
			e.update(t, func(tx *store.Tx) error { return tx.InsertEvidence(&g, sealed) })
			if _, _, err := e.off.EvidenceContent(ctx, owner, org.ID, g.ID); err == nil {
				t.Error("content sealed for another file was served")
			}
			if err := e.off.DeleteEvidence(ctx, owner, org.ID, f.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.off.EvidenceContent(ctx, owner, org.ID, f.ID); !errs.Is(err, errs.NotFound) {
				t.Errorf("deleted file: %v", err)
			}
		})
	}
}
