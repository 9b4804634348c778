package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
	"trustlane/internal/program"
)

// mouData is the memorandum's signature page: the full text in the
// reader's language, who signs and as what, and the second factor.
type mouData struct {
	*casePage
	Version, Hash, Lang string
	Blocks              []mouBlock
	Signer              string
	// NeedsTOTP: the owner has no two-step verification, which a signature
	// requires, so the page explains how to turn it on instead of a form.
	NeedsTOTP bool
}

// mouBlock is one block of the memorandum's text: a heading ("h2", "h3"),
// a paragraph ("p") or a list ("ol", "ul") of items.
type mouBlock struct {
	Kind  string
	Text  string
	Items []string
}

func (h *Handler) membershipMOUForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMOU(r, rq)
	if err != nil {
		return err
	}
	if d.Member.Membership.State != program.MemberPendingMOU {
		return redirect(d.URL)
	}
	return h.renderMOU(w, r, rq, d, http.StatusOK, url.Values{"title": {rq.Session.User.Title}}, nil)
}

// membershipMOUSign signs the memorandum with the text's hash the page
// showed and a fresh code; a wrong code keeps the form with its title.
func (h *Handler) membershipMOUSign(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMOU(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.MOUSign); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	lang := f.Get("lang")
	if !i18n.Supported(lang) {
		lang = rq.L.Lang()
	}
	err = h.off.SignMOU(r.Context(), rq.Actor(), d.Org.ID, d.Member.Membership.ID, lang, f.Get("title"), f.Get("text_sha256"), f.Get("code"))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		// The code is never shown again: it is used or wrong either way.
		return h.renderMOU(w, r, rq, d, errs.Status(errs.CodeOf(err)), url.Values{"title": {f.Get("title")}},
			formErrorsOf(err, rq.L, "code"))
	}
	h.setFlash(w, "flash.case_mou_signed")
	return redirect(d.URL)
}

// loadMOU opens the signature page with the memorandum in the reader's
// language and the hash a signature of it records.
func (h *Handler) loadMOU(r *http.Request, rq *request) (*mouData, error) {
	c, err := h.loadMemberCase(r, rq)
	if err != nil {
		return nil, err
	}
	version, text, hash, err := h.off.MOUText(rq.L.Lang())
	if err != nil {
		return nil, err
	}
	return &mouData{casePage: c, Version: version, Hash: hash, Lang: rq.L.Lang(), Blocks: mouBlocks(text),
		Signer: rq.Session.User.Name, NeedsTOTP: !rq.Session.User.TOTPEnabled}, nil
}

func (h *Handler) renderMOU(w http.ResponseWriter, r *http.Request, rq *request, d *mouData, status int, form url.Values, fe *formErrors) error {
	v := h.companyView(r, rq, "casepage.mou.title")
	v.Data, v.Form, v.Errors = d, form, fe
	return h.render(w, status, "case-mou", v)
}

var (
	mouNumbered = regexp.MustCompile(`^\d+[.)]\s+`)
	mouBullet   = regexp.MustCompile(`^[-*]\s+`)
)

// mouBlocks reads the memorandum's markdown-like text line by line: "# "
// and "## " headings (one level below the page's own title), numbered and
// bulleted items (an indented line continues an item), and paragraphs
// separated by blank lines. Nothing else is interpreted: the text is shown
// as written, escaped by the template.
func mouBlocks(text string) []mouBlock {
	var out []mouBlock
	var para []string
	inList := false
	flush := func() {
		if len(para) > 0 {
			out = append(out, mouBlock{Kind: "p", Text: strings.Join(para, " ")})
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			inList = false
		case strings.HasPrefix(t, "## "), strings.HasPrefix(t, "# "):
			flush()
			kind := "h2"
			if strings.HasPrefix(t, "## ") {
				kind = "h3"
			}
			out = append(out, mouBlock{Kind: kind, Text: strings.TrimSpace(strings.TrimLeft(t, "#"))})
			inList = false
		case mouNumbered.MatchString(t), mouBullet.MatchString(t):
			flush()
			kind, item := "ol", mouNumbered.ReplaceAllString(t, "")
			if mouBullet.MatchString(t) {
				kind, item = "ul", mouBullet.ReplaceAllString(t, "")
			}
			if !inList || out[len(out)-1].Kind != kind {
				out = append(out, mouBlock{Kind: kind})
			}
			last := &out[len(out)-1]
			last.Items = append(last.Items, item)
			inList = true
		case inList:
			last := &out[len(out)-1]
			last.Items[len(last.Items)-1] += " " + t
		default:
			para = append(para, t)
		}
	}
	flush()
	return out
}
