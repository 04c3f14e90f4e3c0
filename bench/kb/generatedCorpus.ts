import type { DemoArticle } from '../../src/server/seed/kbArticles'

/**
 * A large corpus for the scale figures, generated deterministically from the written articles:
 * each article mixes a product (with a model number), a symptom or topic and sentences taken
 * from the real bodies, so term statistics look like a real after-sales knowledge base.
 */
const PRODUCTS = [
  '空调',
  '柜机',
  '冰箱',
  '洗衣机',
  '电视',
  '热水器',
  '扫地机器人',
  '净化器',
  '油烟机',
  '洗碗机',
  '扫码枪',
]
const SERIES = ['KFR', 'BCD', 'XQG', 'JSQ', 'CXW', 'WQP', 'LED', 'S', 'P']
const TOPICS = [
  '不制冷',
  '漏水',
  '噪音大',
  '不启动',
  '报错',
  '安装',
  '退货',
  '换货',
  '保修',
  '延保',
  '配送',
  '发票',
  '预约',
  '积分',
  '清洗',
]

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function generateArticles(real: DemoArticle[], count: number, seed = 20261123): DemoArticle[] {
  const next = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!
  const sentences = real.flatMap((a) => a.body.split(/(?<=[。；])/).filter((s) => s.length > 4))
  const out: DemoArticle[] = []
  for (let i = 0; i < count; i++) {
    const product = pick(PRODUCTS)
    const model = `${pick(SERIES)}-${10 + Math.floor(next() * 90)}${pick(['GW', 'LW', 'W', '', 'A'])}`
    const topic = pick(TOPICS)
    const base = pick(real)
    const body = Array.from({ length: 3 + Math.floor(next() * 4) }, () => pick(sentences)).join('')
    out.push({
      id: `g-${String(i + 1).padStart(6, '0')}`,
      title: `${product} ${model} ${topic}：${base.title}`,
      category: base.category,
      tags: [product, topic, ...base.tags.slice(0, 2)],
      synonyms: base.synonyms.slice(0, 2),
      audience: next() < 0.5 ? 'internal' : 'customer',
      body,
    })
  }
  return out
}
