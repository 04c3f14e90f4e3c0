import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import { sendError } from '../http/errors'
import type { Db } from '../db/database'
import { PORTAL_CSS } from './portalStyles'
import { COMMON_JS, PROGRESS_JS, SURVEY_JS } from './portalScripts'
import { progressPage, surveyPage } from './portalHtml'
import type { PortalFeed } from './portalFeed'
import type { PortalSessions } from './portalSessions'
import { loadPortalView } from './portalView'
import type { SurveyAnswers } from './surveyAnswers'
import { SurveyToken } from '../../shared/portal/portal'
import { registerStaticAssets, type StaticAsset } from '../http/staticAssets'

/** Only this server's own files: no inline script or style, no third party, no framing. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
}

const ASSETS: Record<string, StaticAsset> = {
  'portal.css': { type: 'text/css; charset=utf-8', body: PORTAL_CSS },
  'common.js': { type: 'text/javascript; charset=utf-8', body: COMMON_JS },
  'progress.js': { type: 'text/javascript; charset=utf-8', body: PROGRESS_JS },
  'survey.js': { type: 'text/javascript; charset=utf-8', body: SURVEY_JS },
}

const HEARTBEAT_MS = 15_000

export interface PortalPageDeps {
  db: Db
  now: () => number
  sessions: PortalSessions
  feed: PortalFeed
  surveys: SurveyAnswers
}

const html = (reply: FastifyReply, body: string) =>
  reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(body)

/**
 * The customer pages (no login): /p progress lookup and live view, /s/:token survey, their
 * assets, and the live stream the progress page listens to.
 */
export function registerPortalPages(app: FastifyInstance, deps: PortalPageDeps): void {
  const streams = new Set<ServerResponse>()
  // open streams would keep the server from closing
  app.addHook('preClose', (done) => {
    for (const res of streams) res.end()
    done()
  })

  app.get('/p', (_req, reply) => html(reply, progressPage()))
  app.get('/s/:token', async (request, reply) => {
    const parsed = SurveyToken.safeParse(request.params)
    const form = parsed.success ? await deps.surveys.form(parsed.data.token) : null
    if (!form) void reply.status(404)
    return html(reply, surveyPage(parsed.success ? parsed.data.token : '', form))
  })
  registerStaticAssets(app, '/portal/assets', ASSETS)

  /**
   * Server-sent events: the whole customer view first, then again after every change of the
   * order; `expired` when the session ends. EventSource reconnects by itself after a drop.
   */
  app.get('/api/portal/stream', async (request, reply) => {
    const parsed = z.object({ token: z.string().min(1).max(128) }).safeParse(request.query)
    const session = parsed.success ? await deps.sessions.resolve(parsed.data.token) : null
    if (!session) {
      return sendError(reply, { code: 'UNAUTHENTICATED', message: 'this progress session has expired' })
    }
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    })
    res.write('retry: 2000\n\n')
    streams.add(res)
    let last = ''
    let queue = Promise.resolve()
    const push = () => {
      queue = queue.then(async () => {
        const json = JSON.stringify(await loadPortalView(deps.db.db, session.workOrderId, deps.now()))
        if (json === last || res.writableEnded) return
        last = json
        res.write(`event: view\ndata: ${json}\n\n`)
      })
      queue = queue.catch((err: unknown) => request.log.warn({ err }, 'portal view failed'))
    }
    const unwatch = await deps.feed.watch(session.workOrderId, push)
    push()
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
    const expiry = setTimeout(
      () => {
        res.write('event: expired\ndata: {}\n\n')
        res.end()
      },
      Math.max(0, session.expiresAt - deps.now()),
    )
    res.on('close', () => {
      streams.delete(res)
      unwatch()
      clearInterval(heartbeat)
      clearTimeout(expiry)
    })
  })
}
