package web

import (
	"errors"
	"net/http"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// maxFormBytes bounds a form body; file uploads have their own routes.
const maxFormBytes = 1 << 20

// formErrors is the error summary and the per-field messages of a form.
type formErrors struct {
	Summary []fieldMessage
	byField map[string]string
}

type fieldMessage struct{ Field, Message string }

// formErrorsOf translates the field errors carried by err. A Conflict or
// other error without fields becomes a summary line tied to fallbackField.
func formErrorsOf(err error, l *i18n.Localizer, fallbackField string) *formErrors {
	e, ok := errs.As(err)
	if !ok {
		return nil
	}
	fe := &formErrors{byField: map[string]string{}}
	for _, f := range e.Fields {
		msg := l.T(f.Key)
		if _, dup := fe.byField[f.Field]; dup {
			continue
		}
		fe.byField[f.Field] = msg
		fe.Summary = append(fe.Summary, fieldMessage{f.Field, msg})
	}
	if len(e.Fields) == 0 {
		msg := l.T(e.Key)
		fe.byField[fallbackField] = msg
		fe.Summary = append(fe.Summary, fieldMessage{fallbackField, msg})
	}
	return fe
}

// onField moves the errors of fe whose field starts with prefix onto one
// field of the page, once, with msg (translated) in place of theirs when
// msg is not "": a group of checkboxes shows one error, and an answer named
// uniquely among many forms on a page gets the office's message about it.
// With prefix "", every error goes to field: forms repeated on a page (one
// per corrective action) keep their errors to the one that was sent.
func onField(fe *formErrors, prefix, field, msg string) *formErrors {
	if fe == nil {
		return nil
	}
	out := &formErrors{byField: map[string]string{}}
	for _, s := range fe.Summary {
		f, m := s.Field, s.Message
		if strings.HasPrefix(f, prefix) {
			f = field
			if msg != "" {
				m = msg
			}
		}
		if _, dup := out.byField[f]; dup {
			continue
		}
		out.byField[f] = m
		out.Summary = append(out.Summary, fieldMessage{f, m})
	}
	return out
}

// isFormError reports whether err should be shown on the form rather than
// as an error page: bad input, or a refusal the person can act on.
func isFormError(err error) bool {
	switch errs.CodeOf(err) {
	case errs.Invalid, errs.Conflict, errs.TooMany, errs.Unauthorized:
		return true
	}
	return false
}

// parseForm reads a posted form, mapping an oversized body to a clear error.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errs.E(errs.Invalid, "error.too_large", "the form is too large")
		}
		return errs.E(errs.Invalid, "error.bad_request", "the form could not be read")
	}
	return nil
}

// option is one choice of a select, radio or checkbox group; Label and
// Hint are message keys.
type option struct{ Value, Label, Hint string }

func sectorOptions() []option {
	var out []option
	for _, s := range program.Sectors() {
		out = append(out, option{Value: string(s), Label: "sector." + string(s)})
	}
	return out
}

func categoryOptions() []option {
	return []option{
		{string(program.CategoryMember), "category.member", "category_hint.member"},
		{string(program.CategoryAssociate), "category.associate", "category_hint.associate"},
	}
}

func countryOptions() []option {
	return []option{{"CA", "country.CA", ""}, {"US", "country.US", ""}}
}

// roleOptions lists the company roles a member holding by may give.
func roleOptions(by auth.Role) []option {
	var out []option
	for _, r := range auth.CompanyRoles() {
		if auth.Assignable(by, r) {
			out = append(out, option{string(r), "role." + string(r), "role_hint." + string(r)})
		}
	}
	return out
}

// formerOwnerRoles are the roles a former owner may keep, whether the
// company transfers its ownership or the office reassigns it.
func formerOwnerRoles() []option {
	var out []option
	for _, r := range []auth.Role{auth.ProxyOwner, auth.FullAccess, auth.ReadOnly} {
		out = append(out, option{string(r), "role." + string(r), "role_hint." + string(r)})
	}
	return out
}

// orgIdentifierKinds are the identifiers an organization may declare.
func orgIdentifierKinds() []ident.Kind {
	return []ident.Kind{ident.BN9, ident.BN15, ident.CarrierCode, ident.SCAC, ident.EIN, ident.EORI, ident.MID}
}
