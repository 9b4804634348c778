package web

import (
	"net/url"

	"trustlane/internal/catalog"
	"trustlane/internal/office"
)

// The snapshot of a case: the Security Profile as the company submitted it,
// frozen, with its gap assessment and its evidence files. Officers judge
// the application on this, whatever the company changes afterwards.

// ocGap is one criterion the snapshot does not meet.
type ocGap struct {
	CriterionID, Title, Kind, Part string
}

// ocFile is one frozen evidence file.
type ocFile struct {
	URL, Name, Size, SHA256 string
}

// ocAnswer is one question of the snapshot with its frozen answer.
type ocAnswer struct {
	ID, Text, Answer string
	Files            []ocFile
}

// ocSection is one section of the snapshot, shown in its own <details>.
type ocSection struct {
	Title    string
	Answered int
	Answers  []ocAnswer
}

// ocSnapshot is the snapshot ready to show.
type ocSnapshot struct {
	VersionID, Version string
	Percent            int
	Gaps, Advice       []ocGap
	Sections           []ocSection
	Files              int
}

// ocSnapshotOf lays out the snapshot of an application by section, in the
// order of the task list; nil when the application has none yet.
func ocSnapshotOf(rq *request, v *office.ApplicationView) *ocSnapshot {
	if v.Snapshot == nil || v.Version == nil {
		return nil
	}
	lang := rq.L.Lang()
	s := &ocSnapshot{VersionID: v.Version.ID, Version: v.Version.Title.In(lang), Percent: v.Body.Percent, Files: len(v.Body.Evidence)}
	if v.Assessment != nil {
		s.Percent = v.Assessment.Percent()
		s.Gaps, s.Advice = ocGaps(rq, v.Assessment.Gaps), ocGaps(rq, v.Assessment.Recommendations)
	}
	answers := map[catalog.Key]catalog.Value{}
	for _, a := range v.Body.Answers {
		answers[catalog.Key{Part: a.Part, Question: a.Question}] = a.Value
	}
	files := map[catalog.Key][]ocFile{}
	for _, e := range v.Body.Evidence {
		k := catalog.Key{Part: e.Part, Question: e.Question}
		files[k] = append(files[k], ocFile{Name: e.Filename, Size: fileSize(rq, e.Size), SHA256: e.SHA256,
			URL: "/office/applications/" + url.PathEscape(v.App.ID) + "/evidence/" + url.PathEscape(e.ID)})
	}
	for _, sec := range v.Version.Sections(v.Body.Sectors) {
		os := ocSection{Title: partTitle(rq, sec.Part) + " – " + sec.Area.Title.In(lang)}
		for _, q := range sec.Questions {
			k := catalog.Key{Part: sec.Part, Question: q.ID}
			val, answered := answers[k]
			if !answered && !q.Visible(sec.Part, answers) {
				continue
			}
			a := ocAnswer{ID: q.ID, Text: q.Text.In(lang), Files: files[k]}
			switch {
			case answered && !val.Empty():
				a.Answer = answerWords(rq, q, val)
				os.Answered++
			case q.Type == catalog.File && len(a.Files) > 0:
				os.Answered++ // a file question is answered by its files
			}
			os.Answers = append(os.Answers, a)
		}
		s.Sections = append(s.Sections, os)
	}
	return s
}

func ocGaps(rq *request, gs []catalog.Gap) []ocGap {
	out := make([]ocGap, 0, len(gs))
	for _, g := range gs {
		out = append(out, ocGap{CriterionID: g.Criterion.ID, Title: g.Criterion.Title.In(rq.L.Lang()), Kind: string(g.Kind),
			Part: partTitle(rq, g.Part)})
	}
	return out
}
