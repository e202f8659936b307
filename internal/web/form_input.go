package web

import (
	"encoding/json"
	"strings"

	"zjtx/internal/profile"
)

// What the forms (a data year, the self-test) do with what people type: the
// numbers are read as the import reads them (profile.ParseAmount: "12,345.5",
// full-width digits; profile.ParseShare: "12%"), and problems are worded for
// the official reading them ("请输入数字，如 12345.5").

// sharePaths are the inputs that hold a share (0–1): they also take "12%"
// and "12", as the import's 填写说明 says.
var sharePaths = map[string]bool{"product.market_share": true}

// jsonScalar writes a form value as the JSON the format expects: a number
// when it reads as one, true/false for a flag, and otherwise a string, which
// the decoder then reports at the field's path (see fieldMessage).
func jsonScalar(kind, val string) json.RawMessage {
	switch kind {
	case "decimal", "integer":
		if d, err := profile.ParseAmount(val); err == nil {
			return json.RawMessage(d.String())
		}
		if isJSONNumber(val) {
			return json.RawMessage(val) // the decoder says what is wrong with it (decimal places, size)
		}
	case "bool":
		if val == "true" || val == "on" || val == "1" {
			return json.RawMessage("true")
		}
		return json.RawMessage("false")
	}
	b, _ := json.Marshal(val)
	return b
}

// inputScalar is jsonScalar for the input at path: a share is read as one.
func inputScalar(path, kind, val string) json.RawMessage {
	if sharePaths[path] {
		if d, err := profile.ParseShare(val); err == nil {
			return json.RawMessage(d.String())
		}
	}
	return jsonScalar(kind, val)
}

// isJSONNumber reports whether s is a JSON number literal.
func isJSONNumber(s string) bool {
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil && !strings.HasPrefix(s, `"`)
}

// typeHints word a value of the wrong type by what the input expects.
var typeHints = map[string]string{
	"decimal": "请输入数字，如 12345.5（可带千位分隔符，至多 4 位小数）",
	"integer": "请输入整数，如 120",
	"date":    "请输入日期，如 2024-03-18",
}

// fieldMessage is the message shown beside (and in the summary for) the
// input a FieldError is about: a value of the wrong type is told what to
// type; otherwise the part of the Chinese message after the field's path and
// name, since the input names the field already.
func fieldMessage(e profile.FieldError) string {
	if e.Code == profile.CodeType {
		if sharePaths[e.Path] {
			return "请输入百分数，如 12% 或 0.12"
		}
		if hint, ok := typeHints[kindOf(e.Path)]; ok {
			return hint
		}
	}
	msg := e.MessageZH
	if i := strings.Index(msg, "）："); i >= 0 && strings.HasPrefix(msg, e.Path) {
		return msg[i+len("）："):]
	}
	return strings.TrimPrefix(msg, e.Path+"：")
}
