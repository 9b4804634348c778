// Package api is the JSON API under /api/v1.
package api

import (
	"log/slog"
	"net/http"

	"trustlane/internal/i18n"
	"trustlane/internal/office"
)

// Config wires the API.
type Config struct {
	Office  *office.Office
	I18n    *i18n.Bundle
	Log     *slog.Logger
	BaseURL string
}

// New builds the API handler, mounted at /api/.
func New(cfg Config) (http.Handler, error) {
	return http.NotFoundHandler(), nil
}
