import { afterEach, describe, expect, it } from 'vitest'
import { describeRefusal } from '../../src/renderer/src/i18n/describeRefusal'
import { i18n } from '../../src/renderer/src/i18n'

describe('a refused write, said in the agent’s language', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  const transition = {
    code: 'SCHEMA' as const,
    field: 'status',
    message: 'a work order cannot go from new to closed',
    reason: { key: 'invalidTransition' as const, params: { from: 'new', to: 'closed' } },
  }

  it('names both statuses in zh-CN, zh-TW and en, never the server’s English', () => {
    expect(describeRefusal(transition)).toBe('工单不能从「新建」直接改为「已关闭」')
    i18n.global.locale.value = 'zh-TW'
    expect(describeRefusal(transition)).toMatch(/^工單不能從「.+」直接改為「.+」$/)
    i18n.global.locale.value = 'en'
    expect(describeRefusal(transition)).toBe('A work order cannot go from “New” straight to “Closed”')
  })

  it('says another store’s record plainly, and falls back to the error code without a reason', () => {
    expect(describeRefusal({ code: 'FORBIDDEN', message: 'x', reason: { key: 'otherStore' } })).toBe(
      '该记录属于其他门店，本店无权修改',
    )
    expect(describeRefusal({ code: 'FORBIDDEN', message: 'this record belongs to another store' })).toBe(
      '没有权限执行此操作',
    )
  })
})
