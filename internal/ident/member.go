package ident

import (
	"fmt"
	"strings"
)

// Membership numbers are the program's own: "PIP-" then seven digits of a
// sequence, then a check character computed with ISO/IEC 7064 MOD 37,36
// over "PIP" and the digits. The check character catches every single
// mistyped character and every swap of two neighbours, which is what happens
// when a number is read over the phone or copied from a certificate.

const memberAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// MemberNumber formats the membership number of sequence n (1 to 9999999).
func MemberNumber(n int) (string, error) {
	if n < 1 || n > 9999999 {
		return "", fmt.Errorf("membership number: sequence %d out of range", n)
	}
	payload := fmt.Sprintf("PIP%07d", n)
	return fmt.Sprintf("PIP-%07d-%c", n, memberAlphabet[mod3736Check(payload)]), nil
}

// CheckMemberNumber validates a membership number typed with or without
// its hyphens and spaces, in any case, and returns its canonical form.
func CheckMemberNumber(s string) (string, error) {
	c := clean(s, " -")
	switch {
	case c == "":
		return "", &Error{Kind: "member_number", Reason: "empty", Input: s}
	case len(c) != 11 || !strings.HasPrefix(c, "PIP"):
		return "", &Error{Kind: "member_number", Reason: "length", Input: s}
	}
	for _, r := range c[3:10] {
		if r < '0' || r > '9' {
			return "", &Error{Kind: "member_number", Reason: "charset", Input: s}
		}
	}
	check := strings.IndexByte(memberAlphabet, c[10])
	if check < 0 || check != mod3736Check(c[:10]) {
		return "", &Error{Kind: "member_number", Reason: "checksum", Input: s}
	}
	return "PIP-" + c[3:10] + "-" + c[10:], nil
}

// mod3736Check is the ISO/IEC 7064 MOD 37,36 check value of an upper-case
// alphanumeric payload: a hybrid system, so the check is itself one of the
// 36 characters.
func mod3736Check(payload string) int {
	const m = 36
	p := m
	for i := 0; i < len(payload); i++ {
		p = (p + strings.IndexByte(memberAlphabet, payload[i])) % m
		if p == 0 {
			p = m
		}
		p = (p * 2) % (m + 1)
	}
	return (m + 1 - p) % m
}
