package office

import (
	"context"
	"slices"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// ProfileView is a company's Security Profile with its gap assessment:
// what the profile pages and the API show.
type ProfileView struct {
	Org        program.Organization
	Role       auth.Role
	Version    *catalog.Version
	Record     store.ProfileRecord // zero Revision until the first save
	Answers    map[catalog.Key]store.Answer
	Evidence   map[catalog.Key][]store.EvidenceFile
	Assessment catalog.Assessment
	AsOf       time.Time
}

// Sectors returns the sectors of the profile's parts.
func (p *ProfileView) Sectors() []string { return sectorStrings(p.Org.Sectors) }

// Input is the profile as the assessment reads it.
func (p *ProfileView) Input() catalog.Profile {
	in := catalog.Profile{Sectors: p.Sectors(), Answers: make(map[catalog.Key]catalog.Value, len(p.Answers)),
		Evidence: make(map[catalog.Key]int, len(p.Evidence))}
	for k, a := range p.Answers {
		in.Answers[k] = a.Value
	}
	for k, files := range p.Evidence {
		in.Evidence[k] = len(files)
	}
	return in
}

func sectorStrings(ss []program.Sector) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// Profile loads an organization's Security Profile and assesses it.
func (o *Office) Profile(ctx context.Context, a auth.Actor, orgID string) (*ProfileView, error) {
	var p *ProfileView
	err := o.view(ctx, func(tx *store.Tx) error {
		role, err := authorizeOrg(tx, a, orgID, auth.ProfileView)
		if err != nil {
			return err
		}
		p, err = o.loadProfile(tx, orgID)
		if p != nil {
			p.Role = role
		}
		return err
	})
	return p, err
}

func (o *Office) loadProfile(tx *store.Tx, orgID string) (*ProfileView, error) {
	org, err := tx.Org(orgID)
	if err != nil {
		return nil, err
	}
	p := &ProfileView{Org: org, Answers: map[catalog.Key]store.Answer{}, Evidence: map[catalog.Key][]store.EvidenceFile{}, AsOf: tx.Now()}
	rec, err := tx.Profile(orgID)
	switch {
	case errs.Is(err, errs.NotFound):
		rec = store.ProfileRecord{OrgID: orgID, CatalogVersion: o.catalogVersion}
	case err != nil:
		return nil, err
	}
	p.Record = rec
	if p.Version, err = o.catalog.Version(rec.CatalogVersion); err != nil {
		return nil, err
	}
	answers, err := tx.Answers(orgID)
	if err != nil {
		return nil, err
	}
	for _, an := range answers {
		p.Answers[an.Key] = an
	}
	files, err := tx.EvidenceList(orgID)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		p.Evidence[f.Key] = append(p.Evidence[f.Key], f)
	}
	p.Assessment = p.Version.Assess(p.Input(), p.AsOf)
	return p, nil
}

// SaveAnswers stores answers to questions of one part of the profile, as a
// draft: the company can save at any time, complete or not. Every answer is
// checked first; if any is wrong, nothing is saved and every error is
// returned, keyed by question ID. An empty value clears an answer.
func (o *Office) SaveAnswers(ctx context.Context, a auth.Actor, orgID, part string, answers map[string]string) (*ProfileView, error) {
	var p *ProfileView
	err := o.update(ctx, func(tx *store.Tx) error {
		var err error
		if p, err = o.editableProfile(tx, a, orgID); err != nil {
			return err
		}
		keys, err := storeAnswers(tx, a, p, map[string]map[string]string{part: answers})
		if err != nil || len(keys) == 0 {
			return err
		}
		changed := make([]string, len(keys))
		for i, k := range keys {
			changed[i] = k.Question
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "profile", SubjectID: orgID, Action: "profile.answers_saved",
			Data: map[string]any{"part": part, "questions": changed, "revision": p.Record.Revision}})
	})
	if err != nil {
		return nil, err
	}
	return o.Profile(ctx, a, orgID)
}

// storeAnswers checks answers to parts of a loaded profile and stores
// those that changed, bumping the revision once. Every part is checked
// before anything is written, so one wrong answer stores nothing. It returns
// the changed answers, by part then question ID, for the caller's audit
// event: saving a page and importing a workbook share these checks and
// writes and differ only in the event they record.
func storeAnswers(tx *store.Tx, a auth.Actor, p *ProfileView, byPart map[string]map[string]string) ([]catalog.Key, error) {
	values := map[string]map[string]catalog.Value{}
	for _, part := range sortedKeys(byPart) {
		v, err := checkAnswers(p, part, byPart[part])
		if err != nil {
			return nil, err
		}
		values[part] = v
	}
	var changed []catalog.Key
	for _, part := range sortedKeys(values) {
		for _, id := range sortedKeys(values[part]) {
			k, v := catalog.Key{Part: part, Question: id}, values[part][id]
			if old := p.Answers[k]; old.Value.String() == v.String() {
				continue
			}
			if err := tx.PutAnswer(p.Org.ID, k, v, a.UserID); err != nil {
				return nil, err
			}
			changed = append(changed, k)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	var err error
	if p.Record, err = tx.TouchProfile(p.Org.ID, p.Version.ID); err != nil {
		return nil, err
	}
	tx.Changed(store.Change{Kind: "profile", ID: p.Org.ID, OrgID: p.Org.ID})
	return changed, nil
}

// checkAnswers validates answers to a part: the part must be the
// company's, each question must belong to it, each value must fit its type.
func checkAnswers(p *ProfileView, part string, answers map[string]string) (map[string]catalog.Value, error) {
	if part != catalog.GenericPart && !slices.Contains(p.Sectors(), part) {
		return nil, errs.Fields(errs.F("part", "error.answer.unknown_part", "the company does not have this part"))
	}
	out := map[string]catalog.Value{}
	var fe []errs.FieldError
	for _, id := range sortedKeys(answers) {
		q, ok := p.Version.Question(id)
		if !ok || !questionIn(q, part) {
			fe = append(fe, errs.F(id, "error.answer.unknown_question", "unknown question "+id))
			continue
		}
		v, key := q.CheckValue(q.ParseValue(answers[id]))
		if key != "" {
			fe = append(fe, errs.F(id, key, "invalid answer to "+id))
			continue
		}
		out[id] = v
	}
	if len(fe) > 0 {
		return nil, errs.Fields(fe...)
	}
	return out, nil
}

// questionIn reports whether a question is asked in a part.
func questionIn(q *catalog.Question, part string) bool {
	cr := q.Criteria()[0]
	if part == catalog.GenericPart {
		return cr.Generic()
	}
	return slices.Contains(cr.Sectors, part)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
