package web

import "fmt"

// essentials are the figures of the data year that nearly every condition
// needs: the SME size test (营业收入, 从业人员) and the R&D tests (研发费用).
// Without them every tier would come out 缺数据, which tells the user
// nothing, so the self-test asks for them instead of computing.
var essentials = []string{"revenue", "employees", "rd_expense"}

// checkEssentials marks the essential inputs left empty; it reports whether
// the form may be evaluated.
func (f *selftestForm) checkEssentials() bool {
	ok := true
	for _, k := range essentials {
		in := fmt.Sprintf("years.%d.%s", f.Y, k)
		if f.Values[in] == "" && f.Errors[in] == "" {
			f.Errors[in] = "测算必填"
			ok = false
		}
	}
	return ok
}
