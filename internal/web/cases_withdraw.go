package web

import (
	"net/http"

	"trustlane/internal/auth"
	"trustlane/internal/program"
)

// Withdrawing ends a case for good, so each withdrawal is asked for on a
// page of its own that says what it means, and done on a second click.

func (h *Handler) caseWithdrawCheck(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppCase(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.CaseApply); err != nil {
		return err
	}
	if !d.CanWithdraw {
		return program.ErrWrongState
	}
	return h.renderWithdraw(w, r, rq, d)
}

func (h *Handler) caseWithdraw(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppCase(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.CaseApply); err != nil {
		return err
	}
	if err := h.off.WithdrawApplication(r.Context(), rq.Actor(), d.Org.ID, d.App.App.ID); err != nil {
		return err
	}
	h.setFlash(w, "flash.case_withdrawn")
	return redirect(d.URL)
}

func (h *Handler) membershipWithdrawCheck(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMemberCase(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.MemberWithdraw); err != nil {
		return err
	}
	if !d.CanWithdraw {
		return program.ErrWrongState
	}
	return h.renderWithdraw(w, r, rq, d)
}

func (h *Handler) membershipWithdraw(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMemberCase(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.MemberWithdraw); err != nil {
		return err
	}
	if err := h.off.WithdrawMembership(r.Context(), rq.Actor(), d.Org.ID, d.Member.Membership.ID); err != nil {
		return err
	}
	h.setFlash(w, "flash.case_membership_withdrawn")
	return redirect(d.URL)
}

// membershipConfirm is the yearly confirmation that the company's
// information is current; the membership page says what it means.
func (h *Handler) membershipConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMemberCase(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.CaseApply); err != nil {
		return err
	}
	if err := h.off.ConfirmAnnual(r.Context(), rq.Actor(), d.Org.ID, d.Member.Membership.ID); err != nil {
		return err
	}
	h.setFlash(w, "flash.case_confirmed")
	return redirect(d.URL)
}

func (h *Handler) renderWithdraw(w http.ResponseWriter, r *http.Request, rq *request, d *casePage) error {
	title := "casepage.withdraw.app_title"
	if d.Member != nil {
		title = "casepage.withdraw.member_title"
	}
	v := h.companyView(r, rq, title)
	v.Data = d
	return h.render(w, http.StatusOK, "case-withdraw", v)
}
