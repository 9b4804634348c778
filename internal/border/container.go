package border

import (
	"strings"

	"trustlane/internal/ident"
)

// Container numbers are checked on every shipment, and ident.CheckContainer
// returns the number cleaned into a new string: one allocation per line for
// a result screening throws away. containerReason checks a well-formed
// number on a stack buffer and leaves every failure to ident, so the
// verdicts are ident's by construction (TestContainerReasonMatchesIdent).

// containerLen is the length of an ISO 6346 number without separators.
const containerLen = 11

// containerReason returns the finding for a non-blank container number.
func containerReason(container string) Reason {
	if containerValid(container) {
		return ContainerValid
	}
	if _, err := ident.CheckContainer(container); err != nil {
		return containerFailure(err)
	}
	return ContainerValid
}

// containerValid reports whether container is a valid ISO 6346 number under
// ident's rules: spaces and hyphens dropped, ASCII case ignored, four
// letters (the fourth a category U, J, Z or R), six digits and the check
// digit. False means "ask ident", not necessarily invalid.
func containerValid(container string) bool {
	s := strings.TrimSpace(container)
	var n [containerLen]byte
	k := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '-':
			continue
		case k == containerLen:
			return false
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		}
		n[k] = c
		k++
	}
	if k != containerLen || strings.IndexByte("UJZR", n[3]) < 0 {
		return false
	}
	sum := 0
	for i, c := range n[:10] {
		switch {
		case i < 4 && 'A' <= c && c <= 'Z':
			v := int(c-'A') + 10
			sum += (v + (v-1)/10) << i
		case i >= 4 && '0' <= c && c <= '9':
			sum += int(c-'0') << i
		default:
			return false
		}
	}
	return '0' <= n[10] && n[10] <= '9' && int(n[10]-'0') == sum%11%10
}
