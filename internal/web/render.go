package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"text/template/parse"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
)

// view is what every template receives.
type view struct {
	L      *i18n.Localizer
	Title  string // localized page title, without the error prefix
	Path   string // the current URL, for the language toggle
	User   *auth.User
	Actor  auth.Actor
	Flash  string
	Errors *formErrors
	Form   url.Values
	Data   any
	CSS    string
	JS     string // the hashed URL of the portal's script
	// Nav marks the active section of the header: "app", "office", "account".
	Nav string
	rq  *request
}

// Err returns the translated error of a field, or "".
func (v *view) Err(field string) string {
	if v.Errors == nil {
		return ""
	}
	return v.Errors.byField[field]
}

// Val returns the submitted value of a field, so a form shown again after
// an error keeps every answer.
func (v *view) Val(field string) string { return v.Form.Get(field) }

// Vals returns every submitted value of a field (checkboxes).
func (v *view) Vals(field string) []string { return v.Form[field] }

// Checked reports whether value was submitted for field.
func (v *view) Checked(field, value string) bool {
	for _, x := range v.Form[field] {
		if x == value {
			return true
		}
	}
	return false
}

// StaffCan reports whether the signed-in staff member's role allows an
// action (an auth.Action name), so the navigation offers only the screens
// the office would open for them.
func (v *view) StaffCan(action string) bool {
	return v.User != nil && v.Actor.IsStaff() && v.Actor.Allows(v.Actor.Staff, auth.Action(action))
}

// Date and DateTime show a stored UTC time in the program's time zone.
func (v *view) Date(t any) string     { return v.L.Date(asTime(t).In(v.rq.loc)) }
func (v *view) DateTime(t any) string { return v.L.DateTime(asTime(t).In(v.rq.loc)) }

// DaysLeft says how many days remain until t, counted on the program's
// calendar like the date shown beside it: "today", "in 3 days".
func (v *view) DaysLeft(t any) string { return v.rq.daysLeft(asTime(t)) }

func asTime(t any) time.Time {
	switch t := t.(type) {
	case time.Time:
		return t
	case *time.Time:
		if t != nil {
			return *t
		}
	}
	return time.Time{}
}

// newView starts a view for a page with a title key.
func (h *Handler) newView(r *http.Request, rq *request, titleKey string) *view {
	v := &view{L: rq.L, Path: r.URL.RequestURI(), CSS: h.css.url, JS: script.url, Form: url.Values{}, rq: rq}
	if titleKey != "" {
		v.Title = rq.L.T(titleKey)
	}
	if rq.Session != nil && !rq.Session.MFAPending {
		u := rq.Session.User
		v.User, v.Actor = &u, rq.Session.Actor
	}
	if rq.Flash != "" {
		v.Flash = rq.L.T(rq.Flash)
	}
	return v
}

// render writes a page. Rendering goes to a buffer first, so a template
// error becomes a clean error page rather than half a page.
func (h *Handler) render(w http.ResponseWriter, status int, name string, v *view) error {
	t, ok := h.pages[name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", v.L.Lang())
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// renderError shows a friendly error page in the reader's language.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	code := errs.CodeOf(err)
	status := errs.Status(code)
	key := "error.internal"
	if e, ok := errs.As(err); ok && code != errs.Internal && e.Key != "" {
		key = e.Key
	}
	if code == errs.Internal {
		h.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	v := h.newView(r, rq, "errorpage."+strings.ReplaceAll(string(code), "_", ""))
	v.Data = map[string]any{"Message": rq.L.T(key), "Status": status}
	if rerr := h.render(w, status, "error", v); rerr != nil {
		h.log.Error("render error page", "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

// templateFuncs are the helpers every template may call.
var templateFuncs = template.FuncMap{
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"fieldID":    func(name string) string { return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(name) },
	"str":        func(v any) string { return fmt.Sprint(v) },
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"pathEscape": url.PathEscape,
}

// parseTemplates builds one template set per page: the layout and the
// shared partials, plus the page. It fails start-up if a page is missing or a
// message key written in a template is not in the catalog.
func (h *Handler) parseTemplates() (map[string]*template.Template, error) {
	base, err := template.New("base").Funcs(templateFuncs).ParseFS(assets, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	files, err := fs.Glob(assets, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		t, err := template.Must(base.Clone()).ParseFS(assets, f)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	for name, t := range pages {
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			for _, key := range messageKeys(tt.Tree.Root) {
				if !h.i18n.Has(key) {
					return nil, fmt.Errorf("templates: page %s (%s) uses message %q, which is not in the catalog", name, tt.Name(), key)
				}
			}
		}
	}
	return pages, nil
}

// messageKeys finds the literal keys passed to .L.T and .L.N in a template.
func messageKeys(n parse.Node) []string {
	var keys []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for i, a := range n.Args {
				if f, ok := a.(*parse.FieldNode); ok && len(f.Ident) == 2 && f.Ident[0] == "L" &&
					(f.Ident[1] == "T" || f.Ident[1] == "N") && i+1 < len(n.Args) {
					if s, ok := n.Args[i+1].(*parse.StringNode); ok {
						keys = append(keys, s.Text)
					}
				}
				walk(a)
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	walk(n)
	return keys
}
