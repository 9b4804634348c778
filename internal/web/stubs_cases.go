package web

func (h *Handler) routesCases() {}
