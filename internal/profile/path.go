package profile

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Errors of the path operations, for errors.Is.
var (
	ErrUnknownPath = errors.New("unknown path")
	ErrNotScalar   = errors.New("not a scalar field")
	ErrNotList     = errors.New("not a list")
	ErrIndex       = errors.New("list index out of range")
	ErrValue       = errors.New("bad value")
)

// A path names a field of the JSON document: keys joined by dots, list
// elements by [i]: "years.2025.rd_expense", "product.market_share",
// "flags.abnormal_list", "ip[2].kind", "product.domains[0]". Gap plans and
// test cases describe changes to a profile with paths, so these operations
// follow the JSON names, not the Go ones.

// SetPath sets the scalar at path to value, read by the field's type: a Dec
// ("150", "0.12"), a whole number, true or false, a date YYYY-MM-DD, text, or
// for flags.data_fraud_ban_until also "null" (known: no ban). An enumerated
// field must get one of its values. A missing year entry or object (flags,
// quality, product) is created; a list element must exist.
//
// SetPath checks the type only: ranges and cross-field rules are Validate's.
func (p *Profile) SetPath(path, value string) error {
	ref, enum, err := p.resolve(path, true)
	if err != nil {
		return err
	}
	if err := setText(ref, enum, value); err != nil {
		return fmt.Errorf("profile: %s: %w", path, err)
	}
	return nil
}

// GetPath returns the scalar at path as SetPath would read it back, and
// false when it is unknown (absent) or path is not a scalar path.
func (p *Profile) GetPath(path string) (string, bool) {
	ref, _, err := p.resolve(path, false)
	if err != nil || ref == nil {
		return "", false
	}
	return getText(ref)
}

// UnsetPath makes the value at path unknown: a scalar becomes absent, an
// object (flags, quality, product, years, years.2025) or a list (ip) is
// removed, and a list element (ip[2], product.domains[0]) is deleted. Unsetting
// what is already absent is not an error.
func (p *Profile) UnsetPath(path string) error {
	segs, err := parsePath(path)
	if err != nil {
		return err
	}
	s0 := segs[0]
	switch {
	case len(segs) == 1 && !s0.hasIdx:
		switch s0.key {
		case "flags":
			p.Flags = nil
			return nil
		case "quality":
			p.Quality = nil
			return nil
		case "product":
			p.Product = nil
			return nil
		case "years":
			p.Years = nil
			return nil
		}
		if l := findList(s0.key); l != nil {
			l.unset(p)
			return nil
		}
	case len(segs) == 1:
		if l := findList(s0.key); l != nil {
			return l.remove(p, s0.idx)
		}
		return unknownPath(path)
	case len(segs) == 2 && s0.key == "years" && !s0.hasIdx && !segs[1].hasIdx:
		y, ok := parseYearKey(segs[1].key)
		if !ok {
			return unknownPath(path)
		}
		delete(p.Years, y)
		return nil
	case len(segs) == 2 && s0.key == "product" && !s0.hasIdx && segs[1].key == "domains":
		if p.Product == nil {
			return nil
		}
		if !segs[1].hasIdx {
			p.Product.Domains = nil
			return nil
		}
		i := segs[1].idx
		if i >= len(p.Product.Domains) {
			return fmt.Errorf("profile: %w: %s", ErrIndex, path)
		}
		p.Product.Domains = slices.Delete(p.Product.Domains, i, i+1)
		return nil
	}
	ref, _, err := p.resolve(path, false)
	if err != nil {
		return err
	}
	if ref != nil {
		unsetRef(ref)
	}
	return nil
}

