package api

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/store"
	"trustlane/internal/upload"
)

// Evidence: the documents and pictures attached to a profile's answers.
// Metadata is JSON; a file's bytes come from their own address
// (downloadEvidence), so every other answer stays JSON.

const evidencePath = profilePath + "/evidence"

func (h *handler) registerEvidence() {
	huma.Register(h.api, h.operation("listEvidence", http.MethodGet, evidencePath, "profile",
		"List evidence files",
		"The metadata of the profile's evidence files, oldest first, optionally of one part or question. "+
			"Never their content: see downloadEvidence."), h.listEvidence)
	h.registerUpload()
	huma.Register(h.api, h.operation("getEvidence", http.MethodGet, evidencePath+"/{id}", "profile",
		"Get an evidence file's metadata",
		"Its part and question, name, content type, size and SHA-256. The file itself is at "+
			"/content under this address (downloadEvidence)."), h.getEvidence)
	h.registerDownload()
	huma.Register(h.api, h.operation("deleteEvidence", http.MethodDelete, evidencePath+"/{id}", "profile",
		"Delete an evidence file", "Removes the file from its answer. The audit trail keeps its name and SHA-256."),
		h.deleteEvidence)
}

// evidenceFile describes a stored file, never its content.
type evidenceFile struct {
	ID          string    `json:"id"`
	Part        string    `json:"part"`
	QuestionID  string    `json:"question_id"`
	Filename    string    `json:"filename" doc:"The name it was uploaded under, made safe."`
	ContentType string    `json:"content_type" doc:"Judged from the content, not the name."`
	Size        int64     `json:"size" doc:"In bytes."`
	SHA256      string    `json:"sha256" doc:"Hex SHA-256 of the content, checked on every download."`
	UploadedAt  time.Time `json:"uploaded_at"`
	UploadedBy  string    `json:"uploaded_by" doc:"The user ID of who uploaded it."`
}

func evidenceOut(f store.EvidenceFile) evidenceFile {
	return evidenceFile{ID: f.ID, Part: f.Key.Part, QuestionID: f.Key.Question, Filename: f.Filename,
		ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, UploadedAt: f.UploadedAt.UTC(), UploadedBy: f.UploadedBy}
}

func evidenceLocation(orgID, id string) string {
	return prefix + "/organizations/" + url.PathEscape(orgID) + "/profile/evidence/" + url.PathEscape(id)
}

type evidenceListIn struct {
	OrgID      string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Part       string `query:"part" maxLength:"64" doc:"Only the files of this part."`
	QuestionID string `query:"question_id" maxLength:"64" doc:"Only the files of this question."`
}

func (h *handler) listEvidence(ctx context.Context, in *evidenceListIn) (*bodyOut[list[evidenceFile]], error) {
	files, err := h.office.EvidenceFiles(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	out := list[evidenceFile]{Items: []evidenceFile{}}
	for _, f := range files {
		if (in.Part == "" || f.Key.Part == in.Part) && (in.QuestionID == "" || f.Key.Question == in.QuestionID) {
			out.Items = append(out.Items, evidenceOut(f))
		}
	}
	return &bodyOut[list[evidenceFile]]{Body: out}, nil
}

type evidencePathIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The evidence file's ID."`
}

func (h *handler) getEvidence(ctx context.Context, in *evidencePathIn) (*bodyOut[evidenceFile], error) {
	f, err := h.office.EvidenceFile(ctx, actorOf(ctx), in.OrgID, in.ID)
	if err != nil {
		return nil, err
	}
	return &bodyOut[evidenceFile]{Body: evidenceOut(f)}, nil
}

func (h *handler) deleteEvidence(ctx context.Context, in *evidencePathIn) (*struct{}, error) {
	return nil, h.office.DeleteEvidence(ctx, actorOf(ctx), in.OrgID, in.ID)
}

// registerDownload registers downloadEvidence. Its body is the file, in the
// content type it was stored with, so the document describes it itself.
func (h *handler) registerDownload() {
	op := h.operation("downloadEvidence", http.MethodGet, evidencePath+"/{id}/content", "profile",
		"Download an evidence file",
		"The file's bytes exactly as uploaded, with the content type judged at upload, a "+
			"Content-Disposition naming it, and its SHA-256 as ETag and Repr-Digest (RFC 9530). The content "+
			"is checked against the SHA-256 recorded at upload before it is sent.")
	op.Responses = map[string]*huma.Response{"200": {
		Description: "The file; Content-Type is the type it was stored with.",
		Content: map[string]*huma.MediaType{
			"application/octet-stream": {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}},
		},
	}}
	huma.Register(h.api, op, h.downloadEvidence)
}

type evidenceContentOut struct {
	ContentType        string `header:"Content-Type" doc:"The type judged from the content at upload."`
	ContentDisposition string `header:"Content-Disposition" doc:"attachment, with the file's name."`
	ContentLength      int64  `header:"Content-Length"`
	ETag               string `header:"ETag" doc:"The quoted hex SHA-256 of the content."`
	ReprDigest         string `header:"Repr-Digest" doc:"sha-256 of the content (RFC 9530)."`
	Body               []byte
}

func (h *handler) downloadEvidence(ctx context.Context, in *evidencePathIn) (*evidenceContentOut, error) {
	f, data, err := h.office.EvidenceContent(ctx, actorOf(ctx), in.OrgID, in.ID)
	if err != nil {
		return nil, err
	}
	sum, err := hex.DecodeString(f.SHA256)
	if err != nil {
		return nil, errs.Wrap(errs.Internal, err, "", "stored sha256 is not hex")
	}
	return &evidenceContentOut{ContentType: f.ContentType, ContentDisposition: attachment(f.Filename),
		ContentLength: int64(len(data)), ETag: `"` + f.SHA256 + `"`,
		ReprDigest: "sha-256=:" + base64.StdEncoding.EncodeToString(sum) + ":", Body: data}, nil
}

// maxUploadBody bounds an upload's whole body: the file at its limit, and
// room for the form's other fields and the multipart framing.
const maxUploadBody = upload.MaxSize + 64<<10
