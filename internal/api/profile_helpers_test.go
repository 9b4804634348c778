package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"slices"
	"strings"
	"testing"
	"time"

	"trustlane/internal/catalog"
	"trustlane/internal/server/servertest"
)

// picks are real questions of the catalog, found by walking the version a
// new profile is answered against for the test companies' sectors, so the
// tests follow the catalog's content as it changes.
type picks struct {
	v       *catalog.Version
	sector  string                                   // the test companies' sector (a part)
	byType  map[catalog.AnswerType]*catalog.Question // generic, unconditional
	file    *catalog.Question                        // generic; takes evidence
	noFile  *catalog.Question                        // generic; takes none
	inPart  *catalog.Question                        // a yes/no question of the sector's part only
	met     *catalog.Criterion                       // a generic must-criterion that answers and files meet
	answers map[string]string                        // compliant answers to the questions of met
	files   []*catalog.Question                      // the questions of met that want a file
	advice  *catalog.Criterion                       // a generic should-criterion that answers alone meet
	advised map[string]string                        // compliant answers to the questions of advice
}

func pickQuestions(t *testing.T, inst *servertest.Instance) picks {
	t.Helper()
	cat := inst.Office.Catalog()
	v, err := cat.Version(inst.Office.DefaultCatalogVersion())
	if err != nil {
		t.Fatal(err)
	}
	p := picks{v: v, sector: "highway_carrier", byType: map[catalog.AnswerType]*catalog.Question{}}
	served := map[string]bool{} // criteria some other criterion's question also serves
	for _, cr := range v.Criteria {
		for _, q := range cr.Questions {
			for _, id := range q.Also {
				served[id] = true
			}
		}
	}
	for _, s := range v.Sections([]string{p.sector}) {
		for _, cr := range s.Criteria {
			for i := range cr.Questions {
				q := &cr.Questions[i]
				takesFile := q.Evidence != catalog.EvidenceNone || q.Type == catalog.File
				switch {
				case s.Part == p.sector && p.inPart == nil && q.Type == catalog.YesNo && q.ShowIf == nil:
					p.inPart = q
				case s.Part != catalog.GenericPart:
				case takesFile && p.file == nil && q.ShowIf == nil:
					p.file = q
				case !takesFile && p.noFile == nil && q.Type == catalog.YesNo:
					p.noFile = q
				}
				if s.Part == catalog.GenericPart && q.ShowIf == nil && p.byType[q.Type] == nil {
					p.byType[q.Type] = q
				}
			}
			if s.Part != catalog.GenericPart || served[cr.ID] {
				continue
			}
			a, files := compliant(cr)
			switch {
			case p.met == nil && cr.Level == catalog.Must:
				p.met, p.answers, p.files = cr, a, files
			case p.advice == nil && cr.Level == catalog.Should && len(files) == 0:
				p.advice, p.advised = cr, a
			}
		}
	}
	for _, typ := range []catalog.AnswerType{catalog.YesNo, catalog.Single, catalog.Multi, catalog.Date, catalog.Number, catalog.Free} {
		if p.byType[typ] == nil {
			t.Fatalf("the catalog has no unconditional generic %s question", typ)
		}
	}
	if p.file == nil || p.noFile == nil || p.inPart == nil || p.met == nil || p.advice == nil {
		t.Fatalf("catalog lacks a question the tests need: %+v", p)
	}
	return p
}

// compliant returns the answers that meet cr, and the questions that need
// a file besides.
func compliant(cr *catalog.Criterion) (map[string]string, []*catalog.Question) {
	out := map[string]string{}
	var files []*catalog.Question
	for i := range cr.Questions {
		q := &cr.Questions[i]
		if q.Evidence == catalog.EvidenceRequired || q.Type == catalog.File {
			files = append(files, q)
		}
		want := slices.Clone(q.Expect)
		switch q.Type {
		case catalog.YesNo:
			if len(want) == 0 {
				want = []string{"yes"}
			}
			out[q.ID] = want[0]
		case catalog.Single:
			if len(want) == 0 {
				want = []string{q.Options[0].Value}
			}
			out[q.ID] = want[0]
		case catalog.Multi:
			if len(want) == 0 {
				want = []string{q.Options[0].Value}
			}
			out[q.ID] = strings.Join(want, "; ")
		case catalog.Date:
			out[q.ID] = time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
		case catalog.Number:
			n := 1.0
			if q.Min != nil {
				n = *q.Min
			} else if q.Max != nil && *q.Max < n {
				n = *q.Max
			}
			out[q.ID] = fmt.Sprint(n)
		case catalog.Free:
			out[q.ID] = "Described in our security manual, section 4."
		}
	}
	return out, files
}

