package plan

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"zjtx/internal/apperr"
)

// MaxEvidence is the largest evidence file accepted (20 MB).
const MaxEvidence = 20 << 20

// Evidence is the file a task was closed with, stored with its checksum.
type Evidence struct {
	ID           int64
	TaskID       int64
	EnterpriseID int64
	Filename     string
	MIME         string // sniffed from the bytes, never taken from the client
	Size         int64
	SHA256       string
	Data         []byte // nil when only the metadata was read
	UploadedBy   int64
	CreatedAt    time.Time
}

// fileKind is an accepted file type: the MIME type served and the names'
// extensions that may carry it.
type fileKind struct {
	mime string
	exts []string
}

var (
	kindPDF  = fileKind{"application/pdf", []string{".pdf"}}
	kindPNG  = fileKind{"image/png", []string{".png"}}
	kindJPEG = fileKind{"image/jpeg", []string{".jpg", ".jpeg"}}
	kindGIF  = fileKind{"image/gif", []string{".gif"}}
	kindWebP = fileKind{"image/webp", []string{".webp"}}
	// Office 97–2003 files share the OLE compound-file header.
	kindOLE  = fileKind{"application/x-ole-storage", []string{".doc", ".xls", ".ppt"}}
	kindDOCX = fileKind{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}}
	kindXLSX = fileKind{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}}
	kindPPTX = fileKind{"application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}}
)

// NewEvidence checks an uploaded file and returns it ready to store: its type
// is sniffed from the bytes and must be a PDF, an image or an Office
// document whose name's extension agrees with the content (a script renamed
// .pdf is refused). The caller bounds the upload to MaxEvidence before
// reading it; the size is checked again here.
func NewEvidence(name string, data []byte) (*Evidence, error) {
	name = SafeName(name)
	switch {
	case len(data) == 0:
		return nil, invalidEvidence("evidence：证明材料文件为空", "evidence: the file is empty")
	case len(data) > MaxEvidence:
		return nil, apperr.Errorf(apperr.ETOOLARGE, "evidence：证明材料文件超过 20 MB")
	}
	k, ok := sniff(data)
	if !ok {
		return nil, invalidEvidence("evidence：文件类型不受支持，应为 PDF、图片（PNG、JPEG、GIF、WebP）或 Office 文档",
			"evidence: unsupported file type; PDF, image or Office document expected")
	}
	ext := strings.ToLower(filepath.Ext(name))
	found := false
	for _, e := range k.exts {
		found = found || e == ext
	}
	if !found {
		return nil, invalidEvidence("evidence：文件内容与文件名 "+name+" 不符（内容为 "+k.exts[0]+" 文件）",
			"evidence: the content ("+k.mime+") does not match the file name "+name)
	}
	sum := sha256.Sum256(data)
	return &Evidence{Filename: name, MIME: k.mime, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data}, nil
}

func invalidEvidence(zh, en string) error {
	return apperr.Errorf(apperr.EINVALID, "%s", zh+"（"+en+"）")
}

// sniff recognises an accepted file type by its leading bytes.
func sniff(b []byte) (fileKind, bool) {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return kindPDF, true
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return kindPNG, true
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return kindJPEG, true
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return kindGIF, true
	case len(b) >= 12 && bytes.Equal(b[:4], []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WEBP")):
		return kindWebP, true
	case bytes.HasPrefix(b, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}):
		return kindOLE, true
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return ooxml(b)
	}
	return fileKind{}, false
}

// ooxml tells the three Office Open XML documents apart by their main
// part; any other zip is refused. Only the central directory is read.
func ooxml(b []byte) (fileKind, bool) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fileKind{}, false
	}
	types := false
	var k fileKind
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case f.Name == "word/document.xml":
			k = kindDOCX
		case strings.HasPrefix(f.Name, "xl/workbook"):
			k = kindXLSX
		case f.Name == "ppt/presentation.xml":
			k = kindPPTX
		}
	}
	return k, types && k.mime != ""
}

// SafeName keeps the base name of an uploaded file without control
// characters, quotes or separators, at most 120 characters, so that it can
// be shown and sent back in Content-Disposition.
func SafeName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`"/\<>:*?|`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 120 {
		name = string(r[len(r)-120:])
	}
	if name == "." || name == "" {
		name = "evidence"
	}
	return name
}
