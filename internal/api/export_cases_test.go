package api

import (
	"context"
	"net/http"

	"trustlane/internal/auth"
)

// NewWithStaff builds the API as New does, where each secret of staff also
// stands for its actor. The office makes program tokens only for
// administrators, and a token acts for its maker, so no officer, validator,
// manager or appeals reviewer can hold one; tests reach their operations
// through the real handlers this way. Every other secret is the office's.
func NewWithStaff(cfg Config, staff map[string]auth.Actor) (http.Handler, error) {
	hh, err := New(cfg)
	if err != nil {
		return nil, err
	}
	h := hh.(*handler)
	office := h.tokenActor
	h.tokenActor = func(ctx context.Context, secret string) (auth.Actor, error) {
		if a, ok := staff[secret]; ok {
			return a, nil
		}
		return office(ctx, secret)
	}
	return h, nil
}
