package store

import (
	"context"
	"fmt"
)

// Fault is the first event of a chain that does not match: its stored hash is
// not the hash of its content, it does not point at the event before it, a
// sequence number is missing, or the chain's head disagrees with its end.
type Fault struct {
	Chain  string
	Seq    int64
	ID     int64
	Reason string
}

func (f Fault) String() string {
	return fmt.Sprintf("chain %s: event %d (id %d): %s", f.Chain, f.Seq, f.ID, f.Reason)
}

// VerifyReport summarizes a walk of every chain.
type VerifyReport struct {
	Chains int
	Events int64
	Faults []Fault // at most one per chain: the first that breaks it
}

// VerifyAudit walks every chain in order and recomputes every hash. It
// streams the table, so it runs in constant memory on large stores.
func (db *DB) VerifyAudit(ctx context.Context) (VerifyReport, error) {
	var rep VerifyReport
	err := db.View(ctx, func(tx *Tx) error {
		heads, err := tx.auditHeads()
		if err != nil {
			return err
		}
		rows, err := tx.query(`SELECT ` + auditColumns + ` FROM audit_events ORDER BY chain, seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			chain    string
			prevHash string
			prevSeq  int64
			broken   bool
		)
		endChain := func() {
			if chain == "" {
				return
			}
			h, ok := heads[chain]
			if !broken && (!ok || h.seq != prevSeq || h.hash != prevHash) {
				rep.Faults = append(rep.Faults, Fault{Chain: chain, Seq: prevSeq + 1, Reason: "chain head does not match its last event (events removed from the end?)"})
			}
			delete(heads, chain)
		}
		for rows.Next() {
			e, err := scanAudit(rows.Scan)
			if err != nil {
				return err
			}
			rep.Events++
			if e.Chain != chain {
				endChain()
				chain, prevHash, prevSeq, broken = e.Chain, "", 0, false
				rep.Chains++
			}
			if broken {
				continue
			}
			reason := ""
			switch {
			case e.Seq != prevSeq+1:
				reason = fmt.Sprintf("sequence jumps from %d to %d (events removed?)", prevSeq, e.Seq)
			case e.PrevHash != prevHash:
				reason = "does not point at the event before it"
			case e.ComputeHash() != e.Hash:
				reason = "content does not match its hash (altered)"
			}
			if reason != "" {
				rep.Faults = append(rep.Faults, Fault{Chain: e.Chain, Seq: e.Seq, ID: e.ID, Reason: reason})
				broken = true
			}
			prevHash, prevSeq = e.Hash, e.Seq
		}
		if err := rows.Err(); err != nil {
			return err
		}
		endChain()
		for c, h := range heads {
			rep.Faults = append(rep.Faults, Fault{Chain: c, Seq: 1, Reason: fmt.Sprintf("chain head at %d but no events (all removed?)", h.seq)})
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("verify audit: %w", err)
	}
	return rep, nil
}

type auditHead struct {
	seq  int64
	hash string
}

func (tx *Tx) auditHeads() (map[string]auditHead, error) {
	rows, err := tx.query(`SELECT chain, seq, hash FROM audit_heads`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	heads := map[string]auditHead{}
	for rows.Next() {
		var c string
		var h auditHead
		if err := rows.Scan(&c, &h.seq, &h.hash); err != nil {
			return nil, err
		}
		heads[c] = h
	}
	return heads, rows.Err()
}
