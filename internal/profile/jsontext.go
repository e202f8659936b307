package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
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
// "ip[1].kind"). Text that is not JSON at all is left to the decoder.
func CheckJSONText(b []byte) Errors {
	var errs Errors
	checkUTF8 := !utf8.Valid(b)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type frame struct {
		obj  bool
		path string
		keys map[string]bool
		key  string // the key whose value comes next (objects)
		has  bool   // key is read and its value not yet
		n    int    // the index of the next element (arrays)
	}
	var stack []*frame
	// at is the path of the value that comes next.
	at := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.obj {
			return join(f.path, f.key)
		}
		return index(f.path, f.n)
	}
	// done moves the enclosing container past a value.
	done := func() {
		if len(stack) > 0 {
			if f := stack[len(stack)-1]; f.obj {
				f.has = false
			} else {
				f.n++
			}
		}
	}
	badUTF8 := map[string]bool{}
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break // the end, or a syntax error the decoder reports in its words
		}
		if checkUTF8 {
			// The token's bytes (with the separators before it, which are
			// ASCII) still hold what the decoder replaced.
			if raw := b[start:dec.InputOffset()]; !utf8.Valid(raw) {
				path := at()
				if f := top(stack); f != nil && f.obj && !f.has {
					if s, ok := tok.(string); ok {
						path = join(f.path, s)
					}
				}
				if !badUTF8[path] {
					badUTF8[path] = true
					errs = append(errs, newError(path, CodeEncoding, "is not valid UTF-8 text",
						"含有无效的字符编码（不是 UTF-8 文本），请检查文件编码"))
				}
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, &frame{obj: t == '{', path: at(), keys: map[string]bool{}})
			default:
				stack = stack[:len(stack)-1]
				done()
			}
			continue
		case string:
			if f := top(stack); f != nil && f.obj && !f.has {
				// A key: the decoder hands keys and string values alike.
				if f.keys[t] {
					errs = append(errs, newError(join(f.path, t), CodeDuplicateKey,
						fmt.Sprintf("the key %q appears more than once in the same object", t),
						fmt.Sprintf("字段“%s”在同一对象中出现了不止一次，请只保留一个", t)))
				}
				f.keys[t] = true
				f.key, f.has = t, true
				continue
			}
		}
		done()
	}
	return errs
}

func top[T any](s []*T) *T {
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}