// AddPath appends one element, given as JSON, to the list at path: ip,
// honors, titles, awards, rd_institutions, standards, maker_china (an object
// each) or product.domains (a JSON string such as "six_basics"). The element
// is decoded strictly and validated on its own; on any error the profile is
// left unchanged and the error is an Errors naming the element's fields
// ("ip[3].kind"). A nil list becomes a list of one.
func (p *Profile) AddPath(path string, elemJSON []byte) error {
	if l := findList(path); l != nil {
		return l.add(p, elemJSON)
	}
	if path != "product.domains" {
		if _, _, err := p.resolve(path, false); err == nil || errors.Is(err, ErrNotScalar) {
			return fmt.Errorf("profile: %w: %s", ErrNotList, path)
		}
		return unknownPath(path)
	}
	var ds []string
	if p.Product != nil {
		ds = p.Product.Domains
	}
	node, errs := parseJSON(elemJSON)
	if errs != nil {
		return errs
	}
	elemPath := index(path, len(ds))
	s, ok := node.(string)
	if !ok {
		d := &decoder{}
		d.typeErr(elemPath, kindString, node)
		return d.errs
	}
	v := &validator{}
	checkDomain(v, elemPath, s, ds)
	if v.errs.HasErrors() {
		return v.errs
	}
	if p.Product == nil {
		p.Product = new(Product)
	}
	p.Product.Domains = append(p.Product.Domains, s)
	return nil
}

// resolve finds the scalar field at path and returns a pointer to it (see
// field.ref) with its enumeration. With create, missing containers on the
// way are made; without, a missing container gives a nil ref and no error.
func (p *Profile) resolve(path string, create bool) (any, []string, error) {
	segs, err := parsePath(path)
	if err != nil {
		return nil, nil, err
	}
	s0 := segs[0]
	if s0.hasIdx {
		l := findList(s0.key)
		if l == nil {
			return nil, nil, unknownPath(path)
		}
		if len(segs) != 2 || segs[1].hasIdx {
			if len(segs) == 1 {
				return nil, nil, fmt.Errorf("profile: %w: %s", ErrNotScalar, path)
			}
			return nil, nil, unknownPath(path)
		}
		return l.elem(p, s0.idx, segs[1].key)
	}
	if len(segs) == 1 {
		if f, ok := lookup(profileFields, s0.key); ok {
			return f.ref(p), f.enum, nil
		}
		if slices.Contains(profileComposed, s0.key) || findList(s0.key) != nil {
			return nil, nil, fmt.Errorf("profile: %w: %s", ErrNotScalar, path)
		}
		return nil, nil, unknownPath(path)
	}
	switch s0.key {
	case "flags":
		return nested(path, segs, create, &p.Flags, flagsFields)
	case "quality":
		return nested(path, segs, create, &p.Quality, qualityFields)
	case "product":
		if segs[1].key == "domains" && len(segs) == 2 {
			if !segs[1].hasIdx {
				return nil, nil, fmt.Errorf("profile: %w: %s", ErrNotScalar, path)
			}
			if p.Product == nil || segs[1].idx >= len(p.Product.Domains) {
				if create {
					return nil, nil, fmt.Errorf("profile: %w: %s", ErrIndex, path)
				}
				return nil, nil, nil
			}
			return &p.Product.Domains[segs[1].idx], productDomains, nil
		}
		return nested(path, segs, create, &p.Product, productFields)
	case "years":
		y, ok := parseYearKey(segs[1].key)
		if !ok || segs[1].hasIdx {
			return nil, nil, unknownPath(path)
		}
		if len(segs) == 2 {
			return nil, nil, fmt.Errorf("profile: %w: %s", ErrNotScalar, path)
		}
		if len(segs) != 3 || segs[2].hasIdx {
			return nil, nil, unknownPath(path)
		}
		f, ok := lookup(yearFields, segs[2].key)
		if !ok {
			return nil, nil, unknownPath(path)
		}
		yr := p.Years[y]
		if yr == nil {
			if !create {
				return nil, nil, nil
			}
			if p.Years == nil {
				p.Years = make(map[int]*Year)
			}
			yr = new(Year)
			p.Years[y] = yr
		}
		return f.ref(yr), f.enum, nil
	}
	return nil, nil, unknownPath(path)
}

// nested resolves "obj.key" where obj is an optional object of type T.
func nested[T any](path string, segs []pathSeg, create bool, obj **T, fields []field[T]) (any, []string, error) {
	if len(segs) != 2 || segs[1].hasIdx {
		return nil, nil, unknownPath(path)
	}
	f, ok := lookup(fields, segs[1].key)
	if !ok {
		return nil, nil, unknownPath(path)
	}
	if *obj == nil {
		if !create {
			return nil, nil, nil
		}
		*obj = new(T)
	}
	return f.ref(*obj), f.enum, nil
}

