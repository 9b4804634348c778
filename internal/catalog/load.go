package catalog

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed data
var dataFS embed.FS

// Framework is a partner program's criteria set that our criteria map to.
type Framework struct {
	ID      string   `yaml:"id" json:"id"`
	Name    Text     `yaml:"name" json:"name"`
	Targets []Target `yaml:"targets" json:"targets"`
}

// Target is one criterion or area of a partner framework.
type Target struct {
	ID   string `yaml:"id" json:"id"`
	Name Text   `yaml:"name" json:"name"`
}

// Correspondence places a criterion of the base version in a later one:
// carried over unchanged under its own ID (To empty), or replaced by a new
// criterion To with a relationship.
type Correspondence struct {
	From         string       `yaml:"from" json:"from"`
	Area         string       `yaml:"area,omitempty" json:"area,omitempty"`
	To           string       `yaml:"to,omitempty" json:"to,omitempty"`
	Relationship Relationship `yaml:"relationship,omitempty" json:"relationship,omitempty"`
}

// Version is one edition of the criteria.
type Version struct {
	ID             string           `yaml:"id" json:"id"`
	Title          Text             `yaml:"title" json:"title"`
	Effective      string           `yaml:"effective" json:"effective"`
	Base           string           `yaml:"base,omitempty" json:"base,omitempty"`
	Areas          []Area           `yaml:"areas" json:"areas"`
	Correspondence []Correspondence `yaml:"-" json:"correspondence,omitempty"`

	Criteria []*Criterion `yaml:"-" json:"criteria"`

	own        []*Criterion // criteria written in this version's folder
	byID       map[string]*Criterion
	questions  map[string]*Question
	qOrder     map[string]int         // question ID → position in the version, for show_if order
	also       map[string][]*Question // criterion ID → questions of other criteria that serve it
	byPart     map[string][]Section   // part → its sections, built once
	frameworks []Framework
}

// Catalog is every version, with the frameworks they reference.
type Catalog struct {
	Frameworks []Framework
	versions   []*Version
	problems   []string // found while assembling; Lint reports them
}

type areaFile struct {
	Area     string       `yaml:"area"`
	Criteria []*Criterion `yaml:"criteria"`
}

type correspondenceFile struct {
	Correspondence []Correspondence `yaml:"correspondence"`
}

type frameworksFile struct {
	Frameworks []Framework `yaml:"frameworks"`
}

// decode reads one YAML document strictly: an unknown field is an error, so
// a typo in the data never passes silently.
func decode(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("catalog: %s: %w", name, err)
	}
	return nil
}

