import { AFTER_SALES } from './kbCorpus/afterSales'
import { BILLING_AND_DEVICES } from './kbCorpus/billingAndDevices'
import { MEMBERSHIP } from './kbCorpus/membership'
import { MORE_CASES } from './kbCorpus/moreCases'
import { parseCorpus } from './kbCorpus/parseCorpus'
import { PRODUCTS } from './kbCorpus/products'
import { REPAIRS } from './kbCorpus/repairs'
import { SERVICE_AND_DELIVERY } from './kbCorpus/serviceAndDelivery'
import { SERVICE_NORMS } from './kbCorpus/serviceNorms'

/** Knowledge-base articles the team wrote (no scraped content); also the search evaluation corpus. */
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
  AFTER_SALES,
  REPAIRS,
  SERVICE_AND_DELIVERY,
  MEMBERSHIP,
  BILLING_AND_DEVICES,
  SERVICE_NORMS,
  PRODUCTS,
  MORE_CASES,
]
  .flatMap(parseCorpus)
  .sort((a, b) => a.id.localeCompare(b.id))

/** The admin's synonym groups the demo starts with: words customers use for the same thing. */
export const DEMO_SYNONYM_GROUPS: string[][] = [
  ['退换货', '退货', '换货'],
  ['退款', '退钱'],
  ['保修', '质保', '保固', '三包'],
  ['扫码枪', '扫描枪', '条码枪', '扫码器'],
  ['空调', '冷气机'],
  ['发票', '开票'],
  ['不制冷', '不冷', '制冷差'],
  ['安装', '装机'],
  ['配送', '送货'],
  ['预约', '预订'],
  ['投诉', '客诉'],
  ['积分', '会员积分'],
  ['热水器', '热水炉'],
  ['wifi', 'wi-fi', '无线网'],
]
