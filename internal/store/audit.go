package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"trustlane/internal/auth"
)

// ProgramChain is the chain of events that belong to no organization (staff
// accounts, program settings). Every organization has its own chain.
const ProgramChain = "program"

// Event is what a use case records about a state change.
type Event struct {
	OrgID       string // empty for program-wide events
	SubjectType string // "organization", "user", "membership", …
	SubjectID   string
	Action      string // "organization.created", "member.invited", …
	Data        any    // marshalled to JSON; keep it small and factual
}

// AuditEvent is a stored event with its place in its chain.
type AuditEvent struct {
	ID          int64
	Chain       string
	Seq         int64
	At          time.Time
	ActorID     string
	ActorLabel  string
	OrgID       string
	SubjectType string
	SubjectID   string
	Action      string
	Data        string
	PrevHash    string
	Hash        string
}

// hashTime is the fixed-width form of an event's time inside its hash.
const hashTime = "2006-01-02T15:04:05.000000Z"

// ComputeHash returns the hash that an event must carry: SHA-256 over a
// canonical JSON of every field except the row ID and the hash itself.
func (e AuditEvent) ComputeHash() string {
	canon := struct {
		Chain       string `json:"chain"`
		Seq         int64  `json:"seq"`
		At          string `json:"at"`
		ActorID     string `json:"actor_id"`
		ActorLabel  string `json:"actor"`
		OrgID       string `json:"org_id"`
		SubjectType string `json:"subject_type"`
		SubjectID   string `json:"subject_id"`
		Action      string `json:"action"`
		Data        string `json:"data"`
		PrevHash    string `json:"prev"`
	}{e.Chain, e.Seq, e.At.UTC().Format(hashTime), e.ActorID, e.ActorLabel, e.OrgID,
		e.SubjectType, e.SubjectID, e.Action, e.Data, e.PrevHash}
	b, _ := json.Marshal(canon) // a struct of strings always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Audit appends ev to its organization's chain in this transaction. The head
// row of the chain is bumped with an upsert, which on PostgreSQL locks it, so
// concurrent writers to one chain queue rather than fork it.
func (tx *Tx) Audit(actor auth.Actor, ev Event) error {
	data := "{}"
	if ev.Data != nil {
		b, err := json.Marshal(ev.Data)
		if err != nil {
			return fmt.Errorf("audit %s: %w", ev.Action, err)
		}
		data = string(b)
	}
	chain := ev.OrgID
	if chain == "" {
		chain = ProgramChain
	}
	e := AuditEvent{
		Chain: chain, At: tx.now, ActorID: actor.UserID, ActorLabel: actor.Label(),
		OrgID: ev.OrgID, SubjectType: ev.SubjectType, SubjectID: ev.SubjectID,
		Action: ev.Action, Data: data,
	}
	err := tx.queryRow(`INSERT INTO audit_heads (chain, seq, hash) VALUES (?, 1, '')
		ON CONFLICT (chain) DO UPDATE SET seq = audit_heads.seq + 1
		RETURNING seq, hash`, chain).Scan(&e.Seq, &e.PrevHash)
	if err != nil {
		return fmt.Errorf("audit %s: head: %w", ev.Action, tx.db.wrap(err))
	}
	e.Hash = e.ComputeHash()
	if _, err := tx.exec(`INSERT INTO audit_events
		(chain, seq, at, actor_id, actor_label, org_id, subject_type, subject_id, action, data, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Chain, e.Seq, e.At, e.ActorID, e.ActorLabel, e.OrgID, e.SubjectType, e.SubjectID,
		e.Action, e.Data, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit %s: insert: %w", ev.Action, err)
	}
	if _, err := tx.exec(`UPDATE audit_heads SET hash = ? WHERE chain = ?`, e.Hash, chain); err != nil {
		return fmt.Errorf("audit %s: head: %w", ev.Action, err)
	}
	return nil
}

const auditColumns = `id, chain, seq, at, actor_id, actor_label, org_id, subject_type, subject_id, action, data, prev_hash, hash`

func scanAudit(scan func(...any) error) (AuditEvent, error) {
	var e AuditEvent
	err := scan(&e.ID, &e.Chain, &e.Seq, &e.At, &e.ActorID, &e.ActorLabel, &e.OrgID,
		&e.SubjectType, &e.SubjectID, &e.Action, &e.Data, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// OrgEvents returns an organization's newest events first, before the event
// ID before (0 for the newest), at most limit of them.
func (tx *Tx) OrgEvents(orgID string, before int64, limit int) ([]AuditEvent, error) {
	q := `SELECT ` + auditColumns + ` FROM audit_events WHERE chain = ?`
	args := []any{orgID}
	if before > 0 {
		q += ` AND id < ?`
		args = append(args, before)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, fmt.Errorf("org events: %w", err)
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		e, err := scanAudit(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("org events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
