import { describe, expect, it } from 'vitest'
import { ChatSendRequest } from '../../src/shared/chat/events'
import { CHAT_TEXT_MAX, ChatText } from '../../src/shared/chat/message'
import { findPhoneDigits, findServiceCode } from '../../src/server/chat/serviceCodeInText'

const refusal = (text: unknown) => {
  const r = ChatText.safeParse(text)
  return r.success ? null : r.error.issues[0]!.message
}

describe('chat message text', () => {
  it('keeps markup as the text it is: the widget shows it, never runs it', () => {
    for (const payload of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[点我](javascript:alert(1))',
      '<svg onload=alert(1)><circle r=1/></svg>',
      'javascript:alert(document.cookie)',
    ]) {
      expect(ChatText.parse(payload)).toBe(payload)
    }
  })

  it('keeps Chinese, emoji and line breaks; trims and normalises CRLF', () => {
    expect(ChatText.parse('  冰箱不制冷 😭\r\n怎么办  ')).toBe('冰箱不制冷 😭\n怎么办')
  })

  it('refuses empty, too long and 100 KB messages', () => {
    expect(refusal('   ')).toBe('the message is empty')
    expect(refusal('好'.repeat(CHAT_TEXT_MAX))).toBeNull()
    expect(refusal('好'.repeat(CHAT_TEXT_MAX + 1))).toMatch(/at most 4000/)
    expect(refusal('a'.repeat(100 * 1024))).toMatch(/at most 4000/)
    // 4,000 emoji are 8,000 UTF-16 units but 4,000 characters
    expect(refusal('😀'.repeat(CHAT_TEXT_MAX))).toBeNull()
  })

  it('refuses malformed Unicode, control characters and direction overrides', () => {
    expect(refusal('abc\uD800def')).toMatch(/well-formed/)
    expect(refusal('\uDC00')).toMatch(/well-formed/)
    expect(refusal('hi\u0000there')).toMatch(/control/)
    expect(refusal('bell\u0007')).toMatch(/control/)
    expect(refusal('esc\u001b[31m')).toMatch(/control/)
    expect(refusal('txt.\u202Eexe')).toMatch(/control/)
    expect(refusal('c1\u0085')).toMatch(/control/)
    expect(refusal('tab\tok')).toBeNull()
  })

  it('needs a well-formed client message id', () => {
    expect(ChatSendRequest.safeParse({ clientMessageId: 'abcdef0123456789', text: '你好' }).success).toBe(true)
    expect(ChatSendRequest.safeParse({ clientMessageId: '../x', text: '你好' }).success).toBe(false)
    expect(ChatSendRequest.safeParse({ text: '你好' }).success).toBe(false)
  })
})

describe('service code in a chat message', () => {
  it('finds the code in any case and the 4 digits beside it', () => {
    expect(findServiceCode('我的服务码是 7k3m9qxa，尾号 5678')).toBe('7K3M9QXA')
    expect(findPhoneDigits('我的服务码是 7k3m9qxa，尾号 5678', '7K3M9QXA')).toBe('5678')
    expect(findServiceCode('７Ｋ３Ｍ９ＱＸＡ')).toBe('7K3M9QXA')
  })

  it('ignores longer numbers and words', () => {
    expect(findServiceCode('电话 13800138000')).toBeNull()
    expect(findServiceCode('HELLOWORLD 空调')).toBeNull()
    expect(findPhoneDigits('13800138000', 'XXXXXXXX')).toBeNull()
  })
})
