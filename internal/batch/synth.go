package batch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"zjtx/internal/profile"
)

// Synthetic makes n reproducible synthetic manufacturing SME profiles with
// three data years (dataYear−2 … dataYear) and the platform score of the
// assessment year, spread so that every tier has passes, near misses and
// failures: revenue log-uniform over 300–40,000 万元, R&D 0–12 % of revenue,
// growth −10 %…+30 %, titles held in about the 10:4:1 proportions of the
// ladder. Scalars are carved out of shared blocks, so a million profiles fit
// in about a gigabyte.
func Synthetic(n int, seed uint64, dataYear int) []*profile.Profile {
	rng := rand.New(rand.NewPCG(seed, 0x5a4a5458))
	a := &arena{}
	out := make([]*profile.Profile, n)
	profiles := make([]profile.Profile, n)
	yearsBlock := make([]profile.Year, 4*n)
	f, t := false, true
	for i := range out {
		p := &profiles[i]
		out[i] = p
		p.USCC = fmt.Sprintf("SYN%015d", i)
		p.Name = fmt.Sprintf("合成企业%07d", i)
		p.Region = regions[rng.IntN(len(regions))]
		p.Industry = industries[rng.IntN(len(industries))]
		p.LegalPerson = &t
		niche := a.date(profile.Date{Y: 2008 + rng.IntN(17), M: time.Month(1 + rng.IntN(12)), D: 1})
		p.NicheSince = niche
		p.Flags = &profile.Flags{AbnormalList: &f, SeriousDishonesty: &f, ProhibitedProduct: &f, MajorIncident3y: &f,
			TaxViolation3y: &f, ResearchMisconduct: &f, SingleChampion: &f, GroupConflict: &f,
			DataFraudBanUntil: profile.BanDate{Known: true}}
		if rng.IntN(200) == 0 {
			p.Flags.AbnormalList = &t
		}
		p.Years = make(map[int]*profile.Year, 4)
		rev := math.Exp(math.Log(300) + rng.Float64()*(math.Log(40000)-math.Log(300)))
		growth := -0.1 + rng.Float64()*0.4
		share := 0.5 + rng.Float64()*0.5
		rdRatio := rng.Float64() * 0.12
		emp := int64(20 + rng.IntN(880))
		for k := 2; k >= 0; k-- {
			y := &yearsBlock[4*i+k]
			r := rev / math.Pow(1+growth, float64(k))
			y.Revenue = a.dec(r)
			y.MainRevenue = a.dec(r * share)
			y.RDExpense = a.dec(r * rdRatio * (0.9 + 0.2*rng.Float64()))
			assets := r * (0.6 + rng.Float64())
			y.TotalAssets = a.dec(assets)
			y.TotalLiabilities = a.dec(assets * (0.2 + 0.7*rng.Float64()))
			y.NetProfit = a.dec(r * (-0.05 + 0.2*rng.Float64()))
			y.Employees = a.int(emp)
			y.RDStaff = a.int(emp * int64(5+rng.IntN(35)) / 100)
			y.TechStaff = a.int(emp * int64(5+rng.IntN(40)) / 100)
			y.EquityFinancing = a.dec(0)
			if rng.IntN(10) == 0 {
				y.EquityFinancing = a.dec(float64(rng.IntN(3000)))
			}
			y.SalesRevenue = y.Revenue
			y.CostExpenseTotal = a.dec(r * 0.85)
			p.Years[dataYear-k] = y
		}
		score := &yearsBlock[4*i+3]
		score.PlatformScore = a.dec(float64(30 + rng.IntN(60)))
		p.Years[dataYear+1] = score
		nip := rng.IntN(7)
		p.IP = make([]profile.IP, nip)
		for j := range p.IP {
			p.IP[j] = profile.IP{Kind: ipKinds[rng.IntN(len(ipKinds))], Related: rng.IntN(5) > 0, SelfDeveloped: rng.IntN(3) > 0,
				HighValue: rng.IntN(10) == 0, Applied: rng.IntN(4) > 0, HolderRank: 1}
		}
		p.Honors = []profile.Honor{}
		if rng.IntN(10) < 3 {
			p.Honors = append(p.Honors, profile.Honor{Kind: profile.HighTechEnterprise,
				ValidFrom: a.date(profile.Date{Y: dataYear - 1, M: 12, D: 1}), ValidTo: a.date(profile.Date{Y: dataYear + 2, M: 11, D: 30})})
		}
		p.Titles = []profile.Title{}
		switch roll := rng.IntN(100); {
		case roll < 3:
			p.Titles = append(p.Titles, title(a, profile.TierLittleGiant, dataYear), title(a, profile.TierSRDI, dataYear), title(a, profile.TierInnovative, dataYear))
		case roll < 15:
			p.Titles = append(p.Titles, title(a, profile.TierSRDI, dataYear), title(a, profile.TierInnovative, dataYear))
		case roll < 45:
			p.Titles = append(p.Titles, title(a, profile.TierInnovative, dataYear))
		}
		p.Awards = []profile.Award{}
		if rng.IntN(20) == 0 {
			p.Awards = append(p.Awards, profile.Award{Level: "provincial", Year: dataYear - rng.IntN(3), Rank: 1 + rng.IntN(5)})
		}
		p.RDInstitutions = []profile.RDInstitution{}
		if l := rng.IntN(6); l > 0 && l < 5 {
			p.RDInstitutions = append(p.RDInstitutions, profile.RDInstitution{Level: []string{"", "other", "municipal", "provincial", "national"}[l]})
		}
		p.Standards = []profile.Standard{}
		p.MakerChina = []profile.MakerChina{}
		p.Quality = &profile.Quality{QualityAward: &f, QualitySystemCert: pick(rng, &t, &f), OwnBrand: pick(rng, &t, &f),
			StandardParticipation: pick(rng, &t, &f), MgmtSystemCert: pick(rng, &t, &f), DevelopedMarketCert: &f}
		dl := 1 + rng.IntN(4)
		p.DigitalLevel = &dl
		p.CoreBusinessOnIS = pick(rng, &t, &f)
		rank := 1 + rng.IntN(30)
		p.Product = &profile.Product{StrategicEmerging: pick(rng, &t, &f), Domains: domainSets[rng.IntN(len(domainSets))],
			MarketShare: a.dec(rng.Float64() * 0.3), MarketRank: &rank}
		p.LocalScore = a.dec(float64(rng.IntN(16)))
	}
	return out
}

