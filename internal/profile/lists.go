package profile

import (
	"fmt"
	"slices"
)

// list describes one list of the profile (ip, honors, titles…) whose
// elements are objects of type T. One generic implementation serves the
// decoder, the validator and the path operations of all seven lists.
type list[T any] struct {
	key    string
	zh     string
	slice  func(*Profile) *[]T
	fields []field[T]
	check  func(v *validator, path string, e *T) // rules across the fields of one element
}

// listOps is what the rest of the package needs from a list, whatever T is.
type listOps interface {
	name() string
	decode(d *decoder, p *Profile, node any)
	validate(v *validator, p *Profile)
	add(p *Profile, elemJSON []byte) error
	unset(p *Profile)
	remove(p *Profile, i int) error
	elem(p *Profile, i int, key string) (ref any, enum []string, err error)
	addInfos()
	length(p *Profile) (int, bool)
	keys() []string
}

var lists = []listOps{
	&list[IP]{key: "ip", zh: "知识产权", slice: func(p *Profile) *[]IP { return &p.IP }, fields: ipFields, check: checkIP},
	&list[Honor]{key: "honors", zh: "资质荣誉", slice: func(p *Profile) *[]Honor { return &p.Honors }, fields: honorFields, check: checkHonor},
	&list[Title]{key: "titles", zh: "梯度称号", slice: func(p *Profile) *[]Title { return &p.Titles }, fields: titleFields, check: checkTitle},
	&list[Award]{key: "awards", zh: "科技奖励", slice: func(p *Profile) *[]Award { return &p.Awards }, fields: awardFields},
	&list[RDInstitution]{key: "rd_institutions", zh: "研发机构", slice: func(p *Profile) *[]RDInstitution { return &p.RDInstitutions }, fields: instFields},
	&list[Standard]{key: "standards", zh: "标准制修订", slice: func(p *Profile) *[]Standard { return &p.Standards }, fields: standardFields},
	&list[MakerChina]{key: "maker_china", zh: "创客中国", slice: func(p *Profile) *[]MakerChina { return &p.MakerChina }, fields: makerFields},
}

func findList(key string) listOps {
	for _, l := range lists {
		if l.name() == key {
			return l
		}
	}
	return nil
}

func (l *list[T]) name() string { return l.key }

func (l *list[T]) addInfos() {
	addInfo(l.key, "list", l.zh)
	addInfo(l.key+"[]", "object", l.zh)
	addInfos(l.key+"[]", l.fields)
}

func (l *list[T]) decode(d *decoder, p *Profile, node any) {
	s := l.slice(p)
	switch v := node.(type) {
	case nil:
		*s = nil
	case []any:
		// make, not nil, even for []: an empty list is a known "none".
		out := make([]T, len(v))
		for i, e := range v {
			decodeStruct(d, index(l.key, i), e, &out[i], l.fields)
		}
		*s = out
	default:
		d.typeErr(l.key, kindArray, node)
	}
}

func (l *list[T]) validate(v *validator, p *Profile) {
	s := *l.slice(p)
	for i := range s {
		l.validateElem(v, index(l.key, i), &s[i])
	}
}

func (l *list[T]) validateElem(v *validator, path string, e *T) {
	checkFields(v, path, e, l.fields)
	if l.check != nil {
		l.check(v, path, e)
	}
}

func (l *list[T]) add(p *Profile, elemJSON []byte) error {
	s := l.slice(p)
	path := index(l.key, len(*s))
	node, errs := parseJSON(elemJSON)
	if errs != nil {
		return errs
	}
	var e T
	d := &decoder{}
	decodeStruct(d, path, node, &e, l.fields)
	v := &validator{}
	l.validateElem(v, path, &e)
	if all := merge(d.errs, v.errs); all.HasErrors() {
		return all
	}
	*s = append(*s, e)
	return nil
}

func (l *list[T]) unset(p *Profile) { *l.slice(p) = nil }

func (l *list[T]) remove(p *Profile, i int) error {
	s := l.slice(p)
	if i < 0 || i >= len(*s) {
		return fmt.Errorf("profile: %w: %s", ErrIndex, index(l.key, i))
	}
	*s = slices.Delete(*s, i, i+1)
	return nil
}

func (l *list[T]) elem(p *Profile, i int, key string) (any, []string, error) {
	f, ok := lookup(l.fields, key)
	if !ok {
		return nil, nil, fmt.Errorf("profile: %w: %s", ErrUnknownPath, join(index(l.key, i), key))
	}
	s := *l.slice(p)
	if i < 0 || i >= len(s) {
		return nil, nil, fmt.Errorf("profile: %w: %s", ErrIndex, index(l.key, i))
	}
	return f.ref(&s[i]), f.enum, nil
}

// ListLen returns the number of items of the list named name ("ip",
// "honors"…) and whether the list is known: nil is unknown, [] is none.
func (p *Profile) ListLen(name string) (n int, known bool) {
	l := findList(name)
	if l == nil {
		return 0, false
	}
	return l.length(p)
}

func (l *list[T]) length(p *Profile) (int, bool) {
	s := *l.slice(p)
	return len(s), s != nil
}

// ItemField is one field of a list's items, for a form that edits them.
type ItemField struct {
	Key string
	FieldInfo
}

// ListFields returns the fields of the items of the list named name, in
// the format's order, or nil for no such list.
func ListFields(name string) []ItemField {
	l := findList(name)
	if l == nil {
		return nil
	}
	var out []ItemField
	for _, k := range l.keys() {
		info, _ := Describe(name + "[]." + k)
		out = append(out, ItemField{Key: k, FieldInfo: info})
	}
	return out
}

func (l *list[T]) keys() []string {
	ks := make([]string, len(l.fields))
	for i, f := range l.fields {
		ks[i] = f.key
	}
	return ks
}
