import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

/**
 * Chat visitors' tokens: `v-<uuid>.<HMAC>`, signed with a key derived from the server secret, so
 * every node accepts them and a visitor cannot pose as another. The widget keeps the token in
 * localStorage: a reload or a dropped connection finds the same conversation.
 */
export class VisitorTokens {
  private readonly key: Buffer

  constructor(serverSecret: string) {
    this.key = createHmac('sha256', serverSecret).update('chat-visitor-token').digest()
  }

  issue(): { visitorId: string; token: string } {
    const visitorId = `v-${randomUUID()}`
    return { visitorId, token: `${visitorId}.${this.sign(visitorId)}` }
  }

  /** The visitor id a token names, or null when it was not signed here. */
  verify(token: string | undefined): string | null {
    const m = /^(v-[0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '')
    if (!m) return null
    const expected = Buffer.from(this.sign(m[1]!))
    const given = Buffer.from(m[2]!)
    return timingSafeEqual(expected, given) ? m[1]! : null
  }

  private sign(visitorId: string): string {
    return createHmac('sha256', this.key).update(visitorId).digest('base64url')
  }
}
