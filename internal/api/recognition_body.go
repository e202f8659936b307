package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// recognitionBody is a recognition as the API reads it: dates as text, so
// that a bad one is named with its field. Answers are the record itself
// (cultivation.Recognition).
type recognitionBody struct {
	EnterpriseID int64  `json:"enterprise_id"`
	Tier         string `json:"tier"`
	Level        string `json:"level"`
	Batch        string `json:"batch"`
	DocNo        string `json:"doc_no"`
	RecognizedOn string `json:"recognized_on"`
	ValidTo      string `json:"valid_to"`
	RuleSet      string `json:"ruleset"`
	ReviewResult string `json:"review_result"`
	ReviewedOn   string `json:"reviewed_on"`
	ChangeKind   string `json:"change_kind"`
	ChangedOn    string `json:"changed_on"`
	Version      int64  `json:"version"`
}

// readRecognition reads a recognition from the request body; every bad
// field is named.
func readRecognition(req *http.Request) (*cultivation.Recognition, error) {
	var b recognitionBody
	if err := readJSON(req, &b, "认定记录"); err != nil {
		return nil, err
	}
	r := &cultivation.Recognition{EnterpriseID: b.EnterpriseID, Tier: b.Tier, Level: b.Level, Batch: b.Batch,
		DocNo: b.DocNo, RuleSet: b.RuleSet, ReviewResult: b.ReviewResult, ChangeKind: b.ChangeKind, Version: b.Version}
	var fields []httpx.Field
	for _, d := range []struct {
		path, zh, s string
		to          *profile.Date
	}{
		{"recognized_on", "认定日期", b.RecognizedOn, &r.RecognizedOn}, {"valid_to", "有效期至", b.ValidTo, &r.ValidTo},
		{"reviewed_on", "复核日期", b.ReviewedOn, &r.ReviewedOn}, {"changed_on", "变更日期", b.ChangedOn, &r.ChangedOn},
	} {
		if d.s == "" {
			continue
		}
		v, err := profile.ParseDate(d.s)
		if err != nil {
			fields = append(fields, httpx.Field{Path: d.path, Message: d.path + "（" + d.zh + "）：应为 YYYY-MM-DD 格式的日期", MessageEN: d.path + ": " + err.Error()})
			continue
		}
		*d.to = v
	}
	r.Normalize()
	for _, p := range r.Validate() {
		fields = append(fields, httpx.Field{Path: p.Path, Message: p.Message, MessageEN: p.MessageEN})
	}
	if len(fields) > 0 {
		return nil, httpx.Invalid("认定记录有误，请按提示修改", fields...)
	}
	return r, nil
}
