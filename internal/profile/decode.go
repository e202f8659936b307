package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaxDocumentSize is the largest profile document Decode accepts. A real
// profile is a few kilobytes; the limit keeps a hostile upload from costing
// memory.
const MaxDocumentSize = 1 << 20

// CodeRead is the code of a failure to read the input at all.
const CodeRead = "read"

// Decode reads one profile document (spec/profile.md) and validates it.
//
// The returned Errors hold every problem found, each with the dotted path of
// its field: JSON type errors, unknown fields, malformed year keys and every
// rule of Validate. Keys starting with "_" ("_as_of", "_note") are comments
// and are ignored at any depth; any other unknown key is an error.
//
// The profile is returned whenever the document is a JSON object, with the
// fields that could not be read left unset, so that a form can show what was
// read; callers must check errs.HasErrors() before evaluating it. It is nil
// when the document is not JSON, is too large or is not an object.
func Decode(r io.Reader) (*Profile, Errors) {
	b, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return nil, Errors{newError("", CodeRead, "cannot read the document: "+err.Error(), "无法读取文件："+err.Error())}
	}
	return DecodeBytes(b)
}

// DecodeBytes is Decode for a document in memory.
func DecodeBytes(b []byte) (*Profile, Errors) {
	if len(b) > MaxDocumentSize {
		return nil, Errors{newError("", CodeTooLarge,
			fmt.Sprintf("the document is larger than %d bytes", MaxDocumentSize),
			fmt.Sprintf("文件超过 %d 字节的上限", MaxDocumentSize))}
	}
	node, errs := parseJSON(b)
	if errs != nil {
		return nil, errs
	}
	m, ok := node.(map[string]any)
	if !ok {
		d := &decoder{}
		d.typeErr("", kindObject, node)
		return nil, d.errs
	}
	p := new(Profile)
	d := &decoder{}
	d.profile(p, m)
	return p, merge(d.errs, Validate(p))
}

// parseJSON parses one JSON value, keeping numbers as their literal text so
// that amounts never pass through float64.
func parseJSON(b []byte) (any, Errors) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var node any
	err := dec.Decode(&node)
	if err == nil {
		// Exactly one value: trailing data is a broken document, not a comment.
		if _, terr := dec.Token(); terr != io.EOF {
			return nil, syntaxError(b, int(dec.InputOffset()), errors.New("unexpected data after the JSON value"))
		}
		if errs := checkValidJSON(b); errs != nil {
			return nil, errs
		}
		return node, nil
	}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return nil, Errors{newError("", CodeSyntax, "the document is empty", "文件为空")}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, Errors{newError("", CodeSyntax, "the document ends in the middle of a value", "文件不完整，在数据中间结束")}
	case errors.As(err, &se):
		return nil, syntaxError(b, int(se.Offset), err)
	}
	return nil, Errors{newError("", CodeSyntax, "not valid JSON: "+err.Error(), "不是有效的 JSON："+err.Error())}
}

// syntaxError names the line and column, which is what a person editing a
// file by hand needs.
func syntaxError(b []byte, offset int, err error) Errors {
	offset = min(max(offset, 0), len(b))
	line := 1 + bytes.Count(b[:offset], []byte("\n"))
	col := offset - bytes.LastIndexByte(b[:offset], '\n')
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return Errors{newError("", CodeSyntax,
		fmt.Sprintf("not valid JSON at line %d, column %d: %s", line, col, msg),
		fmt.Sprintf("第 %d 行第 %d 列：JSON 格式错误（%s）", line, col, msg))}
}

// merge appends the validation problems to the decoding problems, leaving
// out those at or below a path that already failed to decode: a field that
// could not be read is reported once, as unreadable, not again as missing.
func merge(decoded, validated Errors) Errors {
	out := decoded
	for _, e := range validated {
		if !slices.ContainsFunc(decoded, func(d FieldError) bool { return under(e.Path, d.Path) }) {
			out = append(out, e)
		}
	}
	return out
}

// under reports whether path is base or lies inside it.
func under(path, base string) bool {
	if base == "" || path == base {
		return true
	}
	return strings.HasPrefix(path, base) && (path[len(base)] == '.' || path[len(base)] == '[')
}

// jsonKind names an expected JSON type in both languages.
type jsonKind struct{ en, zh string }

var (
	kindObject  = jsonKind{"an object", "对象"}
	kindArray   = jsonKind{"an array", "数组"}
	kindString  = jsonKind{"a string", "字符串"}
	kindBool    = jsonKind{"true or false", " true 或 false "}
	kindNumber  = jsonKind{"a number", "数字"}
	kindInteger = jsonKind{"a whole number", "整数"}
	kindDate    = jsonKind{`a date string "YYYY-MM-DD"`, "日期字符串（YYYY-MM-DD）"}
	kindBanDate = jsonKind{`a date string "YYYY-MM-DD" or null`, "日期字符串（YYYY-MM-DD）或 null "}
)

