/** Knowledge-base articles the team wrote for the demo (no scraped content). */
export interface DemoArticle {
  id: string
  title: string
  category: string
  tags: string[]
  synonyms: string[]
  audience: 'internal' | 'customer'
  body: string
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    id: 'kb-0001',
    title: '退货政策：7 天无理由退货',
    category: '售后政策',
    tags: ['退货', '售后'],
    synonyms: ['退换货', '换货'],
    audience: 'customer',
    body: '自签收之日起 7 天内，商品完好、配件齐全即可申请无理由退货。\n\n1. 在订单详情点击“申请退货”；\n2. 门店或快递取件；\n3. 质检通过后 3 个工作日内原路退款。',
  },
  {
    id: 'kb-0002',
    title: '空调不制冷的排查步骤（KFR-35GW 等挂机）',
    category: '维修指引',
    tags: ['空调', '不制冷', '维修'],
    synonyms: ['不冷', '制冷差'],
    audience: 'internal',
    body: '先确认模式为“制冷”、设定温度低于室温；检查滤网是否堵塞；室外机是否运转。\n\n若室外机不转且有 E1 代码，安排上门检修，优先级按客户等级判断。',
  },
  {
    id: 'kb-0003',
    title: '保修期说明：整机 1 年，主要部件 3 年',
    category: '售后政策',
    tags: ['保修', '售后'],
    synonyms: ['质保', '三包'],
    audience: 'customer',
    body: '整机保修 1 年，压缩机等主要部件保修 3 年。保修凭购买发票或电子订单，门店可凭手机号查询。',
  },
  {
    id: 'kb-0004',
    title: '如何用服务码查询维修进度',
    category: '自助服务',
    tags: ['服务码', '进度查询'],
    synonyms: ['工单查询', '维修进度'],
    audience: 'customer',
    body: '在进度查询页输入服务码和手机号后四位，即可看到当前处理环节和预计完成时间。',
  },
  {
    id: 'kb-0005',
    title: '门店预约到店体验流程',
    category: '门店服务',
    tags: ['预约', '到店'],
    synonyms: ['预订', '到店体验'],
    audience: 'customer',
    body: '选择门店、服务类型和时间段即可预约，预约成功后出示二维码到前台扫码签到，无需排队登记。',
  },
  {
    id: 'kb-0006',
    title: '投诉处理规范：24 小时内首次回复',
    category: '服务规范',
    tags: ['投诉', '规范'],
    synonyms: ['客诉', '抱怨'],
    audience: 'internal',
    body: '紧急投诉 24 小时内答复，重要投诉 48 小时内答复。先致歉、复述问题、给出处理时限，并在工单中记录关注点。',
  },
  {
    id: 'kb-0007',
    title: '换货流程：同型号换新',
    category: '售后政策',
    tags: ['换货', '售后'],
    synonyms: ['退换货', '调换'],
    audience: 'customer',
    body: '15 天内出现性能故障可申请同型号换新，需提供检测报告。门店有货当场更换，无货登记后 3 天内到货通知。',
  },
  {
    id: 'kb-0008',
    title: '扫码枪无法识别二维码怎么办',
    category: '门店设备',
    tags: ['扫码枪', '二维码', '前台'],
    synonyms: ['扫描枪', '条码枪'],
    audience: 'internal',
    body: '检查扫码枪是否处于串口模式、波特率是否与设置页一致；输入法切换到英文；在设置页点击“扫码测试”。',
  },
  {
    id: 'kb-0009',
    title: '会员等级与权益（核心 / 潜力 / 基础）',
    category: '会员',
    tags: ['会员', '等级'],
    synonyms: ['VIP', '会员权益'],
    audience: 'internal',
    body: '年消费满 5000 元为核心会员，享专属顾问和优先排队；潜力会员享生日券；基础会员可参加门店活动。',
  },
  {
    id: 'kb-0010',
    title: '上门安装预约与收费标准',
    category: '安装服务',
    tags: ['安装', '上门'],
    synonyms: ['装机', '安装费'],
    audience: 'customer',
    body: '购机后免费标准安装一次；超出标准的铜管、支架按门店公示价收费，安装师傅出示价目表后再施工。',
  },
]
