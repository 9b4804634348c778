package catalog

// Carrying a result across the crosswalk. A relationship is always stated
// from our criterion's side: subset means our criterion is narrower than
// their target, superset that ours is broader. Whether a result carries
// depends on which way it travels:
//
//   - OursToTheirs (coverage: does meeting our criterion meet their
//     target?): equal and superset carry fully, because ours asks at least
//     as much; subset and intersect carry only partly.
//   - TheirsToOurs (pre-filling our checklist from a partner's validation:
//     does meeting their target meet our criterion?): the relationship is
//     read from their side, so equal and subset carry fully (their target
//     asks at least as much as our narrower criterion); superset and
//     intersect carry only partly.
//
// A partial carry is never a result: it is a pointer for the validator,
// who still has to find on the item.

// Direction is which way a result travels across a mapping.
type Direction string

// The directions.
const (
	OursToTheirs Direction = "ours_to_theirs"
	TheirsToOurs Direction = "theirs_to_ours"
)

// Carry is how much of a result travels across a mapping.
type Carry string

// The carries.
const (
	CarryFull    Carry = "full"
	CarryPartial Carry = "partial"
	CarryNone    Carry = "none"
)

// Carries says how much of a result travels across a mapping of the
// relationship rel (stated from our side) in the direction d. An unknown
// relationship or direction carries nothing.
func Carries(rel Relationship, d Direction) Carry {
	switch d {
	case OursToTheirs:
		switch rel {
		case Equal, Superset:
			return CarryFull
		case Subset, Intersect:
			return CarryPartial
		}
	case TheirsToOurs:
		switch rel {
		case Equal, Subset:
			return CarryFull
		case Superset, Intersect:
			return CarryPartial
		}
	}
	return CarryNone
}

// CarryFrom sorts a criterion's references to one framework by how a
// partner's validated result carries to the criterion: full first (any one
// of them is enough to pre-fill the item), then partial ones (a note only).
func (c *Criterion) CarryFrom(framework string) (full, partial []Ref) {
	for _, r := range c.Refs {
		if r.Framework != framework {
			continue
		}
		switch Carries(r.Relationship, TheirsToOurs) {
		case CarryFull:
			full = append(full, r)
		case CarryPartial:
			partial = append(partial, r)
		}
	}
	return full, partial
}
