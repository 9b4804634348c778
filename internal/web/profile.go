package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"trustlane/internal/catalog"
	"trustlane/internal/office"
)

// routesProfile registers the Security Profile pages of a company: the task
// list, one page per section, the gap list and the evidence files. Staff
// will get a read-only variant under /office.
func (h *Handler) routesProfile() {
	h.needPages("profile-tasks", "profile-section", "profile-gaps", "profile-evidence-remove")
	base := "/app/orgs/{org}/profile"
	h.mux.Handle("GET "+base, h.page(h.profileTasks))
	h.mux.Handle("GET "+base+"/gaps", h.page(h.profileGaps))
	h.mux.Handle("GET "+base+"/{part}/{area}", h.page(h.profileSection))
	h.mux.Handle("POST "+base+"/{part}/{area}", h.page(h.profileSectionSave))
	h.mux.Handle("POST "+base+"/{part}/{area}/evidence", h.pageLimit(h.profileEvidenceUpload, maxUploadBody))
	h.mux.Handle("GET "+base+"/evidence/{id}", h.page(h.profileEvidenceDownload))
	h.mux.Handle("GET "+base+"/evidence/{id}/remove", h.page(h.profileEvidenceRemoveForm))
	h.mux.Handle("POST "+base+"/evidence/{id}/remove", h.page(h.profileEvidenceRemove))
	h.routesProfileXLSX()
	// Staff read the same pages under /office; the office refuses them any
	// change, and the pages offer none.
	staff := "/office/orgs/{org}/profile"
	h.mux.Handle("GET "+staff, h.page(h.profileTasks))
	h.mux.Handle("GET "+staff+"/gaps", h.page(h.profileGaps))
	h.mux.Handle("GET "+staff+"/{part}/{area}", h.page(h.profileSection))
	h.mux.Handle("GET "+staff+"/evidence/{id}", h.page(h.profileEvidenceDownload))
	h.mux.Handle("GET "+staff+"/export.xlsx", h.page(h.profileExport))
}

// profileHead is what every profile page knows: the company, the viewer's
// role, and the profile with its assessment, loaded in one office call.
type profileHead struct {
	orgHead
	P *office.ProfileView
}

// ProfileBase is the profile's URL, the prefix of every profile page.
func (p profileHead) ProfileBase() string { return p.Base() + "/profile" }

// Editable reports whether the viewer may change answers and evidence.
func (p profileHead) Editable() bool { return p.Can("profile.edit") }

// sectionURL is the page of one section.
func (p profileHead) sectionURL(part, area string) string {
	return p.ProfileBase() + "/" + part + "/" + area
}

// questionURL is the place of a question on its section's page.
func (p profileHead) questionURL(part, questionID string) string {
	q, ok := p.P.Version.Question(questionID)
	if !ok {
		return p.ProfileBase()
	}
	return p.sectionURL(part, q.Criteria()[0].Area) + "#q-" + questionID
}

// loadProfile opens a profile page: a signed-in company user who belongs
// to the organization in the path (anyone else gets the 404 page), or
// program staff under /office. Each is sent to their own side's URL.
func (h *Handler) loadProfile(r *http.Request, rq *request) (profileHead, error) {
	if err := requireUser(rq); err != nil {
		return profileHead{}, err
	}
	staff, onOffice := rq.Session.User.Staff.IsStaff(), strings.HasPrefix(r.URL.Path, "/office/")
	if staff != onOffice {
		to := strings.Replace(r.URL.Path, "/app/", "/office/", 1)
		if onOffice {
			to = strings.Replace(r.URL.Path, "/office/", "/app/", 1)
		}
		return profileHead{}, redirect(to)
	}
	p, err := h.off.Profile(r.Context(), rq.Actor(), r.PathValue("org"))
	if err != nil {
		return profileHead{}, err
	}
	head := orgHead{Org: p.Org, Role: p.Role, UserID: rq.Actor().UserID, Now: rq.Now, Staff: staff}
	return profileHead{orgHead: head, P: p}, nil
}

// partTitle names a part of the profile in the reader's language: "General"
// for the generic part, else the sector's name.
func partTitle(rq *request, part string) string {
	if part == catalog.GenericPart {
		return rq.L.T("profile.part.generic")
	}
	return rq.L.T("sector." + part)
}

