package border

import (
	"slices"
	"strconv"
)

// entry is one party as a snapshot holds it: the party, its status answer
// already encoded, and its verdict per direction for screening.
type entry struct {
	party Party
	body  []byte
	roles [2]roleEval // indexed by Direction.index
	pass  [2]rolePass // which of roles pass, so screening need not ask
}

// rolePass says which reasons of a roleEval are positive findings; an
// approval that is not required passes.
type rolePass struct {
	importer, importerApproval bool
	carrier, carrierApproval   bool
}

// passOf evaluates r's reasons once, at build time.
func passOf(r roleEval) rolePass {
	approval := func(x Reason) bool { return x == "" || x.passes() }
	return rolePass{importer: r.importer.passes(), importerApproval: approval(r.importerApproval),
		carrier: r.carrier.passes(), carrierApproval: approval(r.carrierApproval)}
}

// ambiguous is the sentinel stored under an identifier several parties
// claim; the claimants are listed in Snapshot.claims.
var ambiguous = &entry{}

// Shared bodies for identifiers that name no party, encoded once.
var (
	noneBody      = appendStatus(nil, &Status{Standing: None})
	ambiguousBody = appendStatus(nil, &Status{Standing: None, Ambiguous: true})
)

// newEntry evaluates p under rules and encodes its status answer.
func newEntry(p Party, rules *Rules) *entry {
	e := &entry{party: p}
	for i, d := range Directions() {
		dr, _ := rules.For(d)
		e.roles[i] = evalRoles(&e.party, d, dr)
		e.pass[i] = passOf(e.roles[i])
	}
	st := statusOf(&e.party, &e.roles)
	e.body = appendStatus(make([]byte, 0, 512), &st)
	return e
}

// statusOf builds the status answer of p. Slices are made non-nil where
// the answer always has a list, so the encoding matches encoding/json's.
func statusOf(p *Party, roles *[2]roleEval) Status {
	st := Status{Standing: summarize(p.Programs), Key: p.Key, Name: p.Name, FAST: p.FAST}
	for _, id := range p.Identifiers {
		st.Identifiers = append(st.Identifiers, StatusIdentifier{Kind: displayKind(id.Kind), Value: displayValue(id)})
	}
	for _, ps := range p.Programs {
		sectors := ps.Sectors
		if sectors == nil {
			sectors = []string{}
		}
		st.Programs = append(st.Programs, StatusProgram{Program: ps.Program, Standing: ps.Standing, Since: ps.Since, Sectors: sectors})
	}
	for i, d := range Directions() {
		r := roles[i]
		reasons := slices.DeleteFunc([]Reason{r.importer, r.importerApproval, r.carrier, r.carrierApproval},
			func(x Reason) bool { return x == "" })
		st.Eligibility = append(st.Eligibility, StatusEligibility{
			Direction: d,
			Importer:  r.importer.passes() && (r.importerApproval == "" || r.importerApproval.passes()),
			Carrier:   r.carrier.passes() && (r.carrierApproval == "" || r.carrierApproval.passes()),
			Reasons:   reasons,
		})
	}
	return st
}

// appendStatus appends st as JSON, in encoding/json's field order and
// omitempty rules.
func appendStatus(dst []byte, st *Status) []byte {
	dst = append(dst, `{"standing":`...)
	dst = appendString(dst, string(st.Standing))
	if st.Ambiguous {
		dst = append(dst, `,"ambiguous":true`...)
	}
	if st.Key != "" {
		dst = append(dst, `,"key":`...)
		dst = appendString(dst, st.Key)
	}
	if st.Name != "" {
		dst = append(dst, `,"name":`...)
		dst = appendString(dst, st.Name)
	}
	if len(st.Identifiers) > 0 {
		dst = append(dst, `,"identifiers":[`...)
		for i, id := range st.Identifiers {
			dst = appendSep(dst, i, `{"kind":`)
			dst = appendString(dst, id.Kind)
			dst = append(dst, `,"value":`...)
			dst = appendString(dst, id.Value)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = appendPrograms(dst, st.Programs)
	if len(st.FAST) > 0 {
		dst = append(dst, `,"fast":`...)
		dst = appendStrings(dst, st.FAST)
	}
	dst = appendEligibility(dst, st.Eligibility)
	return append(dst, '}')
}

// appendSep appends a comma before every element but the first, then open.
func appendSep(dst []byte, i int, open string) []byte {
	if i > 0 {
		dst = append(dst, ',')
	}
	return append(dst, open...)
}

// appendPrograms appends the "programs" member, omitted when empty.
func appendPrograms(dst []byte, programs []StatusProgram) []byte {
	if len(programs) > 0 {
		dst = append(dst, `,"programs":[`...)
		for i, ps := range programs {
			dst = appendSep(dst, i, `{"program":`)
			dst = appendString(dst, ps.Program)
			dst = append(dst, `,"standing":`...)
			dst = appendString(dst, string(ps.Standing))
			dst = append(dst, `,"since":`...)
			dst = appendTime(dst, ps.Since)
			dst = append(dst, `,"sectors":`...)
			dst = appendStrings(dst, ps.Sectors)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return dst
}

// appendEligibility appends the "eligibility" member, omitted when empty.
func appendEligibility(dst []byte, eligibility []StatusEligibility) []byte {
	if len(eligibility) > 0 {
		dst = append(dst, `,"eligibility":[`...)
		for i, el := range eligibility {
			dst = appendSep(dst, i, `{"direction":`)
			dst = appendString(dst, string(el.Direction))
			dst = append(dst, `,"importer":`...)
			dst = strconv.AppendBool(dst, el.Importer)
			dst = append(dst, `,"carrier":`...)
			dst = strconv.AppendBool(dst, el.Carrier)
			dst = append(dst, `,"reasons":`...)
			dst = appendStrings(dst, el.Reasons)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return dst
}
