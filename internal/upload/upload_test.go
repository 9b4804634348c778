package upload

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"trustlane/internal/errs"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

func pngBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheck(t *testing.T) {
	docx := zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
	xlsx := zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
	odt := zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
	plainZip := zipOf(t, map[string]string{"payload.exe": "MZ"})
	tests := []struct {
		name   string
		data   []byte
		ctype  string
		safe   string
		errKey string
	}{
		{"procedure.pdf", []byte("%PDF-1.7\n1 0 obj"), "application/pdf", "procedure.pdf", ""},
		{"seal.PNG", pngBytes(t), "image/png", "seal.PNG", ""},
		{"photo.jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg", "photo.jpeg", ""},
		{"scan.tiff", []byte("II*\x00\x08\x00\x00\x00"), "image/tiff", "scan.tiff", ""},
		{"log.csv", []byte("date,seal\n2026-01-01,ABC123\n"), "text/plain", "log.csv", ""},
		{"plan.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "plan.docx", ""},
		{"list.xlsx", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "list.xlsx", ""},
		{"note.odt", odt, "application/vnd.oasis.opendocument.text", "note.odt", ""},
		{"no-extension", []byte("%PDF-1.4"), "application/pdf", "no-extension.pdf", ""},
		{`..\..\C:\evil/"pro<ce>dure".pdf`, []byte("%PDF-1.4"), "application/pdf", "procedure.pdf", ""},
		{"report.pdf", []byte("MZ\x90\x00\x03 program"), "", "", "error.upload.type"},
		{"report.pdf", pngBytes(t), "", "", "error.upload.disguised"},
		{"archive.zip", plainZip, "", "", "error.upload.type"},
		{"plan.docx", plainZip, "", "", "error.upload.type"},
		{"page.html", []byte("<!DOCTYPE html><script>alert(1)</script>"), "", "", "error.upload.type"},
		{"bin.txt", []byte("abc\x00\x01def"), "", "", "error.upload.type"},
		{"empty.pdf", nil, "", "", "error.upload.empty"},
		{"big.pdf", append([]byte("%PDF-1.4"), make([]byte, MaxSize)...), "", "", "error.upload.too_large"},
	}
	for _, tt := range tests {
		ctype, safe, err := Check(tt.name, tt.data)
		if tt.errKey != "" {
			e, ok := errs.As(err)
			if !ok || len(e.Fields) != 1 || e.Fields[0].Key != tt.errKey {
				t.Errorf("%s: err = %v, want %s", tt.name, err, tt.errKey)
			}
			continue
		}
		if err != nil || ctype != tt.ctype || safe != tt.safe {
			t.Errorf("%s: got %q %q %v, want %q %q", tt.name, ctype, safe, err, tt.ctype, tt.safe)
		}
	}
}

func TestSafeNameBoundsLength(t *testing.T) {
	got := SafeName(strings.Repeat("é", 300) + ".pdf")
	if len([]rune(got)) != 150 || !strings.HasSuffix(got, ".pdf") {
		t.Errorf("long name = %d runes, %q…", len([]rune(got)), got[:10])
	}
	if SafeName("...") != "document" || SafeName("") != "document" {
		t.Error("empty names are not replaced")
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("a.pdf", []byte("%PDF-1.4"))
	f.Add("b.png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add("c.docx", []byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ctype, safe, err := Check(name, data)
		if err != nil {
			if _, ok := errs.As(err); !ok {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if _, ok := kinds[ctype]; !ok || safe == "" || strings.ContainsAny(safe, "/\x00") {
			t.Fatalf("accepted %q as %q named %q", data, ctype, safe)
		}
	})
}
