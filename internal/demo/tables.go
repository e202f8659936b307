package demo

// The tables the demo draws from: Zhengzhou's county-level units with
// realistic weights, the GB/T 4754-2017 classes its SMEs work in with the
// words their names use and the city's key industrial chain (重点产业链) they
// belong to, and what each district is known for.

// regionWeight is how many of every 3,000 demo enterprises a unit gets:
// the development zones and central districts have the most SMEs, 上街区 and
// 惠济区 the fewest.
var regionWeights = []struct {
	code   string
	weight int
}{
	{"410102", 200}, {"410103", 150}, {"410104", 150}, {"410105", 280}, {"410106", 80}, {"410108", 100},
	{"410122", 170}, {"410181", 200}, {"410182", 170}, {"410183", 150}, {"410184", 200}, {"410185", 100},
	{"410171", 300}, {"410172", 350}, {"410173", 250}, {"410199", 150},
}

// countyPrefix is the name prefix firms of a county or county-level city
// commonly carry; firms elsewhere carry 郑州 or 河南.
var countyPrefix = map[string]string{
	"410122": "中牟县", "410181": "巩义市", "410182": "荥阳市", "410183": "新密市", "410184": "新郑市", "410185": "登封市",
}

// class is a GB/T 4754-2017 class (小类) with its chain and name words.
type class struct {
	code   string
	chain  string // 重点产业链; "" for classes outside the key chains
	words  []string
	weight int
}

var classes = []class{
	{"C1431", "现代食品", []string{"食品", "面业"}, 3},
	{"C1432", "现代食品", []string{"速冻食品", "食品"}, 4},
	{"C1441", "现代食品", []string{"乳业"}, 1},
	{"C1391", "现代食品", []string{"淀粉制品", "食品"}, 1},
	{"C1495", "现代食品", []string{"生物科技", "食品配料"}, 2},
	{"C1713", "", []string{"纺织", "棉纺"}, 1},
	{"C2319", "", []string{"包装", "印务"}, 2},
	{"C2614", "新材料", []string{"化工", "新材料"}, 2},
	{"C2651", "新材料", []string{"新材料", "高分子材料"}, 2},
	{"C2669", "新材料", []string{"精细化工", "化学"}, 2},
	{"C2710", "生物医药", []string{"药业"}, 1},
	{"C2720", "生物医药", []string{"制药", "药业"}, 2},
	{"C2740", "生物医药", []string{"中药", "药业"}, 2},
	{"C2761", "生物医药", []string{"生物科技", "生物制药"}, 2},
	{"C2770", "生物医药", []string{"医疗用品", "卫生材料"}, 1},
	{"C2929", "新材料", []string{"塑业", "塑胶制品"}, 2},
	{"C3089", "新材料", []string{"耐火材料", "耐材"}, 4},
	{"C3091", "新材料", []string{"碳素", "石墨"}, 2},
	{"C3099", "超硬材料", []string{"超硬材料", "金刚石", "磨料磨具"}, 4},
	{"C3130", "", []string{"特钢", "钢材"}, 1},
	{"C3216", "铝加工制品", []string{"铝业"}, 2},
	{"C3252", "铝加工制品", []string{"铝材", "铝业", "铝箔"}, 4},
	{"C3311", "装备制造", []string{"钢结构", "钢构"}, 2},
	{"C3421", "装备制造", []string{"数控机床", "机床"}, 2},
	{"C3432", "装备制造", []string{"起重机械", "起重设备"}, 3},
	{"C3484", "装备制造", []string{"精密机械", "机械制造", "传动科技"}, 5},
	{"C3511", "装备制造", []string{"矿山机械", "矿山装备"}, 3},
	{"C3514", "装备制造", []string{"工程机械", "隧道装备"}, 2},
	{"C3562", "电子信息", []string{"电子设备", "电子科技"}, 2},
	{"C3581", "生物医药", []string{"医疗器械", "医疗科技"}, 3},
	{"C3630", "汽车及零部件", []string{"专用汽车", "专用车"}, 2},
	{"C3670", "汽车及零部件", []string{"汽车零部件", "汽车配件", "汽车部件"}, 5},
	{"C3716", "装备制造", []string{"轨道交通设备", "轨道科技"}, 2},
	{"C3824", "新能源", []string{"电力电子", "电气"}, 2},
	{"C3825", "新能源", []string{"光伏科技", "新能源"}, 1},
	{"C3831", "装备制造", []string{"线缆", "电缆"}, 2},
	{"C3841", "新能源", []string{"锂电科技", "新能源", "电池"}, 2},
	{"C3921", "电子信息", []string{"通信技术", "通信科技"}, 2},
	{"C3962", "电子信息", []string{"智能科技", "车载电子"}, 2},
	{"C3976", "电子信息", []string{"光电科技", "光电"}, 2},
	{"C3982", "电子信息", []string{"电路科技", "电子"}, 2},
	{"C3983", "智能传感器", []string{"传感技术", "传感器", "传感科技"}, 4},
	{"C3985", "电子信息", []string{"电子材料"}, 1},
	{"C4011", "智能传感器", []string{"自动化", "自控技术"}, 3},
	{"C4014", "智能传感器", []string{"仪器", "分析仪器"}, 2},
	{"C4021", "智能传感器", []string{"环保科技", "环境监测"}, 2},
	{"I6511", "电子信息", []string{"软件", "信息技术"}, 2},
	{"I6513", "电子信息", []string{"软件科技", "信息技术", "网络科技"}, 5},
	{"I6520", "电子信息", []string{"芯片设计", "微电子", "集成电路"}, 2},
	{"I6531", "电子信息", []string{"信息系统", "智能科技", "数字科技"}, 4},
	{"I6550", "电子信息", []string{"数据科技", "云计算"}, 2},
	{"I6560", "电子信息", []string{"信息咨询", "数字技术"}, 2},
}

