package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

//go:embed static templates
var assets embed.FS

// staticFile is an embedded asset served under a content-hash name, so it
// can be cached for a year and still change the moment the file does.
type staticFile struct {
	name, ctype string
	body        []byte
	url         string
}

func loadStatic(file, ctype string) (staticFile, error) {
	b, err := assets.ReadFile(file)
	if err != nil {
		return staticFile{}, err
	}
	sum := sha256.Sum256(b)
	base := path.Base(file)
	ext := path.Ext(base)
	hashed := strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
	return staticFile{name: hashed, ctype: ctype, body: b, url: "/static/" + hashed}, nil
}

// script is the portal's one script: small progressive enhancements (the
// Security Profile's conditional questions). Every page works without it.
// It is embedded, so it is read once at start-up like a compiled pattern.
var script = mustLoadStatic("static/profile.js", "text/javascript; charset=utf-8")

func mustLoadStatic(file, ctype string) staticFile {
	f, err := loadStatic(file, ctype)
	if err != nil {
		panic(err)
	}
	return f
}

func (h *Handler) static(w http.ResponseWriter, r *http.Request) {
	var f staticFile
	switch r.PathValue("file") {
	case h.css.name:
		f = h.css
	case script.name:
		f = script
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(f.body)
}
