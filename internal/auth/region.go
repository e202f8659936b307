package auth

// Region is a county-level unit of the city (区县(市)/开发区): the unit of
// district scope.
type Region struct {
	Code     string // 6-digit administrative code, or a platform code
	Name     string
	Kind     string // district | county | county_city | zone
	National bool   // false: the code is the platform's own (郑东新区)
}
