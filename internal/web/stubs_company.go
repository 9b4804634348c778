package web

func (h *Handler) routesCompany() {}
