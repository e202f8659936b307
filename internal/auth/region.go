package auth

// Region is a county-level unit of the city (区县(市)/开发区): the unit of
// district scope.
type Region struct {
	Code     string // 6-digit administrative code, or a platform code
	Name     string
	Kind     string // district | county | county_city | zone
	National bool   // false: the code is the platform's own (郑东新区)
}

// ManagedRegions returns the regions of all that c may register enterprises
// in: every one for the city, its own for a district official, none for the
// other roles. Excel templates and imports are limited to them.
func (c Caller) ManagedRegions(all []Region) []Region {
	switch c.Role {
	case RoleCity:
		return all
	case RoleDistrict:
		for _, r := range all {
			if r.Code == c.Region {
				return []Region{r}
			}
		}
	}
	return nil
}
