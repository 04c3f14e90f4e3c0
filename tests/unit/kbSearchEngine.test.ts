import { describe, expect, it } from 'vitest'
import { KbSearchEngine, type KbDocument } from '../../src/shared/kb/kbSearchEngine'

/** A small KB where every query also has near misses: the right article must come first. */
const doc = (id: string, title: string, tags: string[], body: string, extra: Partial<KbDocument> = {}): KbDocument => ({
  id,
  title,
  body,
  category: '售后政策',
  tags,
  synonyms: [],
  audience: 'customer',
  status: 'published',
  ...extra,
})

const ARTICLES: KbDocument[] = [
  doc('returns', '退货政策：7 天无理由退货', ['退货'], '签收 7 天内商品完好可申请退货，质检后原路退款。'),
  doc('exchange', '换货流程：同型号换新', ['换货'], '15 天内性能故障可换新。退货请看退货政策。'),
  doc('after-sales', '售后服务总览', ['售后', '服务'], '售后包括维修、退换、安装与保养，拨打热线或到店办理。'),
  doc('warranty', '保修期说明', ['保修'], '整机保修一年，售后凭发票办理。', { synonyms: ['质保', '三包'] }),
  doc(
    'scanner',
    '扫码枪无法识别二维码怎么办',
    ['扫码枪', '前台'],
    '检查扫码枪的串口模式和波特率，在设置页做扫码测试。',
    {
      category: '门店设备',
      audience: 'internal',
    },
  ),
  doc('qr-print', '二维码打印模糊的处理', ['二维码', '打印机'], '更换打印头，调高打印浓度后重新打印二维码。', {
    category: '门店设备',
    audience: 'internal',
  }),
  doc(
    'ac-cooling',
    '空调不制冷的排查步骤（KFR-35GW 等挂机）',
    ['空调', '不制冷'],
    '确认制冷模式，清洗滤网，检查室外机。',
    {
      category: '维修指引',
      audience: 'internal',
    },
  ),
  doc('ac-noise', '空调噪音大的排查（KFR-26GW）', ['空调', '噪音'], '检查室外机支架是否松动，制冷时风扇是否碰擦。', {
    category: '维修指引',
    audience: 'internal',
  }),
  doc('ac-install', 'KFR-72LW 柜机安装要求', ['安装', '空调'], '柜机需要独立电源，安装位置离墙 30 厘米。', {
    category: '安装服务',
  }),
  doc('invoice', '电子发票开具与换开', ['发票', 'invoice'], '在订单页申请电子发票；抬头错误可申请换开一次。', {
    category: '发票',
  }),
  doc('membership', '会员等级与权益', ['会员'], '核心会员享专属顾问，积分可兑换延保服务。', { category: '会员' }),
  doc('draft', '退货新规（草稿）', ['退货'], '尚未发布。', { status: 'draft' }),
]

function engine(): KbSearchEngine {
  const e = new KbSearchEngine()
  e.build(ARTICLES)
  e.setSynonyms([['退换货', '退货', '换货']])
  return e
}

const firstId = (e: KbSearchEngine, q: string) => e.search(q, { status: 'published' })[0]?.id

