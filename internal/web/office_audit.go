package web

import (
	"net/http"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// The audit check: every organization's history is a hash chain, and this
// page walks them all and names the first broken event of each chain, the
// way `trustlane audit verify` does at the command line.

type auditData struct {
	Ran    bool
	Report store.VerifyReport
	Faults []faultRow
}

// faultRow is a broken chain explained: ExplainKey is a plain-language
// message, Reason the store's technical wording, kept for the record.
type faultRow struct {
	store.Fault
	OrgID      string // empty for the program's own chain
	ExplainKey string
}

// faultExplanations maps the store's fixed reasons (by their opening
// words) to messages.
var faultExplanations = []struct{ prefix, key string }{
	{"sequence jumps", "office.audit.reason.gap"},
	{"does not point at the event before it", "office.audit.reason.link"},
	{"content does not match its hash", "office.audit.reason.altered"},
	{"chain head does not match", "office.audit.reason.head"},
	{"chain head at", "office.audit.reason.emptied"},
}

func explainFault(f store.Fault) faultRow {
	row := faultRow{Fault: f, ExplainKey: "office.audit.reason.unknown"}
	if f.Chain != store.ProgramChain {
		row.OrgID = f.Chain
	}
	for _, e := range faultExplanations {
		if strings.HasPrefix(f.Reason, e.prefix) {
			row.ExplainKey = e.key
			break
		}
	}
	return row
}

// staffMay refuses a page whose only purpose is an action the actor could
// not take, so nobody is offered a button that would answer 403. The office
// decides again when the action is posted.
func staffMay(rq *request, action auth.Action) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	a := rq.Actor()
	if !a.IsStaff() || !a.MFA || !a.Allows(a.Staff, action) {
		return errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")
	}
	return nil
}

func (h *Handler) auditForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := staffMay(rq, auth.AuditVerify); err != nil {
		return err
	}
	v := h.newView(r, rq, "office.audit.title")
	v.Nav, v.Data = "office", auditData{}
	return h.render(w, http.StatusOK, "office-audit", v)
}

// auditVerify runs the check and shows its report on the page that asked
// for it: the result is a reading at one moment, not a record to link to.
func (h *Handler) auditVerify(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	rep, err := h.off.VerifyAudit(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	d := auditData{Ran: true, Report: rep}
	for _, f := range rep.Faults {
		d.Faults = append(d.Faults, explainFault(f))
	}
	v := h.newView(r, rq, "office.audit.title")
	v.Nav, v.Data = "office", d
	return h.render(w, http.StatusOK, "office-audit", v)
}
