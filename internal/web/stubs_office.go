package web

func (h *Handler) routesOffice() {}
