package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Codes of problems with the JSON text itself.
const (
	CodeDuplicateKey = "duplicate_key" // an object names the same key twice
	CodeEncoding     = "encoding"      // a string is not valid UTF-8
)

// CheckJSONText reports what encoding/json accepts silently but a careful
// reader must not: an object that names a key twice (the decoder keeps the
// last one, so what a person reads in the file is not what is stored), and a
// string that is not valid UTF-8 (the decoder replaces it with U+FFFD, so a
// garbled name would be saved as another garbled name). Each problem is at
// the path of its field, in the format's path form ("years.2025.revenue",
// "ip[1].kind").
//
// Text that is not JSON at all is left to the decoder. The scan follows
// the structure of text json.Valid accepted; it is a byte loop rather than json.Decoder's
// Token, which allocates per token and made a profile's decoding a sixth
// slower.
func CheckJSONText(b []byte) Errors {
	if !json.Valid(b) {
		return nil // not JSON: the decoder says what is wrong, in its words
	}
	return checkValidJSON(b)
}

// checkValidJSON is CheckJSONText for text already known to be JSON.
func checkValidJSON(b []byte) Errors {
	s := jsonScan{b: b, checkUTF8: !utf8.Valid(b)}
	s.value()
	return s.errs
}

type jsonScan struct {
	b         []byte
	i         int
	checkUTF8 bool
	path      []pathPart // the value being read, outermost first
	keys      []rawKey   // the keys of the open objects, innermost last
	errs      Errors
}

// pathPart is one step of a path: an object key (raw, as in the text) or
// an array index. Paths become strings only for a problem.
type pathPart struct {
	key []byte
	idx int // -1 for a key
}

func (s *jsonScan) pathString() string {
	var sb strings.Builder
	for _, p := range s.path {
		switch {
		case p.idx >= 0:
			sb.WriteString("[" + strconv.Itoa(p.idx) + "]")
		default:
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(keyText(p.key))
		}
	}
	return sb.String()
}

// keyText is a raw key as the decoder reads it: escapes resolved, bytes
// that are not UTF-8 replaced.
func keyText(raw []byte) string {
	key := string(raw)
	if strings.IndexByte(key, '\\') >= 0 {
		_ = json.Unmarshal([]byte(`"`+key+`"`), &key)
	}
	return strings.ToValidUTF8(key, "\uFFFD")
}

// rawKey is a key as the text spells it; esc when it holds an escape.
type rawKey struct {
	raw []byte
	esc bool
}

// same reports whether two keys name the same key.
func (a rawKey) same(b rawKey) bool {
	if !a.esc && !b.esc {
		return bytes.Equal(a.raw, b.raw) // the common case, without allocating
	}
	return keyText(a.raw) == keyText(b.raw)
}

func (s *jsonScan) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// value reads one value at s.i.
func (s *jsonScan) value() {
	s.space()
	if s.i >= len(s.b) {
		return
	}
	switch s.b[s.i] {
	case '{':
		s.object()
	case '[':
		s.array()
	case '"':
		if raw := s.str(); s.checkUTF8 && !utf8.Valid(raw) {
			s.badText(s.pathString())
		}
	default: // a number, true, false or null
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case ',', ']', '}', ' ', '\t', '\n', '\r':
				return
			}
			s.i++
		}
	}
}

func (s *jsonScan) object() {
	s.i++ // {
	first := len(s.keys)
	defer func() { s.keys = s.keys[:first] }()
	for {
		s.space()
		if s.i >= len(s.b) || s.b[s.i] == '}' {
			s.i++
			return
		}
		if s.b[s.i] == ',' {
			s.i++
			continue
		}
		raw := s.str()
		s.path = append(s.path, pathPart{key: raw, idx: -1})
		if s.checkUTF8 && !utf8.Valid(raw) {
			s.badText(s.pathString())
		}
		k := rawKey{raw, bytes.IndexByte(raw, '\\') >= 0}
		if slices.ContainsFunc(s.keys[first:], k.same) {
			key := keyText(raw)
			s.errs = append(s.errs, newError(s.pathString(), CodeDuplicateKey,
				fmt.Sprintf("the key %q appears more than once in the same object", key),
				fmt.Sprintf("字段“%s”在同一对象中出现了不止一次，请只保留一个", key)))
		}
		s.keys = append(s.keys, k)
		s.space()
		s.i++ // :
		s.value()
		s.path = s.path[:len(s.path)-1]
	}
}

func (s *jsonScan) array() {
	s.i++ // [
	for n := 0; ; {
		s.space()
		if s.i >= len(s.b) || s.b[s.i] == ']' {
			s.i++
			return
		}
		if s.b[s.i] == ',' {
			s.i++
			continue
		}
		s.path = append(s.path, pathPart{idx: n})
		s.value()
		s.path = s.path[:len(s.path)-1]
		n++
	}
}

// str reads a string at s.i and returns its raw bytes between the quotes.
func (s *jsonScan) str() []byte {
	s.i++ // "
	start := s.i
	for s.i < len(s.b) && s.b[s.i] != '"' {
		if s.b[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	end := min(s.i, len(s.b))
	s.i++ // "
	return s.b[start:end]
}

func (s *jsonScan) badText(path string) {
	if slices.ContainsFunc(s.errs, func(e FieldError) bool { return e.Path == path && e.Code == CodeEncoding }) {
		return
	}
	s.errs = append(s.errs, newError(path, CodeEncoding, "is not valid UTF-8 text",
		"含有无效的字符编码（不是 UTF-8 文本），请检查文件编码"))
}
