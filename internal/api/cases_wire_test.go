package api_test

import (
	"encoding/json"
	"time"
)

// Wire forms of casework answers, as a client reads them.
type (
	appWire struct {
		ID               string `json:"id"`
		OrgID            string `json:"org_id"`
		State            string `json:"state"`
		Sector           string `json:"sector"`
		Kind             string `json:"kind"`
		MembershipID     string `json:"membership_id"`
		MembershipNumber string `json:"membership_number"`
		Officer          *struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"officer"`
		Eligibility struct {
			Declared     []string `json:"declared"`
			Verified     []string `json:"verified"`
			Complete     bool     `json:"complete"`
			LastMovement string   `json:"last_movement"`
		} `json:"eligibility"`
		Snapshot *struct {
			ID     string `json:"id"`
			SHA256 string `json:"sha256"`
			Ready  bool   `json:"ready"`
		} `json:"snapshot"`
		InfoRequests []struct {
			Questions  string `json:"questions"`
			Answer     string `json:"answer"`
			SnapshotID string `json:"snapshot_id"`
		} `json:"info_requests"`
		Validations []struct {
			ID         string `json:"id"`
			State      string `json:"state"`
			Date       string `json:"date"`
			Result     string `json:"result"`
			Validators []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"validators"`
			Findings []struct {
				CriterionID string `json:"criterion_id"`
				Title       string `json:"title"`
				Level       string `json:"level"`
				Outcome     string `json:"outcome"`
			} `json:"findings"`
		} `json:"validations"`
		Decisions []decisionWire `json:"decisions"`
		Appeals   []appealWire   `json:"appeals"`
		Timeline  []eventWire    `json:"timeline"`
	}
	membershipWire struct {
		ID          string `json:"id"`
		Number      string `json:"number"`
		State       string `json:"state"`
		Sector      string `json:"sector"`
		AnnualDueAt string `json:"annual_due_at"`
		MOU         *struct {
			Version    string `json:"version"`
			TextSHA256 string `json:"text_sha256"`
			SignerName string `json:"signer_name"`
			Title      string `json:"title"`
		} `json:"mou"`
		ActionPlans []struct {
			ID      string `json:"id"`
			State   string `json:"state"`
			Actions []struct {
				ID          string `json:"id"`
				Description string `json:"description"`
				Response    string `json:"response"`
			} `json:"actions"`
		} `json:"action_plans"`
		Decisions []decisionWire `json:"decisions"`
		Appeals   []appealWire   `json:"appeals"`
		Timeline  []eventWire    `json:"timeline"`
	}
	decisionWire struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Reasons []struct {
			Code  string `json:"code"`
			Label string `json:"label"`
		} `json:"reasons"`
		Narrative      string    `json:"narrative"`
		AppealDeadline time.Time `json:"appeal_deadline"`
		LetterID       string    `json:"letter_id"`
	}
	appealWire struct {
		ID           string `json:"id"`
		DecisionID   string `json:"decision_id"`
		DecisionKind string `json:"decision_kind"`
		State        string `json:"state"`
		Outcome      string `json:"outcome"`
	}
	eventWire struct {
		Action string          `json:"action"`
		Label  string          `json:"label"`
		Actor  string          `json:"actor"`
		Data   json.RawMessage `json:"data"`
	}
)

// actions lists the actions of a timeline.
func actions(evs []eventWire) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Action
	}
	return out
}
