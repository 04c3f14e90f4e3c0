import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { sendError } from '../http/errors'
import { EMBED_JS } from './chatEmbed'
import { chatPage } from './chatHtml'
import { CHAT_JS } from './chatScript'
import { CHAT_CSS } from './chatStyles'

/**
 * Only this server's own files, no inline script or style. Unlike the progress page the widget
 * may be framed by any site: that is what the embed script does, and it holds nothing a framing
 * page could trick a visitor into revealing beyond what they type themselves.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors *",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
}

const JS = 'text/javascript; charset=utf-8'

const PageQuery = z.object({ embed: z.string().optional() })
const AssetParams = z.object({ name: z.string().max(64) })

function assets(): Record<string, { type: string; body: string }> {
  // the package exports its package.json, not the minified build: find the build beside it
  const pkg = createRequire(import.meta.url).resolve('socket.io-client/package.json')
  const client = join(dirname(pkg), 'dist/socket.io.min.js')
  return {
    'chat.css': { type: 'text/css; charset=utf-8', body: CHAT_CSS },
    'chat.js': { type: JS, body: CHAT_JS },
    'socket.io.min.js': { type: JS, body: readFileSync(client, 'utf8') },
  }
}

/** The chat widget page /chat, its assets, and /chat/embed.js for other sites. */
export function registerChatPages(app: FastifyInstance): void {
  const files = assets()
  app.get('/chat', (request, reply) => {
    const embedded = PageQuery.safeParse(request.query).data?.embed === '1'
    return reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(chatPage(embedded))
  })
  app.get('/chat/embed.js', (_req, reply) =>
    reply
      .headers({
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=300',
        'cross-origin-resource-policy': 'cross-origin',
      })
      .type(JS)
      .send(EMBED_JS),
  )
  app.get('/chat/assets/:name', (request, reply) => {
    const params = AssetParams.safeParse(request.params)
    const asset = params.success ? files[params.data.name] : undefined
    if (!asset) return sendError(reply, { code: 'NOT_FOUND', message: 'no such asset' })
    return reply
      .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' })
      .type(asset.type)
      .send(asset.body)
  })
}
