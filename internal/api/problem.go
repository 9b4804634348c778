package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/i18n"
)

// problemTypePrefix starts every problem's type: a stable name, the same on
// every installation, that clients can switch on.
const problemTypePrefix = "urn:trustlane:problem:"

// problem is an RFC 9457 problem details object, the body of every error
// the API answers. Title and detail are in the language the request's
// Accept-Language asks for (English or French).
type problem struct {
	Type     string         `json:"type" doc:"Identifies the kind of problem, e.g. urn:trustlane:problem:invalid."`
	Title    string         `json:"title" doc:"A short summary of the kind of problem, translated."`
	Status   int            `json:"status" doc:"The HTTP status code."`
	Detail   string         `json:"detail" doc:"What went wrong in this case and what to do, translated."`
	Instance string         `json:"instance,omitempty" doc:"The path of the request."`
	Errors   []fieldProblem `json:"errors,omitempty" doc:"The input values to correct, when the problem is with the input."`
}

// fieldProblem ties a message to one input value.
type fieldProblem struct {
	Location string `json:"location" doc:"Where the value is: body.address.city, query.limit, path.orgID."`
	Code     string `json:"code" doc:"A stable code for the message, e.g. error.required."`
	Message  string `json:"message" doc:"What to correct, translated."`
}

func (p *problem) Error() string  { return p.Detail }
func (p *problem) GetStatus() int { return p.Status }

// ContentType makes huma answer application/problem+json.
func (p *problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// kinds names each status's problem type; its title is the catalog message
// "api.title.<name>".
var kinds = map[int]string{
	400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
	405: "method_not_allowed", 406: "not_acceptable", 408: "request_timeout", 409: "conflict",
	413: "too_large", 415: "unsupported_media_type", 422: "invalid", 429: "too_many_requests",
	500: "internal",
}

// newProblem builds the problem for status in the reader's language, with
// detail from the catalog key and title from the status's kind.
func newProblem(l *i18n.Localizer, status int, detail string) *problem {
	kind, ok := kinds[status]
	if !ok {
		kind, status = "internal", http.StatusInternalServerError
	}
	return &problem{Type: problemTypePrefix + strings.ReplaceAll(kind, "_", "-"),
		Title: l.T("api.title." + kind), Status: status, Detail: detail}
}

var hooks sync.Once

// installErrorHooks routes every error huma produces (its validation, body
// reading, content negotiation, and the errors our handlers return) through
// problemFor. huma offers package variables for this; they are set once, and
// each request finds its handler in its context, so several APIs (tests run
// many servers) keep their own catalog and log.
func installErrorHooks() {
	hooks.Do(func() {
		huma.NewError = func(status int, msg string, list ...error) huma.StatusError {
			return problemFor(nil, status, msg, list)
		}
		huma.NewErrorWithContext = func(ctx huma.Context, status int, msg string, list ...error) huma.StatusError {
			return problemFor(ctx, status, msg, list)
		}
		// "Legal_Name" is not "legal_name": unknown fields are refused
		// whatever their case.
		huma.ValidateStrictCasing = true
	})
}

type handlerKey struct{}

// problemFor turns an error into a problem. Outside a request (huma asks
// for an example to document the schema) it has no catalog and answers in
// English.
func problemFor(ctx huma.Context, status int, msg string, list []error) huma.StatusError {
	var h *handler
	if ctx != nil {
		h, _ = ctx.Context().Value(handlerKey{}).(*handler)
	}
	if h == nil {
		return &problem{Type: problemTypePrefix + "error", Title: http.StatusText(status), Status: status, Detail: msg}
	}
	lang := i18n.Match(ctx.Header("Accept-Language"))
	l := h.i18n.For(lang)
	var p *problem
	for _, err := range list {
		if e, ok := errs.As(err); ok {
			p = h.fromErrs(l, e)
			var ws *withStatus
			if errors.As(err, &ws) {
				q := newProblem(l, ws.status, p.Detail)
				q.Errors = p.Errors
				p = q
			}
			break
		}
	}
	if p == nil {
		p = h.fromHuma(ctx, l, status, msg, list)
	}
	if p.Status >= 500 {
		u := ctx.URL()
		h.log.Error("api: internal error", "method", ctx.Method(), "path", u.Path, "status", status,
			"msg", msg, "err", errors.Join(list...))
	}
	p.Instance = ctx.URL().Path
	ctx.SetHeader("Content-Language", lang)
	return p
}

// fromErrs renders an error of the office (or the store, or the domain).
// Its key is translated; an internal error never shows its message.
func (h *handler) fromErrs(l *i18n.Localizer, e *errs.Error) *problem {
	if e.Code == errs.Internal {
		return newProblem(l, http.StatusInternalServerError, l.T("api.detail.internal"))
	}
	p := newProblem(l, errs.Status(e.Code), h.message(l, e.Key, e.Message))
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, fieldProblem{Location: location(f.Field), Code: f.Key, Message: h.message(l, f.Key, f.Message)})
	}
	return p
}

