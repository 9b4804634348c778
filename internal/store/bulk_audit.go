package store

import "fmt"

// BulkAudit appends events to their chains in the order given, continuing
// each chain from its head: it sets every event's Seq, PrevHash and Hash
// with the same ComputeHash the live Audit uses, so `audit verify` checks a
// bulk-loaded history exactly like one written event by event. Chain, At,
// actor, subject, Action and Data (JSON, "{}" when empty) must be set.
func (tx *Tx) BulkAudit(events []AuditEvent) error {
	heads, err := tx.auditHeads()
	if err != nil {
		return fmt.Errorf("bulk audit: %w", err)
	}
	touched := map[string]bool{}
	rows := make([][]any, 0, len(events))
	for i := range events {
		e := &events[i]
		h := heads[e.Chain]
		e.Seq, e.PrevHash = h.seq+1, h.hash
		if e.Data == "" {
			e.Data = "{}"
		}
		e.At = e.At.UTC().Truncate(1000)
		e.Hash = e.ComputeHash()
		heads[e.Chain] = auditHead{seq: e.Seq, hash: e.Hash}
		touched[e.Chain] = true
		rows = append(rows, []any{e.Chain, e.Seq, e.At, e.ActorID, e.ActorLabel, e.OrgID, e.SubjectType, e.SubjectID,
			e.Action, e.Data, e.PrevHash, e.Hash})
	}
	cols := []string{"chain", "seq", "at", "actor_id", "actor_label", "org_id", "subject_type", "subject_id", "action", "data", "prev_hash", "hash"}
	if err := tx.insertRows("audit_events", cols, "", rows); err != nil {
		return fmt.Errorf("bulk audit: %w", err)
	}
	headRows := make([][]any, 0, len(touched))
	for c := range touched {
		headRows = append(headRows, []any{c, heads[c].seq, heads[c].hash})
	}
	return tx.insertRows("audit_heads", []string{"chain", "seq", "hash"},
		` ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, headRows)
}
