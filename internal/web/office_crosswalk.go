package web

import (
	"net/http"
	"net/url"
	"strconv"

	"trustlane/internal/catalog"
	"trustlane/internal/document"
	"trustlane/internal/errs"
)

// The criteria crosswalk for program staff: for each partner framework the
// coverage of its targets by our criteria, with the criteria and
// relationships behind each, and the JSON and XLSX exports. The portal has
// no public catalog pages, so these live under /office.

// errCrosswalkUnknown answers a framework or version the catalog lacks.
var errCrosswalkUnknown = errs.E(errs.NotFound, "error.crosswalk.unknown", "the catalog has no such framework or version")

func (h *Handler) routesCrosswalk() {
	h.needPages("staff-crosswalk", "staff-crosswalk-framework")
	h.mux.Handle("GET /office/crosswalk", h.page(h.ocCrosswalk))
	h.mux.Handle("GET /office/crosswalk/{framework}", h.page(h.ocCrosswalkFramework))
	h.mux.Handle("GET /office/crosswalk/{framework}/export", h.page(h.ocCrosswalkExport))
}

// ocCrosswalkData is either page: the version shown, the versions to
// switch to, and the frameworks' crosswalks (one on a framework's page).
type ocCrosswalkData struct {
	Version          string
	Versions         []string
	Crosswalk        catalog.Crosswalk
	JSONURL, XLSXURL string // the downloads of what the page shows
}

// ocCrosswalkOf reads the version from the query (the default when
// absent) and builds its crosswalk to one framework or all.
func (h *Handler) ocCrosswalkOf(r *http.Request, rq *request, framework string) (ocCrosswalkData, *catalog.Catalog, *catalog.Version, error) {
	if err := ocRequireStaff(rq); err != nil {
		return ocCrosswalkData{}, nil, nil, err
	}
	cat := h.off.Catalog()
	id := r.URL.Query().Get("version")
	if id == "" {
		id = h.off.DefaultCatalogVersion()
	}
	v, err := cat.Version(id)
	if err != nil {
		return ocCrosswalkData{}, nil, nil, errCrosswalkUnknown
	}
	cw, err := v.Crosswalk(cat.Frameworks, framework)
	if err != nil {
		return ocCrosswalkData{}, nil, nil, errCrosswalkUnknown
	}
	which := framework
	if which == "" {
		which = "all"
	}
	d := ocCrosswalkData{Version: v.ID, Crosswalk: cw, JSONURL: crosswalkExportURL(which, v.ID, "json"),
		XLSXURL: crosswalkExportURL(which, v.ID, "xlsx")}
	for _, ver := range cat.Versions() {
		d.Versions = append(d.Versions, ver.ID)
	}
	return d, cat, v, nil
}

func (h *Handler) ocCrosswalk(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, _, _, err := h.ocCrosswalkOf(r, rq, "")
	if err != nil {
		return err
	}
	view := h.ocView(r, rq, "")
	view.Title = rq.L.T("crosswalk.title")
	view.Nav, view.Data = "crosswalk", d
	return h.render(w, http.StatusOK, "staff-crosswalk", view)
}

func (h *Handler) ocCrosswalkFramework(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, _, _, err := h.ocCrosswalkOf(r, rq, r.PathValue("framework"))
	if err != nil {
		return err
	}
	view := h.ocView(r, rq, "")
	view.Title = rq.L.T("crosswalk.framework_title", map[string]any{"Name": d.Crosswalk.Frameworks[0].Framework.Name.In(rq.L.Lang())})
	view.Nav, view.Data = "crosswalk", d
	return h.render(w, http.StatusOK, "staff-crosswalk-framework", view)
}

// ocCrosswalkExport sends one framework's crosswalk ("all" for every one)
// as JSON or a workbook.
func (h *Handler) ocCrosswalkExport(w http.ResponseWriter, r *http.Request, rq *request) error {
	fw := r.PathValue("framework")
	if fw == "all" {
		fw = ""
	}
	_, cat, v, err := h.ocCrosswalkOf(r, rq, fw)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	var data []byte
	ctype := "application/json"
	switch format {
	case "xlsx":
		data, err = document.CrosswalkXLSX(cat, v, fw)
		ctype = xlsxType
	case "json", "":
		format = "json"
		data, err = document.CrosswalkJSON(cat, v, fw)
	default:
		return errCrosswalkUnknown
	}
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", "attachment; filename*=UTF-8''"+encodeFilename(document.CrosswalkFileName(v.ID, fw, format)))
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	hd.Set("X-Content-Type-Options", "nosniff")
	_, err = w.Write(data)
	return err
}

// crosswalkExportURL is the address of an export, for the download links.
func crosswalkExportURL(framework, version, format string) string {
	return "/office/crosswalk/" + url.PathEscape(framework) + "/export?" + url.Values{"version": {version}, "format": {format}}.Encode()
}