// location places an office field in the request: in the body unless the
// API renamed it to a path, query or header parameter.
func location(field string) string {
	for _, in := range []string{"path.", "query.", "header.", "body."} {
		if strings.HasPrefix(field, in) {
			return field
		}
	}
	return "body." + field
}

// withStatus answers an office-style error with a status its code does not
// map to, such as 413 for a file over the size limit or 415 for a body in
// the wrong form. Its key, detail and fields are rendered as usual.
type withStatus struct {
	status int
	err    *errs.Error
}

func (e *withStatus) Error() string { return e.err.Error() }
func (e *withStatus) Unwrap() error { return e.err }

// statusError wraps e to be answered with status.
func statusError(status int, e *errs.Error) error { return &withStatus{status: status, err: e} }

// message translates key, or falls back to the English text when the
// catalog lacks it.
func (h *handler) message(l *i18n.Localizer, key, english string) string {
	if key != "" && h.i18n.Has(key) {
		return l.T(key)
	}
	if english != "" {
		return english
	}
	return l.T("api.detail.invalid")
}

// fromHuma renders an error huma raised before our handler ran.
func (h *handler) fromHuma(ctx huma.Context, l *i18n.Localizer, status int, msg string, list []error) *problem {
	switch {
	case status == http.StatusInternalServerError && msg == "cannot read request body":
		return newProblem(l, http.StatusBadRequest, l.T("api.detail.body_unreadable"))
	case status == http.StatusBadRequest && msg == "request body is required":
		return newProblem(l, status, l.T("api.detail.body_required"))
	case status == http.StatusBadRequest:
		return newProblem(l, status, l.T("api.detail.malformed"))
	case status == http.StatusRequestEntityTooLarge:
		return h.tooLarge(ctx, l, msg)
	case status == http.StatusUnsupportedMediaType:
		return newProblem(l, status, l.T("api.detail.media_type"))
	case status == http.StatusNotAcceptable:
		return newProblem(l, status, l.T("api.detail.not_acceptable"))
	case status == http.StatusRequestTimeout:
		return newProblem(l, status, l.T("api.detail.timeout"))
	case status == http.StatusUnprocessableEntity:
		p := newProblem(l, status, l.T("api.detail.invalid"))
		for _, err := range list {
			var d huma.ErrorDetailer
			if errors.As(err, &d) {
				p.Errors = append(p.Errors, fieldFromHuma(l, d.ErrorDetail()))
			}
		}
		return p
	case status < 500:
		if _, ok := kinds[status]; ok {
			return newProblem(l, status, http.StatusText(status))
		}
	}
	return newProblem(l, http.StatusInternalServerError, l.T("api.detail.internal"))
}

// metaFileField names, in an operation's metadata, the field that carries
// its file: a body over the limit is reported on it too.
const metaFileField = "fileField"

// tooLarge is the problem of a body over its operation's limit, which huma
// states in its message ("… limit=N bytes"). For an operation that takes a
// file, the file is what is too large, and the value to correct.
func (h *handler) tooLarge(ctx huma.Context, l *i18n.Localizer, msg string) *problem {
	limit := h.maxBody
	if _, n, ok := strings.Cut(msg, "limit="); ok {
		if v, err := strconv.ParseInt(strings.TrimSuffix(n, " bytes"), 10, 64); err == nil && v > 0 {
			limit = v
		}
	}
	if op := ctx.Operation(); op != nil {
		if f, _ := op.Metadata[metaFileField].(string); f != "" {
			p := newProblem(l, http.StatusRequestEntityTooLarge, l.T("api.detail.file_too_large"))
			p.Errors = append(p.Errors, fieldProblem{Location: f, Code: "error.upload.too_large", Message: l.T("error.upload.too_large")})
			return p
		}
	}
	return newProblem(l, http.StatusRequestEntityTooLarge, l.T("api.detail.too_large", map[string]any{"KiB": limit / 1024}))
}

// renameFields names an office error's fields as the API's body does where
// the two differ (the office says "expires", the API "expires_at").
func renameFields(err error, names map[string]string) error {
	return relocate(err, func(f errs.FieldError) string {
		if n, ok := names[f.Field]; ok {
			return n
		}
		return f.Field
	})
}

// relocate names each field of an office error where the request holds it,
// as where says: a body field's name, or a "path."-prefixed parameter.
func relocate(err error, where func(errs.FieldError) string) error {
	e, ok := errs.As(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	c := *e
	c.Fields = slices.Clone(e.Fields)
	for i, f := range c.Fields {
		c.Fields[i].Field = where(f)
	}
	var ws *withStatus
	if errors.As(err, &ws) {
		return statusError(ws.status, &c)
	}
	return &c
}

// writeProblem answers a problem from outside huma (unknown paths, wrong
// methods, panics).
func (h *handler) writeProblem(w http.ResponseWriter, r *http.Request, status int, key string) {
	lang := i18n.Match(r.Header.Get("Accept-Language"))
	p := newProblem(h.i18n.For(lang), status, h.i18n.For(lang).T(key))
	p.Instance = r.URL.Path
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", lang)
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
