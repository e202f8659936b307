package web

import (
	"net/http"

	"zjtx/internal/auth"
)

// partnerHomeView is the home of a service institution or a bank: what the
// platform will let it do once its features land (DESIGN.md: services,
// support), instead of counts of enterprises it cannot see.
type partnerHomeView struct {
	base
	Heading  string
	Intro    string
	Features []feature
}

type feature struct {
	Title string
	Href  string // the feature's page; "" while it is being built
	Items []string
}

var partnerFeatures = map[auth.Role]partnerHomeView{
	auth.RoleInstitution: {
		Heading: "服务机构工作台",
		Intro:   "服务机构在平台上发布服务产品、对接企业需求、记录服务成效，服务成效计入机构年度考核。",
		Features: []feature{
			{"服务产品", "/products", []string{
				"按类别发布服务产品：技术创新、成果转化、数智改造、知识产权、融资、法律、出海、人才培训、管理咨询等",
				"市工信局从中组建按梯度和产业链组织的培育服务包",
			}},
			{"需求对接", "/demands", []string{
				"查看分派给本机构的企业需求（含企业差距诊断中的短板生成、经企业确认的需求）",
				"推荐本机构服务产品、联系企业、签约",
			}},
			{"服务记录", "/institutions", []string{
				"登记已交付的服务及佐证，企业评价",
				"查看本机构年度服务成效：对接数、评分、响应时长、补齐差距与梯度晋升",
			}},
		},
	},
	auth.RoleBank: {
		Heading: "金融机构工作台",
		Intro:   "金融机构在平台上办理专精特新贷等金融支持：“授权企业”列出已授权本行的企业及其剩余额度，“融资需求推送”列出待答复的需求。其余功能正在建设中。",
		Features: []feature{
			{"专精特新贷", "", []string{
				"查看已授权本机构查阅的企业（企业授权后可见）及其梯度称号与有效期",
				"按梯度查看授信额度参考",
			}},
			{"授信", "", []string{
				"登记对企业的授信与放款",
				"接收平台推荐的融资需求",
			}},
			{"政银企对接", "", []string{"报名参加政银企对接会等活动"}},
		},
	},
}

// partnerHome shows a service institution or a bank what it will be able to
// do; until then it sees no enterprises, so no counts and no export.
func (w *Web) partnerHome(rw http.ResponseWriter, r *http.Request, b base) {
	v := partnerFeatures[b.User.Role]
	v.base = b
	v.Title = v.Heading
	w.render(rw, r, http.StatusOK, "home_partner", v)
}
