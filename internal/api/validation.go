package api

import (
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/validation"

	"trustlane/internal/i18n"
)

// fieldFromHuma translates one of huma's validation messages (English text
// built from the schema) into a catalog message in the reader's language.
// huma's messages are stable strings in its validation package; anything
// not recognized falls back to a generic "not valid" rather than English.
func fieldFromHuma(l *i18n.Localizer, d *huma.ErrorDetail) fieldProblem {
	loc, msg := d.Location, d.Message
	key, data := "api.field.invalid", map[string]any{}
	after := func(prefix string) (string, bool) {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			return rest, true
		}
		return "", false
	}
	if rest, ok := after("expected required property "); ok {
		// Point at the missing field itself, not at its parent object.
		loc += "." + strings.TrimSuffix(rest, " to be present")
		key = "error.required"
	} else if rest, ok := after("expected value to be one of "); ok {
		key, data["Values"] = "api.field.enum", strings.Trim(rest, `"`)
	} else if rest, ok := after("expected length <= "); ok {
		key, data["Max"] = "api.field.too_long", rest
	} else if rest, ok := after("expected length >= "); ok {
		key, data["Min"] = "api.field.too_short", rest
	} else if rest, ok := after("expected array length <= "); ok {
		key, data["Max"] = "api.field.too_many", rest
	} else if rest, ok := after("expected array length >= "); ok {
		key, data["Min"] = "api.field.too_few", rest
	} else if rest, ok := after("expected number >= "); ok {
		key, data["Min"] = "api.field.minimum", rest
	} else if rest, ok := after("expected number <= "); ok {
		key, data["Max"] = "api.field.maximum", rest
	} else {
		switch msg {
		case validation.MsgUnexpectedProperty, "unknown query parameter":
			key = "api.field.unknown"
		case validation.MsgExpectedRFC3339DateTime, "invalid date/time for format date-time":
			key = "api.field.date_time"
		case validation.MsgExpectedRFC3339Date:
			key = "api.field.date"
		case validation.MsgExpectedString, validation.MsgExpectedNumber, validation.MsgExpectedInteger,
			validation.MsgExpectedBoolean, validation.MsgExpectedArray, validation.MsgExpectedObject:
			key, data["Type"] = "api.field.type", strings.TrimPrefix(msg, "expected ")
		case "invalid integer", "invalid float", "invalid boolean":
			key, data["Type"] = "api.field.type", strings.TrimPrefix(msg, "invalid ")
		}
	}
	if loc == "" {
		loc = "body"
	}
	return fieldProblem{Location: loc, Code: key, Message: l.T(key, data)}
}
