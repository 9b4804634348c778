package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"trustlane/internal/border"
)

// The border endpoints answer from the in-memory status index, not through
// huma: they are asked thousands of times a second, so a lookup writes a
// pre-encoded body and nothing else. They are documented like every other
// operation (border_doc.go) and authorized by the office, with the token's
// authority cached briefly.
const (
	borderPartyPath = prefix + "/border/parties/{kind}/{value}"
	borderBatchPath = prefix + "/border/parties"
	borderScreen    = prefix + "/border/screen"
	// maxBorderBatch bounds a batch of identifiers or shipments in JSON.
	maxBorderBatch = 1000
	// maxScreenStream bounds an NDJSON stream of shipments (about a
	// million lines).
	maxScreenStream = 512 << 20
)

var jsonType = []string{"application/json"}

func (h *handler) registerBorder() {
	if h.border == nil {
		return
	}
	h.mux.HandleFunc("GET "+borderPartyPath, h.borderParty)
	h.mux.HandleFunc("POST "+borderBatchPath, h.borderBatch)
	h.mux.HandleFunc("POST "+borderScreen, h.borderScreen)
	h.documentBorder()
}

// borderAuth answers 401 or 403 and returns false unless the request bears
// a token that may use the border endpoints.
func (h *handler) borderAuth(w http.ResponseWriter, r *http.Request) bool {
	secret, err := bearer(r.Header.Get("Authorization"))
	if err == nil {
		if _, err = h.office.BorderActor(r.Context(), secret); err == nil {
			return true
		}
	}
	status, key := authProblem(err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", challengeFor(err))
	}
	if status == http.StatusInternalServerError {
		h.log.Error("border: authorize", "err", err)
	}
	h.writeProblem(w, r, status, key)
	return false
}

// borderParty answers one party's standing and FAST eligibility. An
// identifier nobody holds answers the standing "none", not 404: the border
// asks about parties, and "not a member" is an answer.
func (h *handler) borderParty(w http.ResponseWriter, r *http.Request) {
	h.lookupParty(w, r, r.PathValue("kind"), r.PathValue("value"))
}

// borderPartyPrefix starts the path of a single lookup, which ServeHTTP
// answers before routing: it is the hottest path of the whole program.
const borderPartyPrefix = prefix + "/border/parties/"

// fastLookup serves GET /api/v1/border/parties/{kind}/{value} without the
// router, and reports whether the request was one.
func (h *handler) fastLookup(w http.ResponseWriter, r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, borderPartyPrefix)
	if !ok || r.Method != http.MethodGet || h.border == nil {
		return false
	}
	kind, value, ok := strings.Cut(rest, "/")
	if !ok || kind == "" || value == "" || strings.Contains(value, "/") {
		return false
	}
	h.lookupParty(w, r, kind, value)
	return true
}

func (h *handler) lookupParty(w http.ResponseWriter, r *http.Request, kind, value string) {
	if !h.borderAuth(w, r) {
		return
	}
	body, _ := h.border.Load().Lookup(kind, value)
	hdr := w.Header()
	hdr["Content-Type"] = jsonType
	hdr["Cache-Control"] = noStore
	w.Write(body)
}

var noStore = []string{"no-store"}

type borderIdentifier struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// borderBatch answers the standing of up to a thousand identifiers, in the
// order asked.
func (h *handler) borderBatch(w http.ResponseWriter, r *http.Request) {
	if !h.borderAuth(w, r) {
		return
	}
	var in struct {
		Identifiers []borderIdentifier `json:"identifiers"`
	}
	if !h.readBorderJSON(w, r, &in) {
		return
	}
	if len(in.Identifiers) == 0 || len(in.Identifiers) > maxBorderBatch {
		h.writeProblem(w, r, http.StatusUnprocessableEntity, "api.detail.border_batch")
		return
	}
	w.Header()["Content-Type"] = jsonType
	w.Write(appendBatch(nil, h.border.Load(), in.Identifiers))
}

