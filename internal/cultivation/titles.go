package cultivation

import (
	"zjtx/internal/profile"
)

// validOn reports whether a window [from, to] (either end open) holds d.
func validOn(from, to *profile.Date, d profile.Date) bool {
	return (from == nil || !d.Before(*from)) && (to == nil || !to.Before(d))
}

// Holds reports whether the profile holds a title of tier or a higher one,
// valid on d: the tier's list entry is then 已认定. Titles are read from the
// profile, where recognitions are reflected, so the lists follow however a
// title arrives (a form, an import, an official published list).
func Holds(p *profile.Profile, tier string, d profile.Date) bool {
	want, ok := tierRank[tier]
	if !ok || p == nil {
		return false
	}
	for _, t := range p.Titles {
		if r, ok := tierRank[t.Tier]; ok && r >= want && validOn(t.Recognized, t.ValidTo, d) {
			return true
		}
	}
	return false
}

// heldText names the first title or 资质 of kinds that the profile holds
// valid on d, with its validity: "高新技术企业（有效期至 2026-11-30）".
func heldText(p *profile.Profile, kinds []string, d profile.Date) (string, bool) {
	for _, k := range kinds {
		for _, t := range p.Titles {
			if t.Tier == k && validOn(t.Recognized, t.ValidTo, d) {
				return withValidity(holdKinds[k], t.ValidTo), true
			}
		}
		for _, h := range p.Honors {
			if h.Kind == k && validOn(h.ValidFrom, h.ValidTo, d) {
				return withValidity(holdKinds[k], h.ValidTo), true
			}
		}
	}
	return "", false
}

func withValidity(name string, to *profile.Date) string {
	if to == nil {
		return name
	}
	return name + "（有效期至 " + to.String() + "）"
}

// relatedClass1IP counts the granted Ⅰ类 IP related to the main product
// (与主导产品相关). It is the plain count the bureau's plan speaks of when it
// screens for 发明专利; the engine's ip_count metric, with its transfer and
// holder-rank exclusions, decides the tier itself.
func relatedClass1IP(p *profile.Profile) int {
	n := 0
	for _, ip := range p.IP {
		if ip.Related && !ip.Pending && profile.IPClass(ip.Kind) == 1 {
			n++
		}
	}
	return n
}
