package demo

import (
	"context"
	"strconv"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/office"
)

// answerSections answers the first n sections of a company's profile the way
// a compliant company would (evidence aside), so the demonstration shows
// profiles in progress. It leaves a profile that was already saved alone.
func answerSections(ctx context.Context, off *office.Office, a auth.Actor, orgID string, n int) error {
	p, err := off.Profile(ctx, a, orgID)
	if err != nil || p.Record.Revision > 0 {
		return err
	}
	for i, s := range p.Version.Sections(p.Sectors()) {
		if i >= n {
			break
		}
		if _, err := off.SaveAnswers(ctx, a, orgID, s.Part, compliantAnswers(s, p.AsOf)); err != nil {
			return err
		}
	}
	return nil
}

// compliantAnswers answers every question of a section compliantly.
func compliantAnswers(s catalog.Section, now time.Time) map[string]string {
	answers := map[string]string{}
	for _, q := range s.Questions {
		if v := compliant(q, now); v != "" {
			answers[q.ID] = v
		}
	}
	return answers
}

// compliant returns an answer that meets a question's expectation.
func compliant(q *catalog.Question, now time.Time) string {
	switch q.Type {
	case catalog.YesNo, catalog.Single:
		if len(q.Expect) > 0 {
			return q.Expect[0]
		}
		if q.Type == catalog.YesNo {
			return "yes"
		}
		return q.Options[0].Value
	case catalog.Multi:
		if len(q.Expect) > 0 {
			return strings.Join(q.Expect, ";")
		}
		return q.Options[0].Value
	case catalog.Date:
		return now.AddDate(0, -2, 0).Format(time.DateOnly)
	case catalog.Number:
		if q.Min != nil {
			return strconv.FormatFloat(*q.Min, 'f', -1, 64)
		}
		return "1"
	case catalog.Free:
		return "See our written procedure, section 4."
	}
	return ""
}