describe('knowledge-base search engine', () => {
  it('finds the article for a 2-character word first: 售后', () => {
    expect(firstId(engine(), '售后')).toBe('after-sales')
  })

  it('matches Traditional script against Simplified articles: 退貨 finds 退货, 掃碼槍 finds 扫码枪', () => {
    const e = engine()
    expect(firstId(e, '退貨')).toBe('returns')
    expect(firstId(e, '掃碼槍')).toBe('scanner')
    expect(firstId(e, '掃碼槍 無法識別')).toBe('scanner')
  })

  it('ranks the model number together with the symptom first: KFR-35GW 不制冷', () => {
    const e = engine()
    const hits = e.search('KFR-35GW 不制冷')
    expect(hits[0]?.id).toBe('ac-cooling')
    expect(hits.map((h) => h.id)).toContain('ac-noise') // same family, ranked below
    expect(firstId(e, 'kfr35gw')).toBe('ac-cooling')
  })

  it('folds full-width input: ＫＦＲ－３５ＧＷ', () => {
    expect(firstId(engine(), 'ＫＦＲ－３５ＧＷ')).toBe('ac-cooling')
  })

  it('expands admin synonym groups: 退换货 finds the returns and exchange articles, typed word first', () => {
    const e = engine()
    const ids = e.search('退换货', { status: 'published' }).map((h) => h.id)
    expect(ids.slice(0, 2).sort()).toEqual(['exchange', 'returns'])
    // an article-level synonym (三包 on the warranty article) is searchable too
    expect(firstId(e, '三包')).toBe('warranty')
  })

  it('tolerates one typo in a Latin word of 4+ letters', () => {
    const e = engine()
    expect(firstId(e, 'invoce')).toBe('invoice')
    expect(firstId(e, 'invocie')).toBe('invoice')
    expect(e.search('inv')).toEqual([]) // too short to guess
  })

  it('returns a clean empty result for punctuation and FTS syntax, literal matches for words', () => {
    const e = engine()
    for (const q of ['"', '*', '"*"', '(', ')', 'NEAR(', '—', '。，！', '   ', '\u0000']) {
      expect(() => e.search(q)).not.toThrow()
    }
    for (const q of ['"', '*', '"*"', '(', '。，！', '   ']) expect(e.search(q), q).toEqual([])
    expect(e.search('NEAR(')).toEqual([]) // no article says "near": searched literally, nothing found
    expect(e.search('OR')).toEqual([])
    expect(firstId(e, '"退货" OR *')).toBe('returns')
  })

  it('weighs title and tags above body', () => {
    // both mention 二维码; the one with it in the title and tags wins
    const ids = engine()
      .search('二维码')
      .map((h) => h.id)
    expect(ids[0]).toBe('qr-print')
    expect(ids).toContain('scanner')
  })

  it('filters by category, audience and status', () => {
    const e = engine()
    expect(e.search('空调', { category: '安装服务' }).map((h) => h.id)).toEqual(['ac-install'])
    expect(e.search('空调', { audience: 'internal' }).map((h) => h.id)).not.toContain('ac-install')
    expect(e.search('退货', { status: 'draft' }).map((h) => h.id)).toEqual(['draft'])
    expect(e.search('退货', { status: 'published' }).map((h) => h.id)).not.toContain('draft')
  })

  it('highlights the matched spans in the original text', () => {
    const [hit] = engine().search('掃碼槍')
    const title = hit!.highlights.find((h) => h.field === 'title')!
    expect(title.spans.map(([s, e]) => title.text.slice(s, e))).toEqual(['扫码枪'])
    const [ac] = engine().search('KFR-35GW')
    const acTitle = ac!.highlights.find((h) => h.field === 'title')!
    expect(acTitle.spans.map(([s, e]) => acTitle.text.slice(s, e))).toEqual(['KFR-35GW'])
  })

  it('raises an article that agents marked helpful for the query, and for similar queries', () => {
    const e = engine()
    const before = e.search('空调制冷').map((h) => h.id)
    expect(before.slice(0, 2)).toEqual(['ac-cooling', 'ac-noise'])
    e.setFeedback([{ query: '空调 制冷', articleId: 'ac-noise', up: 5, down: 0 }])
    const after = e.search('空调制冷')
    expect(after.map((h) => h.id).slice(0, 2)).toEqual(['ac-noise', 'ac-cooling'])
    expect(after[0]!.feedbackBoost).toBeGreaterThan(1)
    expect(after[0]!.feedbackBoost).toBeLessThanOrEqual(1.5)
    // an unrelated query is not affected
    expect(e.search('发票')[0]!.feedbackBoost).toBe(1)
  })

  it('keeps the index right when articles change or leave', () => {
    const e = engine()
    e.upsert({ ...ARTICLES[4]!, title: '条码枪设置', tags: ['条码枪'], body: '串口模式。' })
    expect(e.search('波特率').map((h) => h.id)).toEqual([])
    expect(firstId(e, '条码枪')).toBe('scanner')
    e.remove('scanner')
    expect(e.search('条码枪').map((h) => h.id)).not.toContain('scanner')
    expect(e.size).toBe(ARTICLES.length - 1)
  })
})
