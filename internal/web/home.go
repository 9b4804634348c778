package web

import (
	"net/http"
	"time"

	"trustlane/internal/i18n"
)

func (h *Handler) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := h.newView(r, rq, "home.title")
	return h.render(w, http.StatusOK, "home", v)
}

// switchLang remembers the chosen language in a cookie (and on the account
// of a signed-in person, for mail) and returns to the page it came from.
func (h *Handler) switchLang(w http.ResponseWriter, r *http.Request, rq *request) error {
	lang := r.PathValue("lang")
	if !i18n.Supported(lang) {
		return errPageNotFound
	}
	h.setCookie(w, cookieLang, lang, 365*24*time.Hour)
	if rq.SignedIn() {
		if err := h.off.SetLanguage(r.Context(), rq.Actor(), lang); err != nil {
			h.log.Warn("save language", "err", err)
		}
	}
	return redirect(localPath(r.URL.Query().Get("back"), "/"))
}
