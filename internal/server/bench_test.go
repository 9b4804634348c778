package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"trustlane/internal/server/servertest"
)

// The portal's cost per page: the home page and a signed-in company
// dashboard through the whole stack (middleware, session lookup, template),
// against a reference handler that writes the same bytes, in one process.
func BenchmarkPages(b *testing.B) {
	inst := servertest.Start(b, servertest.Options{})
	c := inst.SignUpCompany(b, "Bench Co", "bench@example.com")
	br := inst.NewBrowser(b)
	br.SignIn("bench@example.com", servertest.Password)
	u, _ := http.NewRequest("GET", inst.URL, nil)
	cookies := br.Client.Jar.Cookies(u.URL)
	h := inst.Handler()
	for _, p := range []struct{ name, path string }{{"home", "/"}, {"dashboard", "/app/orgs/" + c.Org.ID}} {
		req := httptest.NewRequest("GET", p.path, nil)
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%s: %d", p.path, rec.Code)
		}
		body := rec.Body.Bytes()
		ref := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(body)
		})
		for _, v := range []struct {
			name string
			h    http.Handler
		}{{"reference", ref}, {"trustlane", h}} {
			b.Run(p.name+"/"+v.name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for range b.N {
					w := discard{header: http.Header{}}
					v.h.ServeHTTP(&w, req)
				}
			})
		}
	}
}

type discard struct{ header http.Header }

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(p []byte) (int, error) { return io.Discard.Write(p) }
func (d *discard) WriteHeader(int)             {}
