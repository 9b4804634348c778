package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// transferData is the transfer of ownership: who may become the owner, what
// the current owner keeps, and (on the check page) the choices made.
type transferData struct {
	orgHead
	Owner      program.Member   // the current account owner
	Candidates []program.Member // members who may become the owner
	FormerRole []option
	To         program.Member // chosen new owner (check page)
	Keeps      auth.Role      // chosen role for the former owner (check page)
}

// loadTransfer opens the transfer pages, which only the owner and proxy
// owners may use.
func (h *Handler) loadTransfer(r *http.Request, rq *request) (transferData, []program.Member, error) {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return transferData{}, nil, err
	}
	if !head.Can(string(auth.OwnershipTransfer)) {
		return transferData{}, nil, errRoleForbids
	}
	ms, err := h.off.Members(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return transferData{}, nil, err
	}
	d := transferData{orgHead: head, FormerRole: formerOwnerRoles()}
	for _, m := range ms {
		switch {
		case m.Role == auth.AccountOwner:
			d.Owner = m
		case !m.Disabled:
			d.Candidates = append(d.Candidates, m)
		}
	}
	return d, ms, nil
}

// companyTransferForm asks for the new owner and what the former owner
// keeps. The check page's "Change" links come back here with the answers.
func (h *Handler) companyTransferForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, _, err := h.loadTransfer(r, rq)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	form := url.Values{"user_id": {q.Get("user_id")}, "former_owner_role": {q.Get("former_owner_role")}}
	if form.Get("former_owner_role") == "" {
		form.Set("former_owner_role", string(auth.FullAccess))
	}
	return h.renderTransfer(w, r, rq, d, http.StatusOK, form, nil)
}

// companyTransfer checks the answers, shows them for confirmation, and
// transfers only once the person confirms (confirm=yes).
func (h *Handler) companyTransfer(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, ms, err := h.loadTransfer(r, rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	form := url.Values{"user_id": {f.Get("user_id")}, "former_owner_role": {f.Get("former_owner_role")}}
	to, keeps := f.Get("user_id"), auth.Role(f.Get("former_owner_role"))
	// The domain's own rules decide what the check page may show; the office
	// applies them again, under lock, when the person confirms.
	t, err := program.PlanTransfer(ms, d.Role, to, keeps)
	if err == nil && f.Get("confirm") == "yes" {
		err = h.off.TransferOwnership(r.Context(), rq.Actor(), d.Org.ID, to, keeps)
		if err == nil {
			h.setFlash(w, "flash.company_transferred")
			return redirect(d.Base() + "#people")
		}
	}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderTransfer(w, r, rq, d, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, "user_id"))
	}
	d.To, _ = findMember(ms, t.To)
	d.Keeps = t.FormerOwnerRole
	v := h.companyView(r, rq, "company.transfer.check_title")
	v.Form, v.Data = form, d
	return h.render(w, http.StatusOK, "company-transfer-check", v)
}

func (h *Handler) renderTransfer(w http.ResponseWriter, r *http.Request, rq *request, d transferData, status int, form url.Values, fe *formErrors) error {
	v := h.companyView(r, rq, "")
	v.Title = rq.L.T("company.transfer.title", map[string]any{"Org": d.Org.LegalName})
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "company-transfer", v)
}
