package profile_test

import (
	"fmt"

	"zjtx/internal/profile"
)

func ExampleDecodeBytes() {
	doc := []byte(`{
  "uscc": "91410173MA3XQ8N1DX",
  "name": "郑州示例精密机械有限公司",
  "_note": "keys starting with _ are comments",
  "years": {"2025": {"revenue": 3645, "rd_expense": -5, "employees": "120"}},
  "ip": [{"kind": "trademark"}]
}`)
	_, errs := profile.DecodeBytes(doc)
	for _, e := range errs {
		fmt.Println(e.MessageZH)
	}
	// Output:
	// years.2025.employees（从业人员数）：应为整数，不能是字符串
	// uscc（统一社会信用代码）：校验位错误（第 18 位为 X，应为 R），请核对代码
	// years.2025.rd_expense（研发费用）：不能为负数（实际为 -5）
	// ip[0].kind（知识产权类别）：未知取值“trademark”，可选：invention_patent、defense_patent、plant_variety、crop_variety、new_drug、tcm_protected、ic_layout、software_copyright、utility_model、design_patent
}

func ExampleProfile_SetPath() {
	p := &profile.Profile{USCC: "91350100M000100Y43", Name: "示例企业"}
	c := p.Clone()
	_ = c.SetPath("years.2025.rd_expense", "150")
	_ = c.AddPath("ip", []byte(`{"kind":"invention_patent","related":true,"self_developed":true}`))
	v, _ := c.GetPath("years.2025.rd_expense")
	_, inOriginal := p.GetPath("years.2025.rd_expense")
	fmt.Println(v, profile.Label("years.2025.rd_expense"), len(c.IP), inOriginal)
	// Output: 150 研发费用 1 false
}

func ExampleSizeClass() {
	employees, revenue := int64(999), profile.DecFromInt(50000)
	r := profile.SizeClass("C3484", &employees, &revenue, nil)
	fmt.Println(r.RowZH, r.SME, r.Size.ZH())
	employees = 1000
	r = profile.SizeClass("C3484", &employees, &revenue, nil)
	fmt.Println(r.RowZH, r.SME, r.Size.ZH())
	// Output:
	// 工业 true 中型
	// 工业 false 大型
}