func describe(node any) jsonKind {
	switch node.(type) {
	case nil:
		return jsonKind{"null", "null"}
	case bool:
		return jsonKind{"true/false", "布尔值"}
	case json.Number:
		return jsonKind{"a number", "数字"}
	case string:
		return jsonKind{"a string", "字符串"}
	case []any:
		return jsonKind{"an array", "数组"}
	}
	return jsonKind{"an object", "对象"}
}

// decoder turns the parsed JSON tree into a Profile, collecting a problem per
// field instead of stopping at the first, as encoding/json would.
type decoder struct{ errs Errors }

func (d *decoder) add(e FieldError) { d.errs = append(d.errs, e) }

func (d *decoder) typeErr(path string, want jsonKind, node any) {
	got := describe(node)
	what, whatZH := "value", ""
	if path == "" {
		what, whatZH = "the document", "文件"
	}
	d.add(newError(path, CodeType,
		fmt.Sprintf("%s must be %s, not %s", what, want.en, got.en),
		fmt.Sprintf("%s应为%s，不能是%s", whatZH, want.zh, got.zh)))
}

func (d *decoder) profile(p *Profile, m map[string]any) {
	seen := decodeFields(d, "", m, p, profileFields)
	for _, k := range profileComposed {
		if _, ok := m[k]; ok {
			seen++
		}
	}
	// An object that is not an object stays unknown (nil), not empty.
	if v, ok := m["flags"]; ok && v != nil {
		if f := new(Flags); decodeStruct(d, "flags", v, f, flagsFields) {
			p.Flags = f
		}
	}
	if v, ok := m["years"]; ok {
		d.years(p, v)
	}
	if v, ok := m["quality"]; ok && v != nil {
		if q := new(Quality); decodeStruct(d, "quality", v, q, qualityFields) {
			p.Quality = q
		}
	}
	if v, ok := m["product"]; ok && v != nil {
		if pr := new(Product); decodeStruct(d, "product", v, pr, productFields) {
			if dv, ok := v.(map[string]any)["domains"]; ok {
				d.domains(pr, dv)
			}
			p.Product = pr
		}
	}
	for _, l := range lists {
		if v, ok := m[l.name()]; ok {
			l.decode(d, p, v)
			seen++
		}
	}
	d.unknown("", m, seen, func(k string) bool {
		_, ok := lookup(profileFields, k)
		return ok || slices.Contains(profileComposed, k) || findList(k) != nil
	})
}

