// Package auth holds accounts, roles, the caller of a request, password
// hashing, login lockout, sessions, API tokens and audit records. It knows
// nothing of SQL or HTTP: the rules here are plain functions with the clock
// passed in, so the store applies them inside its transactions and tests
// drive them with a fixed time.
package auth

import (
	"strings"

	"zjtx/internal/apperr"
)

// Role is what an account is for; it decides what the account may see.
type Role string

// Roles.
const (
	RoleCity        Role = "city"        // 市工信局: every district
	RoleDistrict    Role = "district"    // 区县(市)/开发区工信部门: its own district only
	RoleEnterprise  Role = "enterprise"  // 企业: itself only
	RoleInstitution Role = "institution" // 服务机构: its products and matched demands
	RoleBank        Role = "bank"        // 金融机构: enterprises that consented
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{RoleCity, RoleDistrict, RoleEnterprise, RoleInstitution, RoleBank}

var roleNames = map[Role]string{
	RoleCity:        "市工信局",
	RoleDistrict:    "区县工信部门",
	RoleEnterprise:  "企业",
	RoleInstitution: "服务机构",
	RoleBank:        "金融机构",
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { _, ok := roleNames[r]; return ok }

// Label returns the Chinese name of the role.
func (r Role) Label() string { return roleNames[r] }

// ValidateRoleBinding checks that a role carries the link it needs: a
// district official belongs to a district, an enterprise account to an
// enterprise, an institution or bank account to its organisation (by name,
// until institutions and banks have tables of their own).
func ValidateRoleBinding(role Role, region string, enterpriseID int64, organization string) error {
	switch role {
	case RoleCity:
		return nil
	case RoleDistrict:
		if region == "" {
			return apperr.Errorf(apperr.EINVALID, "区县工信部门账号须指定所属区县")
		}
	case RoleEnterprise:
		if enterpriseID == 0 {
			return apperr.Errorf(apperr.EINVALID, "企业账号须关联企业")
		}
	case RoleInstitution, RoleBank:
		if strings.TrimSpace(organization) == "" {
			return apperr.Errorf(apperr.EINVALID, "%s账号须填写所属机构名称", role.Label())
		}
	default:
		return apperr.Errorf(apperr.EINVALID, "角色无效：%q", string(role))
	}
	return nil
}
