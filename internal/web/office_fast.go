package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

// routesFast registers the staff pages of FAST cards and the FAST approval
// forms of the organization page.
func (h *Handler) routesFast() {
	h.needPages("fast-cards", "fast-card", "fast-import")
	h.mux.Handle("GET /office/fast", h.page(h.fastCards))
	h.mux.Handle("GET /office/fast/new", h.page(h.fastCardNew))
	h.mux.Handle("POST /office/fast", h.page(h.fastCardCreate))
	h.mux.Handle("GET /office/fast/import", h.page(h.fastImportForm))
	h.mux.Handle("POST /office/fast/import", h.page(h.fastImport))
	h.mux.Handle("GET /office/fast/cards/{number}", h.page(h.fastCard))
	h.mux.Handle("POST /office/fast/cards/{number}", h.page(h.fastCardEdit))
	h.mux.Handle("POST /office/fast/cards/{number}/revoke", h.page(h.fastCardRevoke))
	h.mux.Handle("POST /office/orgs/{org}/fast", h.page(h.fastApprovalGrant))
	h.mux.Handle("POST /office/orgs/{org}/fast/revoke", h.page(h.fastApprovalRevoke))
}

// fastPageSize is how many cards one page of the list shows.
const fastPageSize = 50

// fastRow is a card with its status at the time of the page.
type fastRow struct {
	fast.Card
	Status string // valid, expired or revoked
}

func fastStatus(c fast.Card, now time.Time) string {
	switch {
	case c.Revoked():
		return "revoked"
	case !c.ValidAt(now):
		return "expired"
	}
	return "valid"
}

type fastCardsData struct {
	Rows               []fastRow
	Total, Page, Pages int
	PrevURL, NextURL   string
	CanManage          bool
}

func fastListURL(q string, page int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/office/fast"
	}
	return "/office/fast?" + v.Encode()
}

// fastCards lists the cards, searchable by number or holder, a page at a time.
func (h *Handler) fastCards(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > 200 {
		q = string([]rune(q)[:200])
	}
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	page = min(page, 1_000_000)
	res, err := h.off.FastCards(r.Context(), rq.Actor(), store.FastCardQuery{Text: q, Offset: (page - 1) * fastPageSize, Limit: fastPageSize})
	if err != nil {
		return err
	}
	pages := max(1, (res.Total+fastPageSize-1)/fastPageSize)
	if page > pages {
		return redirect(fastListURL(q, pages))
	}
	a := rq.Actor()
	d := fastCardsData{Total: res.Total, Page: page, Pages: pages, CanManage: a.Allows(a.Staff, auth.FastManage)}
	if page > 1 {
		d.PrevURL = fastListURL(q, page-1)
	}
	if page < pages {
		d.NextURL = fastListURL(q, page+1)
	}
	now := time.Now()
	for _, c := range res.Cards {
		d.Rows = append(d.Rows, fastRow{c, fastStatus(c, now)})
	}
	v := h.newView(r, rq, "fast.cards.title")
	v.Nav, v.Form, v.Data = "fast", url.Values{"q": {q}}, d
	return h.render(w, http.StatusOK, "fast-cards", v)
}

type fastCardData struct {
	Card      fastRow
	IsNew     bool
	CanManage bool
	Kinds     []option
}

func fastKindOptions() []option {
	return []option{{Value: "fast", Label: "fast.kind.fast"}, {Value: "cdrp", Label: "fast.kind.cdrp"}}
}

func (h *Handler) renderFastCard(w http.ResponseWriter, r *http.Request, rq *request, c fast.Card, form url.Values, fe *formErrors, status int) error {
	a := rq.Actor()
	d := fastCardData{Card: fastRow{c, fastStatus(c, time.Now())}, IsNew: c.Number == "", CanManage: a.Allows(a.Staff, auth.FastManage),
		Kinds: fastKindOptions()}
	title := "fast.card.new_title"
	v := h.newView(r, rq, title)
	if !d.IsNew {
		v.Title = rq.L.T("fast.card.title", map[string]any{"Number": c.Number})
	}
	if form == nil {
		form = url.Values{"number": {c.Number}, "holder": {c.Holder}, "kind": {string(c.Kind)}}
		if !c.ValidUntil.IsZero() {
			form.Set("valid_until", c.ValidUntil.Format(time.DateOnly))
		}
		if c.SouthOnly {
			form.Set("south_only", "yes")
		}
	}
	v.Nav, v.Form, v.Errors, v.Data = "fast", form, fe, d
	return h.render(w, status, "fast-card", v)
}