type pathSeg struct {
	key    string
	idx    int
	hasIdx bool
}

func parsePath(path string) ([]pathSeg, error) {
	if path == "" {
		return nil, unknownPath(path)
	}
	parts := strings.Split(path, ".")
	segs := make([]pathSeg, len(parts))
	for i, part := range parts {
		key, rest, hasIdx := strings.Cut(part, "[")
		if key == "" {
			return nil, unknownPath(path)
		}
		segs[i].key = key
		if hasIdx {
			num, ok := strings.CutSuffix(rest, "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n < 0 || num != strconv.Itoa(n) {
				return nil, unknownPath(path)
			}
			segs[i].idx, segs[i].hasIdx = n, true
		}
	}
	return segs, nil
}

func unknownPath(path string) error { return fmt.Errorf("profile: %w: %q", ErrUnknownPath, path) }

// setText parses s by the type of the field ref points to. Each set
// allocates a new value rather than writing through the old pointer, so a
// value shared with another profile is never changed behind its back.
func setText(ref any, enum []string, s string) error {
	bad := func(want string) error { return fmt.Errorf("%w: %q is not %s", ErrValue, s, want) }
	switch r := ref.(type) {
	case *string:
		if enum != nil && !slices.Contains(enum, s) {
			return fmt.Errorf("%w: %q is not one of %s", ErrValue, s, strings.Join(enum, ", "))
		}
		*r = s
	case *bool, **bool:
		var b bool
		switch s {
		case "true":
			b = true
		case "false":
		default:
			return bad("true or false")
		}
		if bp, ok := r.(*bool); ok {
			*bp = b
		} else {
			*r.(**bool) = &b
		}
	case **Dec:
		d, err := ParseDec(s)
		if err != nil {
			return bad("a decimal number with at most 4 decimal places")
		}
		*r = &d
	case *int, **int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return bad("a whole number")
		}
		if ip, ok := r.(*int); ok {
			*ip = n
		} else {
			*r.(**int) = &n
		}
	case **int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return bad("a whole number")
		}
		*r = &n
	case **Date:
		d, err := ParseDate(s)
		if err != nil {
			return bad("a date YYYY-MM-DD")
		}
		*r = &d
	case *BanDate:
		if s == "null" {
			*r = BanDate{Known: true}
			return nil
		}
		d, err := ParseDate(s)
		if err != nil {
			return bad(`a date YYYY-MM-DD or "null"`)
		}
		*r = BanDate{Known: true, Until: &d}
	default:
		panic("profile: field of unsupported type")
	}
	return nil
}

func getText(ref any) (string, bool) {
	switch r := ref.(type) {
	case *string:
		return *r, *r != ""
	case *bool:
		return strconv.FormatBool(*r), true
	case **bool:
		if *r == nil {
			return "", false
		}
		return strconv.FormatBool(**r), true
	case **Dec:
		if *r == nil {
			return "", false
		}
		return (*r).String(), true
	case *int:
		return strconv.Itoa(*r), true
	case **int:
		if *r == nil {
			return "", false
		}
		return strconv.Itoa(**r), true
	case **int64:
		if *r == nil {
			return "", false
		}
		return strconv.FormatInt(**r, 10), true
	case **Date:
		if *r == nil {
			return "", false
		}
		return (*r).String(), true
	case *BanDate:
		if !r.Known {
			return "", false
		}
		if r.Until == nil {
			return "null", true
		}
		return r.Until.String(), true
	}
	panic("profile: field of unsupported type")
}

func unsetRef(ref any) {
	switch r := ref.(type) {
	case *string:
		*r = ""
	case *bool:
		*r = false
	case **bool:
		*r = nil
	case **Dec:
		*r = nil
	case *int:
		*r = 0
	case **int:
		*r = nil
	case **int64:
		*r = nil
	case **Date:
		*r = nil
	case *BanDate:
		*r = BanDate{}
	default:
		panic("profile: field of unsupported type")
	}
}
