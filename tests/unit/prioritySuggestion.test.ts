import { describe, expect, it } from 'vitest'
import { suggestPriority } from '../../src/shared/workOrders/prioritySuggestion'

describe('priority suggestion from customer tier and urgency words', () => {
  it('leaves a plain request from a basic customer at C, saying so', () => {
    expect(suggestPriority({ type: '咨询', tier: 'basic', text: '咨询延保价格' })).toEqual({
      priority: 'C',
      reason: '无紧急信号 → C',
    })
  })

  it('raises repeated failures to B and safety words to A, naming the words', () => {
    expect(suggestPriority({ type: '维修', tier: 'basic', text: '空调漏水，师傅多次上门' })).toEqual({
      priority: 'B',
      reason: '急迫词: 多次、漏水 → B',
    })
    expect(suggestPriority({ type: '维修', tier: 'potential', text: '插座冒烟，有安全隐患' })).toEqual({
      priority: 'A',
      reason: '紧急词: 冒烟、安全隐患 → A',
    })
  })

  it('starts complaints at B and lifts core customers one level', () => {
    expect(suggestPriority({ type: '投诉', tier: 'basic', text: '安装师傅迟到' }).priority).toBe('B')
    expect(suggestPriority({ type: '投诉', tier: 'core', text: '安装师傅迟到' })).toEqual({
      priority: 'A',
      reason: '类型: 投诉 → B; 核心客户: 提升一级',
    })
    expect(suggestPriority({ type: '表扬', tier: 'core', text: '服务很好' }).priority).toBe('B')
  })
})
