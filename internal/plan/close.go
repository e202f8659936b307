package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Apply writes what a task reached into p: for a figure, value is the new
// figure (a JSON number, or a numeric string) at the target's path; for a
// list, value is the element added (a JSON object), or absent to add the
// target's own element Count times. Errors name the field "value".
func Apply(p *profile.Profile, t Target, value json.RawMessage) error {
	value = bytes.TrimSpace(value)
	empty := len(value) == 0 || string(value) == "null"
	if t.Add != nil {
		elems, err := addElems(t, value, empty)
		if err != nil {
			return err
		}
		for _, e := range elems {
			if err := p.AddPath(t.Path, e); err != nil {
				return apperr.Wrap(err, apperr.EINVALID, "value：新增的"+t.Path+"条目无效："+err.Error())
			}
		}
		return nil
	}
	if empty {
		return apperr.Errorf(apperr.EINVALID, "value：请填写达到的数值（value is required）")
	}
	var s string
	var n json.Number
	d := json.NewDecoder(bytes.NewReader(value))
	d.UseNumber()
	if err := d.Decode(&n); err == nil {
		s = n.String()
	} else if err := json.Unmarshal(value, &s); err != nil {
		return apperr.Errorf(apperr.EINVALID, "value：应为数值（value must be a number）")
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return apperr.Errorf(apperr.EINVALID, "value：应为数值（value must be a number）")
	}
	if err := p.SetPath(t.Path, s); err != nil {
		return apperr.Wrap(err, apperr.EINVALID, fmt.Sprintf("value：%s 无法设为 %s：%v", t.Path, s, err))
	}
	return nil
}

func addElems(t Target, value json.RawMessage, empty bool) ([][]byte, error) {
	if !empty {
		if value[0] != '{' {
			return nil, apperr.Errorf(apperr.EINVALID, "value：应为新增条目的 JSON 对象（value must be an object）")
		}
		return [][]byte{value}, nil
	}
	b, err := json.Marshal(t.Add)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, max(t.Count, 1))
	for i := range out {
		out[i] = b
	}
	return out, nil
}
