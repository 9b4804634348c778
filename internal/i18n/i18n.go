// Package i18n holds every user-facing string in English and French and the
// rules for choosing one: the program serves both official languages on
// every page, mail and error. Messages live in YAML files a translator can
// review; the package refuses to start if the two languages differ in keys.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template/parse"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

//go:embed messages/*.yaml
var files embed.FS

// Langs are the supported languages, default first.
var Langs = []string{"en", "fr"}

// Bundle is the loaded catalog of both languages.
type Bundle struct {
	b    *goi18n.Bundle
	keys map[string][]string // lang → sorted keys
	locs map[string]*Localizer
}

// Load reads the embedded catalogs and checks that both languages define
// exactly the same keys and that every message is a valid template.
func Load() (*Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	bd := &Bundle{b: b, keys: map[string][]string{}, locs: map[string]*Localizer{}}
	// One file per area and language, named AREA.LANG.yaml, so areas can be
	// translated and reviewed separately.
	names, err := fs.Glob(files, "messages/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	// plain holds, per language, the messages that are fixed text (no
	// template action, no plural forms): pages render them with a map
	// lookup instead of a template execution.
	plain := map[string]map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		mf, err := b.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		lang := mf.Tag.String()
		if !Supported(lang) {
			return nil, fmt.Errorf("i18n: %s: language %q is not supported", name, lang)
		}
		for _, m := range mf.Messages {
			if slices.Contains(bd.keys[lang], m.ID) {
				return nil, fmt.Errorf("i18n: %s: %s is defined twice", name, m.ID)
			}
			bd.keys[lang] = append(bd.keys[lang], m.ID)
			if m.One == "" && m.Few == "" && m.Many == "" && m.Two == "" && m.Zero == "" && !strings.Contains(m.Other, "{{") {
				if plain[lang] == nil {
					plain[lang] = map[string]string{}
				}
				plain[lang][m.ID] = m.Other
			}
			for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
				if _, err := parse.Parse(m.ID, text, "{{", "}}"); err != nil {
					return nil, fmt.Errorf("i18n: %s: %s: %w", name, m.ID, err)
				}
			}
		}
	}
	for _, lang := range Langs {
		slices.Sort(bd.keys[lang])
	}
	if missing := diff(bd.keys["en"], bd.keys["fr"]); len(missing) > 0 {
		return nil, fmt.Errorf("i18n: missing in French: %s", strings.Join(missing, ", "))
	}
	if missing := diff(bd.keys["fr"], bd.keys["en"]); len(missing) > 0 {
		return nil, fmt.Errorf("i18n: missing in English: %s", strings.Join(missing, ", "))
	}
	for _, lang := range Langs {
		bd.locs[lang] = newLocalizer(b, bd, lang, plain[lang])
	}
	return bd, nil
}

// diff returns the keys of a that are not in b (both sorted).
func diff(a, b []string) []string {
	var out []string
	for _, k := range a {
		if _, ok := slices.BinarySearch(b, k); !ok {
			out = append(out, k)
		}
	}
	return out
}

// Has reports whether key exists (in both languages, as Load guarantees).
func (b *Bundle) Has(key string) bool {
	_, ok := slices.BinarySearch(b.keys["en"], key)
	return ok
}

// Keys lists every key.
func (b *Bundle) Keys() []string { return slices.Clone(b.keys["en"]) }

// For returns the localizer of lang, English for anything unsupported.
func (b *Bundle) For(lang string) *Localizer {
	if l, ok := b.locs[lang]; ok {
		return l
	}
	return b.locs["en"]
}

// Supported reports whether lang is one of Langs.
func Supported(lang string) bool { return slices.Contains(Langs, lang) }

var matcher = language.NewMatcher([]language.Tag{language.English, language.French})

// Match picks "en" or "fr" from an Accept-Language header.
func Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return "en"
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Langs[idx]
}
