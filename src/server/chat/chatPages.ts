import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { EMBED_JS } from './chatEmbed'
import { chatPage } from './chatHtml'
import { CHAT_JS } from './chatScript'
import { CHAT_CSS } from './chatStyles'
import { registerStaticAssets, type StaticAsset } from '../http/staticAssets'

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

function assets(): Record<string, StaticAsset> {
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
  registerStaticAssets(app, '/chat/assets', files)
}