var (
	regions    = []string{"410102", "410103", "410104", "410105", "410106", "410108", "410122", "410181", "410182", "410183", "410184", "410185", "410171", "410172", "410173"}
	industries = []string{"C3484", "C3972", "C3562", "C2669", "C3399", "C3824", "C3761", "C2710", "I6513", "I6520"}
	ipKinds    = []string{profile.InventionPatent, profile.InventionPatent, profile.SoftwareCopyright, profile.UtilityModel, profile.DesignPatent}
	domainSets = [][]string{{}, {profile.DomainSixBasics}, {profile.DomainChainKeyLink}, {profile.DomainEmerging}, {profile.DomainServesChainLeader, profile.DomainManufacturingPower}}
)

func pick(rng *rand.Rand, a, b *bool) *bool {
	if rng.IntN(2) == 0 {
		return a
	}
	return b
}

func title(a *arena, tier string, dataYear int) profile.Title {
	return profile.Title{Tier: tier, Recognized: a.date(profile.Date{Y: dataYear - 1, M: 1, D: 1}), ValidTo: a.date(profile.Date{Y: dataYear + 1, M: 12, D: 31})}
}

// arena hands out pointers into large blocks instead of one allocation per scalar.
type arena struct {
	decs  []profile.Dec
	ints  []int64
	dates []profile.Date
}

func (a *arena) dec(v float64) *profile.Dec {
	if len(a.decs) == cap(a.decs) {
		a.decs = make([]profile.Dec, 0, 1<<16)
	}
	a.decs = append(a.decs, profile.Dec(math.Round(v*100)*100)) // 万元 to 2 decimals
	return &a.decs[len(a.decs)-1]
}

func (a *arena) int(v int64) *int64 {
	if len(a.ints) == cap(a.ints) {
		a.ints = make([]int64, 0, 1<<16)
	}
	a.ints = append(a.ints, v)
	return &a.ints[len(a.ints)-1]
}

func (a *arena) date(d profile.Date) *profile.Date {
	if len(a.dates) == cap(a.dates) {
		a.dates = make([]profile.Date, 0, 1<<14)
	}
	a.dates = append(a.dates, d)
	return &a.dates[len(a.dates)-1]
}
