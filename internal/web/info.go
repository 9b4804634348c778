package web

import "net/http"

// routesInfo serves the pages every footer links to: help, the
// accessibility statement and the privacy notice.
func (h *Handler) routesInfo() {
	h.needPages("help", "accessibility", "privacy")
	for _, p := range []string{"help", "accessibility", "privacy"} {
		name := p
		h.mux.Handle("GET /"+name, h.page(func(w http.ResponseWriter, r *http.Request, rq *request) error {
			return h.render(w, http.StatusOK, name, h.newView(r, rq, "info."+name+".title"))
		}))
	}
}
