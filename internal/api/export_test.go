package api

import (
	"net/http"
	"slices"
)

// Routes lists the patterns the API built by New registered on its mux.
func Routes(h http.Handler) []string { return slices.Clone(h.(*handler).mux.patterns) }
