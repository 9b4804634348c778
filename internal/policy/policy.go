// Package policy loads the program's rules: the embedded default policy, or
// a file that replaces it, and the memorandum of understanding each version
// names. A policy that does not validate stops the server at start-up with
// a message that says what to fix.
package policy

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"trustlane/internal/border"
	"trustlane/internal/program"
)

// defaultPartnerValidationRecency is the recency window of a partner's
// validation for files written before the window existed: a year, as in
// default.yaml.
const defaultPartnerValidationRecency program.Days = 365

//go:embed default.yaml mou
var files embed.FS

// Load returns the policy in path, or the embedded default when path is
// empty, after validating it.
func Load(path string) (program.Policy, error) {
	p, _, err := LoadAll(path)
	return p, err
}

// LoadAll returns the policy in path (the embedded default when path is
// empty) and its FAST lane rules, both validated.
func LoadAll(path string) (program.Policy, border.Rules, error) {
	var data []byte
	var err error
	if path == "" {
		data, err = files.ReadFile("default.yaml")
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return program.Policy{}, border.Rules{}, fmt.Errorf("policy: %w", err)
	}
	return ParseAll(data)
}

// document is a policy file: the program's rules and, beside them, the FAST
// lane rules of the border (a package above the domain).
type document struct {
	program.Policy `yaml:",inline"`
	FAST           *border.Rules `yaml:"fast"`
}

// Parse reads a policy strictly (an unknown field is an error) and
// validates it, including that its memorandum exists in both languages.
// A window added after policy files were written (partner_validation_recency)
// takes its default when a file leaves it out.
func Parse(data []byte) (program.Policy, error) {
	p, _, err := ParseAll(data)
	return p, err
}

// ParseAll is Parse that also returns the FAST lane rules; a file without
// a fast section gets border.DefaultRules.
func ParseAll(data []byte) (program.Policy, border.Rules, error) {
	var doc document
	doc.Windows.PartnerValidationRecency = defaultPartnerValidationRecency
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return doc.Policy, border.Rules{}, fmt.Errorf("policy: %w", err)
	}
	rules := border.DefaultRules()
	if doc.FAST != nil {
		rules = *doc.FAST
	}
	p, err := checked(doc.Policy)
	if err == nil {
		err = rules.Validate()
	}
	return p, rules, err
}

func checked(p program.Policy) (program.Policy, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	for _, lang := range []string{"en", "fr"} {
		if _, err := MOU(p.MOUVersion, lang); err != nil {
			return p, err
		}
	}
	return p, nil
}

// MOU returns the memorandum's text of a version in a language.
func MOU(version, lang string) (string, error) {
	b, err := files.ReadFile("mou/" + version + "." + lang + ".md")
	if err != nil {
		return "", fmt.Errorf("policy: no memorandum %s in %q", version, lang)
	}
	return string(b), nil
}

// Hash is the SHA-256 of a memorandum's exact text, recorded with every
// signature so anyone can prove which words were signed.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
