package web

import "zjtx/internal/programme"

// programmeNames are the Chinese names of the programme pages' codes, by
// table.
var programmeNames = map[string]map[string]string{
	"level":  programme.LevelZH,
	"role":   programme.RoleZH,
	"signup": programme.SignupStatusZH,
	"group":  programme.GroupZH,
	"stage":  programme.StageZH,
	"result": programme.ResultZH,
	"event":  programme.EventKindZH,
	"part":   programme.ParticipantRoleZH,
	"source": {"manual": "逐户邀请", "tier": "按梯度、区县", "planner": "轮训计划建议"},
}

// programmeZH names code in table; an unknown code is shown as it is.
func programmeZH(table, code string) string { return lookupOr(programmeNames[table], code) }
