// Package upload decides whether a file sent as evidence is what it claims
// to be: a document or picture of an accepted type, judged by its content
// (not its name or the browser's word), within the size limit, with a name
// safe to store and show.
package upload

import (
	"archive/zip"
	"bytes"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// MaxSize bounds one file: enough for a scanned procedure or a few photos.
const MaxSize = 10 << 20

// kinds maps each accepted content type to the file extensions it may have.
var kinds = map[string][]string{
	"application/pdf": {".pdf"},
	"image/png":       {".png"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/gif":       {".gif"},
	"image/webp":      {".webp"},
	"image/tiff":      {".tif", ".tiff"},
	"text/plain":      {".txt", ".csv"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       {".xlsx"},
	"application/vnd.oasis.opendocument.text":                                 {".odt"},
	"application/vnd.oasis.opendocument.spreadsheet":                          {".ods"},
}

var (
	errEmpty    = errs.Fields(errs.F("file", "error.upload.empty", "choose a file to upload"))
	errTooLarge = errs.Fields(errs.F("file", "error.upload.too_large", "the file is larger than 10 MB"))
	errType     = errs.Fields(errs.F("file", "error.upload.type", "upload a PDF, an image (PNG, JPEG, GIF, WebP, TIFF), a text file or an office document"))
	errDisguise = errs.Fields(errs.F("file", "error.upload.disguised", "the file's content does not match its name"))
)

// Check returns the content type of data and a safe version of name, or an
// Invalid error saying what is wrong.
func Check(name string, data []byte) (ctype, safeName string, err error) {
	switch {
	case len(data) == 0:
		return "", "", errEmpty
	case len(data) > MaxSize:
		return "", "", errTooLarge
	}
	ctype = Detect(data)
	exts, ok := kinds[ctype]
	if !ok {
		return "", "", errType
	}
	safeName = SafeName(name)
	ext := strings.ToLower(path.Ext(safeName))
	if ext == "" {
		safeName += exts[0]
	} else if !slices.Contains(exts, ext) {
		return "", "", errDisguise
	}
	return ctype, safeName, nil
}

// Detect names the content type of data from its bytes alone.
func Detect(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return officeType(data)
	}
	ct, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if ct == "text/plain" && !plainText(data) {
		return "application/octet-stream"
	}
	return ct
}

// officeType recognizes the zip-based office formats by their parts; any
// other archive is refused (it could hide anything).
func officeType(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "application/octet-stream"
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[f.Name] = f
	}
	switch {
	case names["[Content_Types].xml"] != nil && names["word/document.xml"] != nil:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case names["[Content_Types].xml"] != nil && names["xl/workbook.xml"] != nil:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case names["mimetype"] != nil:
		rc, err := names["mimetype"].Open()
		if err != nil {
			return "application/octet-stream"
		}
		defer rc.Close()
		b := make([]byte, 64)
		n, _ := rc.Read(b)
		mt := strings.TrimSpace(string(b[:n]))
		if _, ok := kinds[mt]; ok && strings.HasPrefix(mt, "application/vnd.oasis") {
			return mt
		}
	}
	return "application/zip"
}

// plainText accepts UTF-8 text without control characters other than
// tab and line breaks.
func plainText(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for _, r := range string(data) {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}

// SafeName keeps the base name of a file without control characters, path
// separators or leading dots, at most 150 characters.
func SafeName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	var b strings.Builder
	for _, r := range name {
		if unicode.IsControl(r) || r == '/' || r == '"' || r == '<' || r == '>' || r == ':' || r == '|' || r == '?' || r == '*' {
			continue
		}
		b.WriteRune(r)
	}
	s := strings.TrimLeft(strings.TrimSpace(b.String()), ".")
	if utf8.RuneCountInString(s) > 150 {
		ext := path.Ext(s)
		if utf8.RuneCountInString(ext) > 16 {
			ext = "" // not a real extension: cut the name as a whole
		}
		rs := []rune(strings.TrimSuffix(s, ext))
		s = string(rs[:150-utf8.RuneCountInString(ext)]) + ext
	}
	if s == "" {
		s = "document"
	}
	return s
}