// specialties are the classes a unit is known for: 巩义 and 上街 for
// aluminium, 新密 and 登封 for refractories, 新郑 for food, 中牟 and the
// economic development zone for cars, the high-tech zone for sensors and
// software, the airport zone for electronics and biomedicine, 金水 and 郑东
// for software and information services.
var specialties = map[string][]string{
	"410102": {"C3099", "C3484", "C3511"},
	"410103": {"C3099", "C1432", "C3581"},
	"410104": {"C1441", "C3670", "C2319"},
	"410105": {"I6513", "I6531", "I6560", "I6550", "C4021"},
	"410106": {"C3216", "C3252", "C3716"},
	"410108": {"C1431", "C2720", "C1495"},
	"410122": {"C3670", "C3630", "C1432"},
	"410181": {"C3252", "C3216", "C3089", "C3091"},
	"410182": {"C3511", "C3514", "C3432", "C3484"},
	"410183": {"C3089", "C2929", "C3311"},
	"410184": {"C1432", "C1431", "C1495", "C2740"},
	"410185": {"C3089", "C3216", "C3091"},
	"410171": {"C3670", "C3514", "C3484", "C3562", "C3716"},
	"410172": {"C3983", "C4011", "I6513", "I6520", "C3099", "C3976"},
	"410173": {"C3962", "C3982", "C3921", "C2761", "C3581", "C3841"},
	"410199": {"I6531", "I6550", "I6560", "I6513"},
}

// The two characters of a trade name (字号) come from these: characters
// Henan firms favour (豫 for Henan, 嵩 for Mount Song, 中原 …).
var (
	tradeFirst  = []rune("华恒宏鑫瑞中豫嵩博远正德康泰新金源科安盛海天润汇昊航煜铭卓信弘兴嘉成明通诚致锦启")
	tradeSecond = []rune("晟宇泰鼎创盛峰诚润通辰达远航恒源力邦威拓汇科瑞隆丰凯伟翔睿阳")
)

// Legal forms, most firms being limited companies.
var legalForms = []struct {
	name   string
	weight int
}{{"有限公司", 85}, {"股份有限公司", 10}, {"有限责任公司", 5}}