// goodAnswer is a valid answer to q (not necessarily compliant).
func goodAnswer(q *catalog.Question) string {
	switch q.Type {
	case catalog.YesNo:
		return "no"
	case catalog.Single, catalog.Multi:
		return q.Options[len(q.Options)-1].Value
	case catalog.Date:
		return "2025-01-31"
	case catalog.Number:
		return "3"
	}
	return "Some words."
}

// formPart is one field of a multipart form; a file when filename is set.
type formPart struct {
	name, filename, data string
}

// multipartCall is an upload request of parts.
func multipartCall(path, token string, parts ...formPart) call {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		if p.filename != "" {
			fw, _ := w.CreateFormFile(p.name, p.filename)
			fw.Write([]byte(p.data))
		} else {
			_ = w.WriteField(p.name, p.data)
		}
	}
	w.Close()
	return call{method: "POST", path: path, token: token, body: buf.String(),
		header: map[string]string{"Content-Type": w.FormDataContentType()}}
}

// uploadParts are the fields of an upload of data as name to q.
func uploadParts(part string, q *catalog.Question, name, data string) []formPart {
	return []formPart{{name: "part", data: part}, {name: "question_id", data: q.ID}, {name: "file", filename: name, data: data}}
}

// Small files of accepted types, recognized by their content.
var (
	pdfFile = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
	pngFile = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)

// profileWire reads a profile body.
type profileWire struct {
	OrgID          string    `json:"org_id"`
	CatalogVersion string    `json:"catalog_version"`
	Revision       int64     `json:"revision"`
	UpdatedAt      time.Time `json:"updated_at"`
	Ready          bool      `json:"ready"`
	Completeness   int       `json:"completeness"`
	Required       int       `json:"required"`
	Done           int       `json:"done"`
	Parts          []struct {
		Part     string `json:"part"`
		Required int    `json:"required"`
		Done     int    `json:"done"`
		Percent  int    `json:"percent"`
		Sections []struct {
			Area, Title, Status     string
			Required, Done, Percent int
		} `json:"sections"`
	} `json:"parts"`
	Answers  []answerWire   `json:"answers"`
	Evidence []evidenceWire `json:"evidence"`
}

type answerWire struct {
	Part       string    `json:"part"`
	QuestionID string    `json:"question_id"`
	Value      string    `json:"value"`
	UpdatedAt  time.Time `json:"updated_at"`
	UpdatedBy  string    `json:"updated_by"`
}

type evidenceWire struct {
	ID          string    `json:"id"`
	Part        string    `json:"part"`
	QuestionID  string    `json:"question_id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedAt  time.Time `json:"uploaded_at"`
	UploadedBy  string    `json:"uploaded_by"`
}

type gapsWire struct {
	Ready           bool `json:"ready"`
	Completeness    int  `json:"completeness"`
	Gaps            []gapWire
	Recommendations []gapWire
}

type gapWire struct {
	Part        string   `json:"part"`
	Area        string   `json:"area"`
	CriterionID string   `json:"criterion_id"`
	Title       string   `json:"title"`
	Level       string   `json:"level"`
	Kind        string   `json:"kind"`
	QuestionIDs []string `json:"question_ids"`
}

// answerBody is a saveProfileAnswers body.
func answerBody(answers map[string]any) string {
	b, _ := json.Marshal(map[string]any{"answers": answers})
	return string(b)
}

// profileState is what a refused request must leave as it was: the
// revision, the answers and the files, as the owner sees them.
func profileState(t *testing.T, inst *servertest.Instance, c servertest.Company) string {
	t.Helper()
	p, err := inst.Office.Profile(ctx, c.Owner.Actor(), c.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ans, files []string
	for k, a := range p.Answers {
		ans = append(ans, k.String()+"="+a.Value.String())
	}
	for k, fs := range p.Evidence {
		for _, f := range fs {
			files = append(files, k.String()+"="+f.ID)
		}
	}
	slices.Sort(ans)
	slices.Sort(files)
	b, _ := json.Marshal([]any{p.Record.Revision, ans, files})
	return string(b)
}
