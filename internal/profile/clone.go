package profile

// Clone returns a deep copy of p: no pointer, slice or map of the copy is
// shared with p, so changing the copy (SetPath, AddPath, or writing through
// its pointers) never changes p.
//
// Clone is on the gap-analysis hot path (one clone per candidate change), so
// it is written by hand and allocates in blocks: the profile, its optional
// objects and all their scalar values share one allocation, all years share
// another, and the dates of all list elements a third. A pointer into a
// block keeps the whole block alive, which costs a few bytes and saves tens
// of allocations.
func (p *Profile) Clone() *Profile {
	if p == nil {
		return nil
	}
	b := new(profileBlock)
	c := &b.p
	*c = *p

	c.LegalPerson = cloneTo(&b.bools[0], p.LegalPerson)
	c.CoreBusinessOnIS = cloneTo(&b.bools[1], p.CoreBusinessOnIS)
	c.Established = cloneTo(&b.dates[0], p.Established)
	c.NicheSince = cloneTo(&b.dates[1], p.NicheSince)
	c.DigitalLevel = cloneTo(&b.ints[0], p.DigitalLevel)
	c.LocalScore = cloneTo(&b.decs[0], p.LocalScore)

	if f := p.Flags; f != nil {
		c.Flags = &b.flags
		b.flags = Flags{
			AbnormalList:       cloneTo(&b.bools[2], f.AbnormalList),
			SeriousDishonesty:  cloneTo(&b.bools[3], f.SeriousDishonesty),
			ProhibitedProduct:  cloneTo(&b.bools[4], f.ProhibitedProduct),
			MajorIncident3y:    cloneTo(&b.bools[5], f.MajorIncident3y),
			TaxViolation3y:     cloneTo(&b.bools[6], f.TaxViolation3y),
			ResearchMisconduct: cloneTo(&b.bools[7], f.ResearchMisconduct),
			DataFraudBanUntil:  BanDate{Known: f.DataFraudBanUntil.Known, Until: cloneTo(&b.dates[2], f.DataFraudBanUntil.Until)},
			SingleChampion:     cloneTo(&b.bools[8], f.SingleChampion),
			GroupConflict:      cloneTo(&b.bools[9], f.GroupConflict),
		}
	}
	if q := p.Quality; q != nil {
		c.Quality = &b.quality
		b.quality = Quality{
			QualityAward:          cloneTo(&b.bools[10], q.QualityAward),
			QualitySystemCert:     cloneTo(&b.bools[11], q.QualitySystemCert),
			OwnBrand:              cloneTo(&b.bools[12], q.OwnBrand),
			StandardParticipation: cloneTo(&b.bools[13], q.StandardParticipation),
			MgmtSystemCert:        cloneTo(&b.bools[14], q.MgmtSystemCert),
			DevelopedMarketCert:   cloneTo(&b.bools[15], q.DevelopedMarketCert),
		}
	}
	if pr := p.Product; pr != nil {
		c.Product = &b.product
		b.product = Product{
			Name:              pr.Name,
			StrategicEmerging: cloneTo(&b.bools[16], pr.StrategicEmerging),
			Domains:           cloneSlice(pr.Domains),
			MarketShare:       cloneTo(&b.decs[1], pr.MarketShare),
			MarketRank:        cloneTo(&b.ints[1], pr.MarketRank),
		}
	}

	if p.Years != nil {
		c.Years = make(map[int]*Year, len(p.Years))
		blocks := make([]yearBlock, len(p.Years))
		i := 0
		for y, yr := range p.Years {
			if yr == nil {
				c.Years[y] = nil
				continue
			}
			c.Years[y] = blocks[i].clone(yr)
			i++
		}
	}

	c.IP = cloneSlice(p.IP)
	c.Honors = cloneSlice(p.Honors)
	c.Titles = cloneSlice(p.Titles)
	c.Awards = cloneSlice(p.Awards)
	c.RDInstitutions = cloneSlice(p.RDInstitutions)
	c.Standards = cloneSlice(p.Standards)
	c.MakerChina = cloneSlice(p.MakerChina)

	// The lists' dates: count, allocate once, repoint.
	n := 0
	for i := range c.IP {
		n += count(c.IP[i].Granted) + count(c.IP[i].TransferDate)
	}
	for i := range c.Honors {
		n += count(c.Honors[i].ValidFrom) + count(c.Honors[i].ValidTo)
	}
	for i := range c.Titles {
		n += count(c.Titles[i].Recognized) + count(c.Titles[i].ValidTo)
	}
	if n > 0 {
		ds := dateArena(make([]Date, n))
		for i := range c.IP {
			e := &c.IP[i]
			e.Granted, e.TransferDate = ds.clone(e.Granted), ds.clone(e.TransferDate)
		}
		for i := range c.Honors {
			e := &c.Honors[i]
			e.ValidFrom, e.ValidTo = ds.clone(e.ValidFrom), ds.clone(e.ValidTo)
		}
		for i := range c.Titles {
			e := &c.Titles[i]
			e.Recognized, e.ValidTo = ds.clone(e.Recognized), ds.clone(e.ValidTo)
		}
	}
	return c
}

// profileBlock holds a cloned profile with its optional objects and the
// values their pointers point to.
type profileBlock struct {
	p       Profile
	flags   Flags
	quality Quality
	product Product
	bools   [17]bool // legal_person, core_business_on_is, 8 flags, 6 quality, strategic_emerging
	dates   [3]Date  // established, niche_since, data_fraud_ban_until
	ints    [2]int   // digital_level, market_rank
	decs    [2]Dec   // local_score, market_share
}

// yearBlock holds a cloned year and its values.
type yearBlock struct {
	y    Year
	decs [10]Dec
	ints [3]int64
}

func (b *yearBlock) clone(yr *Year) *Year {
	b.y = Year{
		Revenue:          cloneTo(&b.decs[0], yr.Revenue),
		MainRevenue:      cloneTo(&b.decs[1], yr.MainRevenue),
		RDExpense:        cloneTo(&b.decs[2], yr.RDExpense),
		TotalAssets:      cloneTo(&b.decs[3], yr.TotalAssets),
		TotalLiabilities: cloneTo(&b.decs[4], yr.TotalLiabilities),
		NetProfit:        cloneTo(&b.decs[5], yr.NetProfit),
		Employees:        cloneTo(&b.ints[0], yr.Employees),
		RDStaff:          cloneTo(&b.ints[1], yr.RDStaff),
		TechStaff:        cloneTo(&b.ints[2], yr.TechStaff),
		EquityFinancing:  cloneTo(&b.decs[6], yr.EquityFinancing),
		SalesRevenue:     cloneTo(&b.decs[7], yr.SalesRevenue),
		CostExpenseTotal: cloneTo(&b.decs[8], yr.CostExpenseTotal),
		PlatformScore:    cloneTo(&b.decs[9], yr.PlatformScore),
	}
	return &b.y
}

// cloneTo copies *src into the slot dst and returns dst, or nil for nil.
func cloneTo[T any](dst, src *T) *T {
	if src == nil {
		return nil
	}
	*dst = *src
	return dst
}

// cloneSlice copies s, keeping nil (unknown) apart from empty (none).
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	c := make([]T, len(s))
	copy(c, s)
	return c
}

func count(d *Date) int {
	if d == nil {
		return 0
	}
	return 1
}

// dateArena hands out the slots of one []Date in order.
type dateArena []Date

func (a *dateArena) clone(d *Date) *Date {
	if d == nil {
		return nil
	}
	slot := &(*a)[0]
	*a = (*a)[1:]
	*slot = *d
	return slot
}
