package web

import (
	"net/http"
	"net/url"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

func (h *Handler) routesInvitation() {
	h.mux.Handle("GET /invitations/{token}", h.page(h.invitation))
	h.mux.Handle("POST /invitations/{token}/accept", h.page(h.invitationAccept))
	h.mux.Handle("POST /invitations/{token}/account", h.page(h.invitationNewAccount))
	h.mux.Handle("POST /invitations/{token}/signout", h.page(h.invitationSignOut))
}

// errInvitationUnknown answers a link that matches no invitation, most often
// one cut short when copied from the mail.
var errInvitationUnknown = errs.E(errs.NotFound, "error.invitation_unknown", "no invitation has this link")

// The ways a reader can stand towards a pending invitation; the page offers
// each the one next step that works for them.
const (
	invModeClosed = "closed" // accepted, withdrawn or expired
	invModeAccept = "accept" // signed in with the invited address
	invModeOther  = "other"  // signed in with another address
	invModeSignIn = "signin" // the address has an account: sign in first
	invModeCreate = "create" // no account yet: create it here
)

// invitationData is what the invitation page shows.
type invitationData struct {
	Token      string
	Inv        office.InvitationView
	Mode       string
	SignInPath string
	// Joined is set when the reader is the person who accepted it.
	Joined bool
}

func (h *Handler) invitation(w http.ResponseWriter, r *http.Request, rq *request) error {
	token := r.PathValue("token")
	iv, err := h.off.InvitationByLink(r.Context(), token)
	if err != nil {
		return invitationErr(err)
	}
	return h.renderInvitation(w, r, rq, token, iv, http.StatusOK, nil, nil)
}

func invitationErr(err error) error {
	if errs.Is(err, errs.NotFound) {
		return errInvitationUnknown
	}
	return err
}

// renderInvitation shows an invitation with the step that fits the reader.
// A closed invitation answers 410: its link will never work again.
func (h *Handler) renderInvitation(w http.ResponseWriter, r *http.Request, rq *request, token string,
	iv office.InvitationView, status int, fe *formErrors, form url.Values) error {
	d := invitationData{Token: token, Inv: iv, SignInPath: "/signin?next=" + url.QueryEscape("/invitations/"+token)}
	switch {
	case iv.State != program.InvitationPending:
		d.Mode, status = invModeClosed, http.StatusGone
		d.Joined = rq.SignedIn() && iv.Invitation.AcceptedBy == rq.Session.User.ID
	case rq.SignedIn() && strings.EqualFold(rq.Session.User.Email, iv.Invitation.Email):
		d.Mode = invModeAccept
	case rq.SignedIn():
		d.Mode = invModeOther
	case iv.HasAccount:
		d.Mode = invModeSignIn
	default:
		d.Mode = invModeCreate
	}
	v := h.newView(r, rq, "")
	v.Title = rq.L.T("invitation.title", map[string]string{"Org": iv.OrgName})
	v.Errors, v.Data = fe, d
	if form != nil {
		v.Form = form
	}
	return h.render(w, status, "invitation", v)
}

// invitationAccept adds the signed-in person to the organization. Someone
// whose session ended meanwhile is sent to sign in and back to the page.
func (h *Handler) invitationAccept(w http.ResponseWriter, r *http.Request, rq *request) error {
	token := r.PathValue("token")
	if !rq.SignedIn() {
		return redirect("/signin?next=" + url.QueryEscape("/invitations/"+token))
	}
	orgID, err := h.off.AcceptInvitation(r.Context(), rq.Actor(), token)
	if err != nil {
		return h.invitationFailed(w, r, rq, token, err, nil)
	}
	h.setFlash(w, "flash.invitation_accepted")
	return redirect("/app/orgs/" + url.PathEscape(orgID))
}

// invitationNewAccount creates the invited person's account (the link
// proves they read mail at the invited address), then signs them in as
// sign-up does.
func (h *Handler) invitationNewAccount(w http.ResponseWriter, r *http.Request, rq *request) error {
	token := r.PathValue("token")
	if rq.SignedIn() {
		return redirect("/invitations/" + url.PathEscape(token))
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	var u auth.User
	var orgID string
	var err error = errPasswordConfirm
	if f.Get("password") == f.Get("password_confirm") {
		u, orgID, err = h.off.AcceptInvitationNewAccount(r.Context(), token, f.Get("name"), f.Get("title"), f.Get("password"), rq.L.Lang())
	}
	if err != nil {
		return h.invitationFailed(w, r, rq, token, err, url.Values{"name": {f.Get("name")}, "title": {f.Get("title")}})
	}
	res, err := h.off.SignIn(r.Context(), u.Email, f.Get("password"), h.clientOf(r))
	if err != nil {
		return err
	}
	if rq.secret != "" {
		_ = h.off.SignOut(r.Context(), rq.secret) // a half-finished sign-in of someone else
	}
	h.setCookie(w, cookieSession, res.Secret, 0)
	h.setFlash(w, "flash.invitation_joined")
	return redirect("/app/orgs/" + url.PathEscape(orgID))
}

// invitationFailed shows a refusal the reader can act on (wrong account,
// invitation closed meanwhile, a field to correct) on the invitation page.
func (h *Handler) invitationFailed(w http.ResponseWriter, r *http.Request, rq *request, token string, err error, form url.Values) error {
	if errs.Is(err, errs.NotFound) {
		return errInvitationUnknown
	}
	if !isFormError(err) && !errs.Is(err, errs.Forbidden) {
		return err
	}
	iv, lerr := h.off.InvitationByLink(r.Context(), token)
	if lerr != nil {
		return invitationErr(lerr)
	}
	status := errs.Status(errs.CodeOf(err))
	return h.renderInvitation(w, r, rq, token, iv, status, formErrorsOf(err, rq.L, "invitation"), form)
}

// invitationSignOut ends the session of someone signed in with another
// address and brings them back to the invitation, instead of the home page.
func (h *Handler) invitationSignOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.secret != "" {
		if err := h.off.SignOut(r.Context(), rq.secret); err != nil {
			return err
		}
	}
	h.clearCookie(w, cookieSession)
	h.setFlash(w, "flash.signed_out")
	return redirect("/invitations/" + url.PathEscape(r.PathValue("token")))
}
