package partner

import (
	"slices"
	"strings"
)

// NameSimilarity compares two name keys (see NameKey) from 0 to 1: 1 when
// they are equal, else the better of two measures, so both a typo and a
// reordering score high:
//   - the Dice coefficient of their character trigrams (a typo changes at
//     most three trigrams of a word, so a long name stays close);
//   - the same over the keys with their words sorted (word order differs
//     between registers: "Freight Maple" and "Maple Freight").
func NameSimilarity(a, b string) float64 {
	if a == b {
		return 1
	}
	if a == "" || b == "" {
		return 0
	}
	s := dice(trigrams(a), trigrams(b))
	return max(s, dice(trigrams(sortWords(a)), trigrams(sortWords(b))))
}

func sortWords(s string) string {
	w := strings.Fields(s)
	slices.Sort(w)
	return strings.Join(w, " ")
}

// trigrams counts the character trigrams of s padded with two spaces in
// front and one behind, as PostgreSQL's pg_trgm does per word.
func trigrams(s string) map[string]int {
	r := []rune("  " + s + " ")
	out := make(map[string]int, len(r))
	for i := 0; i+3 <= len(r); i++ {
		out[string(r[i:i+3])]++
	}
	return out
}

func dice(a, b map[string]int) float64 {
	var shared, total int
	for g, n := range a {
		shared += min(n, b[g])
		total += n
	}
	for _, n := range b {
		total += n
	}
	if total == 0 {
		return 0
	}
	return 2 * float64(shared) / float64(total)
}
