package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// enterpriseBody is the body of a create or update: either a bare profile
// document (spec/profile.md, the interchange format every client has) or an
// envelope that adds what the platform keeps beside the profile.
type enterpriseBody struct {
	Profile json.RawMessage `json:"profile"`
	Chain   *string         `json:"chain"`
	Status  *string         `json:"status"`
	Version int64           `json:"version"` // the version an update was made from; 0: see If-Match
}

// apply sets on rec the envelope's chain and status, where given.
func (b *enterpriseBody) apply(rec *enterprise.Record) {
	if b.Chain != nil {
		rec.Chain = *b.Chain
	}
	if b.Status != nil {
		rec.Status = enterprise.Status(*b.Status)
	}
}

// readEnterpriseBody decodes either form and validates everything, naming
// every bad field: envelope fields by name, profile fields by their path
// (under "profile." in an envelope).
func (a *API) readEnterpriseBody(doc []byte) (*enterpriseBody, *profile.Profile, error) {
	if err := httpx.CheckJSONText(doc); err != nil {
		return nil, nil, err
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(doc, &probe); err != nil {
		// Not an object: let the profile decoder say what is wrong.
		_, err := decodeProfile(doc, "")
		if err == nil {
			err = httpx.Invalid("请求体应为 JSON 对象")
		}
		return nil, nil, err
	}
	body := &enterpriseBody{}
	prefix := ""
	var bad []httpx.Field
	fail := func(path, format string, args ...any) {
		bad = append(bad, httpx.Field{Path: path, Message: path + "：" + fmt.Sprintf(format, args...)})
	}
	if _, ok := probe["profile"]; ok {
		// The envelope's fields are read one by one, so a bad chain does not
		// hide the profile's problems.
		for _, k := range slices.Sorted(maps.Keys(probe)) {
			raw := probe[k]
			var err error
			switch k {
			case "profile":
				body.Profile = raw
			case "chain":
				err = json.Unmarshal(raw, &body.Chain)
			case "status":
				err = json.Unmarshal(raw, &body.Status)
			case "version":
				err = json.Unmarshal(raw, &body.Version)
			default:
				fail(k, "未知字段")
			}
			if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
				want := map[string]string{"chain": "string", "status": "string", "version": "number"}[k]
				bad = append(bad, httpx.TypeError(k, want, te.Value))
			} else if err != nil {
				fail(k, "取值无效")
			}
		}
		doc, prefix = body.Profile, "profile."
	}
	p, perr := decodeProfile(doc, prefix)
	if p != nil {
		if p.Region == "" {
			fail(prefix+"region", "注册地区县代码不能为空")
		} else if a.regions[p.Region] == "" {
			fail(prefix+"region", "%s 不是郑州市的区县（市）或开发区代码", p.Region)
		}
	}
	if body.Chain != nil && utf8.RuneCountInString(*body.Chain) > 50 {
		fail("chain", "产业链名称不能超过 50 个字")
	}
	if body.Status != nil && !enterprise.Status(*body.Status).Valid() {
		fail("status", "取值应为 active、moved_out、closed 之一")
	}
	if body.Version < 0 {
		fail("version", "应为正整数")
	}
	if err := joinInvalid(perr, fieldsErr(bad)); err != nil {
		return nil, nil, err
	}
	return body, p, nil
}
