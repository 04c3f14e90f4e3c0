import type { FastifyInstance } from 'fastify'
import type { Server } from 'socket.io'
import type { Db } from '../db/database'
import type { PortalLookup } from '../customerPortal/portalLookup'
import type { KbService } from '../kb/kbService'
import { ChatGateway } from './chatGateway'
import { registerChatPages } from './chatPages'
import { ChatService } from './chatService'
import { VisitorTokens } from './visitorTokens'

export interface ChatDeps {
  db: Db
  kb: KbService
  portal: PortalLookup
  /** the server's token secret; visitor tokens are signed with a key derived from it */
  secret: string
  now: () => number
  /** the socket.io server, which exists once the server is about to listen */
  io: () => Server
}

/**
 * The customer chat: the widget pages now, the `/chat` namespace when the server is ready
 * (socket.io is created after the HTTP routes), stopped with the server.
 */
export function startChat(app: FastifyInstance, deps: ChatDeps): ChatService {
  let gateway: ChatGateway | null = null
  const service = new ChatService({
    db: deps.db.db,
    kb: deps.kb,
    portal: deps.portal,
    tokens: new VisitorTokens(deps.secret),
    now: deps.now,
    out: ChatGateway.outbox(() => deps.io().of('/chat')),
    onError: (err) => app.log.error({ err }, 'chat bot turn failed'),
  })
  registerChatPages(app)
  app.addHook('onReady', (done) => {
    gateway = new ChatGateway(deps.io(), service, app.log)
    done()
  })
  app.addHook('preClose', (done) => {
    gateway?.stop()
    done()
  })
  return service
}
