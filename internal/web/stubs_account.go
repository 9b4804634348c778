package web

func (h *Handler) routesAccount() {}