func (h *Handler) fastCard(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	c, err := h.off.FastCard(r.Context(), rq.Actor(), r.PathValue("number"))
	if err != nil {
		return err
	}
	return h.renderFastCard(w, r, rq, c, nil, nil, http.StatusOK)
}

func (h *Handler) fastCardNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	a := rq.Actor()
	if !a.Allows(a.Staff, auth.FastManage) {
		return errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")
	}
	return h.renderFastCard(w, r, rq, fast.Card{}, url.Values{"kind": {"fast"}}, nil, http.StatusOK)
}

func (h *Handler) fastCardCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.fastCardSave(w, r, rq, true)
}

func (h *Handler) fastCardEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.fastCardSave(w, r, rq, false)
}

// fastCardSave adds or changes a card from the posted form.
func (h *Handler) fastCardSave(w http.ResponseWriter, r *http.Request, rq *request, create bool) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	number := f.Get("number")
	if !create {
		number = r.PathValue("number")
	}
	in := fast.CardInput{Number: number, Holder: f.Get("holder"), Kind: f.Get("kind"), SouthOnly: f.Get("south_only") == "yes"}
	var err error
	if s := strings.TrimSpace(f.Get("valid_until")); s != "" {
		if in.ValidUntil, err = fast.ParseDate(s); err != nil {
			err = errs.Fields(errs.F("valid_until", "error.fast.csv_date", "write the date as YYYY-MM-DD"))
		}
	}
	var c fast.Card
	if err == nil {
		c, err = h.off.SaveFastCard(r.Context(), rq.Actor(), in, create)
	}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		old := fast.Card{}
		if !create {
			if old, err = h.off.FastCard(r.Context(), rq.Actor(), number); err != nil {
				return err
			}
		}
		return h.renderFastCard(w, r, rq, old, f, formErrorsOf(err, rq.L, "number"), errs.Status(errs.CodeOf(err)))
	}
	h.setFlash(w, "flash.fast_card_saved")
	return redirect("/office/fast/cards/" + url.PathEscape(c.Number))
}

func (h *Handler) fastCardRevoke(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	c, err := h.off.RevokeFastCard(r.Context(), rq.Actor(), r.PathValue("number"), r.PostForm.Get("reason"))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		old, lerr := h.off.FastCard(r.Context(), rq.Actor(), r.PathValue("number"))
		if lerr != nil {
			return lerr
		}
		return h.renderFastCard(w, r, rq, old, nil, formErrorsOf(err, rq.L, "reason"), errs.Status(errs.CodeOf(err)))
	}
	h.setFlash(w, "flash.fast_card_revoked")
	return redirect("/office/fast/cards/" + url.PathEscape(c.Number))
}

// fastApprovalGrant and fastApprovalRevoke change an organization's FAST
// approval into Canada from its staff page.
func (h *Handler) fastApprovalGrant(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.fastApprovalChange(w, r, rq, h.off.GrantFastApproval, "flash.fast_approval_granted")
}

func (h *Handler) fastApprovalRevoke(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.fastApprovalChange(w, r, rq, h.off.RevokeFastApproval, "flash.fast_approval_revoked")
}

func (h *Handler) fastApprovalChange(w http.ResponseWriter, r *http.Request, rq *request,
	change func(context.Context, auth.Actor, string) (office.FastStanding, error), done string) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	orgID := r.PathValue("org")
	_, err := change(r.Context(), rq.Actor(), orgID)
	if e, ok := errs.As(err); ok && e.Code == errs.Conflict {
		done, err = e.Key, nil // shown on the organization page, which says why
	}
	if err != nil {
		return err
	}
	h.setFlash(w, done)
	return redirect("/office/orgs/" + url.PathEscape(orgID) + "#fast")
}
