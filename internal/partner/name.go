package partner

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// legalForms are the words of legal forms that different registers write
// differently or leave out ("Inc." or "Incorporated", "S.A. de C.V."), so a
// name matches whatever form its holder wrote. They are compared after
// punctuation is gone, so "S.A." is "s a" and "Co." is "co".
var legalForms = map[string]bool{
	"inc": true, "incorporated": true, "incorporee": true, "corp": true, "corporation": true, "co": true, "company": true,
	"ltd": true, "limited": true, "ltee": true, "limitee": true, "llc": true, "llp": true, "lp": true, "plc": true,
	"gmbh": true, "ag": true, "kg": true, "bv": true, "nv": true, "sarl": true, "sas": true, "spa": true, "srl": true,
	"sa": true, "de": true, "cv": true, "rl": true, "kk": true, "pty": true, "pte": true, "ulc": true, "the": true,
}

// multiForms are legal forms whose letters punctuation splits ("S.A." →
// "s a"); they are joined before the single words are dropped.
var multiForms = [][]string{{"s", "a"}, {"c", "v"}, {"s", "r", "l"}, {"s", "p", "a"}, {"b", "v"}, {"n", "v"}, {"k", "k"}, {"l", "l", "c"}}

// NameKey reduces a legal name to a key for matching: lower case, accents
// folded, punctuation out, "&" as "and", legal-form words dropped. Two
// registers that write one company's name differently give one key. A name
// made only of legal-form words keeps them, so the key is never empty for a
// non-empty name.
func NameKey(legalName string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), legalName)
	if err != nil {
		folded = legalName
	}
	folded = strings.ReplaceAll(strings.ToLower(folded), "&", " and ")
	folded = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d").Replace(folded)
	// Apostrophes join ("O'Neil" is "oneil"); other punctuation separates.
	folded = strings.NewReplacer("'", "", "’", "").Replace(folded)
	words := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	words = joinInitials(words)
	kept := make([]string, 0, len(words))
	for _, w := range words {
		if !legalForms[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = words
	}
	return strings.Join(kept, " ")
}

// joinInitials turns the letters of a split legal form back into one word.
func joinInitials(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); {
		joined := false
		for _, f := range multiForms {
			if i+len(f) <= len(words) && equalWords(words[i:i+len(f)], f) {
				out = append(out, strings.Join(f, ""))
				i += len(f)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, words[i])
			i++
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