func (d *decoder) years(p *Profile, node any) {
	if node == nil {
		return
	}
	m, ok := node.(map[string]any)
	if !ok {
		d.typeErr("years", kindObject, node)
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !strings.HasPrefix(k, "_") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // four-digit keys sort like their years
	for _, k := range keys {
		path := "years." + k
		y, ok := parseYearKey(k)
		if !ok {
			d.add(newError(path, CodeFormat,
				fmt.Sprintf("a year key must be a four-digit year from %d to %d", MinYear, MaxYear),
				fmt.Sprintf("年度须为 %d–%d 之间的四位年份", MinYear, MaxYear)))
			continue
		}
		v := m[k]
		if v == nil {
			continue // null: nothing known about that year
		}
		yr := new(Year)
		if decodeStruct(d, path, v, yr, yearFields) {
			if p.Years == nil {
				p.Years = make(map[int]*Year, len(keys))
			}
			p.Years[y] = yr
		}
	}
}

// parseYearKey accepts exactly four digits in [MinYear, MaxYear]: "2025",
// not "+2025", "02025" or "25".
func parseYearKey(k string) (int, bool) {
	if len(k) != 4 {
		return 0, false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(k)
	return y, y >= MinYear && y <= MaxYear
}

func (d *decoder) domains(pr *Product, node any) {
	switch v := node.(type) {
	case nil:
		pr.Domains = nil
	case []any:
		pr.Domains = make([]string, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				d.typeErr(index("product.domains", i), kindString, e)
				continue
			}
			pr.Domains = append(pr.Domains, s)
		}
	default:
		d.typeErr("product.domains", kindArray, node)
	}
}

// decodeStruct reads the object node into dst, reporting a type error and
// returning false when node is not an object.
func decodeStruct[T any](d *decoder, path string, node any, dst *T, fields []field[T]) bool {
	m, ok := node.(map[string]any)
	if !ok {
		d.typeErr(path, kindObject, node)
		return false
	}
	seen := decodeFields(d, path, m, dst, fields)
	if _, ok := m["domains"]; ok && path == "product" {
		seen++
	}
	d.unknown(path, m, seen, func(k string) bool {
		_, ok := lookup(fields, k)
		// product.domains is read by the caller, being a list.
		return ok || (path == "product" && k == "domains")
	})
	return true
}

// decodeFields reads the fields of the table that m holds and returns how
// many it found.
func decodeFields[T any](d *decoder, path string, m map[string]any, dst *T, fields []field[T]) int {
	n := 0
	for i := range fields {
		f := &fields[i]
		if v, ok := m[f.key]; ok {
			d.scalar(fieldAt{path, f.key}, f.ref(dst), v)
			n++
		}
	}
	return n
}

// unknown reports, in sorted order, each key of m that known refuses.
// Keys starting with "_" are comments and metadata ("_as_of", "_note").
// seen is the number of keys already read: when it is all of them, there is
// nothing to look for, which is the common case.
func (d *decoder) unknown(path string, m map[string]any, seen int, known func(string) bool) {
	if seen == len(m) {
		return
	}
	var bad []string
	for k := range m {
		if !strings.HasPrefix(k, "_") && !known(k) {
			bad = append(bad, k)
		}
	}
	slices.Sort(bad)
	for _, k := range bad {
		d.add(newError(join(path, k), CodeUnknownField, "unknown field", "未知字段，格式中没有此项"))
	}
}

// scalar stores node into the field that ref points to. A null leaves a
// pointer field nil (unknown) and a plain field at its zero value.
func (d *decoder) scalar(at fieldAt, ref any, node any) {
	switch r := ref.(type) {
	case *string:
		switch v := node.(type) {
		case nil:
			*r = ""
		case string:
			*r = v
		default:
			d.typeErr(at.path(), kindString, node)
		}
	case *bool:
		switch v := node.(type) {
		case nil:
			*r = false
		case bool:
			*r = v
		default:
			d.typeErr(at.path(), kindBool, node)
		}
	case **bool:
		switch v := node.(type) {
		case nil:
			*r = nil
		case bool:
			*r = &v
		default:
			d.typeErr(at.path(), kindBool, node)
		}
	case **Dec:
		switch v := node.(type) {
		case nil:
			*r = nil
		case json.Number:
			x, err := ParseDec(string(v))
			if err != nil {
				d.add(newError(at.path(), CodeFormat,
					fmt.Sprintf("must be a plain decimal number with at most 4 decimal places, not %s", v),
					fmt.Sprintf("应为最多 4 位小数的十进制数，不能是 %s", v)))
				return
			}
			*r = &x
		default:
			d.typeErr(at.path(), kindNumber, node)
		}
	case *int:
		if n, ok := d.integer(at, node, strconv.IntSize); ok {
			*r = int(n)
		}
	case **int:
		if node == nil {
			*r = nil
		} else if n, ok := d.integer(at, node, strconv.IntSize); ok {
			x := int(n)
			*r = &x
		}
	case **int64:
		if node == nil {
			*r = nil
		} else if n, ok := d.integer(at, node, 64); ok {
			*r = &n
		}
	case **Date:
		switch v := node.(type) {
		case nil:
			*r = nil
		case string:
			if x, ok := d.date(at, v); ok {
				*r = &x
			}
		default:
			d.typeErr(at.path(), kindDate, node)
		}
	case *BanDate:
		switch v := node.(type) {
		case nil:
			*r = BanDate{Known: true}
		case string:
			if x, ok := d.date(at, v); ok {
				*r = BanDate{Known: true, Until: &x}
			}
		default:
			d.typeErr(at.path(), kindBanDate, node)
		}
	default:
		panic("profile: field of unsupported type at " + at.path())
	}
}

func (d *decoder) integer(at fieldAt, node any, bits int) (int64, bool) {
	switch v := node.(type) {
	case nil:
		return 0, true
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, bits)
		if err == nil {
			return n, true
		}
		if errors.Is(err, strconv.ErrRange) {
			d.add(newError(at.path(), CodeRange, fmt.Sprintf("%s is too large", v), fmt.Sprintf("数值 %s 过大", v)))
		} else {
			d.add(newError(at.path(), CodeFormat,
				fmt.Sprintf("must be a whole number, not %s", v),
				fmt.Sprintf("应为整数，不能是 %s", v)))
		}
	default:
		d.typeErr(at.path(), kindInteger, node)
	}
	return 0, false
}

func (d *decoder) date(at fieldAt, s string) (Date, bool) {
	x, err := ParseDate(s)
	if err != nil {
		d.add(newError(at.path(), CodeFormat,
			fmt.Sprintf("must be a valid date YYYY-MM-DD, not %q", s),
			fmt.Sprintf("应为有效日期（YYYY-MM-DD），不能是“%s”", s)))
		return Date{}, false
	}
	return x, true
}
