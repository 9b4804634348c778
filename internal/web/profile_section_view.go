package web

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"trustlane/internal/catalog"
	"trustlane/internal/store"
)

// sectionData is one section's page: its criteria with their questions,
// the answers to show, the evidence, and where the section stands.
type sectionData struct {
	profileHead
	Part, PartTitle   string
	Area              string
	AreaTitle, Intro  string
	Status, Tag       string
	Done, Required    int
	Criteria          []criterionView
	URL, EvidenceURL  string
	FormID            string
	AcceptedFileTypes string
}

// criterionView is one criterion in the reader's language.
type criterionView struct {
	ID, Title, Requirement, Guidance, Evidence string
	Must                                       bool
	Questions                                  []questionView
}

// questionView is one question as a form field (or, for read-only
// members, an answer in a summary list).
type questionView struct {
	ID, Type, Text, Help string
	Optional             bool
	Options              []choiceView
	// Hidden is set when the question's condition does not hold for the
	// answers shown; ShowIf and ShowValues let profile.js reveal it live.
	Hidden                bool
	ShowIf, ShowValues    string
	TakesEvidence         bool
	EvidenceRequired      bool
	Files                 []fileView
	Answer                string // the answer in words, for the summary list
	FileField             string // the upload field's name in errors
	Multi, Radio, IsFile  bool
	IsText, IsDate, IsNum bool
}

// choiceView is one radio button or checkbox.
type choiceView struct{ Value, Label string }

// fileView is one evidence file as listed under its question.
type fileView struct {
	ID, Name, Size string
	UploadedAt     time.Time
}

// buildSection lays out a section for the reader. Visibility follows the
// answers shown on the page (the saved ones, or what was just typed), so a
// refused save shows the questions the typed answers open.
func buildSection(rq *request, head profileHead, sec catalog.Section, form url.Values) sectionData {
	lang := rq.L.Lang()
	d := sectionData{profileHead: head, Part: sec.Part, PartTitle: partTitle(rq, sec.Part), Area: sec.Area.ID,
		AreaTitle: sec.Area.Title.In(lang), Intro: sec.Area.Intro.In(lang), FormID: sectionFormID,
		URL: head.sectionURL(sec.Part, sec.Area.ID), AcceptedFileTypes: acceptedFileTypes}
	d.EvidenceURL = d.URL + "/evidence"
	for _, s := range head.P.Assessment.Sections {
		if s.Part == sec.Part && s.Area == sec.Area.ID {
			d.Status, d.Done, d.Required = s.Status(), s.Done, s.Required
		}
	}
	d.Tag = statusTag(d.Status)
	shown := head.P.Input().Answers
	for _, q := range sec.Questions {
		if vals, ok := form[q.ID]; ok {
			shown[catalog.Key{Part: sec.Part, Question: q.ID}] = q.ParseValue(strings.Join(vals, ";"))
		}
	}
	for _, cr := range sec.Criteria {
		cv := criterionView{ID: cr.ID, Title: cr.Title.In(lang), Requirement: cr.Requirement.In(lang),
			Guidance: cr.Guidance.In(lang), Evidence: cr.EvidenceExp.In(lang), Must: cr.Level == catalog.Must}
		for i := range cr.Questions {
			cv.Questions = append(cv.Questions, buildQuestion(rq, head, sec.Part, &cr.Questions[i], shown))
		}
		d.Criteria = append(d.Criteria, cv)
	}
	return d
}

func buildQuestion(rq *request, head profileHead, part string, q *catalog.Question, shown map[catalog.Key]catalog.Value) questionView {
	lang := rq.L.Lang()
	k := catalog.Key{Part: part, Question: q.ID}
	qv := questionView{ID: q.ID, Type: string(q.Type), Text: q.Text.In(lang), Help: q.Help.In(lang), Optional: q.Optional,
		Hidden: !q.Visible(part, shown), FileField: "file-" + q.ID,
		TakesEvidence:    q.Evidence != catalog.EvidenceNone || q.Type == catalog.File,
		EvidenceRequired: q.Evidence == catalog.EvidenceRequired || q.Type == catalog.File,
		Multi:            q.Type == catalog.Multi, Radio: q.Type == catalog.YesNo || q.Type == catalog.Single,
		IsFile: q.Type == catalog.File, IsText: q.Type == catalog.Free, IsDate: q.Type == catalog.Date, IsNum: q.Type == catalog.Number}
	if q.ShowIf != nil {
		qv.ShowIf, qv.ShowValues = q.ShowIf.Question, strings.Join(q.ShowIf.In, " ")
	}
	if q.Type == catalog.YesNo {
		qv.Options = []choiceView{{"yes", rq.L.T("common.yes")}, {"no", rq.L.T("common.no")}}
	}
	for _, o := range q.Options {
		qv.Options = append(qv.Options, choiceView{o.Value, o.Label.In(lang)})
	}
	qv.Answer = answerWords(rq, q, head.P.Answers[k].Value)
	for _, f := range head.P.Evidence[k] {
		qv.Files = append(qv.Files, fileRow(rq, f))
	}
	return qv
}

// answerWords renders a saved answer for reading: option labels, a date in
// the reader's language, or the text as typed.
func answerWords(rq *request, q *catalog.Question, v catalog.Value) string {
	switch {
	case v.Empty():
		return ""
	case q.Type == catalog.YesNo:
		return rq.L.T("common." + v.Text)
	case q.Type == catalog.Multi:
		labels := make([]string, len(v.List))
		for i, x := range v.List {
			labels[i] = q.Label(x, rq.L.Lang())
		}
		return strings.Join(labels, "; ")
	case q.Type == catalog.Date:
		if t, err := time.Parse(time.DateOnly, v.Text); err == nil {
			return rq.L.Date(t)
		}
	}
	return q.Label(v.Text, rq.L.Lang())
}

func fileRow(rq *request, f store.EvidenceFile) fileView {
	return fileView{ID: f.ID, Name: f.Filename, Size: fileSize(rq, f.Size), UploadedAt: f.UploadedAt}
}

// fileSize writes a size the way the reader's language does ("1.2 MB",
// "1,2 Mo").
func fileSize(rq *request, n int64) string {
	var key, num string
	switch {
	case n < 1000:
		return rq.L.N("profile.size.bytes", int(n))
	case n < 1000*1000:
		key, num = "profile.size.kb", fmt.Sprintf("%.0f", float64(n)/1000)
	default:
		key, num = "profile.size.mb", fmt.Sprintf("%.1f", float64(n)/1e6)
	}
	if rq.L.Lang() == "fr" {
		num = strings.ReplaceAll(num, ".", ",")
	}
	return rq.L.T(key, map[string]any{"N": num})
}

// acceptedFileTypes hints the browser's file picker; the server judges
// the content whatever the picker allowed.
const acceptedFileTypes = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.txt,.csv,.docx,.xlsx,.odt,.ods"
