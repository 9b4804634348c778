package web

func (h *Handler) routesOfficeCases() {}
