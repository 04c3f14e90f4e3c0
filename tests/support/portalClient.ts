import { request } from 'node:http'
import { PortalView } from '../../src/shared/portal/portal'

export interface PortalReply {
  status: number
  retryAfter: string | undefined
  json: Record<string, any>
  ms: number
}

/** POSTs JSON to the customer portal from a chosen loopback source address (127.0.0.x), as a phone would. */
export function portalPost(base: string, path: string, body: unknown, sourceIp = '127.0.0.1'): Promise<PortalReply> {
  const started = performance.now()
  const url = new URL(path, base)
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: sourceIp,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            json: JSON.parse(text) as Record<string, any>,
            ms: performance.now() - started,
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** The progress page's live stream as the browser's EventSource reads it: every `view` event, parsed. */
export class PortalStream {
  readonly views: PortalView[] = []
  private readonly abort = new AbortController()
  status = 0

  private constructor() {}

  static async open(base: string, token: string): Promise<PortalStream> {
    const stream = new PortalStream()
    const res = await fetch(new URL(`/api/portal/stream?token=${encodeURIComponent(token)}`, base), {
      signal: stream.abort.signal,
    })
    stream.status = res.status
    if (res.ok && res.body) void stream.read(res.body)
    return stream
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    const reader = body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.+)$/m.exec(frame)?.[1]
          const data = /^data: (.+)$/m.exec(frame)?.[1]
          if (event === 'view' && data) this.views.push(PortalView.parse(JSON.parse(data)))
        }
      }
    } catch {
      // closed by the test
    }
  }

  /** Resolves with the first view (already received or arriving) that satisfies `match`. */
  async next(match: (v: PortalView) => boolean, timeoutMs = 5000): Promise<PortalView> {
    const until = Date.now() + timeoutMs
    for (;;) {
      const hit = this.views.find(match)
      if (hit) return hit
      if (Date.now() > until) throw new Error(`no matching view within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  close(): void {
    this.abort.abort()
  }
}
