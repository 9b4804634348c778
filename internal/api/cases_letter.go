package api

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
)

// registerLetter registers downloadLetter: a decision letter is a PDF, so
// the document describes its body itself.
func (h *handler) registerLetter() {
	op := h.operation("downloadLetter", http.MethodGet, "/organizations/{orgID}/letters/{id}", "memberships",
		"Download a decision letter",
		"The letter of a decision (letter_id of a decision in getApplication or getMembership) as the PDF "+
			"sent to the company, in the company's language, with its SHA-256 as ETag and Repr-Digest (RFC 9530).")
	op.Responses = map[string]*huma.Response{"200": {
		Description: "The letter.",
		Content:     map[string]*huma.MediaType{"application/pdf": {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}},
	}}
	huma.Register(h.api, op, h.downloadLetter)
}

type letterIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The letter's ID."`
}

type letterOut struct {
	ContentType        string `header:"Content-Type" doc:"application/pdf"`
	ContentDisposition string `header:"Content-Disposition" doc:"attachment, with the letter's file name."`
	ContentLength      int64  `header:"Content-Length"`
	ETag               string `header:"ETag" doc:"The quoted hex SHA-256 of the PDF."`
	ReprDigest         string `header:"Repr-Digest" doc:"sha-256 of the PDF (RFC 9530)."`
	Body               []byte
}

func (h *handler) downloadLetter(ctx context.Context, in *letterIn) (*letterOut, error) {
	l, err := h.office.LetterPDF(ctx, actorOf(ctx), in.OrgID, in.ID)
	if err != nil {
		return nil, err
	}
	// The letter is the record of a decision: send it only as it was made.
	sum := sha256.Sum256(l.PDF)
	if hex.EncodeToString(sum[:]) != l.SHA256 {
		return nil, errs.E(errs.Internal, "", "letter "+l.ID+" does not match its recorded sha256")
	}
	return &letterOut{ContentType: "application/pdf", ContentDisposition: attachment(l.Filename),
		ContentLength: int64(len(l.PDF)), ETag: `"` + l.SHA256 + `"`,
		ReprDigest: "sha-256=:" + base64.StdEncoding.EncodeToString(sum[:]) + ":", Body: l.PDF}, nil
}
