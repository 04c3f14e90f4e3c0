import { io, type Socket } from 'socket.io-client'
import type { Ack } from '../../src/shared/api/socket'
import { ChatJoinResult, chatServerEvents, QueueStatus, type ChatClientEventName } from '../../src/shared/chat/events'
import type { ChatMessage } from '../../src/shared/chat/message'
import { waitFor } from './waitFor'

/** A customer's chat widget as the server sees it: the `/chat` namespace over a real WebSocket. */
export class ChatVisitor {
  readonly messages: ChatMessage[] = []
  readonly queue: QueueStatus[] = []
  joined: ChatJoinResult | null = null

  private constructor(readonly socket: Socket) {
    socket.on('chat:message', (m: unknown) => this.messages.push(chatServerEvents['chat:message'].parse(m)))
    socket.on('chat:queue', (s: unknown) => this.queue.push(QueueStatus.parse(s)))
  }

  static async open(url: string, visitorToken?: string, lang: 'zh-CN' | 'zh-TW' | 'en' = 'zh-CN') {
    const socket = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('connect_error', reject)
    })
    const visitor = new ChatVisitor(socket)
    const joined = await visitor.call('chat:join', { visitorToken, lang })
    if (!joined.ok) throw new Error(`join refused: ${joined.error.message}`)
    visitor.joined = ChatJoinResult.parse(joined.result)
    return visitor
  }

  call(event: ChatClientEventName, payload: unknown): Promise<Ack<any>> {
    return this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<any>>
  }

  /** Sends a text and returns the ack's result (throws on a refusal). */
  async say(text: string, clientMessageId: string = crypto.randomUUID()) {
    const r = await this.call('chat:send', { clientMessageId, text })
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.result as { message: ChatMessage; duplicate: boolean }
  }

  /** The first pushed message (already here or arriving) that matches. */
  async next(match: (m: ChatMessage) => boolean, label = 'chat message'): Promise<ChatMessage> {
    await waitFor(label, async () => this.messages.some(match), 10_000)
    return this.messages.find(match)!
  }

  close(): void {
    this.socket.close()
  }
}
