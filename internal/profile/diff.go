package profile

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// Diff returns the paths at which a and b differ, sorted: scalars by their
// dotted paths ("years.2025.revenue", "flags.serious_dishonesty"), lists as
// a whole by their names ("ip", "titles", "product.domains"), since a list
// item has no identity but its place. A field absent from one side and
// present in the other differs, as unknown differs from any value.
func Diff(a, b *Profile) []string {
	fa, fb := flatten(a), flatten(b)
	var out []string
	for k, va := range fa {
		if vb, ok := fb[k]; !ok || !bytes.Equal(va, vb) {
			out = append(out, k)
		}
	}
	for k := range fb {
		if _, ok := fa[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// flatten maps every leaf of p's JSON form to its compact JSON text.
func flatten(p *Profile) map[string][]byte {
	out := map[string][]byte{}
	if p == nil {
		return out
	}
	doc, err := EncodeBytes(p)
	if err != nil {
		return out
	}
	var walk func(path string, raw json.RawMessage)
	walk = func(path string, raw json.RawMessage) {
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '{' {
			var m map[string]json.RawMessage
			if json.Unmarshal(raw, &m) == nil {
				for k, v := range m {
					walk(join(path, k), v)
				}
				return
			}
		}
		out[path] = raw
	}
	walk("", doc)
	return out
}

// Merge returns dst with the fields at paths taken from src (a path absent
// from src is made absent in dst): the change a form made to the record it
// was read from, applied to the record as it is now. paths are Diff's paths.
// The result is decoded and validated as a whole, like any document, so a
// merge that breaks a rule across fields is reported at its path.
func Merge(dst, src *Profile, paths []string) (*Profile, Errors) {
	to, err := tree(dst)
	if err != nil {
		return nil, Errors{newError("", CodeSyntax, err.Error(), "档案无法读取")}
	}
	from, err := tree(src)
	if err != nil {
		return nil, Errors{newError("", CodeSyntax, err.Error(), "档案无法读取")}
	}
	for _, path := range paths {
		if v, ok := lookupTree(from, strings.Split(path, ".")); ok {
			SetDocPath(to, path, v)
		} else {
			DeleteDocPath(to, path)
		}
	}
	doc, err := json.Marshal(to)
	if err != nil {
		return nil, Errors{newError("", CodeSyntax, err.Error(), "档案无法读取")}
	}
	return DecodeBytes(doc)
}

// tree is p's JSON form as nested maps, numbers kept as their text.
func tree(p *Profile) (map[string]any, error) {
	doc, err := EncodeBytes(p)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

func lookupTree(m map[string]any, keys []string) (any, bool) {
	for i, k := range keys {
		v, ok := m[k]
		if !ok {
			return nil, false
		}
		if i == len(keys)-1 {
			return v, true
		}
		if m, ok = v.(map[string]any); !ok {
			return nil, false
		}
	}
	return nil, false
}

// SetDocPath sets a dotted path ("years.2025.revenue") in a document held
// as nested maps, creating objects on the way.
func SetDocPath(doc map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	m := doc
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}

// DeleteDocPath removes a dotted path from a document held as nested maps:
// the fact becomes unknown.
func DeleteDocPath(doc map[string]any, path string) {
	keys := strings.Split(path, ".")
	m := doc
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			return
		}
		m = next
	}
	delete(m, keys[len(keys)-1])
}