// Load reads the embedded catalog and assembles every version. It fails on
// data that cannot be read; Lint reports data that reads but is wrong.
func Load() (*Catalog, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadFS reads a catalog laid out like the embedded one (frameworks.yaml and
// one folder per version); tests use it with small catalogs of their own.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{}
	var ff frameworksFile
	if err := decode(fsys, "frameworks.yaml", &ff); err != nil {
		return nil, err
	}
	c.Frameworks = ff.Frameworks
	dirs, err := fs.Glob(fsys, "*/version.yaml")
	if err != nil {
		return nil, err
	}
	for _, vf := range dirs {
		v, err := loadVersion(fsys, path.Dir(vf))
		if err != nil {
			return nil, err
		}
		v.frameworks = c.Frameworks
		c.versions = append(c.versions, v)
	}
	sort.Slice(c.versions, func(i, j int) bool { return c.versions[i].Effective < c.versions[j].Effective })
	for _, v := range c.versions {
		if err := c.assemble(v); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func loadVersion(fsys fs.FS, dir string) (*Version, error) {
	v := &Version{}
	if err := decode(fsys, dir+"/version.yaml", v); err != nil {
		return nil, err
	}
	if _, err := time.Parse(time.DateOnly, v.Effective); err != nil {
		return nil, fmt.Errorf("catalog: %s: effective date %q: %w", dir, v.Effective, err)
	}
	files, err := fs.Glob(fsys, dir+"/*.yaml")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		switch path.Base(f) {
		case "version.yaml":
		case "correspondence.yaml":
			var cf correspondenceFile
			if err := decode(fsys, f, &cf); err != nil {
				return nil, err
			}
			v.Correspondence = cf.Correspondence
		default:
			var af areaFile
			if err := decode(fsys, f, &af); err != nil {
				return nil, err
			}
			for _, cr := range af.Criteria {
				cr.Area = af.Area
			}
			v.own = append(v.own, af.Criteria...)
		}
	}
	return v, nil
}

// assemble puts together a version's criteria: those of its base that it
// carries over (copied, placed in their new area), then its own, in the
// order of its areas.
func (c *Catalog) assemble(v *Version) error {
	all := slices.Clone(v.own)
	if v.Base != "" {
		base, err := c.Version(v.Base)
		if err != nil {
			return fmt.Errorf("catalog: version %s: base: %w", v.ID, err)
		}
		for _, corr := range v.Correspondence {
			if corr.To != "" {
				continue
			}
			src := base.byID[corr.From]
			if src == nil {
				c.problems = append(c.problems, fmt.Sprintf("version %s: correspondence names %s, which version %s lacks", v.ID, corr.From, base.ID))
				continue
			}
			all = append(all, copyCriterion(src, corr.Area))
		}
	}
	areaIndex := map[string]int{}
	for i, a := range v.Areas {
		areaIndex[a.ID] = i
	}
	sort.SliceStable(all, func(i, j int) bool { return areaIndex[all[i].Area] < areaIndex[all[j].Area] })
	v.Criteria = all
	v.index()
	return nil
}

func copyCriterion(src *Criterion, area string) *Criterion {
	cp := *src
	cp.Area = area
	cp.Questions = slices.Clone(src.Questions)
	for i := range cp.Questions {
		cp.Questions[i].criteria, cp.Questions[i].cond = nil, nil
	}
	return &cp
}

// index builds the lookups and links every question to the criteria it
// serves.
func (v *Version) index() {
	v.byID = map[string]*Criterion{}
	v.questions = map[string]*Question{}
	v.qOrder = map[string]int{}
	v.also = map[string][]*Question{}
	v.byPart = map[string][]Section{}
	for _, cr := range v.Criteria {
		if _, dup := v.byID[cr.ID]; !dup {
			v.byID[cr.ID] = cr
		}
	}
	n := 0
	for _, cr := range v.Criteria {
		for i := range cr.Questions {
			q := &cr.Questions[i]
			if _, dup := v.questions[q.ID]; dup {
				continue
			}
			v.questions[q.ID] = q
			v.qOrder[q.ID] = n
			n++
			q.criteria = []*Criterion{cr}
			if q.ShowIf != nil {
				q.cond = v.questions[q.ShowIf.Question] // earlier questions only: lint checks the order
			}
			for _, id := range q.Also {
				if other := v.byID[id]; other != nil {
					q.criteria = append(q.criteria, other)
					v.also[id] = append(v.also[id], q)
				}
			}
		}
	}
	parts := []string{GenericPart}
	for _, cr := range v.Criteria {
		for _, s := range cr.Sectors {
			if !slices.Contains(parts, s) {
				parts = append(parts, s)
			}
		}
	}
	for _, p := range parts {
		v.byPart[p] = v.partSections(p)
	}
}

// Versions lists the versions, oldest first.
func (c *Catalog) Versions() []*Version { return slices.Clone(c.versions) }

// Version returns one version by ID.
func (c *Catalog) Version(id string) (*Version, error) {
	for _, v := range c.versions {
		if v.ID == id {
			return v, nil
		}
	}
	return nil, fmt.Errorf("catalog: no version %q", id)
}

// DefaultVersion is the version new Security Profiles are answered against.
const DefaultVersion = "2008"

// Criterion returns a criterion of the version.
func (v *Version) Criterion(id string) (*Criterion, bool) {
	c, ok := v.byID[id]
	return c, ok
}

// Question returns a question of the version.
func (v *Version) Question(id string) (*Question, bool) {
	q, ok := v.questions[id]
	return q, ok
}

// Area returns one of the version's areas.
func (v *Version) Area(id string) (Area, bool) {
	for _, a := range v.Areas {
		if a.ID == id {
			return a, true
		}
	}
	return Area{}, false
}

// Criteria returns the criteria the question serves.
func (q *Question) Criteria() []*Criterion { return q.criteria }

// appliesTo reports whether the criterion is part of a profile part:
// "generic" or a sector.
func (c *Criterion) appliesTo(part string) bool {
	if part == GenericPart {
		return c.Generic()
	}
	return slices.Contains(c.Sectors, part)
}

func (t Text) complete() bool { return strings.TrimSpace(t.EN) != "" && strings.TrimSpace(t.FR) != "" }

func (t Text) empty() bool { return strings.TrimSpace(t.EN) == "" && strings.TrimSpace(t.FR) == "" }
