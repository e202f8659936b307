package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// JSON writes v as the response body with the status. HTML escaping is off:
// the API returns Chinese text and URLs as they are, so the response also
// forbids content sniffing (a browser must never run it as a page) and
// caching (answers carry personal and enterprise data, and a shared proxy
// or the browser's disk must not keep them).
func JSON(w http.ResponseWriter, status int, v any) {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	defer putJSONBuffer(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"系统内部错误，请稍后再试","fields":[]}}`, http.StatusInternalServerError)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	// The whole body is known: a length spares the chunked framing (Gzip
	// drops it when it compresses).
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// jsonBuffers keeps encoding buffers between responses: a self-test report
// is about 40 KB, which a fresh buffer reaches through a dozen
// reallocations.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putJSONBuffer returns buf to the pool unless it grew past what responses
// usually need: one export-sized response should not stay pinned.
func putJSONBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	jsonBuffers.Put(buf)
}

// ReadBody reads the whole request body within the body limit; an empty
// body is EINVALID.
func ReadBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, Invalid("请求体为空", Field{Path: "", Message: "请求体为空，应为 JSON 对象"})
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, apperr.Wrap(err, apperr.EINVALID, "无法读取请求体")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, Invalid("请求体为空", Field{Path: "", Message: "请求体为空，应为 JSON 对象"})
	}
	return b, nil
}

// DecodeJSON reads the body as one JSON value into dst, strictly: unknown
// fields, wrong types and trailing data are EINVALID naming the field.
func DecodeJSON(r *http.Request, dst any) error {
	b, err := ReadBody(r)
	if err != nil {
		return err
	}
	return Unmarshal(b, dst)
}

// Unmarshal is DecodeJSON for bytes in memory.
func Unmarshal(b []byte, dst any) error {
	if err := CheckJSONText(b); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return Invalid("请求体有误", Field{Path: "", Message: "JSON 值之后还有多余内容"})
	}
	return nil
}

var jsonKindZH = map[string]string{
	"string": "字符串", "bool": "布尔值", "number": "数字", "object": "对象", "array": "数组", "null": "null",
}

// TypeError is the field error of a JSON value of the wrong type: want and
// got are JSON kinds (string, number, bool, object, array).
func TypeError(path, want, got string) Field {
	zh := func(k string) string {
		if s := jsonKindZH[k]; s != "" {
			return s
		}
		return k
	}
	return Field{Path: path, Message: fmt.Sprintf("%s：应为%s，不能是%s", path, zh(want), zh(got))}
}

func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return apperr.Wrap(FieldErrors{{Path: "", Message: fmt.Sprintf("第 %d 字节附近不是有效的 JSON", se.Offset)}},
			apperr.EINVALID, "请求体不是有效的 JSON")
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return Invalid("请求体不是有效的 JSON", Field{Path: "", Message: "JSON 不完整"})
	case errors.As(err, &te):
		want := te.Type.Kind().String()
		switch te.Type.Kind().String() {
		case "int", "int64", "int32", "uint", "uint64", "float64":
			want = "number"
		case "struct", "map":
			want = "object"
		case "slice":
			want = "array"
		}
		return Invalid("请求体有误", TypeError(te.Field, want, te.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Invalid("请求体有误", Field{Path: name, Message: fmt.Sprintf("%s：未知字段", name)})
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return apperr.Wrap(err, apperr.EINVALID, "请求体有误")
}

// CheckJSONText refuses a body that names a key twice or holds text that is
// not UTF-8 (profile.CheckJSONText), naming each field: encoding/json would
// keep the last key and replace the bad bytes without a word.
func CheckJSONText(b []byte) error {
	errs := profile.CheckJSONText(b)
	if errs == nil {
		return nil
	}
	fields := make(FieldErrors, len(errs))
	for i, e := range errs {
		fields[i] = Field{Path: e.Path, Message: e.MessageZH, MessageEN: e.Message}
	}
	return apperr.Wrap(fields, apperr.EINVALID, "请求体有误，请按提示修改")
}
