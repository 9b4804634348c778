package partner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// legalForms are the words of a legal form that say nothing about which
// company a name is, dropped by NameKey wherever they stand: "Maple Freight
// Inc." and "MAPLE FREIGHT INCORPORATED" are one company. Multi-word forms
// ("s a de c v" once punctuation is gone) are listed as word sequences and
// removed before the single words.
var legalForms = [][]string{
	{"s", "a", "de", "c", "v"}, {"sa", "de", "cv"}, {"s", "de", "rl", "de", "cv"}, {"s", "de", "r", "l", "de", "c", "v"},
	{"s", "a", "s"}, {"s", "a"}, {"s", "r", "l"}, {"s", "p", "a"}, {"b", "v"}, {"n", "v"}, {"k", "k"},
	{"pty", "ltd"}, {"co", "ltd"}, {"kabushiki", "kaisha"},
	{"inc"}, {"incorporated"}, {"ltd"}, {"limited"}, {"llc"}, {"llp"}, {"lp"}, {"corp"}, {"corporation"},
	{"co"}, {"company"}, {"sa"}, {"sas"}, {"sarl"}, {"gmbh"}, {"ag"}, {"bv"}, {"nv"}, {"kk"}, {"pty"}, {"plc"},
	{"ltee"}, {"srl"}, {"spa"}, {"sl"}, {"cv"}, {"sapi"},
}

// NameKey reduces a legal name to the key that matching compares: lower
// case, accents stripped, "&" read as "and", punctuation out, spaces
// collapsed and legal-form words (listed in legalForms: inc, ltd, llc,
// corp, co, sa, s a de c v, gmbh, ag, bv, nv, kk, pty, plc, ltée, srl, spa…)
// dropped. A name made only of such words keeps them, so it never becomes
// empty. Partner member lists and our own organizations go through this one
// function, so both sides of a match agree.
func NameKey(legalName string) string {
	s := foldAccents(legalName)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '&' || r == '+':
			b.WriteString(" and ")
		case r == 'ß':
			b.WriteString("ss")
		case r == 'æ':
			b.WriteString("ae")
		case r == 'œ':
			b.WriteString("oe")
		case r == 'ø':
			b.WriteByte('o')
		case r == '\'' || r == '’':
			// "O'Brien" and "OBrien" are one name.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	kept := dropLegalForms(words)
	if len(kept) == 0 {
		kept = words
	}
	return strings.Join(kept, " ")
}

// foldAccents lower-cases s and strips its accents (é → e, Ç → c).
func foldAccents(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// dropLegalForms removes every legal-form sequence from words, longest
// listed first, keeping the other words in order.
func dropLegalForms(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); {
		n := legalFormAt(words[i:])
		if n > 0 {
			i += n
			continue
		}
		out = append(out, words[i])
		i++
	}
	return out
}

// legalFormAt returns the length of the legal form words starts with, or 0.
// Single-letter sequences (s a, b v) count only when they make a whole form,
// so the initials of a name ("A B Logistics") stay.
func legalFormAt(words []string) int {
	for _, f := range legalForms {
		if len(f) > len(words) {
			continue
		}
		match := true
		for j, w := range f {
			if words[j] != w {
				match = false
				break
			}
		}
		if match {
			return len(f)
		}
	}
	return 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
