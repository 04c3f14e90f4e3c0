import { describe, expect, it } from 'vitest'
import { articleAnswer } from '../../src/shared/kb/articleAnswer'
import { suggestionConfidence } from '../../src/renderer/src/presentation/kbConfidence'

describe('the answer an agent inserts from a knowledge-base article', () => {
  it('is the whole body, as plain text, when the article has no answer heading', () => {
    expect(articleAnswer('自签收之日起 **7 天内**，商品完好即可申请[无理由退货](https://x/returns)。')).toBe(
      '自签收之日起 7 天内，商品完好即可申请无理由退货。',
    )
  })

  it('is only the section under an answer heading, up to the next heading of its level', () => {
    const body = [
      '## 适用范围',
      '仅限线上订单。',
      '## 回复话术',
      '您好，您的退货申请已受理：',
      '- 快递上门取件',
      '- 质检后 3 个工作日退款',
      '### 注意',
      '运费险按条款理赔。',
      '## 内部备注',
      '不要承诺当天到账。',
    ].join('\n')
    expect(articleAnswer(body)).toBe(
      '您好，您的退货申请已受理：\n• 快递上门取件\n• 质检后 3 个工作日退款\n注意\n运费险按条款理赔。',
    )
  })

  it('recognises English answer headings and keeps line breaks between paragraphs', () => {
    expect(articleAnswer('# Background\nold\n# Answer\nFirst.\n\n\n\nSecond `code`.')).toBe('First.\n\nSecond code.')
  })
})

describe('suggestion confidence from the search score', () => {
  it('maps the unbounded score onto 0–100 % with 1 − e^(−score/4)', () => {
    expect(suggestionConfidence(0)).toEqual({ percent: 0, level: 'low' })
    expect(suggestionConfidence(1)).toEqual({ percent: 22, level: 'low' })
    expect(suggestionConfidence(2.36)).toEqual({ percent: 45, level: 'medium' })
    expect(suggestionConfidence(5.58)).toEqual({ percent: 75, level: 'high' })
    expect(suggestionConfidence(100).percent).toBe(100)
  })

  it('never goes down as the score goes up', () => {
    let last = -1
    for (let s = 0; s < 20; s += 0.25) {
      const { percent } = suggestionConfidence(s)
      expect(percent).toBeGreaterThanOrEqual(last)
      last = percent
    }
  })
})