// appendBatch appends the standings of ids, in order, as {"results":[…]}.
func appendBatch(out []byte, snap *border.Snapshot, ids []borderIdentifier) []byte {
	out = append(out, `{"results":[`...)
	for i, id := range ids {
		if i > 0 {
			out = append(out, ',')
		}
		body, _ := snap.Lookup(id.Kind, id.Value)
		out = append(out, body...)
	}
	return append(out, "]}"...)
}

// borderScreen screens shipments into lanes: an NDJSON stream (one
// shipment per line in, one decision or line error per line out, in order)
// or a JSON batch of up to a thousand.
func (h *handler) borderScreen(w http.ResponseWriter, r *http.Request) {
	if !h.borderAuth(w, r) {
		return
	}
	ct := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]))
	switch ct {
	case "application/x-ndjson", "application/ndjson", "application/jsonl":
		h.screenStream(w, r)
	case "application/json", "":
		h.screenBatch(w, r)
	default:
		h.writeProblem(w, r, http.StatusUnsupportedMediaType, "api.detail.border_media_type")
	}
}

func (h *handler) screenStream(w http.ResponseWriter, r *http.Request) {
	// Answers go out while the shipments still arrive, and a stream may
	// last longer than the server's request timeouts: each read and write
	// extends its own deadline instead, so only a stalled stream ends.
	rc := http.NewResponseController(w)
	_ = rc.EnableFullDuplex()
	w.Header().Set("Content-Type", "application/x-ndjson")
	body := http.MaxBytesReader(w, r.Body, maxScreenStream)
	in := &rollingReader{r: body, rc: rc}
	out := &rollingWriter{w: w, rc: rc}
	if _, err := border.ScreenStream(in, out, h.border.Load(), time.Now()); err != nil {
		// The status line is gone; the stream ends where the input broke.
		h.log.Warn("border: screening stream ended early", "err", err)
	}
}

func (h *handler) screenBatch(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Shipments []json.RawMessage `json:"shipments"`
	}
	if !h.readBorderJSON(w, r, &in) {
		return
	}
	if len(in.Shipments) == 0 || len(in.Shipments) > maxBorderBatch {
		h.writeProblem(w, r, http.StatusUnprocessableEntity, "api.detail.border_batch")
		return
	}
	snap, now := h.border.Load(), time.Now()
	var out bytes.Buffer
	out.WriteString(`{"decisions":[`)
	var buf []byte
	for i, raw := range in.Shipments {
		if i > 0 {
			out.WriteByte(',')
		}
		sh, err := border.ParseShipment(raw)
		buf = buf[:0]
		var le *border.LineError
		if errors.As(err, &le) {
			le.Line = i + 1
			b, _ := json.Marshal(map[string]any{"index": i, "error": map[string]string{"code": le.Code, "message": le.Message}})
			out.Write(b)
			continue
		}
		out.Write(border.AppendDecisionJSON(buf, snap.Screen(sh, now)))
	}
	out.WriteString("]}")
	w.Header()["Content-Type"] = jsonType
	w.Write(out.Bytes())
}

// readBorderJSON reads a bounded JSON body, answering 400 or 413 itself.
func (h *handler) readBorderJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<20))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			return true
		}
		err = errors.New("trailing data after the JSON body")
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		h.writeProblem(w, r, http.StatusRequestEntityTooLarge, "api.detail.border_too_large")
		return false
	}
	h.writeProblem(w, r, http.StatusBadRequest, "api.detail.border_body")
	return false
}

// streamIdle is how long a screening stream may stall, reading or writing.
const streamIdle = time.Minute

// rollingReader moves the read deadline forward before every read.
type rollingReader struct {
	r  io.Reader
	rc *http.ResponseController
}

func (x *rollingReader) Read(p []byte) (int, error) {
	_ = x.rc.SetReadDeadline(time.Now().Add(streamIdle))
	return x.r.Read(p)
}

// rollingWriter moves the write deadline forward before every write and
// flushes, so the client sees answers as they are made.
type rollingWriter struct {
	w  io.Writer
	rc *http.ResponseController
}

func (x *rollingWriter) Write(p []byte) (int, error) {
	_ = x.rc.SetWriteDeadline(time.Now().Add(streamIdle))
	n, err := x.w.Write(p)
	if err == nil {
		err = x.rc.Flush()
	}
	return n, err
}
