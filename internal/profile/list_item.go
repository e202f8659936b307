package profile

import (
	"encoding/json"
	"fmt"
)

// WithListItem returns a copy of p with one item of the list named name
// ("ip", "honors"…) changed: replaced by elemJSON (an object in the format of
// that list's items) at index i, appended when i is -1, or deleted when
// elemJSON is nil. The result is decoded and validated as a whole, so a
// problem of the new item is reported at its path ("ip[3].granted") and
// rules across fields still hold. p is not changed.
func (p *Profile) WithListItem(name string, i int, elemJSON []byte) (*Profile, Errors) {
	if findList(name) == nil {
		return nil, Errors{newError(name, CodeUnknownField, "not a list of the profile", "不是档案中的列表")}
	}
	doc, err := tree(p)
	if err != nil {
		return nil, Errors{newError("", CodeSyntax, err.Error(), "档案无法读取")}
	}
	items, _ := doc[name].([]any)
	var elem any
	if elemJSON != nil {
		// The item is parsed as any document is, so a duplicate key or bad
		// text in it is refused at its path.
		node, errs := parseJSON(elemJSON)
		if errs != nil {
			return nil, errs
		}
		elem = node
	}
	switch {
	case i == -1 && elemJSON != nil:
		items = append(items, elem)
	case i < 0 || i >= len(items):
		return nil, Errors{newError(index(name, i), CodeRange, fmt.Sprintf("no item %d", i), "该项不存在，可能已被删除，请刷新后重试")}
	case elemJSON == nil:
		items = append(items[:i:i], items[i+1:]...)
	default:
		items[i] = elem
	}
	if items == nil {
		items = []any{} // the last item deleted: known to have none
	}
	doc[name] = items
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, Errors{newError("", CodeSyntax, err.Error(), "档案无法读取")}
	}
	return DecodeBytes(b)
}
