package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"trustlane/internal/program"
)

// A site validation shared with a partner program: the scheduling form's
// mode and partner fields, and how the checklist shows the items a
// partner's result pre-filled.

// ocSharingChoices fills the scheduling form's modes and the partner
// programs whose arrangement is in force.
func (h *Handler) ocSharingChoices(r *http.Request, rq *request, d *ocCaseData) error {
	partners, err := h.off.SharingPartners(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	for _, p := range partners {
		d.Partners = append(d.Partners, option{Value: p.Code, Label: p.Name.In(rq.L.Lang()) + " (" + p.Code + ")"})
	}
	for _, m := range program.ValidationModes() {
		d.Modes = append(d.Modes, option{Value: string(m), Label: "crosswalk.mode." + string(m)})
	}
	return nil
}

// ocSharingOf reads the form's mode and partner fields. The partner's
// validators come one per line; the date only matters to a relied-on
// validation, and an unreadable one is an error.
func ocSharingOf(f url.Values, loc *time.Location) (program.Sharing, error) {
	s := program.Sharing{Mode: program.ValidationMode(f.Get("mode")), PartnerCode: f.Get("partner"),
		PartnerRef:        f.Get("partner_ref"),
		PartnerValidators: strings.Split(strings.ReplaceAll(f.Get("partner_validators"), "\r\n", "\n"), "\n")}
	if s.Mode != program.ModeRelied || strings.TrimSpace(f.Get("partner_validated_on")) == "" {
		return s, nil
	}
	on, err := ocParseDate(f.Get("partner_validated_on"), loc)
	if err != nil {
		return s, err
	}
	s.PartnerValidatedOn = on
	return s, nil
}

// ocPrefillOf describes a checklist item's pre-fill for the page: the
// partner and target it came from, whether it still waits for a
// validator's confirmation, and the targets that carry only partly.
func ocPrefillOf(it program.CheckItem) (from string, pending bool, partly string) {
	if p := it.Prefill; p != nil {
		from, pending = p.Partner+" "+p.Target, !p.Confirmed()
	}
	return from, pending, strings.Join(it.PartlyFrom, ", ")
}
