package document

import (
	"fmt"

	"trustlane/internal/catalog"
)

// CatalogOSCAL exports one version in one language as an OSCAL 1.0.6
// catalog: an area is a group, a criterion a control (its ID lower-cased,
// the same in both languages), its requirement the statement, with the
// guidance, the evidence expected and the questions as parts. Crosswalk
// references are links to back-matter resources naming the partner's
// target, with the NIST crosswalk relationship as the link's rel (and props
// for tools that read only props). Partner administrations load it into
// their own compliance tools for mutual recognition.
func CatalogOSCAL(v *catalog.Version, frameworks []catalog.Framework, lang string) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("catalog oscal %s %s: %w", v.ID, lang, err)
		}
	}()
	targets := newTargetIndex(frameworks)
	cat := oscalCatalog{
		UUID:     catalogUUID(v, lang),
		Metadata: versionMetadata(v, v.Title.In(lang), lang),
	}
	replaces := map[string][]catalog.Correspondence{}
	for _, corr := range v.Correspondence {
		if corr.To != "" {
			replaces[corr.To] = append(replaces[corr.To], corr)
		}
	}
	for _, a := range v.Areas {
		g := oscalGroup{ID: a.ID, Title: a.Title.In(lang)}
		if intro := a.Intro.In(lang); intro != "" {
			g.Parts = []oscalPart{{ID: a.ID + "_ovw", Name: "overview", Prose: intro}}
		}
		for _, cr := range v.Criteria {
			if cr.Area == a.ID {
				g.Controls = append(g.Controls, control(cr, lang, targets, replaces[cr.ID]))
			}
		}
		cat.Groups = append(cat.Groups, g)
	}
	if res := targets.resources(lang); len(res) > 0 {
		cat.BackMatter = &oscalBackMatter{Resources: res}
	}
	return indent(oscalCatalogDoc{Catalog: cat})
}

// catalogUUID names one version's catalog in one language; a profile
// derives its own from it.
func catalogUUID(v *catalog.Version, lang string) string { return nameUUID("catalog", v.ID, lang) }

// CatalogFileName is the name a catalog export is saved under, which the
// profiles' imports refer to.
func CatalogFileName(versionID, lang string) string {
	return fmt.Sprintf("catalog-%s-%s.json", versionID, lang)
}

func versionMetadata(v *catalog.Version, title, lang string) oscalMetadata {
	m := oscalMetadata{Title: title, Published: oscalDate(v.Effective), LastModified: oscalDate(v.Effective),
		Version: v.ID, OSCALVersion: OSCALVersion}
	m.Props = append(prop("language", lang), prop("base-version", v.Base)...)
	return m
}

// control renders one criterion.
func control(cr *catalog.Criterion, lang string, targets *targetIndex, replaces []catalog.Correspondence) oscalControl {
	id := controlID(cr.ID)
	c := oscalControl{ID: id, Class: string(cr.Level), Title: cr.Title.In(lang)}
	c.Props = append(c.Props, oscalProp{Name: "label", Value: cr.ID})
	c.Props = append(c.Props, prop("level", string(cr.Level))...)
	if cr.Generic() {
		c.Props = append(c.Props, prop("sector", catalog.GenericPart)...)
	}
	for _, s := range cr.Sectors {
		c.Props = append(c.Props, prop("sector", s)...)
	}
	for _, ref := range cr.Refs {
		p := prop("crosswalk", ref.Framework+" "+ref.Target)
		for i := range p {
			p[i].Class = string(ref.Relationship)
		}
		c.Props = append(c.Props, p...)
		c.Links = append(c.Links, oscalLink{Href: "#" + targets.use(ref.Framework, ref.Target),
			Rel: string(ref.Relationship), Text: targets.text(ref.Framework, ref.Target, lang)})
	}
	for _, corr := range replaces {
		p := prop("replaces", corr.From)
		for i := range p {
			p[i].Class = string(corr.Relationship)
		}
		c.Props = append(c.Props, p...)
	}
	c.Parts = append(c.Parts, prosePart(id+"_smt", "statement", "", cr.Requirement.In(lang))...)
	c.Parts = append(c.Parts, prosePart(id+"_gdn", "guidance", "", cr.Guidance.In(lang))...)
	if ev := cr.EvidenceExp.In(lang); ev != "" {
		c.Parts = append(c.Parts, oscalPart{ID: id + "_asm-examine", Name: "assessment-method",
			Props: []oscalProp{{Name: "method", Value: "EXAMINE"}},
			Parts: []oscalPart{{Name: "assessment-objects", Prose: ev}}})
	}
	for i := range cr.Questions {
		c.Parts = append(c.Parts, questionPart(&cr.Questions[i], lang))
	}
	return c
}

// prosePart is a part with text, or none when the text is empty.
func prosePart(id, name, ns, prose string) []oscalPart {
	if prose == "" {
		return nil
	}
	return []oscalPart{{ID: id, Name: name, NS: ns, Prose: prose}}
}
