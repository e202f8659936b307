package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// noneSet is what parse returns for a KindDomains cell reading 无: a known
// empty set, as opposed to "" (unknown).
const noneSet = "[]"

// set stores v, as returned by parse, into the record for the year key y
// (yearly columns only). v is never "".
func (c *Column) set(rec *enterprise.Record, y string, v string) error {
	p := rec.Profile
	switch {
	case c.Path == PathChain:
		rec.Chain = v
		return nil
	case c.Path == PathStatus:
		rec.Status = enterprise.Status(v)
		return nil
	case c.Path == PathVersion:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return fmt.Errorf("version %q is not a positive whole number", v)
		}
		rec.Version = n
		return nil
	case c.Kind == KindDomains:
		if p.Product == nil {
			p.Product = new(profile.Product)
		}
		p.Product.Domains = []string{}
		if v != noneSet {
			p.Product.Domains = strings.Split(v, ",")
		}
		return nil
	}
	if rest, ok := strings.CutPrefix(c.Path, "titles[]."); ok {
		if len(p.Titles) == 0 {
			p.Titles = []profile.Title{{}}
		}
		return p.SetPath("titles[0]."+rest, v)
	}
	if rest, ok := strings.CutPrefix(c.Path, "honors[]."); ok {
		i := honorIndex(p, c.Elem)
		if i < 0 {
			p.Honors = append(p.Honors, profile.Honor{Kind: c.Elem})
			i = len(p.Honors) - 1
		}
		return p.SetPath("honors["+strconv.Itoa(i)+"]."+rest, v)
	}
	if rest, ok := strings.CutPrefix(c.Path, "years.*."); ok {
		return p.SetPath("years."+y+"."+rest, v)
	}
	return p.SetPath(c.Path, v)
}

// get returns the record's value for the column as parse would return it,
// and false when it is unknown. For KindDomains it returns the labels.
func (c *Column) get(rec *enterprise.Record, y string) (string, bool) {
	if v, ok, handled := getResult(c, rec); handled {
		return v, ok
	}
	p := rec.Profile
	switch c.Path {
	case PathChain:
		return rec.Chain, rec.Chain != ""
	case PathStatus:
		return string(rec.Status), rec.Status != ""
	case PathRegionCode:
		return p.Region, p.Region != ""
	case PathCurrentTier:
		return rec.Tier, rec.Tier != ""
	case PathVersion:
		return strconv.FormatInt(rec.Version, 10), rec.Version > 0
	}
	if c.Kind == KindDomains {
		if p.Product == nil || p.Product.Domains == nil {
			return "", false
		}
		if len(p.Product.Domains) == 0 {
			return noneText, true
		}
		ls := make([]string, len(p.Product.Domains))
		for i, d := range p.Product.Domains {
			ls[i] = optionLabel(c.Options, d)
		}
		return strings.Join(ls, "、"), true
	}
	if rest, ok := strings.CutPrefix(c.Path, "titles[]."); ok {
		i := highestTitle(p)
		if i < 0 {
			return "", false
		}
		return p.GetPath("titles[" + strconv.Itoa(i) + "]." + rest)
	}
	if rest, ok := strings.CutPrefix(c.Path, "honors[]."); ok {
		i := honorIndex(p, c.Elem)
		if i < 0 {
			return "", false
		}
		return p.GetPath("honors[" + strconv.Itoa(i) + "]." + rest)
	}
	if rest, ok := strings.CutPrefix(c.Path, "years.*."); ok {
		return p.GetPath("years." + y + "." + rest)
	}
	return p.GetPath(c.Path)
}

// highestTitle returns the index of the highest tier title in p, the later
// recognised one on a tie, or -1. The sheet carries one title: the highest
// held, whatever its validity, as the 已获最高梯度称号 column asks.
func highestTitle(p *profile.Profile) int {
	best := -1
	for i, t := range p.Titles {
		if best < 0 {
			best = i
			continue
		}
		b := p.Titles[best]
		r, br := enterprise.TierRank(t.Tier), enterprise.TierRank(b.Tier)
		if r > br || r == br && t.Recognized != nil && (b.Recognized == nil || b.Recognized.Before(*t.Recognized)) {
			best = i
		}
	}
	return best
}

func honorIndex(p *profile.Profile, kind string) int {
	for i, h := range p.Honors {
		if h.Kind == kind {
			return i
		}
	}
	return -1
}
