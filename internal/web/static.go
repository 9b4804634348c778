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

func (h *Handler) static(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") != h.css.name {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", h.css.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(h.css.body)
}