// statusTag is the colour of a section's status tag.
func statusTag(status string) string {
	switch status {
	case "complete":
		return "tag--green"
	case "in_progress":
		return "tag--yellow"
	case "needs_attention":
		return "tag--red"
	}
	return "tag--grey"
}

// taskRow is one section in the task list.
type taskRow struct {
	URL, Title, Status, Tag string
	Done, Required          int
}

// taskPart is one part of the profile with its sections.
type taskPart struct {
	ID, Title string
	Sections  []taskRow
}

// taskData is the task list: where the profile stands and what is left.
type taskData struct {
	profileHead
	Parts        []taskPart
	Continue     string // the first section not complete, or ""
	Gaps, Advice int
	Percent      int
	Done, Total  int
	Ready        bool
	Version      string // the catalog version's title
	VersionID    string
	Effective    time.Time
	Saved        time.Time // zero until the first save
	Imported     int       // answers changed by the workbook just imported, or -1
}

func (h *Handler) profileTasks(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadProfile(r, rq)
	if err != nil {
		return err
	}
	a := &head.P.Assessment
	d := taskData{profileHead: head, Gaps: len(a.Gaps), Advice: len(a.Recommendations), Percent: a.Percent(),
		Done: a.Done, Total: a.Required, Ready: a.Ready(), Version: head.P.Version.Title.In(rq.L.Lang()),
		VersionID: head.P.Version.ID}
	d.Effective, _ = time.Parse(time.DateOnly, head.P.Version.Effective)
	if head.P.Record.Revision > 0 {
		d.Saved = head.P.Record.UpdatedAt
	}
	d.Parts, d.Continue = h.taskParts(rq, head)
	d.Imported = -1
	if n, err := strconv.Atoi(r.URL.Query().Get("imported")); err == nil && n >= 0 {
		d.Imported = n
	}
	v := h.companyView(r, rq, "profile.tasks.title")
	v.Data = d
	return h.render(w, http.StatusOK, "profile-tasks", v)
}

// taskParts lays out the sections by part, in the order the assessment
// lists them, and finds the first one left to do.
func (h *Handler) taskParts(rq *request, head profileHead) ([]taskPart, string) {
	var parts []taskPart
	next := ""
	for _, s := range head.P.Assessment.Sections {
		if len(parts) == 0 || parts[len(parts)-1].ID != s.Part {
			parts = append(parts, taskPart{ID: s.Part, Title: partTitle(rq, s.Part)})
		}
		area, _ := head.P.Version.Area(s.Area)
		row := taskRow{URL: head.sectionURL(s.Part, s.Area), Title: area.Title.In(rq.L.Lang()), Status: s.Status(),
			Done: s.Done, Required: s.Required}
		row.Tag = statusTag(row.Status)
		if next == "" && row.Status != "complete" {
			next = row.URL
		}
		parts[len(parts)-1].Sections = append(parts[len(parts)-1].Sections, row)
	}
	return parts, next
}

// nextSection is where "Save and continue" goes after saving part/area: the
// next section not complete after it, then the first one before it, or the
// task list when every other section is complete.
func nextSection(head profileHead, part, area string) string {
	secs := head.P.Assessment.Sections
	cur := -1
	for i, s := range secs {
		if s.Part == part && s.Area == area {
			cur = i
		}
	}
	for i := 1; i <= len(secs); i++ {
		s := secs[(cur+i+len(secs))%len(secs)]
		if (s.Part != part || s.Area != area) && s.Status() != "complete" {
			return head.sectionURL(s.Part, s.Area)
		}
	}
	return head.ProfileBase()
}

// profileSummary is the Security Profile's line on the company dashboard.
type profileSummary struct {
	Status, Tag string
	Percent     int
	Gaps        int
	Continue    string
}

// profileSummary sums up the profile for the dashboard: overall status
// (the task-list status of the profile as a whole), completeness and the
// number of unmet requirements.
func (h *Handler) profileSummary(r *http.Request, rq *request, head orgHead) (profileSummary, error) {
	p, err := h.off.Profile(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return profileSummary{}, err
	}
	a := &p.Assessment
	s := profileSummary{Percent: a.Percent(), Gaps: len(a.Gaps)}
	s.Status = catalog.SectionResult{Required: a.Required, Done: a.Done, Gaps: len(a.Gaps)}.Status()
	s.Tag = statusTag(s.Status)
	return s, nil
}
