package web

import "net/http"

// The company's consent to share its standing with one partner program:
// giving it goes through a check of what is shared and with whom; taking it
// back is one click, since it only ever shares less.

// findConsent picks the program in path value code among the programs in
// force; any other code (a program the company may only withdraw from
// included) is the 404 page.
func (h *Handler) findConsent(r *http.Request, rq *request, head orgHead) (companyPartnersData, error) {
	d, err := h.loadPartners(r, rq, head)
	if err != nil {
		return d, err
	}
	for _, c := range d.Consents {
		if c.Program.Code == r.PathValue("code") && c.Program.Recognized() {
			d.Consent = c
			return d, nil
		}
	}
	return d, errPageNotFound
}

// consentCheck is "check your answers" before consenting.
func (h *Handler) consentCheck(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	d, err := h.findConsent(r, rq, head)
	if err != nil {
		return err
	}
	v := h.companyView(r, rq, "")
	v.Title = rq.L.T("partner_web.consent_check.title", map[string]any{"Program": d.Consent.Program.Name.In(rq.L.Lang())})
	v.Data = d
	return h.render(w, http.StatusOK, "company-partner-consent", v)
}

func (h *Handler) consentGrant(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.setConsent(w, r, rq, true)
}

func (h *Handler) consentWithdraw(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.setConsent(w, r, rq, false)
}

func (h *Handler) setConsent(w http.ResponseWriter, r *http.Request, rq *request, granted bool) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := h.off.SetPartnerConsent(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("code"), granted); err != nil {
		return err
	}
	flash := "flash.partner_consent_withdrawn"
	if granted {
		flash = "flash.partner_consent_granted"
	}
	h.setFlash(w, flash)
	return redirect(head.Base() + "/partners#consent")
}
