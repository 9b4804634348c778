package document

import (
	"cmp"
	"slices"
	"strconv"

	"trustlane/internal/catalog"
)

// questionPart renders a question as a part of its control, in
// trustlane's namespace: OSCAL has no notion of a questionnaire, and a
// namespaced part is how it lets a catalog carry one.
func questionPart(q *catalog.Question, lang string) oscalPart {
	p := oscalPart{ID: controlID(q.ID), Name: "question", NS: oscalNS, Title: q.ID, Prose: q.Text.In(lang)}
	p.Props = append(p.Props, prop("answer-type", string(q.Type))...)
	if q.Optional {
		p.Props = append(p.Props, prop("optional", "true")...)
	}
	p.Props = append(p.Props, prop("evidence", string(q.Evidence))...)
	for _, e := range q.Expect {
		p.Props = append(p.Props, prop("expect", e)...)
	}
	if q.MaxAgeDays > 0 {
		p.Props = append(p.Props, prop("max-age-days", strconv.Itoa(q.MaxAgeDays))...)
	}
	if q.Min != nil {
		p.Props = append(p.Props, prop("min", strconv.FormatFloat(*q.Min, 'f', -1, 64))...)
	}
	if q.Max != nil {
		p.Props = append(p.Props, prop("max", strconv.FormatFloat(*q.Max, 'f', -1, 64))...)
	}
	if q.ShowIf != nil {
		p.Props = append(p.Props, prop("show-if-question", q.ShowIf.Question)...)
		for _, in := range q.ShowIf.In {
			p.Props = append(p.Props, prop("show-if-answer", in)...)
		}
	}
	for _, id := range q.Also {
		p.Props = append(p.Props, prop("also-serves", id)...)
	}
	p.Parts = append(p.Parts, prosePart("", "guidance", "", q.Help.In(lang))...)
	for _, o := range q.Options {
		p.Parts = append(p.Parts, oscalPart{Name: "option", NS: oscalNS, Title: o.Label.In(lang), Props: prop("value", o.Value)})
	}
	return p
}

// targetIndex resolves crosswalk targets to back-matter resources and
// remembers which ones the catalog uses, so the back matter lists exactly
// those, in the frameworks' own order.
type targetIndex struct {
	frameworks []catalog.Framework
	used       map[[2]string]bool
}

func newTargetIndex(frameworks []catalog.Framework) *targetIndex {
	return &targetIndex{frameworks: frameworks, used: map[[2]string]bool{}}
}

// targetUUID is the same in every export: a target is one subject.
func targetUUID(framework, target string) string { return nameUUID("target", framework, target) }

func (t *targetIndex) use(framework, target string) string {
	t.used[[2]string{framework, target}] = true
	return targetUUID(framework, target)
}

// text describes a target for a link: "C-TPAT … — 6 Seal security".
func (t *targetIndex) text(framework, target, lang string) string {
	for _, fw := range t.frameworks {
		if fw.ID != framework {
			continue
		}
		for _, tg := range fw.Targets {
			if tg.ID == target {
				return fw.Name.In(lang) + " — " + tg.ID + " " + tg.Name.In(lang)
			}
		}
		return fw.Name.In(lang) + " — " + target
	}
	return framework + " " + target
}

// resources lists the used targets: known frameworks' targets first in
// their order, then any the frameworks do not define (lint reports those).
func (t *targetIndex) resources(lang string) []oscalResource {
	var out []oscalResource
	add := func(framework, target string) {
		out = append(out, oscalResource{UUID: targetUUID(framework, target), Title: t.text(framework, target, lang),
			Props: append(prop("framework", framework), prop("target", target)...)})
		delete(t.used, [2]string{framework, target})
	}
	for _, fw := range t.frameworks {
		for _, tg := range fw.Targets {
			if t.used[[2]string{fw.ID, tg.ID}] {
				add(fw.ID, tg.ID)
			}
		}
	}
	var rest [][2]string
	for k := range t.used {
		rest = append(rest, k)
	}
	slices.SortFunc(rest, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	for _, k := range rest {
		add(k[0], k[1])
	}
	return out
}
